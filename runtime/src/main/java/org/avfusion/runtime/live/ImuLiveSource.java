package org.avfusion.runtime.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.imu.udp.ImuDatagram;
import org.avfusion.drivers.imu.udp.UdpImuSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;

/** A live IMU over UDP ({@link LiveSourceConfig.ImuUdp}); frames are {@code ImuSample}s at their own sample time. */
final class ImuLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig.ImuUdp config;
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private volatile UdpImuSource source;

    ImuLiveSource(int index, LiveSourceConfig.ImuUdp config, SensorId sensor, FrameSink sink, VehicleClock clock) {
        this.index = index;
        this.config = Objects.requireNonNull(config, "config");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
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
        UdpImuSource s;
        try {
            s = new UdpImuSource(new InetSocketAddress(config.bindAddress(), config.port()), sensor, sink, clock);
        } catch (IOException e) {
            throw new LiveSourceException(index, config, "port", "cannot listen on " + config.endpoint()
                    + " (check bindAddress and port): " + e.getMessage(), e);
        }
        source = s;
        s.start();
    }

    @Override
    public long frames() {
        UdpImuSource s = source;
        return s == null ? 0 : s.samples();
    }

    @Override
    public void appendHealth(JsonGenerator w) throws java.io.IOException {
        UdpImuSource s = source;
        if (s == null) {
            w.writeNumberField("frames", 0);
            w.writeStringField("lastError", "not started");
            return;
        }
        w.writeNumberField("frames", s.samples());
        w.writeNumberField("droppedBySink", s.droppedBySink());
        w.writeNumberField("rejected", s.rejected());
        w.writeObjectFieldStart("rejectedBy");
        for (ImuDatagram.Reject r : ImuDatagram.Reject.values()) {
            w.writeNumberField(r.name(), s.rejected(r));
        }
        w.writeEndObject();
        w.writeNumberField("clockResyncs", s.resyncs());
        w.writeStringField("lastError", s.lastError());
    }

    @Override
    public void close() {
        UdpImuSource s = source;
        if (s != null) {
            s.close();
        }
    }
}
