package org.avfusion.drivers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Velodyne data-packet decode throughput on one thread, in points per second (one operation = one point slot;
 * every packet of these captures has 384 returns).
 *
 * <pre>
 *   pcap payloads (preloaded, direct buffers) --&gt; VelodyneDecoder.decode --&gt; consumer (sums into a Blackhole)
 * </pre>
 *
 * Target: at least 20 x the HDL-64E point rate (1.3 M points/s), i.e. 26 M points/s, with {@code -prof gc}
 * showing about 0 B per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VelodyneDecodeBenchmark {
    private static final int PACKETS = 32;
    private static final int POINTS_PER_PACKET = 384;

    @Param({"vlp16-scanparser.pcap", "hdl32-sample-b.pcap"})
    public String capture;

    private ByteBuffer[] packets;
    private VelodyneDecoder decoder;
    private Sink sink;

    /** Sums coordinates so the JIT cannot drop the decoding; the sum goes to a Blackhole once per call. */
    static final class Sink implements LidarPointConsumer {
        float sum;
        long ringSum;

        @Override
        public void accept(long sensorNanos, float x, float y, float z, float distance, float azimuthDeg,
                           float elevationDeg, float intensity, int ring, float rotationDeg) {
            sum += x + y + z + intensity + azimuthDeg;
            ringSum += ring + sensorNanos;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "lidar", capture);
        List<ByteBuffer> list = new ArrayList<>();
        LidarStats stats = new LidarStats("bench");
        try (PcapReader reader = PcapReader.open(file, stats)) {
            while (reader.next() && list.size() < PACKETS) {
                if (reader.payloadLength() == VelodyneDecoder.PACKET_BYTES) {
                    ByteBuffer b = ByteBuffer.allocateDirect(VelodyneDecoder.PACKET_BYTES);
                    for (int i = 0; i < VelodyneDecoder.PACKET_BYTES; i++) {
                        b.put(i, reader.buffer().get(reader.payloadOffset() + i));
                    }
                    list.add(b);
                }
            }
        }
        if (list.size() < PACKETS) {
            throw new IllegalStateException(file + " has only " + list.size() + " data packets");
        }
        packets = list.toArray(new ByteBuffer[0]);
        decoder = new VelodyneDecoder(null, new LidarStats("bench"));
        sink = new Sink();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS * POINTS_PER_PACKET)
    public void decodePackets(Blackhole bh) {
        int points = 0;
        for (ByteBuffer p : packets) {
            points += decoder.decode(p, 0, VelodyneDecoder.PACKET_BYTES, sink);
        }
        bh.consume(points);
        bh.consume(sink.sum);
        bh.consume(sink.ringSum);
    }
}
