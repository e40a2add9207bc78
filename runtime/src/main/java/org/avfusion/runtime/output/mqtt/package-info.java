/**
 * MQTT transport for the runtime's outputs: {@link org.avfusion.runtime.output.mqtt.MqttOutput} publishes the
 * JSON payloads the publish stage hands it under {@code avfusion/<vehicle-id>/...}, never blocking that stage, holds
 * decisions in a bounded (optionally file-backed) {@link org.avfusion.runtime.output.mqtt.DecisionOutbox} until the
 * broker acknowledges them, speaks TLS with {@link org.avfusion.runtime.output.mqtt.MqttSecurity}, and keeps the
 * broker connection alive with exponential backoff
 * ({@link org.avfusion.drivers.source.ReconnectBackoff}). Depends on the JDK, SLF4J, the Eclipse Paho MQTT v5 client
 * and {@code org.avfusion.drivers.source} only; it knows nothing of the ring, the JSON schema or the embedded broker.
 */
package org.avfusion.runtime.output.mqtt;
