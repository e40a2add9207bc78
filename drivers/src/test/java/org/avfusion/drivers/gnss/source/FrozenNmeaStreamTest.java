package org.avfusion.drivers.gnss.source;

import static org.avfusion.drivers.gnss.source.CollectingSink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.source.VehicleClock;
import org.junit.jupiter.api.Test;

/** A receiver (or gateway) repeating one epoch: the fix is published once, the stream reports FROZEN, then thaws. */
class FrozenNmeaStreamTest {
    private static final long T0 = 1_717_408_800_000L; // 2024-06-03T10:00:00Z

    private static String epoch(long utcMillis) {
        GnssFix fix = new GnssFix(utcMillis, 51.5, -0.1, 20, 8, 90, FixMode.FIX_3D, 0.8, 14);
        return NmeaWriter.gga(fix, "GP") + "\r\n" + NmeaWriter.rmc(fix, "GP") + "\r\n";
    }

    @Test
    void repeatedEpochIsPublishedOnceAndTheStreamFreezesUntilTimeAdvances() throws Exception {
        CollectingSink sink = new CollectingSink();
        NmeaUdpSource source = new NmeaUdpSource(new InetSocketAddress("127.0.0.1", 0), NmeaFileSourceTest.GNSS,
                sink, VehicleClock.SYSTEM);
        try (source; DatagramSocket sender = new DatagramSocket()) {
            source.start();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", source.localPort());
            for (long t : new long[] {T0, T0 + 100, T0 + 200}) {
                send(sender, to, epoch(t));
            }
            for (int i = 0; i < 10; i++) { // frozen on the 200 ms epoch
                send(sender, to, epoch(T0 + 200));
            }
            assertTrue(await(() -> source.stats().frozen(), 5), source.stats().toString());
            assertEquals("FROZEN", source.stats().status());
            for (long t : new long[] {T0 + 300, T0 + 400}) {
                send(sender, to, epoch(t));
            }
            assertTrue(await(() -> !source.stats().frozen() && sink.size() >= 4, 5), source.stats().toString());
        }
        assertTrue(sink.size() <= 6, "one fix per epoch, not one per repeated sentence: " + sink.size());
        long[] times = sink.fixes().stream().mapToLong(GnssFix::utcEpochMillis).toArray();
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1], "published fixes advance in time: " + java.util.Arrays.toString(times));
        }
    }

    private static void send(DatagramSocket sender, InetSocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        sender.send(new DatagramPacket(bytes, bytes.length, to));
        Thread.sleep(2);
    }
}
