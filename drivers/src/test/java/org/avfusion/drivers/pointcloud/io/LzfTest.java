package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LzfTest {

    private static byte[] roundTrip(byte[] data) throws Lzf.CorruptStreamException {
        byte[] packed = new byte[Lzf.maxCompressedLength(data.length)];
        int n = Lzf.compress(data, 0, data.length, packed, 0);
        byte[] back = new byte[data.length];
        Lzf.decompress(packed, 0, n, back, 0, data.length);
        return back;
    }

    @Test
    void decodesAHandWrittenStreamOfLiteralsAndAnOverlappingRun() throws Exception {
        // literal "ab" (ctrl 1), then back reference distance 2 length 7 ("abababa"): ctrl (5 << 5) | 0, offset 1
        byte[] stream = {1, 'a', 'b', (byte) (5 << 5), 1};
        byte[] out = new byte[9];
        Lzf.decompress(stream, 0, stream.length, out, 0, 9);
        assertEquals("ababababa", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void decodesALongBackReferenceWithItsExtraLengthByte() throws Exception {
        // literal "x", then length code 7 + 100 -> 109 bytes at distance 1
        byte[] stream = {0, 'x', (byte) (7 << 5), 100, 0};
        byte[] out = new byte[110];
        Lzf.decompress(stream, 0, stream.length, out, 0, 110);
        byte[] expected = new byte[110];
        Arrays.fill(expected, (byte) 'x');
        assertArrayEquals(expected, out);
    }

    @Test
    void roundTripsRandomRepetitiveAndEmptyInputs() throws Exception {
        for (long seed : new long[] {1, 7, 2024}) {
            Random random = new Random(seed);
            for (int c = 0; c < 200; c++) {
                byte[] data = new byte[random.nextInt(20_000)];
                int alphabet = 1 + random.nextInt(c % 2 == 0 ? 4 : 256);
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextInt(8) == 0 && i > 300 ? data[i - 1 - random.nextInt(300)]
                            : (byte) random.nextInt(alphabet);
                }
                assertArrayEquals(data, roundTrip(data), "seed " + seed + " case " + c);
            }
        }
        assertArrayEquals(new byte[0], roundTrip(new byte[0]));
    }

    @Test
    void compressesRepetitiveDataAndNeverExpandsBeyondTheBound() throws Exception {
        byte[] zeros = new byte[100_000];
        byte[] packed = new byte[Lzf.maxCompressedLength(zeros.length)];
        int n = Lzf.compress(zeros, 0, zeros.length, packed, 0);
        assertTrue(n < 1_500, "100 kB of zeros compress to " + n + " bytes");
        byte[] noise = new byte[100_000];
        new Random(3).nextBytes(noise);
        int m = Lzf.compress(noise, 0, noise.length, new byte[Lzf.maxCompressedLength(noise.length)], 0);
        assertTrue(m <= Lzf.maxCompressedLength(noise.length));
    }

    @Test
    void rejectsCorruptStreamsNamingTheChunkOffset() {
        record Case(String name, byte[] stream, int expectedLength, long offset) {
        }
        Case[] cases = {
            new Case("literal run truncated", new byte[] {5, 'a', 'b'}, 6, 0),
            new Case("back reference before output start", new byte[] {0, 'a', (byte) (1 << 5), 9}, 4, 2),
            new Case("back reference missing its offset byte", new byte[] {0, 'a', (byte) (1 << 5)}, 4, 2),
            new Case("run overflows expected length", new byte[] {3, 'a', 'b', 'c', 'd'}, 2, 0),
            new Case("stream ends short", new byte[] {1, 'a', 'b'}, 5, 3),
        };
        for (Case c : cases) {
            Lzf.CorruptStreamException e = assertThrows(Lzf.CorruptStreamException.class,
                    () -> Lzf.decompress(c.stream(), 0, c.stream().length, new byte[16], 0, c.expectedLength()),
                    c.name());
            assertEquals(c.offset(), e.inputOffset(), c.name() + ": " + e.getMessage());
        }
    }
}
