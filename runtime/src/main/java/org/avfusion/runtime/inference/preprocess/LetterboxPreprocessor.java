package org.avfusion.runtime.inference.preprocess;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.FloatBuffer;
import org.avfusion.runtime.perceive.detect.Letterbox;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Letterboxes an 8-bit BGR image into planar float slots of a model input: bilinear resize by the letterbox scale
 * into a {@code inputWidth x inputHeight} canvas filled with the pad value, then per channel
 * {@code (v - mean) / std} written straight into {@code dest} (no intermediate float image, no Java arrays).
 *
 * <p>Ownership: {@code dest} belongs to the caller (an inference session's input) and must outlive this object; the
 * float planes are OpenCV headers over it, made once per slot. The canvas and channel scratch are native and reused;
 * headers for a letterbox geometry are cached, so the steady state allocates nothing. Not thread-safe. Close it to
 * free the native scratch.
 */
public final class LetterboxPreprocessor implements AutoCloseable {
    private final int inputWidth;
    private final int inputHeight;
    private final Normalization normalization;
    private final Mat canvas;
    private final Mat channel;
    private final Mat[][] planes;
    private final double[] alpha = new double[3];
    private final double[] beta = new double[3];
    private final Scalar pad;
    // a few geometries alternate (the full frame and its tiles, several camera sizes): cache the canvas headers
    private static final int CACHE = 4;
    private final Letterbox[] cachedLetterbox = new Letterbox[CACHE];
    private final Mat[] cachedRoi = new Mat[CACHE];
    private final Size[] cachedSize = new Size[CACHE];
    private int nextCacheSlot;

    /**
     * @param dest the input buffer: {@code slots} frames of {@code 3 x inputHeight x inputWidth} floats, direct
     * @param slots frames {@code dest} holds
     */
    public LetterboxPreprocessor(int inputWidth, int inputHeight, Normalization normalization, FloatBuffer dest,
                                 int slots) {
        if (!dest.isDirect()) {
            throw new IllegalArgumentException("dest must be a direct buffer (OpenCV writes into it natively)");
        }
        int plane = inputWidth * inputHeight;
        if (dest.capacity() < (long) slots * 3 * plane) {
            throw new IllegalArgumentException("dest holds " + dest.capacity() + " floats, " + slots + " slots of 3x"
                    + inputHeight + "x" + inputWidth + " need " + (long) slots * 3 * plane);
        }
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.normalization = normalization;
        double[] mean = normalization.meanBgr();
        double[] std = normalization.stdBgr();
        for (int c = 0; c < 3; c++) {
            alpha[c] = 1.0 / std[c];
            beta[c] = -mean[c] / std[c];
        }
        pad = new Scalar(normalization.padValue(), normalization.padValue(), normalization.padValue(), 0);
        canvas = new Mat(inputHeight, inputWidth, CV_8UC3);
        channel = new Mat(inputHeight, inputWidth, CV_8UC1);
        planes = new Mat[slots][3];
        for (int s = 0; s < slots; s++) {
            for (int c = 0; c < 3; c++) {
                FloatBuffer view = dest.duplicate().position((s * 3 + c) * plane).slice(); // JavaCPP: position 0
                planes[s][c] = new Mat(inputHeight, inputWidth, CV_32F, new FloatPointer(view));
            }
        }
    }

    public Normalization normalization() {
        return normalization;
    }

    /**
     * Letterboxes {@code bgr} (8-bit, 3 channels, exactly {@code letterbox.sourceWidth() x sourceHeight()}) into
     * input slot {@code slot}.
     */
    public void apply(Mat bgr, Letterbox letterbox, int slot) {
        if (bgr.type() != CV_8UC3 || bgr.cols() != letterbox.sourceWidth() || bgr.rows() != letterbox.sourceHeight()) {
            throw new IllegalArgumentException("image is " + bgr.cols() + "x" + bgr.rows() + " type " + bgr.type()
                    + ", the letterbox expects " + letterbox.sourceWidth() + "x" + letterbox.sourceHeight()
                    + " BGR (CV_8UC3)");
        }
        if (letterbox.inputWidth() != inputWidth || letterbox.inputHeight() != inputHeight) {
            throw new IllegalArgumentException("letterbox targets " + letterbox.inputWidth() + "x"
                    + letterbox.inputHeight() + ", this preprocessor " + inputWidth + "x" + inputHeight);
        }
        int k = cacheSlot(letterbox);
        canvas.put(pad);
        // resize writes into the canvas region in place: the ROI already has the target size and type
        opencv_imgproc.resize(bgr, cachedRoi[k], cachedSize[k], 0, 0, opencv_imgproc.INTER_LINEAR);
        Mat[] dst = planes[slot];
        for (int c = 0; c < 3; c++) {
            opencv_core.extractChannel(canvas, channel, c);
            channel.convertTo(dst[c], CV_32F, alpha[c], beta[c]);
        }
    }

    private int cacheSlot(Letterbox letterbox) {
        for (int k = 0; k < CACHE; k++) {
            if (letterbox.equals(cachedLetterbox[k])) {
                return k;
            }
        }
        int k = nextCacheSlot;
        nextCacheSlot = (nextCacheSlot + 1) % CACHE;
        if (cachedRoi[k] != null) {
            cachedRoi[k].close();
            cachedSize[k].close();
        }
        cachedRoi[k] = canvas.apply(new Rect(letterbox.padLeft(), letterbox.padTop(), letterbox.resizedWidth(),
                letterbox.resizedHeight()));
        cachedSize[k] = new Size(letterbox.resizedWidth(), letterbox.resizedHeight());
        cachedLetterbox[k] = letterbox;
        return k;
    }

    @Override
    public void close() {
        for (int k = 0; k < CACHE; k++) {
            if (cachedRoi[k] != null) {
                cachedRoi[k].close();
                cachedSize[k].close();
            }
        }
        for (Mat[] slot : planes) {
            for (Mat m : slot) {
                m.close();
            }
        }
        channel.close();
        canvas.close();
        pad.close();
    }
}
