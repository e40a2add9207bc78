/**
 * Time alignment: groups frames that belong together into {@link org.avfusion.runtime.align.AlignedSet}s around
 * a reference sensor (default: the lidar). Applies per-sensor clock offsets, picks the nearest camera frame within
 * a tolerance, interpolates GNSS/IMU ego motion at the reference stamp, tolerates out-of-order and late frames, and
 * never blocks on a dead sensor: a set goes out partial with a mask of what is missing. Pure algorithm: no ring,
 * threads, clocks or I/O; time comes in as arguments. Depends on the frame model only.
 */
package org.avfusion.runtime.align;
