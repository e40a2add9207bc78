/**
 * An MQTT broker inside the JVM (HiveMQ CE embedded), bound to 127.0.0.1 only, for {@code avfusion replay} and
 * the tests, so that neither needs an installed broker. HiveMQ is absent from the vehicle build (-Pvehicle):
 * only {@link org.avfusion.runtime.output.mqtt.broker.HiveMqLauncher} names its classes, and nothing loads that
 * class (or {@code HiveMqAccessExtension}, the in-process HiveMQ extension applying
 * {@link org.avfusion.runtime.output.mqtt.broker.BrokerAccessPolicy}) before
 * {@link org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker#isAvailable()} says it may. May depend on
 * {@code org.avfusion.runtime.output.mqtt} (for the runtime's credentials), never the reverse.
 */
package org.avfusion.runtime.output.mqtt.broker;
