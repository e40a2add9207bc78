/**
 * The frame model: what every driver produces and every stage consumes.
 *
 * <p>A frame is an immutable {@link org.avfusion.drivers.frame.FrameHeader} (sensor, capture stamp in
 * vehicle monotonic nanoseconds, per-sensor sequence) plus a {@link org.avfusion.drivers.frame.Payload}.
 * Small payloads ({@link org.avfusion.drivers.frame.GnssFix}, {@link org.avfusion.drivers.frame.ImuSample})
 * are immutable records; large ones ({@link org.avfusion.drivers.frame.PointCloud},
 * {@link org.avfusion.drivers.frame.CameraImage}) are pooled, reference-counted buffers (see
 * {@link org.avfusion.drivers.pool.PooledPayload} for the ownership rule). Depends on nothing but the JDK.
 */
package org.avfusion.drivers.frame;
