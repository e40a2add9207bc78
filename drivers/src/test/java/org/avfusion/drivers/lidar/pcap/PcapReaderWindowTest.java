package org.avfusion.drivers.lidar.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.lidar.LidarHealth;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PcapReader} reads the file a window at a time: records that cross a window's end, records as large as
 * {@link PcapReader#MAX_RECORD_BYTES}, and a file cut inside its last record come back as they were written.
 */
class PcapReaderWindowTest {
    private static final int ETHERNET = 1;

    @TempDir
    Path dir;

    /** One record written: its file offset, capture stamp, ports (UDP only) and payload (UDP only). */
    private record Written(long offset, long stampMicros, boolean udp, int sourcePort, int destinationPort,
            byte[] payload) {
    }

    @Test
    void recordsAcrossWindowsComeBackWhole() throws IOException {
        List<Written> written = new ArrayList<>();
        Path file = capture(written, 4L * PcapReader.WINDOW_BYTES, 7);

        LidarStats stats = new LidarStats("test");
        int udp = 0;
        try (PcapReader reader = PcapReader.open(file, stats)) {
            for (Written w : written) {
                if (!w.udp()) {
                    continue;
                }
                assertTrue(reader.next(), "record at " + w.offset());
                assertEquals(w.offset(), reader.recordOffset());
                assertEquals(w.stampMicros() * 1000, reader.timestampNanos());
                assertEquals(w.sourcePort(), reader.sourcePort());
                assertEquals(w.destinationPort(), reader.destinationPort());
                byte[] got = new byte[reader.payloadLength()];
                reader.buffer().get(reader.payloadOffset(), got);
                assertArrayEquals(w.payload(), got, "payload of the record at " + w.offset());
                udp++;
            }
            assertFalse(reader.next());
            assertEquals(written.size(), reader.records());
        }
        assertTrue(udp > 200, "UDP records: " + udp);
        assertTrue(written.size() - udp > 10, "large non-IP records: " + (written.size() - udp));
        assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
    }

    @Test
    void aFileCutInsideItsLastRecordGivesEveryWholeRecordThenOneCount() throws IOException {
        List<Written> written = new ArrayList<>();
        Path whole = capture(written, 3L * PcapReader.WINDOW_BYTES, 11);
        Written last = written.get(written.size() - 1);
        long wholeRecords = written.size() - 1;
        byte[] bytes = Files.readAllBytes(whole);
        // cut inside the last record's header, then inside its body
        for (long cut : new long[] {last.offset() + 9, last.offset() + 16 + 5}) {
            Path file = Files.write(dir.resolve("cut-" + cut + ".pcap"), Arrays.copyOf(bytes, (int) cut));
            LidarStats stats = new LidarStats("test");
            long udp = 0;
            try (PcapReader reader = PcapReader.open(file, stats)) {
                while (reader.next()) {
                    udp++;
                }
                assertEquals(wholeRecords, reader.records(), "whole records before the cut at " + cut);
            }
            assertEquals(written.subList(0, written.size() - 1).stream().filter(Written::udp).count(), udp);
            LidarHealth health = stats.snapshot();
            assertEquals(1, health.rejectedTotal(), stats.lastError());
            assertEquals(1, health.rejected(LidarRejectReason.PCAP_TRUNCATED_RECORD));
        }
    }

    @Test
    void aRecordEndingAtAnyByteAroundTheFirstWindowsEndComesBackWhole() throws IOException {
        // the first window starts at the file header (offset 0): records of 100,000 bytes, then one that ends `past`
        // bytes after the window's end (a negative `past`: before it; 16 or less: its header may cross), then UDP
        for (int past : new int[] {-17, -16, -9, -1, 0, 1, 2, 9, 15, 16, 17}) {
            List<Written> written = new ArrayList<>();
            ByteBuffer out = header(PcapReader.WINDOW_BYTES + 200_000);
            while (out.position() + 100_016 < PcapReader.WINDOW_BYTES - 60_000) {
                record(out, written, written.size(), false, 100_000 - 14);
            }
            record(out, written, written.size(), false, PcapReader.WINDOW_BYTES + past - out.position() - 16 - 14);
            assertEquals(PcapReader.WINDOW_BYTES + past, out.position());
            for (int i = 0; i < 3; i++) {
                record(out, written, written.size(), true, 1200 + i);
            }
            Path file = Files.write(dir.resolve("edge" + past + ".pcap"), Arrays.copyOf(out.array(), out.position()));
            LidarStats stats = new LidarStats("test");
            try (PcapReader reader = PcapReader.open(file, stats)) {
                for (Written w : written.subList(written.size() - 3, written.size())) {
                    assertTrue(reader.next(), "past " + past + ": record at " + w.offset());
                    assertEquals(w.offset(), reader.recordOffset());
                    byte[] got = new byte[reader.payloadLength()];
                    reader.buffer().get(reader.payloadOffset(), got);
                    assertArrayEquals(w.payload(), got, "past " + past + ": payload of the record at " + w.offset());
                }
                assertFalse(reader.next());
                assertEquals(written.size(), reader.records(), "past " + past);
            }
            assertEquals(0, stats.snapshot().rejectedTotal(), "past " + past + ": " + stats.lastError());
        }
    }

    /**
     * A little-endian microsecond Ethernet capture of at least {@code minBytes}: UDP datagrams of 1 to 9,000 payload
     * bytes, and now and then a non-IP frame of 40 KB up to the largest record the reader takes (so that records
     * cross window ends at many places); the last record is a UDP datagram.
     */
    private Path capture(List<Written> written, long minBytes, long seed) throws IOException {
        Random random = new Random(seed);
        ByteBuffer out = header((int) minBytes + 2 * PcapReader.MAX_RECORD_BYTES);
        for (int i = 0; out.position() < minBytes || !written.get(written.size() - 1).udp(); i++) {
            boolean udp = out.position() >= minBytes || random.nextInt(20) != 0;
            record(out, written, i, udp, udp ? 1 + random.nextInt(9000)
                    : 40_000 + random.nextInt(PcapReader.MAX_RECORD_BYTES - 40_000 - 14 + 1));
        }
        return Files.write(dir.resolve("windows-" + seed + ".pcap"), Arrays.copyOf(out.array(), out.position()));
    }

    /** A buffer of {@code capacity} bytes holding the file header. */
    private static ByteBuffer header(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(PcapReader.MAX_RECORD_BYTES).putInt(ETHERNET);
    }

    /**
     * Record number {@code i}: a UDP datagram of {@code bytes} payload bytes, or a non-IP frame of {@code bytes}
     * bytes after its Ethernet header; stamps, ports and payload bytes follow from {@code i}.
     */
    private static void record(ByteBuffer out, List<Written> written, int i, boolean udp, int bytes) {
        long stamp = 1_700_000_000_000_000L + 997L * i;
        byte[] payload = new byte[bytes];
        for (int k = 0; k < payload.length; k++) {
            payload[k] = (byte) (i * 31 + k);
        }
        int sourcePort = 1024 + (i * 7919) % 60000;
        int destinationPort = 2368 + i % 3;
        int captured = udp ? 14 + 20 + 8 + payload.length : 14 + payload.length;
        long offset = out.position();
        out.putInt((int) (stamp / 1_000_000)).putInt((int) (stamp % 1_000_000)).putInt(captured).putInt(captured);
        out.order(ByteOrder.BIG_ENDIAN);
        out.put(new byte[12]).putShort((short) (udp ? 0x0800 : 0x88B5));
        if (udp) {
            out.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload.length)).putInt(0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0A000001).putInt(0x0A000002);
            out.putShort((short) sourcePort).putShort((short) destinationPort)
                    .putShort((short) (8 + payload.length)).putShort((short) 0);
        }
        out.put(payload);
        out.order(ByteOrder.LITTLE_ENDIAN);
        written.add(new Written(offset, stamp, udp, sourcePort, destinationPort, udp ? payload : null));
    }
}
