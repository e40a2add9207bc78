package org.avfusion.scenarios.hil.wire;

import org.avfusion.drivers.frame.CameraImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes a camera image (BGR) as a JPEG with OpenCV's {@code imencode}, as an MJPEG camera sends it. */
public final class JpegFrames {
    private JpegFrames() {
    }

    public static byte[] encode(CameraImage image) {
        try (BytePointer pixels = new BytePointer(image.pixels());
                Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC3, pixels);
                BytePointer jpeg = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(".jpg", mat, jpeg)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.width() + "x" + image.height()
                        + " image as JPEG");
            }
            byte[] out = new byte[(int) jpeg.limit()];
            jpeg.get(out);
            return out;
        }
    }
}
