package org.avfusion.calibration.opencv;

import org.avfusion.calibration.tools.AlignmentScore;

/**
 * The outcome of one lidar-to-camera alignment check.
 *
 * @param score         how well projected depth edges fall on image edges (lower is better)
 * @param cloudPoints   points read from the cloud file
 * @param imageEdgePixels pixels Canny marked as edges in the image
 * @param widthPixels   image width
 * @param heightPixels  image height
 */
public record LidarCameraCheckResult(AlignmentScore score, int cloudPoints, int imageEdgePixels, int widthPixels,
        int heightPixels) {
}
