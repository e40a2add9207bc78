package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.lidar.ouster.OusterLegacyDecoder;
import org.avfusion.drivers.lidar.ouster.OusterMetadata;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated bytes into the pcap reader and both decoders: nothing throws, every emitted value is finite,
 * rejections are counted with a message naming the origin. Fixed seeds, printed on failure.
 */
class LidarFuzzTest {
    private static final long[] SEEDS = {1L, 42L, 20240611L};
    private static final LidarPointConsumer CHECK_FINITE = (t, x, y, z, d, az, el, in, ring, rot) -> {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z) || !(d > 0) || !(az >= 0 && az < 360)
                || !(rot >= 0 && rot < 360) || ring < 0) {
            throw new AssertionError("bad point " + x + "," + y + "," + z + " d=" + d + " az=" + az + " rot=" + rot
                    + " ring=" + ring);
        }
    };

    @Test
    void velodyneDecoderSurvivesRandomAndMutatedPackets() throws IOException {
        List<byte[]> real = LidarTestData.payloads(LidarTestData.file("vlp16-scanparser.pcap"),
                VelodyneDecoder.DATA_PORT);
        for (long seed : SEEDS) {
            Random rnd = new Random(seed);
            LidarStats stats = new LidarStats("fuzz");
            VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
            try {
                for (int i = 0; i < 3000; i++) {
                    byte[] p = mutate(rnd, real.get(rnd.nextInt(real.size())), i);
                    int off = rnd.nextInt(3);
                    byte[] framed = new byte[p.length + off];
                    System.arraycopy(p, 0, framed, off, p.length);
                    int n = decoder.decode(ByteBuffer.wrap(framed), off, p.length, CHECK_FINITE);
                    assertTrue(n >= LidarPacketDecoder.REJECTED && n <= 384);
                }
            } catch (RuntimeException | AssertionError e) {
                fail("seed " + seed + ": " + e, e);
            }
            LidarHealth h = stats.snapshot();
            assertEquals(3000, h.packets() + h.rejectedTotal(), "seed " + seed + ": each packet decoded or rejected");
            assertTrue(h.rejectedTotal() > 0 && !h.lastError().isEmpty(), "seed " + seed);
        }
    }

    @Test
    void ousterDecoderSurvivesRandomAndMutatedPackets() throws IOException {
        OusterMetadata meta = OusterMetadata.read(LidarTestData.file("ouster-os1-32-1024x10.metadata.json"));
        List<byte[]> real = LidarTestData.payloads(LidarTestData.file("ouster-os1-32-1024x10.pcap"),
                OusterLegacyDecoder.DATA_PORT);
        for (long seed : SEEDS) {
            Random rnd = new Random(seed);
            LidarStats stats = new LidarStats("fuzz");
            OusterLegacyDecoder decoder = new OusterLegacyDecoder(meta, stats);
            try {
                for (int i = 0; i < 500; i++) {
                    byte[] p = mutate(rnd, real.get(rnd.nextInt(real.size())), i);
                    decoder.decode(ByteBuffer.wrap(p), 0, p.length, CHECK_FINITE);
                }
            } catch (RuntimeException | AssertionError e) {
                fail("seed " + seed + ": " + e, e);
            }
            assertTrue(stats.snapshot().rejectedTotal() > 0, "seed " + seed);
        }
    }

    @Test
    void pcapReaderSurvivesRandomMutatedAndTruncatedFiles(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(LidarTestData.file("vlp16-scanparser.pcap"));
        for (long seed : SEEDS) {
            Random rnd = new Random(seed);
            for (int i = 0; i < 60; i++) {
                byte[] bytes;
                switch (i % 4) {
                    case 0 -> {
                        bytes = new byte[rnd.nextInt(4000)];
                        rnd.nextBytes(bytes);
                    }
                    case 1 -> bytes = java.util.Arrays.copyOf(real, rnd.nextInt(real.length));
                    case 2 -> {
                        bytes = real.clone();
                        for (int k = 0; k < 20; k++) {
                            bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt();
                        }
                    }
                    default -> {
                        bytes = real.clone();
                        bytes[rnd.nextInt(4)] ^= (byte) (1 + rnd.nextInt(255)); // wrong magic
                    }
                }
                Path f = dir.resolve("fuzz-" + seed + "-" + i + ".pcap");
                Files.write(f, bytes);
                LidarStats stats = new LidarStats("fuzz");
                VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
                try (PcapReader reader = PcapReader.open(f, stats)) {
                    while (reader.next()) {
                        decoder.decode(reader.buffer(), reader.payloadOffset(), reader.payloadLength(), CHECK_FINITE);
                    }
                } catch (RuntimeException | AssertionError e) {
                    fail("seed " + seed + " case " + i + ": " + e, e);
                }
                if (i % 4 == 3) {
                    assertEquals(1, stats.rejected(LidarRejectReason.PCAP_BAD_MAGIC), "seed " + seed + " case " + i);
                    assertTrue(stats.lastError().startsWith(f + " at offset 0: PCAP_BAD_MAGIC"), stats.lastError());
                }
                if (i % 4 == 1 && bytes.length > 24) {
                    assertTrue(stats.rejected(LidarRejectReason.PCAP_TRUNCATED_RECORD) <= 1, "seed " + seed);
                }
            }
        }
    }

    @Test
    void bigEndianAndNanosecondCapturesReadTheSameDatagrams(@TempDir Path dir) throws IOException {
        Path src = LidarTestData.file("vlp16-scanparser.pcap");
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(src)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(in.capacity()).order(java.nio.ByteOrder.BIG_ENDIAN);
        out.putInt(0xA1B23C4D).putShort(in.getShort(4)).putShort(in.getShort(6)).putInt(in.getInt(8))
                .putInt(in.getInt(12)).putInt(in.getInt(16)).putInt(in.getInt(20));
        int at = 24;
        while (at + 16 <= in.capacity()) {
            int incl = in.getInt(at + 8);
            out.putInt(in.getInt(at)).putInt(in.getInt(at + 4) * 1000).putInt(incl).putInt(in.getInt(at + 12));
            int n = Math.min(incl, in.capacity() - at - 16);
            out.put(in.array(), at + 16, n);
            at += 16 + incl;
        }
        Path swapped = dir.resolve("be-ns.pcap");
        Files.write(swapped, java.util.Arrays.copyOf(out.array(), out.position()));
        LidarStats a = new LidarStats("le");
        LidarStats b = new LidarStats("be");
        try (PcapReader ra = PcapReader.open(src, a); PcapReader rb = PcapReader.open(swapped, b)) {
            int n = 0;
            while (ra.next()) {
                assertTrue(rb.next(), "datagram " + n);
                assertEquals(ra.timestampNanos(), rb.timestampNanos(), "stamp " + n);
                assertEquals(ra.payloadLength(), rb.payloadLength());
                assertEquals(ra.destinationPort(), rb.destinationPort());
                n++;
            }
            assertTrue(rb.nanosecondStamps() && !ra.nanosecondStamps());
            assertEquals(77, n);
        }
    }

    @Test
    void ipv4FragmentsAreRejectedAndCounted() {
        byte[] frame = new byte[14 + 20 + 8 + 4];
        frame[12] = 0x08;
        frame[14] = 0x45;
        frame[17] = (byte) (20 + 8 + 4);
        frame[20] = 0x20; // more fragments
        frame[23] = 17;
        LidarStats stats = new LidarStats("frag");
        var parser = new org.avfusion.drivers.lidar.pcap.UdpFrameParser(stats);
        assertEquals(org.avfusion.drivers.lidar.pcap.UdpFrameParser.REJECTED,
                parser.parse(1, ByteBuffer.wrap(frame), 0, frame.length));
        frame[20] = 0;
        frame[21] = 8; // fragment offset 8
        assertEquals(org.avfusion.drivers.lidar.pcap.UdpFrameParser.REJECTED,
                parser.parse(1, ByteBuffer.wrap(frame), 0, frame.length));
        frame[21] = 0;
        frame[14 + 20 + 5] = 12; // UDP length 12
        assertEquals(org.avfusion.drivers.lidar.pcap.UdpFrameParser.UDP,
                parser.parse(1, ByteBuffer.wrap(frame), 0, frame.length));
        assertEquals(2, stats.rejected(LidarRejectReason.IPV4_FRAGMENT));
    }

    private static byte[] mutate(Random rnd, byte[] real, int i) {
        switch (i % 5) {
            case 0 -> {
                byte[] b = new byte[rnd.nextBoolean() ? real.length : rnd.nextInt(real.length * 2)];
                rnd.nextBytes(b);
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(real, rnd.nextInt(real.length + 10));
            }
            case 2 -> {
                byte[] b = real.clone();
                for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
                }
                return b;
            }
            case 3 -> {
                byte[] b = real.clone();
                b[b.length - 1 - rnd.nextInt(2)] = (byte) rnd.nextInt(); // product or mode byte
                return b;
            }
            default -> {
                return real.clone();
            }
        }
    }
}
