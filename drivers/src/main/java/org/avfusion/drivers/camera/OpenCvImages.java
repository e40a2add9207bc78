package org.avfusion.drivers.camera;

import java.nio.ByteBuffer;
import org.avfusion.drivers.frame.CameraImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies decoded OpenCV images into pooled {@link CameraImage}s.
 *
 * <p>Stateless and thread-safe. Does no I/O: callers decode ({@code imread}, {@code imdecode}) and own the
 * {@link Mat}.
 */
public final class OpenCvImages {
    private OpenCvImages() {
    }

    /**
     * Whether {@code mat} is an 8-bit, 3-channel image that {@link #copyBgr} can take into {@code image}: returns
     * null if so, else why not (naming the size or type).
     */
    public static String whyNotCopyable(Mat mat, CameraImage image) {
        if (mat == null || mat.empty()) {
            return "no pixels decoded";
        }
        if (mat.type() != opencv_core.CV_8UC3) {
            return "OpenCV type " + mat.type() + " is not CV_8UC3 (8-bit BGR)";
        }
        long bytes = (long) mat.cols() * mat.rows() * CameraImage.CHANNELS;
        long capacity = image.capacityBytes();
        if (bytes > capacity) {
            return "image " + mat.cols() + "x" + mat.rows() + " is larger than the pooled buffer (" + capacity
                    + " bytes)";
        }
        return null;
    }

    /**
     * Copies an 8-bit BGR {@code mat} into {@code image} (rows packed); call only when {@link #whyNotCopyable}
     * returned null.
     */
    public static void copyBgr(Mat mat, CameraImage image) {
        int width = mat.cols();
        int height = mat.rows();
        int rowBytes = width * CameraImage.CHANNELS;
        ByteBuffer dst = image.prepare(width, height);
        BytePointer data = mat.data();
        long step = mat.step();
        if (step == rowBytes) {
            dst.put(data.position(0).limit((long) rowBytes * height).asByteBuffer());
        } else {
            for (int row = 0; row < height; row++) {
                long from = row * step;
                dst.put(data.position(from).limit(from + rowBytes).asByteBuffer());
            }
        }
        data.position(0).limit(0);
        dst.flip();
    }
}
