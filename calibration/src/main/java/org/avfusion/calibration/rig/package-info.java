/**
 * The vehicle rig: its sensors (type, frame, clock offset, camera intrinsics) over the tree of coordinate frames,
 * validated as a whole. Pure model on {@code geometry}, {@code camera}, {@code projection} and {@code time}; files
 * are read and written by {@code calibration.io}.
 */
package org.avfusion.calibration.rig;
