package org.avfusion.runtime.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.drivers.camera.CameraStats;
import org.avfusion.drivers.camera.LiveCameraConfig;
import org.avfusion.drivers.camera.LiveCameraDriver;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A camera decoded by FFmpeg ({@link LiveCameraDriver}); frames are images. A local input (a V4L2 device or a file,
 * anything without {@code ://}) must exist at start; a device or stream is reopened after errors, a file plays once,
 * paced by its frames' presentation times (not as fast as it decodes, which would flood the pool).
 */
final class CameraLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig.Ffmpeg config;
    private final LiveCameraDriver driver;

    CameraLiveSource(int index, LiveSourceConfig.Ffmpeg config, SensorId sensor, FrameSink sink, VehicleClock clock) {
        this.index = index;
        this.config = Objects.requireNonNull(config, "config");
        boolean file = isLocal(config.input()) && !config.input().startsWith("/dev/");
        this.driver = new LiveCameraDriver(new LiveCameraConfig(sensor, config.input(), config.format(),
                config.options(), config.maxWidthPixels(), config.maxHeightPixels(),
                LiveCameraConfig.DEFAULT_MAX_BUFFERS, LiveCameraConfig.DEFAULT_DRIFT_TOLERANCE_NANOS,
                LiveCameraConfig.DEFAULT_IO_TIMEOUT_MILLIS, LiveCameraConfig.DEFAULT_RECONNECT_DELAY_MILLIS, !file),
                sink, clock, file);
    }

    private static boolean isLocal(String input) {
        return !input.contains("://");
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public LiveSourceConfig config() {
        return config;
    }

    @Override
    public void start() {
        if (isLocal(config.input()) && !Files.exists(Path.of(config.input()))) {
            throw new LiveSourceException(index, config, "input", "'" + config.input() + "' does not exist"
                    + (config.input().startsWith("/dev/") ? " (is the camera plugged in? see v4l2-ctl --list-devices)"
                            : ""), null);
        }
        driver.start();
    }

    @Override
    public long frames() {
        return driver.stats().frames();
    }

    @Override
    public void appendHealth(JsonGenerator w) throws java.io.IOException {
        CameraStats s = driver.stats();
        w.writeNumberField("frames", s.frames());
        w.writeStringField("status", LiveSources.status(driver.freeze().frozen(), s.frames()));
        w.writeNumberField("repeatedFrames", driver.freeze().duplicates());
        w.writeNumberField("decodeErrors", s.decodeErrors());
        w.writeNumberField("poolExhausted", s.poolExhausted());
        w.writeNumberField("clockResyncs", s.clockResyncs());
        w.writeStringField("lastError", s.lastError());
    }

    @Override
    public void close() {
        driver.close();
    }
}
