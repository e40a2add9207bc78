package org.avfusion.runtime.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.imu.udp.UdpImuSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import org.avfusion.runtime.output.json.JsonWriter;

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
    public void appendHealth(JsonWriter w) {
        w.field("frames", source.samples()).field("status", source.freeze().status())
                .field("rejected", source.rejected()).field("lastError", source.lastError());
    }

    @Override
    public void close() {
        source.close();
    }
}
