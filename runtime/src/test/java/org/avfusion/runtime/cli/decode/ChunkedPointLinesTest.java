package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkedPointLines} against {@link PointLines}, the single-threaded path it replaces: the same bytes for the
 * same points whatever the chunk size and number of formatting threads, one write per chunk, and the target's
 * errors coming out on the decoding thread without a thread left waiting.
 */
class ChunkedPointLinesTest {
    private static final long SEED = 23L;

    /** A lidar-like stream: times and azimuths shared by a few points, ring elevations that repeat, random floats. */
    private static final class Points {
        final long[] t;
        final float[][] f;
        final int[] ring;

        Points(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            t = new long[n];
            f = new float[n][];
            ring = new int[n];
            float[] elevation = new float[64];
            for (int r = 0; r < elevation.length; r++) {
                elevation[r] = (float) random.nextDouble(-30, 30);
            }
            long time = 332_917_037_000L;
            float azimuth = 250.35f;
            for (int i = 0; i < n; i++) {
                if (random.nextInt(3) == 0) {
                    time += random.nextInt(2_000);
                    azimuth = (float) random.nextDouble(0, 360);
                }
                int r = random.nextInt(elevation.length);
                t[i] = time;
                ring[i] = r;
                f[i] = new float[] {
                    random.nextInt(20) == 0 ? Float.intBitsToFloat(random.nextInt())
                        : (float) random.nextDouble(-80, 80),
                    (float) random.nextDouble(-80, 80), (float) random.nextDouble(-3, 3),
                    (float) random.nextDouble(0, 120), azimuth, elevation[r], random.nextInt(256)};
            }
        }

        int size() {
            return t.length;
        }

        void feed(LidarPointConsumer to) {
            for (int i = 0; i < t.length; i++) {
                float[] v = f[i];
                to.accept(t[i], v[0], v[1], v[2], v[3], v[4], v[5], v[6], ring[i], v[4]);
            }
        }
    }

    private static byte[] viaPointLines(Points points) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PointLines lines = new PointLines(bytes)) {
            points.feed(lines);
        }
        return bytes.toByteArray();
    }

    /** An in-memory target that counts its writes and flushes. */
    private static final class Target extends ByteArrayOutputStream {
        int writes;
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void printsPointLinesBytesForEveryChunkSizeAndFormatterCount() {
        Points points = new Points(30_011, SEED);
        byte[] expected = viaPointLines(points);
        int[][] table = {
            // chunk points, formatters
            {1, 1},
            {1, 3},
            {7, 2},
            {1_000, 1},
            {1_000, 2},
            {2_048, 2},
            {2_048, 4},
            {30_011, 2}, // exactly one full chunk
            {65_536, 2}, // one partial chunk
        };
        for (int[] row : table) {
            Target target = new Target();
            long lines;
            try (ChunkedPointLines chunked = new ChunkedPointLines(target, row[0], row[1])) {
                points.feed(chunked);
                lines = chunked.lines();
            }
            String what = "chunk " + row[0] + ", formatters " + row[1];
            assertEquals(points.size(), lines, what);
            assertEquals(expected.length, target.size(), what + ": bytes");
            assertArrayEquals(expected, target.toByteArray(), what);
            assertEquals((points.size() + row[0] - 1) / row[0], target.writes, what + ": one write per chunk");
            assertEquals(1, target.flushes, what + ": flushed once, on close");
        }
    }

    @Test
    void aStreamOfNoPointsWritesNothingAndFlushes() {
        Target target = new Target();
        try (ChunkedPointLines chunked = new ChunkedPointLines(target, 16, 2)) {
            assertEquals(0, chunked.lines());
        }
        assertEquals(0, target.size());
        assertEquals(0, target.writes);
        assertEquals(1, target.flushes);
    }

    /** A reader that goes away (as {@code | head} does): the first {@code accepted} bytes, then EPIPE. */
    private static final class ClosesEarly extends OutputStream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final int accepted;
        int failedWrites;

        ClosesEarly(int accepted) {
            this.accepted = accepted;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (kept.size() + len > accepted) {
                failedWrites++;
                throw new IOException("Broken pipe");
            }
            kept.write(b, off, len);
        }
    }

    @Test
    void anEarlyClosedTargetStopsTheDecoderWithItsErrorAndLeavesNoThreadBehind() {
        Points points = new Points(50_000, SEED + 1);
        byte[] expected = viaPointLines(points);
        for (int formatters : new int[] {1, 2, 3}) {
            ClosesEarly target = new ClosesEarly(100_000);
            ChunkedPointLines chunked = new ChunkedPointLines(target, 500, formatters);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> points.feed(chunked),
                    "the decoder learns of the error at a later chunk hand-off");
            assertEquals("Broken pipe", e.getCause().getMessage());
            assertTrue(chunked.lines() < points.size(), "decoding stopped early: " + chunked.lines());
            UncheckedIOException again = assertThrows(UncheckedIOException.class, chunked::close);
            assertEquals("Broken pipe", again.getCause().getMessage());
            chunked.close(); // idempotent
            assertEquals(1, target.failedWrites, "no write after the first error");
            byte[] kept = target.kept.toByteArray();
            assertTrue(kept.length > 0 && kept.length <= 100_000, "kept " + kept.length);
            assertArrayEquals(Arrays.copyOf(expected, kept.length), kept, "what got through is a prefix, in order");
            assertNoPipelineThread();
        }
    }

    @Test
    void anErrorWhileClosingComesOutOfClose() {
        Points points = new Points(3_000, SEED + 2);
        ClosesEarly target = new ClosesEarly(0); // every write fails; the decoder hands off no full chunk
        ChunkedPointLines chunked = new ChunkedPointLines(target, 4_096, 2);
        points.feed(chunked);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, chunked::close);
        assertEquals("Broken pipe", e.getCause().getMessage());
        assertNoPipelineThread();
    }

    @Test
    void rejectsAnEmptyChunkOrNoFormatter() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkedPointLines(new Target(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChunkedPointLines(new Target(), 1, 0));
    }

    private static void assertNoPipelineThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertTrue(!t.getName().startsWith("decode-lidar-") || !t.isAlive(), "still running: " + t.getName());
        }
    }
}
