package org.avfusion.runtime.perceive.detect;

/**
 * The geometry of fitting a {@code sourceWidth x sourceHeight} image into a {@code inputWidth x inputHeight} model
 * input without distortion: scale by {@code scale} (the same on both axes) to {@code resizedWidth x resizedHeight},
 * place it at {@code (padLeft, padTop)}, fill the rest with the pad value. All sizes in pixels.
 *
 * <p>A value: compute it once per source size and reuse it (a detector caches it), not once per frame.
 */
public record Letterbox(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight, double scale,
                        int resizedWidth, int resizedHeight, int padLeft, int padTop) {
    public Letterbox {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source size must be positive, was " + sourceWidth + "x" + sourceHeight);
        }
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("input size must be positive, was " + inputWidth + "x" + inputHeight);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, was " + scale);
        }
        if (resizedWidth < 1 || resizedHeight < 1 || padLeft < 0 || padTop < 0
                || padLeft + resizedWidth > inputWidth || padTop + resizedHeight > inputHeight) {
            throw new IllegalArgumentException("resized " + resizedWidth + "x" + resizedHeight + " at (" + padLeft + ", "
                    + padTop + ") does not fit the input " + inputWidth + "x" + inputHeight);
        }
    }

    /**
     * The largest undistorted fit: {@code scale = min(inputW / sourceW, inputH / sourceH)}, resized sizes truncated to
     * whole pixels as YOLOX does (at least 1).
     */
    public static Letterbox fit(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight,
                                LetterboxAnchor anchor) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source size must be positive, was " + sourceWidth + "x" + sourceHeight);
        }
        double scale = Math.min((double) inputWidth / sourceWidth, (double) inputHeight / sourceHeight);
        // truncated like YOLOX's preproc (int(w * r)); the epsilon keeps an exact fit from losing a pixel to rounding
        int w = Math.max(1, Math.min(inputWidth, (int) (sourceWidth * scale + 1e-6)));
        int h = Math.max(1, Math.min(inputHeight, (int) (sourceHeight * scale + 1e-6)));
        int left = anchor == LetterboxAnchor.CENTER ? (inputWidth - w) / 2 : 0;
        int top = anchor == LetterboxAnchor.CENTER ? (inputHeight - h) / 2 : 0;
        return new Letterbox(sourceWidth, sourceHeight, inputWidth, inputHeight, scale, w, h, left, top);
    }

    /** A model-input x (pixels) in source pixels, not clipped. */
    public float toSourceX(float inputX) {
        return (float) ((inputX - padLeft) / scale);
    }

    /** A model-input y (pixels) in source pixels, not clipped. */
    public float toSourceY(float inputY) {
        return (float) ((inputY - padTop) / scale);
    }
}
