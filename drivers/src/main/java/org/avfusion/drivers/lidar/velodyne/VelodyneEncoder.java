package org.avfusion.drivers.lidar.velodyne;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes Velodyne VLP-16 / HDL-32E data packets (1206 bytes) and position packets (512 bytes) in the layout
 * {@link VelodyneDecoder} and {@link VelodynePositionDecoder} read (the VLP-16 and HDL-32E manuals): a sensor
 * stand-in for hardware-in-the-loop rigs and tests.
 *
 * <p><b>Data packet</b>: 12 blocks of flag {@code FF EE}, azimuth (uint16 LE, hundredths of a degree) and 32
 * measurements (distance uint16 LE in 2 mm units, 0 = no return; intensity uint8), then the time stamp (uint32 LE,
 * microseconds past the hour), return mode {@code 0x37} (strongest) and the factory byte of the model.
 * Measurement {@code m} of a block fires laser {@link VelodyneModel#laserOf(int) laserOf(m)} (VLP-16: two firing
 * sequences per block). <b>Position packet</b>: 198 unused bytes, then the stamp at 198 (uint32 LE), the PPS
 * status byte (2 = locked) at 202 and the NMEA sentence from byte 206, zero padded.
 *
 * <p>Distances are rounded to the 2 mm unit and clamped to the field (131 m); a distance at or below 0 (or NaN)
 * is written as no return. Stateless apart from the model; thread-safe. Nothing is allocated per data packet.
 */
public final class VelodyneEncoder {
    /** Blocks per data packet. */
    public static final int BLOCKS = 12;
    /** Return-mode byte of single strongest return. */
    public static final int STRONGEST_RETURN = 0x37;
    private static final int BLOCK_BYTES = 100;
    private static final int STAMP_OFFSET = 1200;
    private static final int POSITION_STAMP_OFFSET = 198;
    private static final int POSITION_PPS_OFFSET = 202;
    private static final int POSITION_SENTENCE_OFFSET = 206;
    private static final double UNIT_METERS = 0.002;

    private final VelodyneModel model;

    public VelodyneEncoder(VelodyneModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public VelodyneModel model() {
        return model;
    }

    /**
     * Writes one data packet at {@code out}'s position (which advances by 1206 bytes).
     *
     * @param pastHourMicros      stamp of the first firing, microseconds past the hour, in [0, 3.6e9)
     * @param blockAzimuthCentideg 12 block azimuths, hundredths of a degree in [0, 36000)
     * @param distanceMeters      12 x 32 distances, block-major, measurement order of the block
     * @param intensity           12 x 32 intensities (0..255), same order; {@code null} for all 100
     */
    public void encodeData(long pastHourMicros, int[] blockAzimuthCentideg, float[] distanceMeters, byte[] intensity,
            ByteBuffer out) {
        if (pastHourMicros < 0 || pastHourMicros >= 3_600_000_000L) {
            throw new IllegalArgumentException("pastHourMicros out of [0, 3.6e9): " + pastHourMicros);
        }
        if (blockAzimuthCentideg.length != BLOCKS || distanceMeters.length != BLOCKS * 32
                || (intensity != null && intensity.length != BLOCKS * 32)) {
            throw new IllegalArgumentException("need 12 azimuths and 12 x 32 distances (and intensities), got "
                    + blockAzimuthCentideg.length + " and " + distanceMeters.length);
        }
        int base = out.position();
        for (int b = 0; b < BLOCKS; b++) {
            int az = blockAzimuthCentideg[b];
            if (az < 0 || az >= 36000) {
                throw new IllegalArgumentException("block " + b + " azimuth out of [0, 36000): " + az);
            }
            int at = base + b * BLOCK_BYTES;
            out.put(at, (byte) 0xFF).put(at + 1, (byte) 0xEE);
            putU16(out, at + 2, az);
            for (int m = 0; m < 32; m++) {
                float d = distanceMeters[b * 32 + m];
                int raw = !(d > 0) ? 0 : (int) Math.min(65_535, Math.round(d / UNIT_METERS));
                int mAt = at + 4 + m * 3;
                putU16(out, mAt, raw);
                out.put(mAt + 2, intensity == null ? (byte) 100 : intensity[b * 32 + m]);
            }
        }
        putU32(out, base + STAMP_OFFSET, pastHourMicros);
        out.put(base + STAMP_OFFSET + 4, (byte) STRONGEST_RETURN);
        out.put(base + STAMP_OFFSET + 5, (byte) model.model().velodyneProductByte());
        out.position(base + VelodyneDecoder.PACKET_BYTES);
    }

    /**
     * Writes one position packet carrying {@code sentence} (e.g. a {@code $GPRMC} line, without CR LF) at
     * {@code out}'s position (which advances by 512 bytes).
     */
    public static void encodePosition(long pastHourMicros, String sentence, ByteBuffer out) {
        byte[] text = (sentence + "\r\n").getBytes(StandardCharsets.US_ASCII);
        if (text.length > VelodynePositionDecoder.PACKET_BYTES - POSITION_SENTENCE_OFFSET) {
            throw new IllegalArgumentException("NMEA sentence of " + text.length + " bytes does not fit a position"
                    + " packet (at most " + (VelodynePositionDecoder.PACKET_BYTES - POSITION_SENTENCE_OFFSET) + ")");
        }
        int base = out.position();
        for (int i = 0; i < VelodynePositionDecoder.PACKET_BYTES; i++) {
            out.put(base + i, (byte) 0);
        }
        putU32(out, base + POSITION_STAMP_OFFSET, pastHourMicros % 3_600_000_000L);
        out.put(base + POSITION_PPS_OFFSET, (byte) 2);
        out.put(base + POSITION_SENTENCE_OFFSET, text);
        out.position(base + VelodynePositionDecoder.PACKET_BYTES);
    }

    /** Rewrites the stamp of a data packet that starts at {@code offset} (a clock fault, a looped capture). */
    public static void restamp(ByteBuffer packet, int offset, long pastHourMicros) {
        putU32(packet, offset + STAMP_OFFSET, Math.floorMod(pastHourMicros, 3_600_000_000L));
    }

    /** Reads the stamp of a data packet that starts at {@code offset}, microseconds past the hour. */
    public static long stampMicros(ByteBuffer packet, int offset) {
        return (packet.get(offset + STAMP_OFFSET) & 0xFFL) | (packet.get(offset + STAMP_OFFSET + 1) & 0xFFL) << 8
                | (packet.get(offset + STAMP_OFFSET + 2) & 0xFFL) << 16
                | (packet.get(offset + STAMP_OFFSET + 3) & 0xFFL) << 24;
    }

    private static void putU16(ByteBuffer out, int at, int v) {
        out.put(at, (byte) v).put(at + 1, (byte) (v >>> 8));
    }

    private static void putU32(ByteBuffer out, int at, long v) {
        putU16(out, at, (int) (v & 0xFFFF));
        putU16(out, at + 2, (int) (v >>> 16 & 0xFFFF));
    }
}
