/**
 * Multi-object tracking of fused objects in the odom frame: {@link org.avfusion.runtime.track.KalmanTracker} (a
 * constant-velocity Kalman filter per track, Hungarian assignment on Mahalanobis distance, birth after N hits,
 * class-dependent death, stable ids). Pure algorithms over preallocated buffers: no I/O, threads or plumbing; depends
 * on {@code runtime.assign} and {@code runtime.fusion} (the object classes) only.
 */
package org.avfusion.runtime.track;
