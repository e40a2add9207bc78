package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.avfusion.runtime.output.json.JsonFormat;
import org.avfusion.runtime.output.json.JsonLines;
import org.junit.jupiter.api.Test;

/**
 * {@link PointLines} against the Jackson generator path that {@code decode lidar} used before (field by field
 * through {@link JsonLines}, floats as {@code Float.toString}): the same bytes for the same points.
 */
class PointLinesTest {
    private static final long SEED = 17L;
    private static final String[] NAMES = {"x", "y", "z", "distance", "azimuth_deg", "elevation_deg", "intensity"};

    record Point(long t, float[] f, int ring) {
    }

    /** What the command wrote per point before PointLines: the generator, one field at a time. */
    private static byte[] viaGenerator(Point[] points) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializableString[] names = new SerializableString[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            names[i] = JsonFormat.name(NAMES[i]);
        }
        try (JsonLines lines = JsonLines.to(bytes)) {
            JsonGenerator g = lines.generator();
            for (Point p : points) {
                g.writeStartObject();
                g.writeFieldName("t_ns");
                g.writeNumber(p.t());
                for (int i = 0; i < NAMES.length; i++) {
                    g.writeFieldName(names[i]);
                    g.writeNumber(Float.toString(p.f()[i]));
                }
                g.writeFieldName("ring");
                g.writeNumber(p.ring());
                g.writeEndObject();
                lines.endLine();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] viaPointLines(Point[] points) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PointLines lines = new PointLines(bytes)) {
            for (Point p : points) {
                float[] f = p.f();
                lines.accept(p.t(), f[0], f[1], f[2], f[3], f[4], f[5], f[6], p.ring(), 0f);
            }
            assertEquals(points.length, lines.lines());
        }
        return bytes.toByteArray();
    }

    private static Point point(long t, int ring, float... f) {
        return new Point(t, f, ring);
    }

    @Test
    void writesTheGeneratorsBytesForATableOfPoints() throws IOException {
        Point[] table = {
            point(332_917_037_000L, 0, -0.96488947f, 2.7022598f, -1.7016691f, 3.3360002f, 250.34999f, -30.67f, 44f),
            point(0, 31, 0f, -0f, 0f, 0f, 0f, 0f, 0f),
            point(-1, -5, 1e-4f, -9.999999E-4f, 1e7f, 8.1109158E8f, Float.MIN_VALUE, Float.MAX_VALUE, 255f),
            point(Long.MIN_VALUE, Integer.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    0.001f, 9_999_999f, 1234567.9f, -0.5f),
            point(Long.MAX_VALUE, Integer.MAX_VALUE, 0.1f, 0.2f, 0.3f, 100f, 359.99f, 10.67f, 1f),
            // intensities next to the table of whole numbers 0-255: negative zero, past the end, halves, below zero
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, -0f),
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, 256f),
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, 254.5f),
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, -1f),
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, 0.99999994f),
            point(1, 2, 1f, 2f, 3f, 4f, 5f, 6f, 100f),
        };
        assertEquals(new String(viaGenerator(table), StandardCharsets.UTF_8),
                new String(viaPointLines(table), StandardCharsets.UTF_8));
    }

    @Test
    void writesTheGeneratorsBytesForTwoHundredThousandRandomPointsAcrossManyBuffers() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Point[] points = new Point[200_000]; // about 30 MB of lines: the 64 KiB buffer is drained many times
        for (int i = 0; i < points.length; i++) {
            float[] f = new float[NAMES.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = switch (random.nextInt(4)) {
                    case 0 -> Float.intBitsToFloat(random.nextInt());
                    case 1 -> (float) random.nextDouble(-130, 130);
                    case 2 -> random.nextInt(256);
                    default -> (float) (random.nextInt(36_000) / 100.0);
                };
            }
            points[i] = new Point(random.nextLong(0, Long.MAX_VALUE), f, random.nextInt(128));
        }
        assertEquals(new String(viaGenerator(points), StandardCharsets.UTF_8),
                new String(viaPointLines(points), StandardCharsets.UTF_8));
    }

    @Test
    void repeatedTimesAzimuthsAndRingElevationsPrintAsTheGeneratorDoes() throws IOException {
        // what PointLines keeps the text of: t_ns and azimuth of lasers fired together, a ring's elevation; here
        // they repeat often, and change now and then (rings beyond 127 share a memo slot with ring - 128)
        SplittableRandom random = new SplittableRandom(SEED + 1);
        float[] elevation = new float[256];
        for (int r = 0; r < elevation.length; r++) {
            elevation[r] = (float) random.nextDouble(-30, 30);
        }
        Point[] points = new Point[100_000];
        long t = 1_000_000_000L;
        float azimuth = 0.5f;
        for (int i = 0; i < points.length; i++) {
            if (random.nextInt(3) == 0) {
                t += random.nextInt(2_000);
                azimuth = (float) random.nextDouble(0, 360);
            }
            int ring = random.nextInt(256);
            if (random.nextInt(10) == 0) {
                elevation[ring] = random.nextBoolean() ? -elevation[ring] : (float) random.nextDouble(-30, 30);
            }
            float[] f = {(float) random.nextDouble(-50, 50), (float) random.nextDouble(-50, 50),
                (float) random.nextDouble(-3, 3), (float) random.nextDouble(0, 80), azimuth, elevation[ring],
                random.nextInt(256)};
            points[i] = new Point(t, f, ring);
        }
        byte[] expected = viaGenerator(points);
        byte[] actual = viaPointLines(points);
        assertEquals(expected.length, actual.length, "bytes written");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                int from = Math.max(0, i - 80);
                assertEquals(new String(expected, from, 160, StandardCharsets.UTF_8),
                        new String(actual, from, 160, StandardCharsets.UTF_8), "first difference at byte " + i);
            }
        }
    }

    @Test
    void anErrorOfTheTargetComesOutOfAcceptUnchecked() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        PointLines lines = new PointLines(broken);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                lines.accept(i, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7f, 8, 0f);
            }
        });
        assertEquals("disk full", e.getCause().getMessage());
    }
}
