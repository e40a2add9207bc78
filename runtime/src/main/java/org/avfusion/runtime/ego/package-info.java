/**
 * Ego-motion estimation: an extended Kalman filter that fuses IMU yaw rate, CAN/wheel speeds, GNSS position and
 * velocity and odometry twist into one planar estimate (position, heading, speed, yaw rate) with a quality and
 * per-source health, plus the GNSS latency estimator. Pure algorithm: no I/O, threads or pipeline types; depends on
 * the JDK and {@code org.avfusion.drivers.map.LocalTangentPlane} (geodesy) only.
 */
package org.avfusion.runtime.ego;
