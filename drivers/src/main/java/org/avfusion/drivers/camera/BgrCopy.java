package org.avfusion.drivers.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import org.avfusion.drivers.frame.CameraImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies decoded pixels into a pooled {@link CameraImage} as packed BGR. The common case (FFmpeg already converted
 * to {@code bgr24}) is a row-by-row copy that allocates nothing; grey and BGRA frames go through OpenCV's
 * {@code cvtColor}, which allocates two small native headers per frame. Stateless.
 */
final class BgrCopy {
    private BgrCopy() {
    }

    /**
     * Fills {@code image} from a JavaCV frame.
     *
     * @throws IllegalArgumentException when the frame is not 8-bit with 1, 3 or 4 channels, or is larger than the
     *                                  image buffer; the message names the size or format
     */
    static void copy(Frame frame, CameraImage image) {
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        if (frame.image == null || frame.image.length == 0 || !(frame.image[0] instanceof ByteBuffer source)) {
            throw new IllegalArgumentException("frame has no 8-bit pixel plane");
        }
        if (frame.imageDepth != Frame.DEPTH_UBYTE && frame.imageDepth != Frame.DEPTH_BYTE) {
            throw new IllegalArgumentException("unsupported pixel depth " + frame.imageDepth + " (want 8-bit)");
        }
        int channels = frame.imageChannels;
        int strideBytes = frame.imageStride;
        if (strideBytes < width * channels || (long) strideBytes * (height - 1) + (long) width * channels
                > source.capacity()) {
            throw new IllegalArgumentException("frame " + width + "x" + height + "x" + channels + " with stride "
                    + strideBytes + " does not fit its " + source.capacity() + "-byte plane");
        }
        ByteBuffer target = image.prepare(width, height);
        if (channels == CameraImage.CHANNELS) {
            int rowBytes = width * CameraImage.CHANNELS;
            if (strideBytes == rowBytes) {
                target.put(0, source, 0, rowBytes * height);
            } else {
                for (int row = 0; row < height; row++) {
                    target.put(row * rowBytes, source, row * strideBytes, rowBytes);
                }
            }
            return;
        }
        int code;
        if (channels == 1) {
            code = opencv_imgproc.COLOR_GRAY2BGR;
        } else if (channels == 4) {
            code = opencv_imgproc.COLOR_BGRA2BGR;
        } else {
            throw new IllegalArgumentException("unsupported channel count " + channels + " (want 1, 3 or 4)");
        }
        try (BytePointer from = new BytePointer(source.duplicate().clear());
                BytePointer to = new BytePointer(target);
                Mat in = new Mat(height, width, CV_8UC(channels), from, strideBytes);
                Mat out = new Mat(height, width, CV_8UC3, to)) {
            opencv_imgproc.cvtColor(in, out, code);
        }
    }

    /**
     * Fills {@code image} from an 8-bit BGR OpenCV matrix (what {@code imread(..., IMREAD_COLOR)} returns).
     *
     * @throws IllegalArgumentException when the matrix is not {@code CV_8UC3} or is larger than the image buffer
     */
    static void copy(Mat bgr, CameraImage image) {
        String whyNot = OpenCvImages.whyNotCopyable(bgr, image);
        if (whyNot != null) {
            throw new IllegalArgumentException(whyNot);
        }
        OpenCvImages.copyBgr(bgr, image);
    }
}
