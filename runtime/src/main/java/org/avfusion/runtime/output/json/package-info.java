/**
 * JSON output on Jackson's streaming generator, configured once ({@link org.avfusion.runtime.output.json.JsonFormat}):
 * the MQTT payload encoders (documented with examples in {@code docs/MQTT.md}: decision, objects, occupancy, health)
 * writing into a reused buffer, and the buffered JSON-lines writer of the CLI. Numbers print exactly as before the
 * move to Jackson ({@link org.avfusion.runtime.output.json.NumberText}). Depends on Jackson core and the value types
 * it encodes.
 */
package org.avfusion.runtime.output.json;
