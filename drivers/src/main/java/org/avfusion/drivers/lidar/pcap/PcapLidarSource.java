package org.avfusion.drivers.lidar.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssembler;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.velodyne.VelodynePositionDecoder;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * Replays a lidar pcap capture as a {@link RecordedSource}: one frame per assembled scan (and, when a GNSS sensor
 * id is given, one {@link GnssFix} frame per fix from Velodyne position packets), in capture order.
 *
 * <p><b>Time</b>: the capture's own clock (pcap record stamps, ns since 1970) is the vehicle time axis of the
 * replay. A scan arrives with the packet that completes it (the one whose points cross the cut angle; the last
 * scan arrives with the last packet, flushed at the end of the file) and is stamped with its first point's time
 * (see {@link ScanAssembler}). Pace it with a {@link org.avfusion.drivers.source.ReplayPacer}: original timing at
 * speed 1, or as fast as possible.
 *
 * <p><b>Bad input</b> is counted in {@link #stats()} with the file and byte offset and skipped; a fatal file error
 * (wrong magic, truncated record) ends the source early. Nothing is thrown past {@link #open}.
 *
 * <p><b>Ownership</b>: each scan's cloud comes from the assembler's pool and belongs to the sink given to
 * {@link #emitNext}. Not thread-safe: one replay thread.
 */
public final class PcapLidarSource implements RecordedSource {
    private record Pending(long arrivalNanos, FrameHeader header, Payload payload, long sensorNanos) {
    }

    private final PcapReader reader;
    private final LidarPacketDecoder decoder;
    private final ScanAssembler assembler;
    private final VelodynePositionDecoder position;
    private final SensorId gnssSensor;
    private final int dataPort;
    private final int positionPort;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ScanAssembler[] assemblerRef = new ScanAssembler[1];
    private long sensorTimeBaseNanos = Long.MIN_VALUE;
    private long currentArrivalNanos;
    private long gnssSequence;
    private boolean exhausted;

    private PcapLidarSource(PcapReader reader, LidarPacketDecoder decoder, ScanAssemblerConfig config,
                            int dataPort, int positionPort, SensorId gnssSensor) {
        this.reader = reader;
        this.decoder = decoder;
        this.dataPort = dataPort;
        this.positionPort = positionPort;
        this.gnssSensor = gnssSensor;
        this.position = positionPort > 0 ? new VelodynePositionDecoder(decoder.stats()) : null;
        FrameSink queue = (header, payload) -> pending.add(new Pending(currentArrivalNanos, header, payload,
                assemblerRef[0].publishingScanSensorNanos()));
        this.assembler = new ScanAssembler(config, queue, decoder.stats(), 0); // clouds made as the replay needs them
        this.assemblerRef[0] = assembler;
    }

    /**
     * Opens a capture.
     *
     * @param decoder      decodes the data packets and holds the stats everything is counted in
     * @param config       the scan cut and cloud pool
     * @param dataPort     UDP destination port of data packets (2368 Velodyne, 7502 Ouster); 0 = any port
     * @param positionPort UDP destination port of Velodyne position packets (8308), or 0 to ignore them
     * @param gnssSensor   id under which position-packet fixes are published, or {@code null} to only count them
     * @throws IOException when the file cannot be opened
     */
    public static PcapLidarSource open(Path file, LidarPacketDecoder decoder, ScanAssemblerConfig config,
                                       int dataPort, int positionPort, SensorId gnssSensor) throws IOException {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(config, "config");
        if (gnssSensor != null && gnssSensor.kind() != SensorKind.GNSS) {
            throw new IllegalArgumentException("gnssSensor " + gnssSensor + " must be of kind GNSS");
        }
        return new PcapLidarSource(PcapReader.open(file, decoder.stats()), decoder, config, dataPort, positionPort,
                gnssSensor);
    }

    /** Reads packets until a frame is pending or the file ends. */
    private void fill() {
        while (pending.isEmpty() && !exhausted) {
            if (!reader.next()) {
                exhausted = true;
                assembler.flush();
                if (position != null && gnssSensor != null) {
                    GnssFix fix = position.flush();
                    if (fix != null) {
                        pending.add(new Pending(currentArrivalNanos, new FrameHeader(gnssSensor,
                                currentArrivalNanos, gnssSequence++), fix, Long.MIN_VALUE));
                    }
                }
                return;
            }
            currentArrivalNanos = reader.timestampNanos();
            int port = reader.destinationPort();
            decoder.stats().setOrigin(reader.file().toString(), reader.payloadFileOffset());
            if (position != null && port == positionPort) {
                GnssFix fix = position.decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength());
                if (fix != null && gnssSensor != null) {
                    pending.add(new Pending(currentArrivalNanos, new FrameHeader(gnssSensor, currentArrivalNanos,
                            gnssSequence++), fix, Long.MIN_VALUE));
                }
            } else if (dataPort == 0 || port == dataPort) {
                assembler.beginPacket(currentArrivalNanos);
                decoder.decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength(), assembler);
                assembler.endPacket();
            } else {
                decoder.stats().frameIgnored();
            }
        }
    }

    @Override
    public long nextArrivalNanos() {
        fill();
        Pending next = pending.peek();
        return next == null ? END : next.arrivalNanos();
    }

    @Override
    public void emitNext(FrameSink sink) {
        fill();
        Pending next = pending.poll();
        if (next == null) {
            throw new IllegalStateException("pcap source " + reader.file() + " is exhausted");
        }
        FrameHeader header = next.header();
        if (sensorTimeBaseNanos != Long.MIN_VALUE && next.sensorNanos() != Long.MIN_VALUE) {
            header = new FrameHeader(header.sensor(), sensorTimeBaseNanos + next.sensorNanos(), header.sequence());
        }
        sink.publish(header, next.payload());
    }

    /**
     * Stamps scans with the lidar's own clock instead of the capture's: {@code baseNanos} plus the sensor time of the
     * scan's first point (for a Velodyne, microseconds past the hour: {@code baseNanos} is then the top of that hour,
     * e.g. from the GPRMC of its position packets). Arrivals stay on the capture clock.
     */
    public void stampWithSensorTime(long baseNanos) {
        this.sensorTimeBaseNanos = baseNanos;
    }

    /** The pool scans' clouds come from (a replay at full speed makes it wait instead of dropping). */
    public org.avfusion.drivers.pool.BufferPool<org.avfusion.drivers.frame.PointCloud> cloudPool() {
        return assembler.pool();
    }

    public LidarStats stats() {
        return decoder.stats();
    }

    public LidarPacketDecoder decoder() {
        return decoder;
    }

    /** The position-packet decoder, or {@code null} when position packets are ignored. */
    public VelodynePositionDecoder positionDecoder() {
        return position;
    }

    @Override
    public String describe() {
        return "lidar pcap " + reader.file() + " (" + (decoder.model() == null ? "model from first packet"
                : decoder.model().cliName()) + ")";
    }

    @Override
    public void close() {
        while (!pending.isEmpty()) {
            if (pending.poll().payload() instanceof org.avfusion.drivers.pool.PooledPayload pooled) {
                pooled.release();
            }
        }
        reader.close();
    }
}
