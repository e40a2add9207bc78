package org.avfusion.runtime.cli.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.avfusion.runtime.decimal.JavaFloatText;
import org.avfusion.runtime.decimal.LongText;
import org.avfusion.runtime.output.json.JsonLines;

/**
 * One point's line of {@code decode lidar}, formatted into a caller's byte[]: the record's layout is fixed, so the
 * field names are constant bytes and only the numbers vary (floats through {@link JavaFloatText}). The bytes are
 * exactly what {@link JsonLines}' Jackson generator wrote for the same point (names in this order, no spaces,
 * {@code t_ns} and {@code ring} as integers, floats as {@code Float.toString}, the platform line separator).
 *
 * <p>Fields that repeat are not formatted again: the text of the last {@code t_ns} and {@code azimuth_deg} (shared by
 * the lasers fired together) and of the last {@code elevation_deg} per ring (fixed by the sensor's calibration) is
 * kept with the value's bits and copied when the bits are the same, and a whole-number intensity (0-255, what the
 * sensors return) comes from a table. The memo and the table change only the cost, never the bytes,
 * so any split of a point stream over several instances prints the same lines.
 *
 * <p>Not thread-safe (the memo): one instance per formatting thread.
 */
final class PointText {
    private static final Text T_NS = new Text("{\"t_ns\":");
    private static final Text X = new Text(",\"x\":");
    private static final Text Y = new Text(",\"y\":");
    private static final Text Z = new Text(",\"z\":");
    private static final Text DISTANCE = new Text(",\"distance\":");
    private static final Text AZIMUTH = new Text(",\"azimuth_deg\":");
    private static final Text ELEVATION = new Text(",\"elevation_deg\":");
    private static final Text INTENSITY = new Text(",\"intensity\":");
    private static final Text RING = new Text(",\"ring\":");
    private static final Text END = new Text("}" + System.lineSeparator());
    /**
     * A line never exceeds this, and {@link #write} needs this much free space at its offset: names and punctuation
     * 91 bytes (CRLF included), 7 floats, a long and an int, and the bytes a {@link Text} or {@link LongText} stores
     * past its end.
     */
    static final int MAX_LINE_BYTES = 128 + 7 * JavaFloatText.MAX_BYTES + 2 * LongText.MAX_BYTES;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Text of the last sensor time, valid when {@link #lastTLength} is not 0. */
    private final byte[] lastTText = new byte[20];
    private long lastT;
    private int lastTLength;
    /** Memo slots of float text: 0 for the azimuth, 1 + (ring &amp; 127) for a ring's elevation. */
    private static final int RING_SLOTS = 128;
    private final int[] memoBits = new int[1 + RING_SLOTS];
    private final byte[] memoLength = new byte[1 + RING_SLOTS];
    private final byte[] memoText = new byte[(1 + RING_SLOTS) * JavaFloatText.MAX_BYTES];

    /**
     * Writes the point's line (line separator included) into {@code b} at {@code at}, which must have
     * {@link #MAX_LINE_BYTES} free; returns the offset after the line.
     */
    int write(byte[] b, int at, long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
              float azimuthDeg, float elevationDeg, float intensity, int ring) {
        int n = put(b, T_NS, at);
        n = putTime(b, sensorNanos, n);
        n = JavaFloatText.write(xMeters, b, put(b, X, n));
        n = JavaFloatText.write(yMeters, b, put(b, Y, n));
        n = JavaFloatText.write(zMeters, b, put(b, Z, n));
        n = JavaFloatText.write(distanceMeters, b, put(b, DISTANCE, n));
        n = memo(b, 0, azimuthDeg, put(b, AZIMUTH, n));
        n = memo(b, 1 + (ring & (RING_SLOTS - 1)), elevationDeg, put(b, ELEVATION, n));
        n = intensity(b, intensity, put(b, INTENSITY, n));
        n = LongText.write(ring, b, put(b, RING, n));
        return put(b, END, n);
    }

    private static int put(byte[] b, Text text, int at) {
        LONG_LE.set(b, at, text.word0);
        if (text.length > 8) {
            LONG_LE.set(b, at + 8, text.word1);
            if (text.length > 16) {
                LONG_LE.set(b, at + 16, text.word2);
            }
        }
        return at + text.length;
    }

    /**
     * Constant ASCII of up to 24 bytes as little-endian words: stored a word at a time (what follows overwrites the
     * bytes stored past its end), cheaper than a copy of a few bytes.
     */
    private static final class Text {
        final long word0;
        final long word1;
        final long word2;
        final int length;

        Text(String s) {
            if (s.length() > 24) {
                throw new IllegalArgumentException("longer than 24 bytes: " + s);
            }
            byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 24);
            ByteBuffer words = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            word0 = words.getLong(0);
            word1 = words.getLong(8);
            word2 = words.getLong(16);
            length = s.length();
        }
    }

    private int putTime(byte[] b, long t, int at) {
        if (lastTLength != 0 && t == lastT) {
            System.arraycopy(lastTText, 0, b, at, lastTLength);
            return at + lastTLength;
        }
        int end = LongText.write(t, b, at);
        lastT = t;
        lastTLength = end - at;
        System.arraycopy(b, at, lastTText, 0, lastTLength);
        return end;
    }

    /**
     * The text of the intensities every Velodyne and Ouster return carries (whole numbers 0-255: a calibrated
     * reflectivity byte), "0.0" to "255.0" as one little-endian word each, formatted once by {@link JavaFloatText}.
     */
    private static final long[] INTENSITY_WORD = new long[256];
    private static final byte[] INTENSITY_LENGTH = new byte[256];

    static {
        byte[] text = new byte[JavaFloatText.MAX_BYTES + 8];
        for (int i = 0; i < 256; i++) {
            Arrays.fill(text, (byte) 0);
            INTENSITY_LENGTH[i] = (byte) JavaFloatText.write(i, text, 0);
            INTENSITY_WORD[i] = (long) LONG_LE.get(text, 0);
        }
    }

    /** {@code v}'s text at {@code at}: a whole number 0-255 from the table (one word), anything else formatted. */
    private static int intensity(byte[] b, float v, int at) {
        int i = (int) v;
        if (i >= 0 && i < 256 && Float.floatToRawIntBits(v) == Float.floatToRawIntBits(i)) {
            LONG_LE.set(b, at, INTENSITY_WORD[i]);
            return at + INTENSITY_LENGTH[i];
        }
        return JavaFloatText.write(v, b, at);
    }

    /** {@code v}'s text at {@code at}, copied from memo {@code slot} when it holds the same bits, else formatted. */
    private int memo(byte[] b, int slot, float v, int at) {
        int bits = Float.floatToRawIntBits(v);
        int length = memoLength[slot];
        int offset = slot * JavaFloatText.MAX_BYTES;
        if (length != 0 && memoBits[slot] == bits) {
            System.arraycopy(memoText, offset, b, at, length);
            return at + length;
        }
        int end = JavaFloatText.write(v, b, at);
        memoBits[slot] = bits;
        memoLength[slot] = (byte) (end - at);
        System.arraycopy(b, at, memoText, offset, end - at);
        return end;
    }
}
