package org.avfusion.runtime.plan;

import java.util.Locale;
import java.util.Objects;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;

/**
 * One decision, made for the aligned set with reference stamp {@code referenceStampNanos}.
 *
 * @param kind                        what to do
 * @param reason                      why
 * @param referenceStampNanos         vehicle time of the input it was made from
 * @param obstacleDistanceMeters      distance along the path from the front bumper to the nearest occupied cell in
 *                                    the corridor (or to the track the decision is for), or NaN when clear or
 *                                    unknown
 * @param stoppingDistanceMeters      the distance the ego needs to stop comfortably at its speed, plus stand-off
 * @param speedMetersPerSecond        ego speed used, NaN when unknown
 * @param targetSpeedMetersPerSecond  speed to hold or reach (0 for STOP)
 * @param curvaturePerMeter           path curvature used for the corridor (yaw rate / speed), left positive
 * @param trackId                     the track the decision is for (ids from 1), 0 when it is for none
 * @param trackClass                  that track's class, null when the decision is for none
 * @param modalityMask                the modalities that contributed ({@link Modality#bit()} mask): the track's for a
 *                                    decision on a track, lidar for one on the grid, every input looked at otherwise
 * @param decelerationMetersPerSec2   deceleration asked for to reach the target speed in time (>= 0)
 * @param egoQuality                  the ego-motion filter's quality for the estimate the decision used, or null
 *                                    when the filter is disabled by config (interpolated GNSS/IMU fallback)
 */
public record Decision(
        DecisionKind kind,
        DecisionReason reason,
        long referenceStampNanos,
        double obstacleDistanceMeters,
        double stoppingDistanceMeters,
        double speedMetersPerSecond,
        double targetSpeedMetersPerSecond,
        double curvaturePerMeter,
        long trackId,
        ObjectClass trackClass,
        int modalityMask,
        double decelerationMetersPerSec2,
        EgoQuality egoQuality) {

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (trackId < 0) {
            throw new IllegalArgumentException("trackId must be >= 0 (0: none), was " + trackId);
        }
        if (!(decelerationMetersPerSec2 >= 0)) {
            throw new IllegalArgumentException("decelerationMetersPerSec2 must be >= 0, was "
                    + decelerationMetersPerSec2);
        }
    }

    /** A decision on no track, from lidar alone, asking for no particular deceleration. */
    public Decision(DecisionKind kind, DecisionReason reason, long referenceStampNanos, double obstacleDistanceMeters,
            double stoppingDistanceMeters, double speedMetersPerSecond, double targetSpeedMetersPerSecond,
            double curvaturePerMeter) {
        this(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters, speedMetersPerSecond,
                targetSpeedMetersPerSecond, curvaturePerMeter, 0, null, Modality.LIDAR.bit(), 0.0, null);
    }

    /** A decision made without the ego-motion filter ({@link #egoQuality()} null). */
    public Decision(DecisionKind kind, DecisionReason reason, long referenceStampNanos, double obstacleDistanceMeters,
            double stoppingDistanceMeters, double speedMetersPerSecond, double targetSpeedMetersPerSecond,
            double curvaturePerMeter, long trackId, ObjectClass trackClass, int modalityMask,
            double decelerationMetersPerSec2) {
        this(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters, speedMetersPerSecond,
                targetSpeedMetersPerSecond, curvaturePerMeter, trackId, trackClass, modalityMask,
                decelerationMetersPerSec2, null);
    }

    /** A decision on no track, from lidar alone, with the ego-motion filter's quality. */
    public Decision(DecisionKind kind, DecisionReason reason, long referenceStampNanos, double obstacleDistanceMeters,
            double stoppingDistanceMeters, double speedMetersPerSecond, double targetSpeedMetersPerSecond,
            double curvaturePerMeter, EgoQuality egoQuality) {
        this(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters, speedMetersPerSecond,
                targetSpeedMetersPerSecond, curvaturePerMeter, 0, null, Modality.LIDAR.bit(), 0.0, egoQuality);
    }

    /** This decision with the ego-motion filter's quality. */
    public Decision withEgoQuality(EgoQuality quality) {
        return new Decision(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters,
                speedMetersPerSecond, targetSpeedMetersPerSecond, curvaturePerMeter, trackId, trackClass, modalityMask,
                decelerationMetersPerSec2, quality);
    }

    /** This decision with other contributing modalities. */
    public Decision withModalities(int mask) {
        return new Decision(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters,
                speedMetersPerSecond, targetSpeedMetersPerSecond, curvaturePerMeter, trackId, trackClass, mask,
                decelerationMetersPerSec2, egoQuality);
    }

    /** This decision with a deceleration asked for. */
    public Decision withDeceleration(double metersPerSec2) {
        return new Decision(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters,
                speedMetersPerSecond, targetSpeedMetersPerSecond, curvaturePerMeter, trackId, trackClass,
                modalityMask, metersPerSec2, egoQuality);
    }

    /** The reason in words, naming the track: {@code FOLLOWING track 7 vehicle 24.9 m}. */
    public String describe() {
        StringBuilder b = new StringBuilder(reason.name());
        if (trackId > 0) {
            b.append(" track ").append(trackId).append(' ').append(trackClass == null ? "unknown" : trackClass.label());
        }
        if (!Double.isNaN(obstacleDistanceMeters)) {
            b.append(String.format(Locale.ROOT, " %.1f m", obstacleDistanceMeters));
        }
        return b.toString();
    }
}
