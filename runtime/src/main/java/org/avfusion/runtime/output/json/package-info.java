/**
 * JSON encoders for the MQTT payloads (documented with examples in {@code docs/MQTT.md}): decision, objects,
 * occupancy and health. A small hand-written writer into a reused buffer keeps the encoders free of reflection;
 * the one allocation per message is the byte[] handed to the transport, which keeps it until delivered.
 */
package org.avfusion.runtime.output.json;
