package org.avfusion.runtime.cli.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.runtime.output.json.JsonFormat;
import org.avfusion.runtime.output.json.JsonLines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writing half of {@code decode lidar}: the 19,579 points of {@code ../shared/data/lidar/hdl32-sample-a.pcap}
 * (decoded once in set-up, 12,677 of them without a return, all zeros) written as JSON lines into a stream that
 * discards, per point. {@code pointLines} is what the command does now; {@code generatorFloatToString} what it did
 * before ({@link JsonLines}' Jackson generator field by field, float digits from {@code StringBuilder.append(float)});
 * {@code generatorJavaFloatText} the generator with {@code NumberText}'s floats on {@code JavaFloatText}. Each
 * iteration also prints the benchmark thread's CPU time per point ("cpu ns/point"), which leaves out the time the
 * thread waited for a core on a shared machine; 10^9 over it is points per CPU second.
 *
 * <pre>
 *   points (arrays) --PointLines--&gt; 64 KiB byte[] --&gt; (discarded)                    [pointLines]
 *   points (arrays) --JsonGenerator, per field--&gt; 64 KiB buffer --&gt; (discarded)     [generator*]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeLidarOutputBenchmark {
    private static final int POINTS = 19_579;
    private static final String[] NAMES = {"x", "y", "z", "distance", "azimuth_deg", "elevation_deg", "intensity"};
    private final long[] t = new long[POINTS];
    private final float[][] fields = new float[NAMES.length][POINTS];
    private final int[] ring = new int[POINTS];
    private final SerializableString tNs = JsonFormat.name("t_ns");
    private final SerializableString ringName = JsonFormat.name("ring");
    private final SerializableString[] names = new SerializableString[NAMES.length];
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private PointLines pointLines;
    private JsonLines jsonLines;
    private final StringBuilder builder = new StringBuilder(32);
    private final char[] chars = new char[32];
    private long cpuNanos;
    private long points;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path pcap = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "lidar", "hdl32-sample-a.pcap");
        if (!Files.isRegularFile(pcap)) {
            throw new IllegalStateException("../shared/data/lidar/hdl32-sample-a.pcap not found: "
                    + pcap.toAbsolutePath() + " (set -Davfusion.shared)");
        }
        LidarStats stats = new LidarStats("bench");
        VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
        int[] n = {0};
        try (PcapReader reader = PcapReader.open(pcap, stats)) {
            while (reader.next()) {
                if (reader.payloadLength() == VelodyneDecoder.PACKET_BYTES) {
                    decoder.decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength(),
                            (time, x, y, z, d, az, el, in, r, rot) -> {
                                int i = n[0]++;
                                t[i] = time;
                                float[] f = {x, y, z, d, az, el, in};
                                for (int j = 0; j < f.length; j++) {
                                    fields[j][i] = f[j];
                                }
                                ring[i] = r;
                            });
                }
            }
        }
        if (n[0] != POINTS) {
            throw new IllegalStateException(pcap + ": " + n[0] + " points, expected " + POINTS);
        }
        for (int j = 0; j < NAMES.length; j++) {
            names[j] = JsonFormat.name(NAMES[j]);
        }
        pointLines = new PointLines(OutputStream.nullOutputStream());
        jsonLines = JsonLines.to(OutputStream.nullOutputStream());
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (points > 0) {
            System.out.printf(" [cpu %.1f ns/point over %d points]", (double) cpuNanos / points, points);
        }
        cpuNanos = 0;
        points = 0;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void pointLines() {
        long cpu = threads.getCurrentThreadCpuTime();
        float[] x = fields[0], y = fields[1], z = fields[2], d = fields[3], az = fields[4], el = fields[5];
        float[] in = fields[6];
        for (int i = 0; i < POINTS; i++) {
            pointLines.accept(t[i], x[i], y[i], z[i], d[i], az[i], el[i], in[i], ring[i], az[i]);
        }
        pointLines.flush();
        count(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void generatorJavaFloatText() throws IOException {
        long cpu = threads.getCurrentThreadCpuTime();
        JsonGenerator g = jsonLines.generator();
        for (int i = 0; i < POINTS; i++) {
            g.writeStartObject();
            g.writeFieldName(tNs);
            g.writeNumber(t[i]);
            for (int j = 0; j < NAMES.length; j++) {
                jsonLines.javaFloat(names[j], fields[j][i]);
            }
            g.writeFieldName(ringName);
            g.writeNumber(ring[i]);
            g.writeEndObject();
            jsonLines.endLine();
        }
        jsonLines.flush();
        count(cpu);
    }

    /** The command before JavaFloatText and PointLines (NumberText.javaFloat as it was: whole numbers apart). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void generatorFloatToString() throws IOException {
        long cpu = threads.getCurrentThreadCpuTime();
        JsonGenerator g = jsonLines.generator();
        for (int i = 0; i < POINTS; i++) {
            g.writeStartObject();
            g.writeFieldName(tNs);
            g.writeNumber(t[i]);
            for (int j = 0; j < NAMES.length; j++) {
                g.writeFieldName(names[j]);
                oldJavaFloat(g, fields[j][i]);
            }
            g.writeFieldName(ringName);
            g.writeNumber(ring[i]);
            g.writeEndObject();
            jsonLines.endLine();
        }
        jsonLines.flush();
        count(cpu);
    }

    private void oldJavaFloat(JsonGenerator g, float v) throws IOException {
        float a = Math.abs(v);
        if (a < 1e7f && a == (int) a) {
            int n = 0;
            if (Float.floatToRawIntBits(v) < 0) {
                chars[n++] = '-';
            }
            int whole = (int) a;
            int len = 1;
            for (int t = whole; t >= 10; t /= 10) {
                len++;
            }
            for (int i = n + len - 1; i >= n; i--) {
                chars[i] = (char) ('0' + whole % 10);
                whole /= 10;
            }
            n += len;
            chars[n++] = '.';
            chars[n++] = '0';
            g.writeNumber(chars, 0, n);
            return;
        }
        builder.setLength(0);
        builder.append(v);
        int n = builder.length();
        builder.getChars(0, n, chars, 0);
        g.writeNumber(chars, 0, n);
    }

    private void count(long cpuBefore) {
        cpuNanos += threads.getCurrentThreadCpuTime() - cpuBefore;
        points += POINTS;
    }
}
