package org.avfusion.calibration.opencv;

/**
 * How {@link LidarCameraCheck} finds the image's edges: a Gaussian blur, then Canny with two thresholds.
 *
 * @param blurSigmaPixels Gaussian sigma before Canny (texture suppression), pixels; 0 for none
 * @param cannyLow        Canny's lower hysteresis threshold (gradient magnitude, 8-bit grey levels)
 * @param cannyHigh       Canny's upper threshold
 */
public record ImageEdgeConfig(double blurSigmaPixels, double cannyLow, double cannyHigh) {

    /** sigma 1.2 px, thresholds 50 / 150 (on KITTI 000000 these separate the true extrinsic best from turned ones). */
    public static final ImageEdgeConfig DEFAULTS = new ImageEdgeConfig(1.2, 50, 150);

    public ImageEdgeConfig {
        if (!(blurSigmaPixels >= 0)) {
            throw new IllegalArgumentException("blurSigmaPixels must be >= 0, was " + blurSigmaPixels);
        }
        if (!(cannyLow > 0) || !(cannyHigh >= cannyLow)) {
            throw new IllegalArgumentException("Canny thresholds must satisfy 0 < low <= high, were " + cannyLow
                    + ", " + cannyHigh);
        }
    }
}
