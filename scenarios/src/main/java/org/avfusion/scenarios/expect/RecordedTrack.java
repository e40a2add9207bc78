package org.avfusion.scenarios.expect;

/**
 * One track as received on the {@code objects} topic (base_link at the reference stamp; over-ground velocity in
 * base_link's axes).
 */
public record RecordedTrack(long referenceStampNanos, long id, String objectClass, double xMeters, double yMeters,
        double vxMetersPerSecond, double vyMetersPerSecond) {
}
