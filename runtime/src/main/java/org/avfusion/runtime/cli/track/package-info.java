/**
 * {@code avfusion eval-tracking}: runs the lidar pipeline and the tracker ({@code runtime.track}) over a KITTI
 * tracking sequence and reports CLEAR MOT against its labels. Plumbing only: reads the sweeps, labels and
 * calibration, counts each label's lidar points and formats the result; the metrics live in
 * {@code runtime.track.eval}.
 */
package org.avfusion.runtime.cli.track;
