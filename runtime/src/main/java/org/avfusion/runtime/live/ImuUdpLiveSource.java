package org.avfusion.runtime.live;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.imu.udp.UdpImuSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;

/** An IMU over UDP ({@link UdpImuSource}); frames are samples. {@code status} is FROZEN while samples repeat. */
final class ImuUdpLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig.ImuUdp config;
    private final UdpImuSource source;

    ImuUdpLiveSource(int index, LiveSourceConfig.ImuUdp config, SensorId sensor, FrameSink sink, VehicleClock clock) {
        this.index = index;
        this.config = Objects.requireNonNull(config, "config");
        this.source = new UdpImuSource(new InetSocketAddress(config.bindAddress(), config.port()), sensor, sink,
                clock);
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
        try {
            source.start();
        } catch (IOException e) {
            throw new LiveSourceException(index, config, "port", "cannot listen on " + config.endpoint()
                    + " (check bindAddress and port): " + e.getMessage(), e);
        }
    }

    @Override
    public long frames() {
        return source.samples();
    }

    @Override
    public void appendHealth(JsonGenerator w) throws IOException {
        w.writeNumberField("frames", source.samples());
        w.writeStringField("status", LiveSources.status(source.freeze().frozen(), source.samples()));
        w.writeNumberField("rejected", source.rejected());
        w.writeStringField("lastError", source.lastError());
    }

    @Override
    public void close() {
        source.close();
    }
}
