package org.avfusion.scenarios.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.avfusion.drivers.camera.LiveCameraConfig;
import org.avfusion.drivers.camera.LiveCameraDriver;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.scenarios.hil.wire.JpegFrames;
import org.junit.jupiter.api.Test;

/**
 * The rig's camera interface in the runtime's own camera driver: JPEG frames served as MJPEG over HTTP are read by
 * {@link LiveCameraDriver} (FFmpeg) at their size; a frozen camera (the same JPEG again and again) is reported FROZEN.
 */
class MjpegHttpServerTest {
    private static final SensorId CAMERA = new SensorId("camera_front", SensorKind.CAMERA);

    private static byte[] jpeg(int shade) {
        CameraImage image = new CameraImage(64, 48);
        ByteBuffer p = image.prepare(64, 48);
        for (int i = 0; i < 64 * 48 * 3; i++) {
            p.put(i, (byte) ((i / 3 % 64) * 3 + shade));
        }
        return JpegFrames.encode(image);
    }

    @Test
    void liveCameraDriverReadsTheStreamAndNoticesAFrozenCamera() throws Exception {
        readAndFreeze(true);
    }

    /**
     * A slow consumer (a detector) holds every pooled image: frames are dropped (pool exhausted), and the freeze
     * is still noticed, since the driver compares decoded frames before it takes a pooled image.
     */
    @Test
    void aFrozenCameraIsNoticedWhileDownstreamHoldsEveryImage() throws Exception {
        readAndFreeze(false);
    }

    private static void readAndFreeze(boolean release) throws Exception {
        List<int[]> sizes = new CopyOnWriteArrayList<>();
        try (MjpegHttpServer server = new MjpegHttpServer(0)) {
            String url = "http://127.0.0.1:" + server.port() + MjpegHttpServer.PATH;
            LiveCameraConfig config = new LiveCameraConfig(CAMERA, url, null, Map.of(), 64, 48, 4, 500_000_000L,
                    5_000, 0, false);
            Thread feeder = new Thread(() -> {
                try {
                    // moving frames until the driver has read enough of them (its start, FFmpeg opening the stream,
                    // takes longer on a loaded machine: a fixed count was a race), at least 20, then frozen
                    int moving = 0;
                    while (moving < 20 || (sizes.size() < (release ? 5 : 4) && moving < 1_000)) {
                        server.publish(jpeg(moving % 64));
                        moving++;
                        Thread.sleep(20);
                    }
                    for (int i = 0; i < 200; i++) {
                        server.publish(jpeg(99));
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            feeder.setDaemon(true);
            feeder.start();
            try (LiveCameraDriver driver = new LiveCameraDriver(config, (h, payload) -> {
                CameraImage img = (CameraImage) payload;
                sizes.add(new int[] {img.width(), img.height()});
                if (release) {
                    img.release();
                }
                return true;
            }, VehicleClock.SYSTEM)) {
                driver.start();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!driver.freeze().frozen() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(driver.freeze().frozen(), "camera frozen; frames " + sizes.size() + ", stats "
                        + driver.stats());
            }
            feeder.interrupt();
        }
        assertTrue(sizes.size() >= (release ? 5 : 4), "frames read from the MJPEG stream: " + sizes.size());
        assertEquals(64, sizes.get(0)[0]);
        assertEquals(48, sizes.get(0)[1]);
    }
}
