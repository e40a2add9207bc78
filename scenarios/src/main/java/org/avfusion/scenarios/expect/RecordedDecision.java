package org.avfusion.scenarios.expect;

import java.util.List;

/**
 * One decision as received over MQTT (the fields of the {@code decision} topic's JSON that expectations use).
 *
 * @param kind                   PROCEED, SLOW, STOP or REROUTE
 * @param reason                 the decision reason
 * @param referenceStampNanos    vehicle time of the input
 * @param obstacleDistanceMeters NaN when clear
 * @param partial                the set it was made from lacked a sensor
 * @param missing                names of the sensors that contributed nothing
 * @param latencyMillis          reference stamp to publication, vehicle time
 * @param targetSpeedMetersPerSecond the speed asked for (NaN when not given)
 * @param trackId                the track the decision is for, 0 for none
 * @param detail                 the reason in words, naming the track
 * @param modalities             the modalities that contributed (LIDAR, CAMERA, DEPTH_MODEL)
 */
public record RecordedDecision(
        String kind, String reason, long referenceStampNanos, double obstacleDistanceMeters, boolean partial,
        List<String> missing, double latencyMillis, double targetSpeedMetersPerSecond, long trackId, String detail,
        List<String> modalities) {

    public RecordedDecision(String kind, String reason, long referenceStampNanos, double obstacleDistanceMeters,
            boolean partial, List<String> missing, double latencyMillis) {
        this(kind, reason, referenceStampNanos, obstacleDistanceMeters, partial, missing, latencyMillis, Double.NaN, 0,
                reason, List.of());
    }

    public double referenceSeconds() {
        return referenceStampNanos / 1e9;
    }

    public boolean isStop() {
        return "STOP".equals(kind);
    }

    /** Kind, reason, stamp and distance (to the centimetre): what must repeat exactly in a deterministic replay. */
    public String signature() {
        return kind + " " + reason + " " + referenceStampNanos + " "
                + (Double.isNaN(obstacleDistanceMeters) ? "-" : Math.round(obstacleDistanceMeters * 100));
    }
}
