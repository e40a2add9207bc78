package org.avfusion.runtime.plan;

import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoQuality;

/**
 * The decision's degraded-mode check on the ego-motion filter's estimate (issue #10):
 * <ul>
 * <li>{@link EgoQuality#UNKNOWN}: STOP, {@link DecisionReason#EGO_MOTION_UNKNOWN};</li>
 * <li>GNSS lost (a GNSS sensor is configured and the position has been dead-reckoned for longer than
 *     {@code deadReckonedMaxMillis}: since the last GNSS position, or, before the first, since the filter's first
 *     measurement, {@link EgoEstimate#deadReckonedSeconds()}): STOP, {@link DecisionReason#EGO_DEAD_RECKONED_TOO_LONG}.
 *     A drive that starts before its receiver's first fix is not stopped for that at once: its speed and yaw rate
 *     are known (else the quality is UNKNOWN), and the bound runs from the start. Until then a dead-reckoned
 *     estimate drives decisions as a fused one does: they use speed and yaw rate, which the relative sources measure
 *     directly; what drifts is the position;</li>
 * <li>otherwise nothing to say ({@code null}).</li>
 * </ul>
 * A profile without a GNSS sensor (an IMU + CAN vehicle, a recorded drive with lidar odometry) is dead-reckoned by
 * design and only the UNKNOWN rule applies. {@link DecisionReason#EGO_MOTION_STALE} belongs to the fallback path
 * (filter disabled) and is never produced here.
 *
 * <p>Stateless, no allocation.
 */
public final class EgoDegradedMode {
    private final boolean gnssConfigured;
    private final double deadReckonedMaxSeconds;

    /**
     * @param gnssConfigured        whether the profile has a GNSS sensor (a fix is expected)
     * @param deadReckonedMaxMillis how long after the last GNSS position decisions may go on
     */
    public EgoDegradedMode(boolean gnssConfigured, double deadReckonedMaxMillis) {
        if (!(deadReckonedMaxMillis > 0)) {
            throw new IllegalArgumentException("deadReckonedMaxMillis must be > 0, was " + deadReckonedMaxMillis);
        }
        this.gnssConfigured = gnssConfigured;
        this.deadReckonedMaxSeconds = deadReckonedMaxMillis / 1000.0;
    }

    /** @return the reason to STOP, or null when the estimate may drive the decision */
    public DecisionReason check(EgoEstimate ego) {
        if (ego.quality() == EgoQuality.UNKNOWN) {
            return DecisionReason.EGO_MOTION_UNKNOWN;
        }
        if (gnssConfigured && !(ego.deadReckonedSeconds() <= deadReckonedMaxSeconds)) {
            return DecisionReason.EGO_DEAD_RECKONED_TOO_LONG;
        }
        return null;
    }
}
