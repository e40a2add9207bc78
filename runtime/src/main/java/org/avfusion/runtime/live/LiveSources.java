package org.avfusion.runtime.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.avfusion.runtime.output.json.JsonPayload;

/**
 * Builds, starts, stops and reports the live sources of a profile ({@code live.sources}).
 *
 * <p>Threading: {@link #build}, {@link #startAll} and {@link #closeAll} are called by the job's thread;
 * {@link #appendHealth} and {@link #healthLine} may be called from any thread while the sources run.
 */
public final class LiveSources {
    private LiveSources() {
    }

    /**
     * One source per {@code live.sources[i]}, in order, publishing into {@code sink} stamped by {@code clock}
     * ({@link VehicleClock#SYSTEM} on a vehicle). Nothing is opened yet.
     *
     * @throws LiveSourceException when a source's static input is unusable (an unreadable Ouster metadata file)
     */
    public static List<LiveSource> build(RuntimeConfig config, FrameSink sink, VehicleClock clock) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        List<LiveSource> sources = new ArrayList<>();
        List<LiveSourceConfig> configs = config.live().sources();
        for (int i = 0; i < configs.size(); i++) {
            LiveSourceConfig c = configs.get(i);
            SensorId sensor = config.sensors().stream().filter(s -> s.name().equals(c.sensor())).findFirst()
                    .map(SensorConfig::id).orElseThrow(() -> new IllegalStateException("validated by RuntimeConfig"));
            sources.add(c instanceof LiveSourceConfig.UdpLidar lidar ? new LidarUdpLiveSource(i, lidar, sensor, sink, clock)
                    : c instanceof LiveSourceConfig.Ffmpeg camera ? new CameraLiveSource(i, camera, sensor, sink, clock)
                    : c instanceof LiveSourceConfig.ImuUdp imu ? new ImuUdpLiveSource(i, imu, sensor, sink, clock)
                    : c instanceof LiveSourceConfig.NcomUdp ncom ? new NcomLiveSource(i, ncom, sensor,
                            ncom.gnssSensor().isEmpty() ? null : config.sensors().stream()
                                    .filter(s -> s.name().equals(ncom.gnssSensor())).findFirst()
                                    .map(SensorConfig::id).orElseThrow(), sink, clock)
                    : new GnssLiveSource(i, c, sensor, sink, clock));
        }
        return List.copyOf(sources);
    }

    /**
     * Starts every source in order. When one cannot start, those already started are closed and its
     * {@link LiveSourceException} is thrown.
     */
    public static void startAll(List<LiveSource> sources) {
        List<LiveSource> started = new ArrayList<>();
        for (LiveSource s : sources) {
            try {
                s.start();
            } catch (RuntimeException e) {
                closeAll(started);
                throw e;
            }
            started.add(s);
        }
    }

    /** Closes every source (in reverse start order); one that fails to close does not keep the others open. */
    public static void closeAll(List<LiveSource> sources) {
        RuntimeException first = null;
        for (int i = sources.size() - 1; i >= 0; i--) {
            try {
                sources.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * One source's health as one JSON line: {@code {"source":"lidar_top","index":0,"driver":"VELODYNE_UDP",
     * "endpoint":"udp 0.0.0.0:2368","frames":...,...,"lastError":""}}.
     */
    public static String healthLine(LiveSource s) {
        JsonPayload payload = new JsonPayload();
        JsonGenerator w = payload.begin();
        try {
            identify(w, s);
            s.appendHealth(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return payload.endString();
    }

    /**
     * A source's {@code status} in health: {@code NO_DATA} while it has delivered no frame (never connected, a silent
     * port, a device that sends nothing: its {@code lastError} says why where there is one), {@code FROZEN} while its
     * stream repeats itself (nothing is published then), else {@code OK}. A source that never delivered read
     * {@code OK} before: a GNSS receiver whose TCP port refused every connection looked healthy.
     */
    static String status(boolean frozen, long frames) {
        return frozen ? "FROZEN" : frames == 0 ? "NO_DATA" : "OK";
    }

    /** Adds {@code "sources": {sensor: {...}}} to a health report. */
    public static void appendHealth(JsonGenerator w, List<LiveSource> sources) throws IOException {
        w.writeObjectFieldStart("sources");
        for (LiveSource s : sources) {
            w.writeObjectFieldStart(s.config().sensor());
            identify(w, s);
            s.appendHealth(w);
            w.writeEndObject();
        }
        w.writeEndObject();
    }

    private static void identify(JsonGenerator w, LiveSource s) throws IOException {
        w.writeStringField("source", s.config().sensor());
        w.writeNumberField("index", s.index());
        w.writeStringField("driver", s.config().driver().name());
        w.writeStringField("endpoint", s.config().endpoint());
    }
}
