package org.avfusion.drivers.camera;

import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * Settings of one {@link LiveCameraDriver}, validated on construction.
 *
 * @param sensor              the camera, of kind {@link SensorKind#CAMERA}
 * @param input               what FFmpeg opens: {@code rtsp://...}, {@code http://...}, {@code /dev/video0}, or a
 *                            file (replayed as if live, at decode speed)
 * @param format              FFmpeg input format to force ({@code video4linux2} for a V4L2 device), or null to probe
 * @param options             FFmpeg demuxer options, e.g. {@code rtsp_transport=tcp}, {@code video_size=1280x720},
 *                            {@code framerate=30}
 * @param maxWidthPixels      widest frame the buffers take; a larger frame is counted as an error and dropped
 * @param maxHeightPixels     tallest frame the buffers take
 * @param maxBuffers          image buffers in flight at once, >= 1
 * @param driftToleranceNanos lag between arrival and mapped PTS stamp beyond which stamps re-anchor
 *                            (see {@link ArrivalStampMapping}), > 0
 * @param ioTimeoutMillis     a read blocking longer than this fails and counts as an error, > 0
 * @param reconnectDelayMillis wait before reopening after an error or the end of the stream, >= 0
 * @param reconnect           reopen the input after an error or the end of the stream (true for cameras and
 *                            streams; false to stop, e.g. for a file)
 */
public record LiveCameraConfig(
        SensorId sensor,
        String input,
        String format,
        Map<String, String> options,
        int maxWidthPixels,
        int maxHeightPixels,
        int maxBuffers,
        long driftToleranceNanos,
        int ioTimeoutMillis,
        long reconnectDelayMillis,
        boolean reconnect) {

    /** Default drift tolerance: half a second between arrival and PTS before re-anchoring. */
    public static final long DEFAULT_DRIFT_TOLERANCE_NANOS = 500_000_000L;
    /** Default read time-out. */
    public static final int DEFAULT_IO_TIMEOUT_MILLIS = 5_000;
    /** Default wait before reconnecting. */
    public static final long DEFAULT_RECONNECT_DELAY_MILLIS = 1_000;
    /** Default buffers in flight. */
    public static final int DEFAULT_MAX_BUFFERS = 8;

    public LiveCameraConfig {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(input, "input");
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
        if (sensor.kind() != SensorKind.CAMERA) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not a CAMERA");
        }
        if (input.isBlank()) {
            throw new IllegalArgumentException("camera " + sensor + ": input must name a URL, device or file");
        }
        if (maxWidthPixels < 1 || maxHeightPixels < 1) {
            throw new IllegalArgumentException("camera " + sensor + ": maxWidthPixels and maxHeightPixels must be"
                    + " >= 1, were " + maxWidthPixels + "x" + maxHeightPixels);
        }
        if (maxBuffers < 1) {
            throw new IllegalArgumentException("camera " + sensor + ": maxBuffers must be >= 1, was " + maxBuffers);
        }
        if (driftToleranceNanos <= 0) {
            throw new IllegalArgumentException("camera " + sensor + ": driftToleranceNanos must be > 0, was "
                    + driftToleranceNanos);
        }
        if (ioTimeoutMillis <= 0) {
            throw new IllegalArgumentException("camera " + sensor + ": ioTimeoutMillis must be > 0, was "
                    + ioTimeoutMillis);
        }
        if (reconnectDelayMillis < 0) {
            throw new IllegalArgumentException("camera " + sensor + ": reconnectDelayMillis must be >= 0, was "
                    + reconnectDelayMillis);
        }
    }

    /** A stream or device with the defaults: reconnects, 8 buffers, 0.5 s drift tolerance, 5 s read time-out. */
    public static LiveCameraConfig of(SensorId sensor, String input, String format, int maxWidthPixels,
            int maxHeightPixels) {
        return new LiveCameraConfig(sensor, input, format, Map.of(), maxWidthPixels, maxHeightPixels,
                DEFAULT_MAX_BUFFERS, DEFAULT_DRIFT_TOLERANCE_NANOS, DEFAULT_IO_TIMEOUT_MILLIS,
                DEFAULT_RECONNECT_DELAY_MILLIS, true);
    }
}
