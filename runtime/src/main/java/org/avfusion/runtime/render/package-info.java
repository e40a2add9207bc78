/**
 * Bird's-eye-view drawing of one decision's set: occupancy grid, obstacles, tracks with ids and velocity arrows, the
 * decision corridor, a banner with the decision and its reason, and the camera image with detections as an inset.
 * Pure drawing (java.awt images in, pixels out): no files, codecs or threads; the {@code render} command reads the
 * recording and encodes the video. Depends on the JDK only.
 */
package org.avfusion.runtime.render;
