package org.avfusion.drivers.camera;

import static org.avfusion.drivers.camera.CameraTestData.CAMERA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.camera.CameraTestData.RecordingSink;
import org.avfusion.drivers.source.VehicleClock;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera freezing on one frame (an MJPEG stream written here: 5 moving frames, 40 copies of one, 5 moving): the
 * copies are not published, the stream reports FROZEN while they last, and it thaws on the next moving frame.
 */
class FrozenCameraTest {
    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path temp;

    private static Frame frame(int shade) {
        Frame f = new Frame(W, H, Frame.DEPTH_UBYTE, 3);
        ByteBuffer b = (ByteBuffer) f.image[0];
        for (int i = 0; i < W * H * 3; i++) {
            b.put(i, (byte) ((i / 3 % W) * 3 + shade));
        }
        return f;
    }

    @Test
    void repeatedFramesAreNotPublishedAndTheStreamIsFrozen() throws Exception {
        Path video = temp.resolve("frozen.avi");
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(video.toFile(), W, H)) {
            r.setFormat("avi");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            r.setFrameRate(15);
            r.start();
            int shade = 0;
            for (int i = 0; i < 50; i++) {
                boolean frozen = i >= 5 && i < 45;
                r.record(frame(frozen ? 10 : shade++ * 20 % 60), avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        RecordingSink sink = new RecordingSink();
        LiveCameraConfig config = new LiveCameraConfig(CAMERA, video.toString(), null, Map.of(), W, H, 4,
                500_000_000L, 5_000, 0, false);
        try (LiveCameraDriver driver = new LiveCameraDriver(config, sink, VehicleClock.SYSTEM)) {
            driver.start();
            assertTrue(driver.awaitEnd(30, TimeUnit.SECONDS));
            assertEquals(1, driver.freeze().frozenEpisodes(), "froze once");
            assertEquals(39, driver.freeze().duplicates(), "copies after the first");
            assertEquals(11, sink.frames().size(), "5 moving, the first of the copies, 5 moving");
            assertEquals("OK", driver.freeze().status(), "thawed on the moving frames after the copies");
        }
    }
}
