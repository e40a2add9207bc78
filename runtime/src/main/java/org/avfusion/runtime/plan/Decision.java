package org.avfusion.runtime.plan;

import java.util.Objects;
import org.avfusion.runtime.ego.EgoQuality;

/**
 * One decision, made for the aligned set with reference stamp {@code referenceStampNanos}.
 *
 * @param kind                        what to do
 * @param reason                      why
 * @param referenceStampNanos         vehicle time of the input it was made from
 * @param obstacleDistanceMeters      distance along the path from the front bumper to the nearest occupied cell in
 *                                    the corridor, or NaN when clear or unknown
 * @param stoppingDistanceMeters      the distance the ego needs to stop comfortably at its speed, plus stand-off
 * @param speedMetersPerSecond        ego speed used, NaN when unknown
 * @param targetSpeedMetersPerSecond  speed to hold or reach (0 for STOP)
 * @param curvaturePerMeter           path curvature used for the corridor (yaw rate / speed), left positive
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
        EgoQuality egoQuality) {

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** A decision made without the ego-motion filter ({@link #egoQuality()} null). */
    public Decision(DecisionKind kind, DecisionReason reason, long referenceStampNanos, double obstacleDistanceMeters,
            double stoppingDistanceMeters, double speedMetersPerSecond, double targetSpeedMetersPerSecond,
            double curvaturePerMeter) {
        this(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters, speedMetersPerSecond,
                targetSpeedMetersPerSecond, curvaturePerMeter, null);
    }

    /** This decision with the ego-motion quality it was made with. */
    public Decision withEgoQuality(EgoQuality quality) {
        return new Decision(kind, reason, referenceStampNanos, obstacleDistanceMeters, stoppingDistanceMeters,
                speedMetersPerSecond, targetSpeedMetersPerSecond, curvaturePerMeter, quality);
    }
}
