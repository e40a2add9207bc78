package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.udp.UdpLidarSettings;
import org.avfusion.drivers.lidar.udp.UdpLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Test;

/** The live UDP path assembles the same scans as the file path from the same packets. */
class UdpLidarSourceTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    /** One scan flattened to comparable arrays (x, y, z, intensity, ring, time offset per point). */
    static float[] flatten(PointCloud c) {
        float[] out = new float[c.size() * 6];
        for (int i = 0; i < c.size(); i++) {
            out[i * 6] = c.x(i);
            out[i * 6 + 1] = c.y(i);
            out[i * 6 + 2] = c.z(i);
            out[i * 6 + 3] = c.intensity(i);
            out[i * 6 + 4] = c.ring(i);
            out[i * 6 + 5] = c.timeOffsetNanos(i);
        }
        return out;
    }

    @Test
    void replayedVlp16PacketsOverLoopbackAssembleTheSameScansAsThePcap() throws Exception {
        var pcap = LidarTestData.file("vlp16-scanparser.pcap");
        List<float[]> fromFile = new ArrayList<>();
        LidarStats fileStats = new LidarStats("file");
        try (PcapLidarSource source = PcapLidarSource.open(pcap, new VelodyneDecoder(null, fileStats),
                ScanAssemblerConfig.of(LIDAR, 0.0, 120_000), VelodyneDecoder.DATA_PORT, 0, null)) {
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, (h, p) -> {
                fromFile.add(flatten((PointCloud) p));
                ((PointCloud) p).release();
                return true;
            }, t -> { }, Long.MAX_VALUE);
        }
        assertEquals(2, fromFile.size(), "the capture crosses 0 degrees once: two partial scans");

        List<float[]> live = new CopyOnWriteArrayList<>();
        LidarStats liveStats = new LidarStats("live");
        UdpLidarSource udp = new UdpLidarSource(UdpLidarSettings.of("127.0.0.1", 0),
                new VelodyneDecoder(null, liveStats), ScanAssemblerConfig.of(LIDAR, 0.0, 120_000), (h, p) -> {
                    live.add(flatten((PointCloud) p));
                    ((PointCloud) p).release();
                    return true;
                }, VehicleClock.SYSTEM);
        udp.start();
        List<byte[]> packets = LidarTestData.payloads(pcap, VelodyneDecoder.DATA_PORT);
        try (DatagramChannel sender = DatagramChannel.open()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", udp.localPort());
            for (byte[] p : packets) {
                sender.send(ByteBuffer.wrap(p), target);
                Thread.sleep(1); // loopback drops bursts beyond the socket buffer on slow machines
            }
            sender.send(ByteBuffer.wrap(new byte[100]), target); // a runt: counted, not fatal
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        // the runt, sent last, is read last: once it is counted everything before it has been read
        while ((liveStats.packets() < packets.size() || liveStats.rejected(LidarRejectReason.WRONG_SIZE) < 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        udp.close();
        assertEquals(packets.size(), liveStats.packets(), "every packet arrived: " + liveStats.snapshot());
        assertEquals(1, liveStats.rejected(LidarRejectReason.WRONG_SIZE), liveStats.lastError());
        assertEquals(fromFile.size(), live.size(), "scans");
        for (int i = 0; i < live.size(); i++) {
            assertEquals(fromFile.get(i).length, live.get(i).length, "scan " + i + " size");
            assertArrayEquals(fromFile.get(i), live.get(i), "scan " + i + " points");
        }
        assertEquals(15_744, Arrays.stream(live.toArray(new float[0][])).mapToInt(a -> a.length / 6).sum());
    }

    @Test
    void bindFailureNamesTheAddress() throws IOException {
        try (DatagramChannel taken = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            UdpLidarSource udp = new UdpLidarSource(UdpLidarSettings.of("127.0.0.1", port),
                    new VelodyneDecoder(null, new LidarStats("x")), ScanAssemblerConfig.of(LIDAR, 0, 1000),
                    (h, p) -> true, VehicleClock.SYSTEM);
            IOException e = assertThrows(IOException.class, udp::start);
            assertEquals(true, e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }
}
