package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.udp.UdpLidarSettings;
import org.avfusion.drivers.lidar.udp.UdpLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneEncoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Test;

/**
 * A lidar replaying one valid packet (the incident: 2,742 copies became ~1,300 sweeps reported OK) publishes no
 * sweep and reports FROZEN; when fresh packets come again it thaws.
 */
class FrozenLidarStreamTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);

    @Test
    void oneValidPacketRepeatedPublishesNoSweepAndReportsFrozen() throws Exception {
        AtomicInteger sweeps = new AtomicInteger();
        LidarStats stats = new LidarStats("frozen");
        UdpLidarSource udp = new UdpLidarSource(UdpLidarSettings.of("127.0.0.1", 0),
                new VelodyneDecoder(null, stats), ScanAssemblerConfig.of(LIDAR, 0.0, 120_000), (h, p) -> {
                    sweeps.incrementAndGet();
                    ((PointCloud) p).release();
                    return true;
                }, VehicleClock.SYSTEM);
        udp.start();
        VelodyneEncoder encoder = new VelodyneEncoder(VelodyneModel.HDL32);
        float[] distances = new float[12 * 32];
        java.util.Arrays.fill(distances, 10f);
        ByteBuffer packet = ByteBuffer.allocate(VelodyneDecoder.PACKET_BYTES);
        try (DatagramChannel sender = DatagramChannel.open()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", udp.localPort());
            // the same packet, 2,742 times; its azimuths cross the cut, so each decoded copy would close a sweep
            int[] az = {35_800, 35_820, 35_840, 35_860, 35_880, 35_900, 35_920, 35_940, 35_960, 35_980, 0, 20};
            packet.clear();
            encoder.encodeData(1_000_000, az, distances, null, packet);
            for (int i = 0; i < 2_742; i++) {
                sender.send(ByteBuffer.wrap(packet.array()), target);
                if (i % 10 == 0) {
                    Thread.sleep(1); // about 10 packets a millisecond: the receive buffer is not what is tested
                }
            }
            // every copy after the first read (on a loaded machine the receiving thread lags the sender; the kernel
            // may still have dropped a few, which the floor below allows for)
            awaitPackets(udp, () -> udp.freeze().duplicates() >= 2_741);
            assertTrue(udp.freeze().frozen(), "frozen: " + stats.snapshot());
            assertEquals("FROZEN", udp.freeze().status());
            assertEquals(1, stats.packets(), "only the first copy is decoded");
            assertTrue(udp.freeze().droppedWhileFrozen() > 2_000, "copies dropped while frozen: "
                    + udp.freeze().droppedWhileFrozen());

            // fresh packets (advancing stamps): the stream thaws and decodes again
            for (int i = 1; i <= 20; i++) {
                packet.clear();
                encoder.encodeData(1_000_000 + i * 600L, az, distances, null, packet);
                sender.send(ByteBuffer.wrap(packet.array()), target);
                Thread.sleep(1);
            }
            assertTrue(awaitPackets(udp, () -> stats.packets() >= 21), "fresh packets decoded: " + stats.snapshot());
            assertEquals("OK", udp.freeze().status());
        } finally {
            udp.close();
        }
        assertEquals(1, udp.freeze().frozenEpisodes());
        assertTrue(sweeps.get() >= 1 && sweeps.get() <= 22, "sweeps: one per fresh packet at most, not one per"
                + " copy: " + sweeps.get());
    }

    private static boolean awaitPackets(UdpLidarSource udp, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return done.getAsBoolean();
    }
}
