/**
 * Lidar odometry: scan-to-map point-to-point ICP in the style of KISS-ICP (Vizzo et al., RA-L 2023) with a
 * constant-velocity prediction, per-point deskewing, a voxel-hashed local map and an adaptive correspondence
 * threshold; optionally point-to-plane on planar map neighbourhoods and a degeneracy check that keeps the prediction
 * along directions the geometry does not constrain. Pure algorithms over preallocated, reusable buffers: no I/O,
 * threads, ring or inference code.
 * Depends on the frame model ({@code drivers.frame}), calibration geometry ({@code calibration.geometry}) and the
 * voxel key table ({@code runtime.voxel}) only.
 */
package org.avfusion.runtime.odometry;
