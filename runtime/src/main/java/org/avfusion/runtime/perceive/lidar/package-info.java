/**
 * The lidar obstacle pipeline: crop by range and height, voxel downsampling, ground segmentation on a polar grid,
 * Euclidean clustering over a voxel hash and an oriented box per cluster. Pure algorithms over preallocated,
 * reusable buffers (no allocation per sweep in steady state); no I/O, threads, ring or inference code. Depends on
 * the frame model ({@code drivers.frame}) and the voxel key table ({@code runtime.voxel}) only.
 */
package org.avfusion.runtime.perceive.lidar;
