package org.avfusion.runtime.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.ins.ncom.NcomUdpSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;

/** An OxTS GNSS/INS over UDP ({@link LiveSourceConfig.NcomUdp}): IMU samples and, optionally, INS fixes. */
final class NcomLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig.NcomUdp config;
    private final SensorId imu;
    private final SensorId gnss;
    private final FrameSink sink;
    private final VehicleClock clock;
    private volatile NcomUdpSource source;

    NcomLiveSource(int index, LiveSourceConfig.NcomUdp config, SensorId imu, SensorId gnss, FrameSink sink,
            VehicleClock clock) {
        this.index = index;
        this.config = Objects.requireNonNull(config, "config");
        this.imu = Objects.requireNonNull(imu, "imu");
        this.gnss = gnss;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
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
    public synchronized void start() {
        if (source != null) {
            throw new IllegalStateException("live.sources[" + index + "] already started");
        }
        NcomUdpSource s;
        try {
            s = new NcomUdpSource(new InetSocketAddress(config.bindAddress(), config.port()), imu, gnss, sink, clock);
        } catch (IOException e) {
            throw new LiveSourceException(index, config, "port", "cannot listen on " + config.endpoint()
                    + " (check bindAddress and port): " + e.getMessage(), e);
        }
        source = s;
        s.start();
    }

    @Override
    public long frames() {
        NcomUdpSource s = source;
        return s == null ? 0 : s.packets();
    }

    @Override
    public void appendHealth(JsonGenerator w) throws java.io.IOException {
        NcomUdpSource s = source;
        if (s == null) {
            w.writeNumberField("frames", 0);
            w.writeStringField("status", LiveSources.status(false, 0));
            w.writeStringField("lastError", "not started");
            return;
        }
        w.writeNumberField("frames", s.packets());
        w.writeStringField("status", LiveSources.status(false, s.packets()));
        w.writeNumberField("fixes", s.fixes());
        w.writeNumberField("droppedBySink", s.droppedBySink());
        w.writeNumberField("truncated", s.truncated());
        w.writeNumberField("checksumErrors", s.checksumErrors());
        w.writeNumberField("invalid", s.invalid());
        w.writeStringField("lastError", s.lastError());
    }

    @Override
    public void close() {
        NcomUdpSource s = source;
        if (s != null) {
            s.close();
        }
    }
}
