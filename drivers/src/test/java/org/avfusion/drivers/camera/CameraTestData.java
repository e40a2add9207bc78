package org.avfusion.drivers.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.junit.jupiter.api.Assumptions;

/** Real data locations and a recording sink shared by the camera tests. */
public final class CameraTestData {
    public static final SensorId CAMERA = new SensorId("camera_front", SensorKind.CAMERA);

    private CameraTestData() {
    }

    public static Path shared(String relative) {
        Path path = Path.of(System.getProperty("avfusion.shared", "../shared"), "data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), "../shared/data/" + relative + " not found: "
                + path.toAbsolutePath());
        return path;
    }

    public static Path video(String name) {
        return shared("video/" + name);
    }

    public static Path kittiImage02() {
        return shared("kitti/raw/2011_09_26/2011_09_26_drive_0001_sync/image_02");
    }

    public static void assertEveryBufferBack(BufferPool<CameraImage> pool) {
        assertEquals(pool.createdCount(), pool.freeCount(),
                "every buffer of pool " + pool.name() + " is back after the run");
    }

    /** One frame as a sink saw it, with a summary of its pixels taken before the image was released. */
    public record Seen(FrameHeader header, int width, int height, double meanByte, double byteStdDev, long checksum) {
    }

    /** Records each frame's header and pixel statistics, then releases the image (as a well-behaved ring would). */
    public static final class RecordingSink implements FrameSink {
        final List<Seen> frames = new ArrayList<>();

        @Override
        public synchronized boolean publish(FrameHeader header, Payload payload) {
            CameraImage image = (CameraImage) payload;
            try {
                ByteBuffer pixels = image.pixels();
                double sum = 0;
                double sumSquares = 0;
                long checksum = 1;
                int n = pixels.remaining();
                for (int i = 0; i < n; i++) {
                    int v = pixels.get(i) & 0xff;
                    sum += v;
                    sumSquares += (double) v * v;
                    checksum = checksum * 31 + v;
                }
                double mean = sum / n;
                double std = Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
                frames.add(new Seen(header, image.width(), image.height(), mean, std, checksum));
            } finally {
                image.release();
            }
            return true;
        }

        public synchronized List<Seen> frames() {
            return List.copyOf(frames);
        }
    }
}
