package org.avfusion.calibration.opencv;

import java.nio.file.Path;

/** An image left out of a calibration, and why (e.g. the chessboard was not found in it). */
public record RejectedView(Path file, String reason) {
    public RejectedView {
        if (file == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejected view names its file and the reason");
        }
    }
}
