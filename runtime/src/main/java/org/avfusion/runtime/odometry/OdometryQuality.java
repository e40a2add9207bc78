package org.avfusion.runtime.odometry;

/** How far an {@link OdometryEstimate} can be trusted; what a fusion filter gates on. */
public enum OdometryQuality {
    /** The first sweep: it seeded the map; the pose is the identity and there is no velocity yet. */
    INITIALIZED,
    /** Registered against the map with enough correspondences. */
    TRACKING,
    /**
     * Registered, but the geometry in view did not constrain some translation direction (a featureless road between
     * parallel walls: nothing fixes the motion along it): along that direction the pose is the prediction
     * (constant velocity, or a velocity given through {@link LidarOdometry#setVelocity}), across it the registration.
     * Not for a filter to trust as a measurement of the speed along the road.
     */
    DEGRADED,
    /**
     * Too few correspondences (a sweep with almost nothing in range, or a map the sweep does not overlap): the pose
     * is the constant-velocity prediction and the sweep still extends the map.
     */
    PREDICTED,
    /** The sweep had no usable point (empty, or all NaN or out of range): nothing changed, the pose is the last one. */
    EMPTY_SWEEP,
    /** The sweep was not newer than the last one processed: rejected, nothing changed, the pose is the last one. */
    OUT_OF_ORDER
}
