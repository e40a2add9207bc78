package org.avfusion.runtime.output.mqtt;

/**
 * The outputs {@link MqttOutput} publishes, with their MQTT delivery contract.
 * A decision is acknowledged (QoS 1) but never retained: a stale decision must not be replayed to a late
 * subscriber. Occupancy and objects are high-rate snapshots superseded by the next one (QoS 0). Health is retained
 * so that a subscriber connecting later sees the vehicle's last known state, and is the Last Will topic. The route is
 * retained too: a subscriber connecting mid-drive sees where the vehicle is going.
 */
public enum OutputTopic {
    DECISION("decision", 1, false),
    OCCUPANCY("occupancy", 0, false),
    OBJECTS("objects", 0, false),
    HEALTH("health", 1, true),
    /** The route being followed (map in the loop), a GeoJSON Feature, re-published when it changes. */
    ROUTE("route", 1, true);

    private final String suffix;
    private final int qos;
    private final boolean retained;

    OutputTopic(String suffix, int qos, boolean retained) {
        this.suffix = suffix;
        this.qos = qos;
        this.retained = retained;
    }

    /** Last topic level, e.g. {@code decision}. */
    public String suffix() {
        return suffix;
    }

    /** MQTT quality of service the output is published with (0 or 1). */
    public int qos() {
        return qos;
    }

    /** Whether the broker keeps the last message for later subscribers. */
    public boolean retained() {
        return retained;
    }
}
