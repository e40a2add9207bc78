package org.avfusion.drivers.ins.ncom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/** NCOM over UDP on loopback: a locked packet becomes an IMU sample and a GNSS fix; a packet cut short is counted. */
class NcomUdpSourceTest {
    @Test
    void lockedPacketGivesImuSampleAndFixAndShortPacketsAreCounted() throws Exception {
        SensorId imu = new SensorId("imu", SensorKind.IMU);
        SensorId gnss = new SensorId("gnss", SensorKind.GNSS);
        List<FrameHeader> headers = Collections.synchronizedList(new ArrayList<>());
        List<Payload> payloads = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (NcomUdpSource source = new NcomUdpSource(new InetSocketAddress(loopback, 0), imu, gnss, (h, p) -> {
            headers.add(h);
            payloads.add(p);
            return true;
        }, () -> 42L); DatagramSocket sender = new DatagramSocket()) {
            source.start();
            byte[] p = NcomDecoderTestPackets.locked();
            sender.send(new DatagramPacket(p, 40, loopback, source.localPort())); // cut short
            sender.send(new DatagramPacket(p, p.length, loopback, source.localPort()));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (payloads.size() < 2) {
                assertTrue(System.nanoTime() < deadline, "timed out; payloads " + payloads);
                Thread.sleep(2);
            }
            assertEquals(1, source.truncated(), "the datagram cut short");
            assertEquals(1, source.packets());
            ImuSample s = (ImuSample) payloads.get(0);
            assertEquals(imu, headers.get(0).sensor());
            assertEquals(1.0, s.accelXMetersPerSec2(), 1e-9, "forward specific force");
            GnssFix f = (GnssFix) payloads.get(1);
            assertEquals(gnss, headers.get(1).sensor());
            assertEquals(37.5, f.latitudeDeg(), 1e-9);
            assertEquals(-122.25, f.longitudeDeg(), 1e-9);
            assertEquals(10.0, f.speedMetersPerSecond(), 1e-3, "ground speed from the north/east velocity");
            assertTrue(f.trackDeg() < 1e-3 || f.trackDeg() > 359.999, "course north: " + f.trackDeg());
            assertTrue(f.utcEpochMillis() != GnssFix.UNKNOWN_TIME, "GPS time from status channel 0");
            assertEquals(42L, headers.get(0).stampNanos(), "stamped on arrival");
        }
    }
}
