/**
 * An MQTT broker inside the JVM (HiveMQ CE embedded), bound to 127.0.0.1 only, for {@code avfusion replay} and
 * the tests, so that neither needs an installed broker. HiveMQ is absent from the vehicle build (-Pvehicle):
 * only {@link org.avfusion.runtime.output.mqtt.broker.HiveMqLauncher} names its classes, and nothing loads that
 * class before {@link org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker#isAvailable()} says it may.
 */
package org.avfusion.runtime.output.mqtt.broker;
