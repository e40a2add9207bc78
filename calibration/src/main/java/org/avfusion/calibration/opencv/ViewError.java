package org.avfusion.calibration.opencv;

import java.nio.file.Path;

/**
 * The reprojection error of one calibration view: the RMS distance, in pixels, between the detected chessboard
 * corners and the board's corners projected through the calibrated camera at that view's estimated pose.
 */
public record ViewError(Path file, double rmsPixels) {
    public ViewError {
        if (file == null || !(rmsPixels >= 0)) {
            throw new IllegalArgumentException("a view error names its file and a non-negative RMS, had " + file
                    + ", " + rmsPixels);
        }
    }
}
