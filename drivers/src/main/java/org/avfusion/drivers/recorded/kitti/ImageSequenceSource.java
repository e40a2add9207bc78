package org.avfusion.drivers.recorded.kitti;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.avfusion.drivers.camera.CameraHealth;
import org.avfusion.drivers.camera.CameraInputException;
import org.avfusion.drivers.camera.CameraStats;
import org.avfusion.drivers.camera.OpenCvImages;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A folder of still images replayed as a {@link RecordedSource}, laid out as KITTI raw camera folders are:
 * {@code <folder>/data/*.png} (or {@code .jpg}), in file-name order, and {@code <folder>/timestamps.txt} with one
 * line per image ({@code 2011-09-26 13:02:25.964389445}).
 *
 * <p><b>Time:</b> the first image is stamped {@code baseNanos}; later ones keep the timestamps' spacing to the
 * nanosecond, and arrive {@code latencyNanos} after their stamp. <b>Decoding</b> (OpenCV {@code imread}, as BGR)
 * runs on the replay thread when a frame is emitted; pixels go into a pooled {@link CameraImage} sized by the first
 * image, which the sink then owns. <b>Bad input:</b> a folder without images, a missing or malformed
 * {@code timestamps.txt} or one whose line count differs from the image count fails {@link #open} with a
 * {@link CameraInputException} naming the file (and line); an image that does not decode, or is larger than the
 * first, is skipped and counted in {@link #stats()} with its file name (its sequence number is skipped too).
 *
 * <p>Not thread-safe (see {@link RecordedSource}); {@link #stats()} may be read from any thread.
 */
public final class ImageSequenceSource implements RecordedSource {
    private final Path folder;
    private final SensorId sensor;
    private final List<Path> images;
    private final long[] stampsNanos;
    private final long latencyNanos;
    private final BufferPool<CameraImage> pool;
    private final CameraHealth health = new CameraHealth();
    private final int widthPixels;
    private final int heightPixels;
    private int next;

    private ImageSequenceSource(Path folder, SensorId sensor, List<Path> images, long[] stampsNanos,
            long latencyNanos, int maxBuffers, int widthPixels, int heightPixels) {
        this.folder = folder;
        this.sensor = sensor;
        this.images = images;
        this.stampsNanos = stampsNanos;
        this.latencyNanos = latencyNanos;
        this.widthPixels = widthPixels;
        this.heightPixels = heightPixels;
        this.pool = new BufferPool<>(sensor.name() + ".images", () -> new CameraImage(widthPixels, heightPixels), 1,
                maxBuffers);
    }

    /**
     * Lists the images, reads the timestamps and decodes the first image to size the buffers.
     *
     * @param folder       the camera folder, e.g. {@code .../2011_09_26_drive_0001_sync/image_02}
     * @param sensor       the camera, of kind {@link SensorKind#CAMERA}
     * @param baseNanos    vehicle-clock stamp of the first image
     * @param latencyNanos transport latency added to each stamp to give its arrival, >= 0
     * @param maxBuffers   image buffers this source may have in flight at once, >= 1
     * @throws CameraInputException naming the folder, file or line that cannot be used
     */
    public static ImageSequenceSource open(Path folder, SensorId sensor, long baseNanos, long latencyNanos,
            int maxBuffers) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.CAMERA) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not a CAMERA");
        }
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, was " + latencyNanos);
        }
        if (maxBuffers < 1) {
            throw new IllegalArgumentException("maxBuffers must be >= 1, was " + maxBuffers);
        }
        Path data = folder.resolve("data");
        Path timestamps = folder.resolve("timestamps.txt");
        List<Path> images = listImages(folder, data);
        List<String> lines;
        try {
            lines = Files.readAllLines(timestamps, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new CameraInputException(timestamps.toString(), "cannot read " + timestamps + ": " + e, e);
        }
        long[] offsets;
        try {
            offsets = KittiTimestamps.offsetsNanos(timestamps.toString(), lines);
        } catch (IllegalArgumentException e) {
            throw new CameraInputException(timestamps.toString(), e.getMessage(), e);
        }
        if (offsets.length != images.size()) {
            throw new CameraInputException(timestamps.toString(), timestamps + " has " + offsets.length
                    + " timestamps but " + data + " has " + images.size() + " images", null);
        }
        long[] stamps = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            stamps[i] = baseNanos + offsets[i];
        }
        Path first = images.get(0);
        int width;
        int height;
        try (Mat image = opencv_imgcodecs.imread(first.toString(), IMREAD_COLOR)) {
            if (image == null || image.empty()) {
                throw new CameraInputException(first.toString(), "cannot decode image " + first, null);
            }
            width = image.cols();
            height = image.rows();
        }
        return new ImageSequenceSource(folder, sensor, List.copyOf(images), stamps, latencyNanos, maxBuffers, width,
                height);
    }

    private static List<Path> listImages(Path folder, Path data) {
        if (!Files.isDirectory(data)) {
            throw new CameraInputException(data.toString(), "image folder " + data + " not found (expected "
                    + folder + "/data/*.png and " + folder + "/timestamps.txt)", null);
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(data)) {
            images = files.filter(ImageSequenceSource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new CameraInputException(data.toString(), "cannot list " + data + ": " + e, e);
        }
        if (images.isEmpty()) {
            throw new CameraInputException(data.toString(), "no .png or .jpg images in " + data, null);
        }
        return images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg")
                || name.endsWith(".jpeg"));
    }

    @Override
    public long nextArrivalNanos() {
        return next < images.size() ? stampsNanos[next] + latencyNanos : END;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (next >= images.size()) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        int index = next++;
        Path file = images.get(index);
        CameraImage image = pool.acquire();
        if (image == null) {
            health.poolExhausted();
            return;
        }
        boolean filled = false;
        try (Mat decoded = opencv_imgcodecs.imread(file.toString(), IMREAD_COLOR)) {
            if (decoded == null || decoded.empty()) {
                health.decodeError(file + ": frame " + index + ": cannot decode image");
            } else if (decoded.cols() > widthPixels || decoded.rows() > heightPixels) {
                health.decodeError(file + ": frame " + index + ": image " + decoded.cols() + "x" + decoded.rows()
                        + " is larger than the first image, " + widthPixels + "x" + heightPixels);
            } else {
                OpenCvImages.copyBgr(decoded, image);
                filled = true;
            }
        } catch (RuntimeException e) {
            health.decodeError(file + ": frame " + index + ": " + e.getMessage());
        } finally {
            if (!filled) {
                image.release();
            }
        }
        if (filled) {
            health.frame();
            sink.publish(new FrameHeader(sensor, stampsNanos[index], index), image);
        }
    }

    /** Number of images in the folder. */
    public int frameCount() {
        return images.size();
    }

    /** Width of the first image, which sizes the buffers. */
    public int widthPixels() {
        return widthPixels;
    }

    /** Height of the first image, which sizes the buffers. */
    public int heightPixels() {
        return heightPixels;
    }

    /** The image buffers this source publishes (for health reports and tests). */
    public BufferPool<CameraImage> pool() {
        return pool;
    }

    /** Counts so far; safe from any thread. */
    public CameraStats stats() {
        return health.snapshot();
    }

    @Override
    public String describe() {
        return "image sequence " + folder + " (" + images.size() + " images, " + widthPixels + "x" + heightPixels
                + ", camera " + sensor + ")";
    }
}
