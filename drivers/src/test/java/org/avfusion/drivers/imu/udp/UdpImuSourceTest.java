package org.avfusion.drivers.imu.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Test;

/** The avfusion IMU datagram round trip, and the live source: samples published, bad datagrams counted, repeats. */
class UdpImuSourceTest {
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);
    private static final ImuSample SAMPLE = new ImuSample(0.01, -0.02, 0.25, 1.5, -0.25, 9.81);

    private static ByteBuffer datagram(long sequence, long stamp) {
        ByteBuffer b = ByteBuffer.allocate(ImuUdpPacket.BYTES);
        ImuUdpPacket.encode(sequence, stamp, SAMPLE, b);
        return b.flip();
    }

    @Test
    void encodedDatagramDecodesToTheSample() {
        ByteBuffer b = datagram(7, 123_456_789L);
        assertNull(ImuUdpPacket.problem(b, ImuUdpPacket.BYTES));
        assertEquals(7, ImuUdpPacket.sequence(b));
        assertEquals(123_456_789L, ImuUdpPacket.stampNanos(b));
        ImuSample s = ImuUdpPacket.sample(b);
        assertEquals(0.25, s.gyroZRadPerSec(), 1e-6);
        assertEquals(9.81, s.accelZMetersPerSec2(), 1e-5);
        b.put(20, (byte) (b.get(20) ^ 1));
        assertTrue(ImuUdpPacket.problem(b, ImuUdpPacket.BYTES).contains("CRC-32C"));
        assertTrue(ImuUdpPacket.problem(b, 40).contains("40 bytes"));
    }

    @Test
    void sourcePublishesSamplesCountsBadDatagramsAndNoticesAFreeze() throws Exception {
        List<ImuSample> seen = new CopyOnWriteArrayList<>();
        UdpImuSource source = new UdpImuSource(new InetSocketAddress("127.0.0.1", 0), IMU, (h, p) -> {
            seen.add((ImuSample) p);
            return true;
        }, VehicleClock.SYSTEM);
        source.start();
        try (DatagramChannel sender = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", source.localPort());
            for (int i = 0; i < 20; i++) {
                sender.send(datagram(i, i * 10_000_000L), to);
                Thread.sleep(1);
            }
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), to);
            for (int i = 0; i < 15; i++) {
                sender.send(datagram(19, 190_000_000L), to); // stuck
                Thread.sleep(1);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!source.freeze().frozen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            source.close();
        }
        assertEquals(20, seen.size(), "fresh samples only");
        assertEquals(1, source.rejected(), source.lastError());
        assertTrue(source.lastError().contains("3 bytes"), source.lastError());
        assertEquals("FROZEN", source.freeze().status());
    }
}
