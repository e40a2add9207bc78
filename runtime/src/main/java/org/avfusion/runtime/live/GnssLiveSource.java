package org.avfusion.runtime.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.gnss.gpsd.GpsdClient;
import org.avfusion.drivers.gnss.gpsd.GpsdStats;
import org.avfusion.drivers.gnss.source.GnssSourceStats;
import org.avfusion.drivers.gnss.source.NmeaSerialSource;
import org.avfusion.drivers.gnss.source.NmeaTcpSource;
import org.avfusion.drivers.gnss.source.NmeaUdpSource;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.gnss.source.SerialLineSettings;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A GNSS receiver: NMEA 0183 over TCP, UDP or a serial device, or gpsd's JSON; frames are fixes. TCP and gpsd peers
 * that are not there are retried with {@link ReconnectBackoff#DEFAULT} (counted in {@code reconnects}, the reason in
 * {@code lastError}); a UDP port that cannot be bound or a serial device that does not exist fail {@link #start()}.
 * An NMEA stream whose fixes repeat or stop advancing in UTC is {@code status: FROZEN} and publishes nothing
 * (see {@link org.avfusion.drivers.source.FrozenStreamDetector}).
 */
final class GnssLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig config;
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private volatile Runnable closer;
    private volatile Supplier<GnssSourceStats> nmeaStats;
    private volatile Supplier<GpsdStats> gpsdStats;

    GnssLiveSource(int index, LiveSourceConfig config, SensorId sensor, FrameSink sink, VehicleClock clock) {
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
        if (closer != null) {
            throw new IllegalStateException("live.sources[" + index + "] already started");
        }
        if (config instanceof LiveSourceConfig.NmeaTcp tcp) {
            NmeaTcpSource s = new NmeaTcpSource(tcp.host(), tcp.port(), sensor, sink, clock,
                    ReconnectBackoff.DEFAULT);
            nmeaStats = s::stats;
            closer = s::close;
            s.start();
        } else if (config instanceof LiveSourceConfig.NmeaUdp udp) {
            NmeaUdpSource s;
            try {
                s = new NmeaUdpSource(new InetSocketAddress(udp.bindAddress(), udp.port()), sensor, sink,
                        clock);
            } catch (IOException e) {
                throw new LiveSourceException(index, config, "port", "cannot listen on " + config.endpoint()
                        + " (check bindAddress and port): " + e.getMessage(), e);
            }
            nmeaStats = s::stats;
            closer = s::close;
            s.start();
        } else if (config instanceof LiveSourceConfig.NmeaSerial serial) {
            Path device = Path.of(serial.device());
            if (!Files.exists(device)) {
                throw new LiveSourceException(index, config, "device", "'" + device + "' does not exist"
                        + " (is the receiver plugged in? see ls /dev/serial/by-id)", null);
            }
            if (!Files.isReadable(device)) {
                throw new LiveSourceException(index, config, "device", "'" + device + "' is not readable by this"
                        + " user (on Debian: add it to the dialout group)", null);
            }
            NmeaSerialSource s = new NmeaSerialSource(device, new SerialLineSettings(serial.baud(), 8, 'N', 1),
                    sensor, sink, clock, ReconnectBackoff.DEFAULT);
            nmeaStats = s::stats;
            closer = s::close;
            s.start();
        } else if (config instanceof LiveSourceConfig.Gpsd gpsd) {
            GpsdClient c = new GpsdClient(gpsd.host(), gpsd.port(), sensor, sink, clock,
                    ReconnectBackoff.DEFAULT);
            gpsdStats = c::stats;
            closer = c::close;
            c.start();
        } else {
            throw new IllegalStateException("not a GNSS driver: " + config.driver());
        }
    }

    @Override
    public long frames() {
        if (nmeaStats != null) {
            return nmeaStats.get().fixes();
        }
        return gpsdStats != null ? gpsdStats.get().fixes() : 0;
    }

    @Override
    public void appendHealth(JsonGenerator w) throws java.io.IOException {
        if (gpsdStats != null) {
            GpsdStats s = gpsdStats.get();
            w.writeNumberField("frames", s.fixes());
            w.writeStringField("status", LiveSources.status(false, s.fixes()));
            w.writeNumberField("droppedBySink", s.droppedBySink());
            w.writeNumberField("lines", s.lines());
            w.writeNumberField("rejected", s.malformed() + s.impossibleValues() + s.gpsdErrors());
            w.writeNumberField("reconnects", s.reconnects());
            w.writeStringField("lastError", s.lastError());
        } else if (nmeaStats != null) {
            GnssSourceStats s = nmeaStats.get();
            w.writeNumberField("frames", s.fixes());
            w.writeStringField("status", LiveSources.status(s.frozen(), s.fixes()));
            w.writeNumberField("repeatedFixes", s.repeatedFixes());
            w.writeNumberField("droppedBySink", s.droppedBySink());
            w.writeNumberField("sentences", s.sentences());
            w.writeNumberField("rejected", s.rejected());
            w.writeNumberField("reconnects", s.reconnects());
            w.writeStringField("lastError", s.lastError());
        } else {
            w.writeNumberField("frames", 0);
            w.writeStringField("status", LiveSources.status(false, 0));
            w.writeStringField("lastError", "not started");
        }
    }

    @Override
    public void close() {
        Runnable c = closer;
        if (c != null) {
            c.run();
        }
    }
}
