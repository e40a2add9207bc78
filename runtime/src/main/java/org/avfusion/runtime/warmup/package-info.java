/**
 * Warm-up before the first real frame: synthetic sweeps through every stage's algorithms (ego filter and lidar
 * odometry when configured, ground segmentation, grid, obstacle extraction, a fresh track stage's clustering,
 * association and tracker, decision) and the publish path's encoders into discarded buffers, and a few inferences of
 * the configured detector, timed, then a replay's first recorded sweeps and camera images
 * ({@link org.avfusion.runtime.warmup.WarmUpFrames}, owned copies) through the same code; plus the start-up budget
 * check that compares what warm-up measured with the configured rates. Uses the algorithm packages, a fresh
 * {@link org.avfusion.runtime.stage.TrackStage}, the {@link org.avfusion.runtime.inference.CameraDetector} and the
 * output encoders; no threads, no ring, no channel.
 */
package org.avfusion.runtime.warmup;
