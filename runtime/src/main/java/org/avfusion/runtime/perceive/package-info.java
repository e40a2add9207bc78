/**
 * Perception v1 on the lidar: ground segmentation and the polar obstacle scan the occupancy grid is built from.
 * Pure algorithms (points in, arrays out, no allocation per sweep); the ring stage that calls them lives in
 * {@code runtime.stage}. Depends on the frame model and calibration geometry only.
 */
package org.avfusion.runtime.perceive;
