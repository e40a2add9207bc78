/**
 * Evaluation of a tracker against labelled objects: {@link org.avfusion.runtime.track.eval.ClearMot} accumulates
 * the CLEAR MOT metrics frame by frame. Plain Java, no I/O; depends on {@code runtime.assign} only.
 */
package org.avfusion.runtime.track.eval;
