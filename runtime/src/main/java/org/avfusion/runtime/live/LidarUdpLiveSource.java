package org.avfusion.runtime.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.lidar.LidarHealth;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.ouster.OusterLegacyDecoder;
import org.avfusion.drivers.lidar.ouster.OusterMetadata;
import org.avfusion.drivers.lidar.udp.UdpLidarSettings;
import org.avfusion.drivers.lidar.udp.UdpLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.LiveSourceConfig;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A Velodyne or Ouster lidar on a UDP socket ({@link UdpLidarSource}); frames are sweeps. The health's {@code model}
 * is the decoder's, as the receiving thread published it (volatile) with its first sweep: empty until then.
 * Its {@code status} is {@code FROZEN} while the stream repeats one packet or its stamps stop advancing (the
 * source then publishes nothing, so the aligner sees the lidar fall silent), else {@code OK}.
 */
final class LidarUdpLiveSource implements LiveSource {
    private final int index;
    private final LiveSourceConfig.UdpLidar config;
    private final LidarStats stats;
    private final LidarPacketDecoder decoder;
    private final UdpLidarSource source;
    private volatile String closeError = "";
    /** The decoder's model, set by the receiving thread (which owns the decoder) when it publishes a sweep. */
    private volatile String model = "";

    LidarUdpLiveSource(int index, LiveSourceConfig.UdpLidar config, SensorId sensor, FrameSink sink, VehicleClock clock) {
        this.index = index;
        this.config = Objects.requireNonNull(config, "config");
        this.stats = new LidarStats(sensor.name());
        this.decoder = config instanceof LiveSourceConfig.OusterUdp ouster
                ? new OusterLegacyDecoder(metadata(index, ouster), stats)
                : new VelodyneDecoder(((LiveSourceConfig.VelodyneUdp) config).model(), stats);
        int maxPoints = config.maxPointsPerScan() != null ? config.maxPointsPerScan() : decoder.maxPointsPerRevolution();
        this.source = new UdpLidarSource(
                new UdpLidarSettings(config.bindAddress(), config.port(), config.receiveBufferBytes()), decoder,
                new ScanAssemblerConfig(sensor, config.cutAzimuthDeg(), maxPoints, config.pooledClouds(),
                        ScanAssemblerConfig.DEFAULT_MAX_SCAN_NANOS), (header, payload) -> {
                            if (model.isEmpty() && decoder.model() != null) {
                                model = decoder.model().name();
                            }
                            return sink.publish(header, payload);
                        }, clock);
    }

    private static OusterMetadata metadata(int index, LiveSourceConfig.OusterUdp config) {
        Path file = Path.of(config.metadataFile());
        try {
            return OusterMetadata.read(file);
        } catch (IOException e) {
            throw new LiveSourceException(index, config, "metadataFile", "cannot read '" + file.toAbsolutePath()
                    + "': " + e, e);
        } catch (IllegalArgumentException e) {
            throw new LiveSourceException(index, config, "metadataFile", "not usable Ouster metadata: "
                    + e.getMessage(), e);
        }
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
            throw new LiveSourceException(index, config, "port",
                    "cannot listen on " + config.endpoint() + " (check bindAddress and port): " + e.getMessage(), e);
        }
    }

    /** The bound UDP port (the free one picked when {@code port} is 0), or -1 before {@link #start()}. */
    int localPort() {
        return source.localPort();
    }

    @Override
    public long frames() {
        return stats.snapshot().scans();
    }

    @Override
    public void appendHealth(JsonGenerator w) throws IOException {
        LidarHealth h = stats.snapshot();
        w.writeNumberField("frames", h.scans());
        w.writeNumberField("packets", h.packets());
        w.writeNumberField("points", h.points());
        w.writeNumberField("rejected", h.rejectedTotal());
        w.writeStringField("model", model);
        w.writeStringField("status", LiveSources.status(source.freeze().frozen(), h.scans()));
        w.writeNumberField("duplicates", source.freeze().duplicates());
        w.writeNumberField("droppedWhileFrozen", source.freeze().droppedWhileFrozen());
        w.writeStringField("lastError", closeError.isEmpty() ? h.lastError() : closeError);
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            closeError = config.endpoint() + ": close failed: " + e;
        }
    }
}
