/**
 * Warm-up before the first real frame: synthetic sweeps through the algorithms (ground segmentation, grid, obstacle
 * extraction, decision) and a few inferences of the configured detector, timed, plus the start-up budget check that
 * compares what warm-up measured with the configured rates. Plain Java over the algorithm packages and the
 * {@link org.avfusion.runtime.inference.CameraDetector}; no threads, no ring, no output.
 */
package org.avfusion.runtime.warmup;
