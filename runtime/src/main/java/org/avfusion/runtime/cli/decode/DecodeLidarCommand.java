package org.avfusion.runtime.cli.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.LidarHealth;
import org.avfusion.drivers.lidar.LidarModel;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.ouster.OusterLegacyDecoder;
import org.avfusion.drivers.lidar.ouster.OusterMetadata;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.lidar.velodyne.VelodynePositionDecoder;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.output.json.JsonFormat;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.json.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion decode lidar FILE.pcap [--model vlp16|hdl32|os1] [--metadata F] [--scans]}: decodes a lidar
 * capture and prints one JSON object per line, per point ({@code t_ns} sensor time in ns, {@code x y z} metres in
 * the sensor frame, {@code distance} metres, {@code azimuth_deg}, {@code elevation_deg}, {@code intensity},
 * {@code ring}) or, with {@code --scans}, per assembled scan. Without {@code --model} the model comes from the first
 * data packet: a Velodyne factory byte, or an Ouster packet size matching the metadata (given, or found beside the
 * capture as {@code NAME.metadata.json}). Point lines are formatted on other threads in chunks of points by
 * {@link ChunkedPointLines} (on one CPU: on the decoding thread by {@link PointLines}), written in order one chunk per
 * write; scan lines go through a buffered {@link JsonLines} writer. A summary of the driver's health goes to
 * stderr. Exit 2 for a missing file, a bad option or a capture with no decodable packet, with a message naming the
 * file or option.
 */
@Command(name = "lidar", mixinStandardHelpOptions = true,
        description = "Decode a lidar pcap (Velodyne VLP-16 / HDL-32E, Ouster OS1 legacy) to JSON lines.")
public final class DecodeLidarCommand implements Callable<Integer> {
    private static final int EXIT_BAD_INPUT = 2;
    /**
     * Formatting threads of the point lines at most: one per CPU (on 2 CPUs, 2 beat 1 and 3; measured in
     * docs/PERFORMANCE.md), up to this; more are not measured (the decoder alone runs at about 30 M points/s).
     */
    private static final int MAX_FORMATTERS = 4;
    private static final SensorId SENSOR = new SensorId("lidar", SensorKind.LIDAR);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.pcap", description = "classic libpcap capture")
    Path file;

    @Option(names = "--model", paramLabel = "vlp16|hdl32|os1", description = "sensor model (default: detected)")
    String model;

    @Option(names = "--metadata", paramLabel = "F", description = "Ouster metadata JSON (os1)")
    Path metadata;

    @Option(names = "--scans", description = "one line per assembled scan instead of per point")
    boolean scans;

    @Option(names = "--cut-azimuth-deg", paramLabel = "DEG",
            description = "rotor angle where a scan ends, [0, 360) (default: 0 Velodyne, the frame start for os1)")
    Double cutAzimuthDeg;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            return bad(err, file + ": no such file");
        }
        LidarModel chosen;
        try {
            chosen = model == null ? null : LidarModel.parse(model);
        } catch (IllegalArgumentException e) {
            return bad(err, "--model: " + e.getMessage());
        }
        if (cutAzimuthDeg != null && !(cutAzimuthDeg >= 0 && cutAzimuthDeg < 360)) {
            return bad(err, "--cut-azimuth-deg must be in [0, 360), was " + cutAzimuthDeg);
        }
        LidarStats stats = new LidarStats("lidar");
        LidarPacketDecoder decoder;
        try {
            OusterMetadata meta = readMetadata(chosen);
            if (chosen == null) {
                chosen = detect(meta);
                if (chosen == null) {
                    return bad(err, file + ": no Velodyne data packet (1206 bytes, factory byte 0x22 or 0x21)"
                            + (meta == null ? " and no Ouster metadata (give --metadata)" : " nor Ouster packet of "
                            + meta.packetBytes() + " bytes") + " found; give --model");
                }
            }
            if (chosen == LidarModel.OS1) {
                if (meta == null) {
                    return bad(err, "--metadata: os1 needs the sensor's metadata JSON (none given, none found at "
                            + siblingMetadata() + ")");
                }
                decoder = new OusterLegacyDecoder(meta, stats);
            } else {
                decoder = new VelodyneDecoder(model == null ? null : VelodyneModel.of(chosen), stats);
            }
        } catch (IOException e) {
            return bad(err, "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return bad(err, "--metadata: " + e.getMessage());
        }
        long lines;
        try {
            lines = scans ? printScans(decoder, chosen, out) : printPoints(decoder, chosen, out);
        } catch (IOException e) {
            if (JsonLines.StdoutClosedException.isCauseOf(e)) {
                return AvfusionCli.EXIT_STDOUT_CLOSED; // `| head` has its lines: stop, quietly
            }
            return bad(err, file + ": " + e.getMessage());
        }
        out.flush();
        LidarHealth h = stats.snapshot();
        err.println("decode lidar: " + file + ": model " + chosen.cliName() + ", " + h.packets() + " packets, "
                + h.points() + " points, " + h.noReturnPoints() + " without return, " + lines + " lines, "
                + h.rejectedTotal() + " rejected" + (h.lastError().isEmpty() ? "" : " (last: " + h.lastError() + ")"));
        err.flush();
        if (h.packets() == 0 && h.rejectedTotal() > 0) {
            return bad(err, h.lastError());
        }
        return 0;
    }

    private int bad(PrintWriter err, String message) {
        err.println("avfusion decode lidar: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private Path siblingMetadata() {
        String name = file.getFileName().toString();
        String base = name.endsWith(".pcap") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(base + ".metadata.json");
    }

    private OusterMetadata readMetadata(LidarModel chosen) throws IOException {
        if (metadata != null) {
            if (!Files.isRegularFile(metadata)) {
                throw new IllegalArgumentException(metadata + ": no such file");
            }
            return OusterMetadata.read(metadata);
        }
        Path sibling = siblingMetadata();
        if ((chosen == null || chosen == LidarModel.OS1) && Files.isRegularFile(sibling)) {
            return OusterMetadata.read(sibling);
        }
        return null;
    }

    private LidarModel detect(OusterMetadata meta) throws IOException {
        try (PcapReader reader = PcapReader.open(file, new LidarStats("probe"))) {
            while (reader.next()) {
                int len = reader.payloadLength();
                if (len == VelodyneDecoder.PACKET_BYTES) {
                    LidarModel m = VelodyneDecoder.detectModel(reader.buffer(), reader.payloadOffset(), len);
                    if (m != null) {
                        return m;
                    }
                } else if (meta != null && len == meta.packetBytes()) {
                    return LidarModel.OS1;
                }
            }
        }
        return null;
    }

    /**
     * Point lines: formatted on {@link ChunkedPointLines}' threads in chunks, in order; on one CPU on the decoding
     * thread by {@link PointLines} (a second thread there only adds hand-offs). The same bytes either way.
     */
    private long printPoints(LidarPacketDecoder decoder, LidarModel chosen, PrintWriter out) throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        OutputStream bytes = JsonLines.bytes(out);
        try {
            if (cpus == 1) {
                try (PointLines lines = new PointLines(bytes)) {
                    decodeAll(decoder, chosen, lines);
                    return lines.lines();
                }
            }
            try (ChunkedPointLines lines = new ChunkedPointLines(bytes, ChunkedPointLines.DEFAULT_CHUNK_POINTS,
                    Math.min(cpus, MAX_FORMATTERS))) {
                decodeAll(decoder, chosen, lines);
                return lines.lines();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void decodeAll(LidarPacketDecoder decoder, LidarModel chosen, LidarPointConsumer printer)
            throws IOException {
        int dataBytes = chosen == LidarModel.OS1 ? ((OusterLegacyDecoder) decoder).metadata().packetBytes()
                : VelodyneDecoder.PACKET_BYTES;
        LidarStats stats = decoder.stats();
        VelodynePositionDecoder position = chosen == LidarModel.OS1 ? null : new VelodynePositionDecoder(stats);
        try (PcapReader reader = PcapReader.open(file, stats)) {
            while (reader.next()) {
                int len = reader.payloadLength();
                stats.setOrigin(file.toString(), reader.payloadFileOffset());
                if (position != null && len == VelodynePositionDecoder.PACKET_BYTES) {
                    position.decode(reader.buffer(), reader.payloadOffset(), len);
                } else if (len == dataBytes || reader.destinationPort() == dataPort(chosen)) {
                    decoder.decode(reader.buffer(), reader.payloadOffset(), len, printer);
                } else {
                    stats.frameIgnored();
                }
            }
        }
    }

    private static int dataPort(LidarModel m) {
        return m == LidarModel.OS1 ? OusterLegacyDecoder.DATA_PORT : VelodyneDecoder.DATA_PORT;
    }

    private static final SerializableString MIN_Z = JsonFormat.name("min_z");
    private static final SerializableString MAX_Z = JsonFormat.name("max_z");
    private static final SerializableString CUT_AZIMUTH = JsonFormat.name("cut_azimuth_deg");

    private long printScans(LidarPacketDecoder decoder, LidarModel chosen, PrintWriter out) throws IOException {
        double cut = cutAzimuthDeg != null ? cutAzimuthDeg
                : chosen == LidarModel.OS1 ? ((OusterLegacyDecoder) decoder).frameStartRotationDeg() : 0.0;
        long[] count = {0};
        try (JsonLines lines = JsonLines.to(out);
             PcapLidarSource source = PcapLidarSource.open(file, decoder,
                ScanAssemblerConfig.of(SENSOR, cut, decoder.maxPointsPerRevolution()), dataPort(chosen),
                chosen == LidarModel.OS1 ? 0 : VelodyneDecoder.POSITION_PORT, null)) {
            JsonGenerator g = lines.generator();
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, (header, payload) -> {
                PointCloud cloud = (PointCloud) payload;
                try {
                    int n = cloud.size();
                    double minZ = Double.POSITIVE_INFINITY;
                    double maxZ = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        minZ = Math.min(minZ, cloud.z(i));
                        maxZ = Math.max(maxZ, cloud.z(i));
                    }
                    g.writeStartObject();
                    g.writeNumberField("scan", header.sequence());
                    g.writeNumberField("stamp_ns", header.stampNanos());
                    g.writeNumberField("points", n);
                    g.writeNumberField("duration_ns", n == 0 ? 0 : cloud.timeOffsetNanos(n - 1));
                    lines.javaDouble(MIN_Z, n == 0 ? 0 : minZ);
                    lines.javaDouble(MAX_Z, n == 0 ? 0 : maxZ);
                    lines.javaDouble(CUT_AZIMUTH, cut);
                    g.writeEndObject();
                    lines.endLine();
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    cloud.release();
                }
                return true;
            }, t -> { }, Long.MAX_VALUE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }
}
