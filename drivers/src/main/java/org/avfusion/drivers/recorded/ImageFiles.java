package org.avfusion.drivers.recorded;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.avfusion.drivers.camera.OpenCvImages;
import org.avfusion.drivers.camera.PngHeader;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.pool.BufferPool;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A recorded camera image file read into a pooled {@link CameraImage}: decoded by OpenCV ({@code imread}, BGR), or,
 * for a PNG when nothing downstream reads pixels, sized from its header alone ({@link PngHeader}; the frame then has
 * no pixels). Every failure is counted in the recording's health with the file named and gives null: an undecodable
 * file or header (UNREADABLE_FILE), no free buffer (POOL_EXHAUSTED), an image larger than the buffers (TOO_LARGE).
 * Shared by the sweep/image folder and KITTI raw sources.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * @param decodePixels false: a PNG is sized from its header, without pixels (other files are decoded anyway)
     * @return the frame, owned by the caller, or null when it was rejected (counted)
     */
    public static CameraImage read(Path file, boolean decodePixels, BufferPool<CameraImage> pool,
            RecordedHealth health) {
        if (!decodePixels && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            return readSize(file, pool, health);
        }
        try (Mat mat = imread(file.toString(), IMREAD_COLOR)) {
            if (mat == null || mat.empty()) {
                health.reject(RejectReason.UNREADABLE_FILE, file + ": OpenCV cannot decode this image");
                return null;
            }
            CameraImage image = acquire(file, pool, health);
            if (image == null) {
                return null;
            }
            String whyNot = OpenCvImages.whyNotCopyable(mat, image);
            if (whyNot != null) {
                image.release();
                health.reject(RejectReason.TOO_LARGE, file + ": " + whyNot);
                return null;
            }
            OpenCvImages.copyBgr(mat, image);
            return image;
        }
    }

    /** The frame of {@code file} with the size its PNG header gives and no pixels. */
    private static CameraImage readSize(Path file, BufferPool<CameraImage> pool, RecordedHealth health) {
        PngHeader png;
        try {
            png = PngHeader.read(file);
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, e.getMessage());
            return null;
        }
        CameraImage image = acquire(file, pool, health);
        if (image == null) {
            return null;
        }
        long bytes = (long) png.widthPixels() * png.heightPixels() * CameraImage.CHANNELS;
        if (bytes > image.capacityBytes()) {
            image.release();
            health.reject(RejectReason.TOO_LARGE, file + ": image " + png.widthPixels() + "x" + png.heightPixels()
                    + " is larger than the pooled buffer (" + image.capacityBytes() + " bytes)");
            return null;
        }
        image.sizeWithoutPixels(png.widthPixels(), png.heightPixels());
        return image;
    }

    private static CameraImage acquire(Path file, BufferPool<CameraImage> pool, RecordedHealth health) {
        CameraImage image = pool.acquire();
        if (image == null) {
            health.reject(RejectReason.POOL_EXHAUSTED, file + ": all " + pool.createdCount() + " buffers of pool "
                    + pool.name() + " in use, frame lost");
        }
        return image;
    }
}
