package org.avfusion.drivers.imu.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdpImuSourceTest {
    private static final ImuSample SAMPLE = new ImuSample(0.01, -0.02, 0.125, 0.5, 1.25, 9.81);

    @Test
    void roundTrip() {
        byte[] b = new byte[ImuDatagram.BYTES];
        ImuDatagram.encode(123_456_789L, SAMPLE, b);
        assertEquals('A', b[0]);
        assertEquals('M', b[3]);
        ImuDatagram.Reject[] reject = new ImuDatagram.Reject[1];
        ImuDatagram.Decoded d = ImuDatagram.decode(b, b.length, reject);
        assertEquals(123_456_789L, d.senderNanos());
        assertEquals(SAMPLE, d.sample());
    }

    /** What is broken in a datagram, and the reason it is refused with. */
    @ParameterizedTest
    @CsvSource({
            "short,    LENGTH",
            "long,     LENGTH",
            "magic,    MAGIC",
            "version,  VERSION",
            "nan,      VALUE",
            "infinity, VALUE"})
    void refusesBadDatagrams(String broken, ImuDatagram.Reject expected) {
        byte[] b = new byte[ImuDatagram.BYTES + 8];
        ImuDatagram.encode(1, SAMPLE, b);
        int length = ImuDatagram.BYTES;
        switch (broken) {
            case "short" -> length = 48;
            case "long" -> length = ImuDatagram.BYTES + 8;
            case "magic" -> b[0] = 'X';
            case "version" -> b[4] = 2;
            case "nan" -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(32, Double.NaN);
            case "infinity" -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putDouble(40, Double.POSITIVE_INFINITY);
            default -> throw new IllegalArgumentException(broken);
        }
        ImuDatagram.Reject[] reject = new ImuDatagram.Reject[1];
        assertNull(ImuDatagram.decode(b, length, reject));
        assertEquals(expected, reject[0]);
    }

    @Test
    void stampsSamplesAtTheirOwnTimeOnTheVehicleClockAndCountsRejects() throws Exception {
        SensorId imu = new SensorId("imu", SensorKind.IMU);
        List<FrameHeader> headers = Collections.synchronizedList(new ArrayList<>());
        AtomicLong now = new AtomicLong(5_000_000_000L);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (UdpImuSource source = new UdpImuSource(new InetSocketAddress(loopback, 0), imu,
                (h, p) -> headers.add(h), now::get);
                DatagramSocket sender = new DatagramSocket()) {
            source.start();
            byte[] b = new byte[ImuDatagram.BYTES];
            // sender times 1.00, 1.01, 1.02 s; arrival clock 5.002 (2 ms delay), 5.011 (1 ms: the smallest), 5.025
            long[] sent = {1_000_000_000L, 1_010_000_000L, 1_020_000_000L};
            long[] arrival = {5_002_000_000L, 5_011_000_000L, 5_025_000_000L};
            for (int i = 0; i < sent.length; i++) {
                now.set(arrival[i]);
                ImuDatagram.encode(sent[i], SAMPLE, b);
                sender.send(new DatagramPacket(b, b.length, loopback, source.localPort()));
                waitFor(() -> headers.size() + source.rejected(), i + 1);
            }
            sender.send(new DatagramPacket(b, 10, loopback, source.localPort()));
            waitFor(() -> headers.size() + source.rejected(), 4);
            assertEquals(3, source.samples());
            assertEquals(1, source.rejected(ImuDatagram.Reject.LENGTH));
            assertEquals(List.of(5_002_000_000L, 5_011_000_000L, 5_021_000_000L),
                    headers.stream().map(FrameHeader::stampNanos).toList(),
                    "sender time + smallest delay seen so far (4 ms more than the minimum for the last one)");
            assertEquals(List.of(0L, 1L, 2L), headers.stream().map(FrameHeader::sequence).toList());
        }
    }

    private static void waitFor(java.util.function.LongSupplier count, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < n) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for datagram " + n);
            Thread.sleep(2);
        }
    }
}
