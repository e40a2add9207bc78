package org.avfusion.runtime.output.mqtt;

import java.util.Objects;

/**
 * The topic names the runtime publishes under, in one place so that code, tests and documentation agree:
 * {@code avfusion/<vehicleId>/decision}, {@code .../occupancy}, {@code .../objects} and {@code .../health}.
 * Stateless, thread-safe.
 */
public final class MqttTopics {

    /** First topic level of everything avfusion publishes. */
    public static final String ROOT = "avfusion";

    private MqttTopics() {
    }

    /** {@code avfusion/<vehicleId>/decision}: QoS 1, not retained. */
    public static String decision(String vehicleId) {
        return of(vehicleId, OutputTopic.DECISION);
    }

    /** {@code avfusion/<vehicleId>/occupancy}: QoS 0, not retained. */
    public static String occupancy(String vehicleId) {
        return of(vehicleId, OutputTopic.OCCUPANCY);
    }

    /** {@code avfusion/<vehicleId>/objects}: QoS 0, not retained. */
    public static String objects(String vehicleId) {
        return of(vehicleId, OutputTopic.OBJECTS);
    }

    /** {@code avfusion/<vehicleId>/health}: QoS 1, retained, also carries the Last Will. */
    public static String health(String vehicleId) {
        return of(vehicleId, OutputTopic.HEALTH);
    }

    /** {@code avfusion/<vehicleId>/+}: every output of one vehicle (for subscribers). */
    public static String allOf(String vehicleId) {
        return ROOT + "/" + Objects.requireNonNull(vehicleId, "vehicleId") + "/+";
    }

    /** The topic of {@code topic} for {@code vehicleId}. */
    public static String of(String vehicleId, OutputTopic topic) {
        Objects.requireNonNull(vehicleId, "vehicleId");
        return ROOT + "/" + vehicleId + "/" + topic.suffix();
    }
}
