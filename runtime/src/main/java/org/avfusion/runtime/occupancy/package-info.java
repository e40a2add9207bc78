/**
 * Occupancy v1: a 2D log-odds grid in the vehicle frame ({@code base_link}), moved with the ego between sweeps,
 * updated by ray casting (free along each ray, occupied at the hit), and the obstacles read off it as connected
 * occupied cells. Pure algorithms; depends on the perception scan and the buffer pool (snapshots are pooled).
 */
package org.avfusion.runtime.occupancy;
