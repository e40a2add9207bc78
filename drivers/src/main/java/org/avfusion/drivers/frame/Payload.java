package org.avfusion.drivers.frame;

/**
 * The content of a frame. Sealed: stages switch over the kinds the runtime fuses.
 */
public sealed interface Payload permits PointCloud, CameraImage, GnssFix, ImuSample, TwistSample {
    /** The sensor kind that produces this payload type. */
    SensorKind kind();
}
