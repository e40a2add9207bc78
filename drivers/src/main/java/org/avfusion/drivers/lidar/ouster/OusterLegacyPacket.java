package org.avfusion.drivers.lidar.ouster;

import java.nio.ByteBuffer;

/**
 * Field access into an Ouster legacy-profile lidar packet (firmware 2.x software user manual, "Lidar Data
 * Format"), little endian, read in place without allocation. A packet is {@code columnsPerPacket} columns; a column
 * is a 16-byte header (timestamp ns uint64, measurement id uint16, frame id uint16, encoder count uint32), then per
 * pixel 12 bytes (range mm in the low 20 bits of a uint32, reflectivity uint16, signal uint16, near-infrared
 * uint16, 2 unused bytes), then a uint32 status ({@code 0xFFFFFFFF} = valid column).
 *
 * <p>{@code column} below is the byte offset of the column's start in the buffer.
 */
public final class OusterLegacyPacket {
    public static final int COLUMN_HEADER_BYTES = 16;
    public static final int PIXEL_BYTES = 12;
    public static final int COLUMN_FOOTER_BYTES = 4;
    /** Status word of a valid column. */
    public static final long VALID_STATUS = 0xFFFF_FFFFL;

    private OusterLegacyPacket() {
    }

    public static long timestampNanos(ByteBuffer p, int column) {
        return u32(p, column) | u32(p, column + 4) << 32;
    }

    public static int measurementId(ByteBuffer p, int column) {
        return u16(p, column + 8);
    }

    public static int frameId(ByteBuffer p, int column) {
        return u16(p, column + 10);
    }

    public static long encoderCount(ByteBuffer p, int column) {
        return u32(p, column + 12);
    }

    /** Status word of the column; {@code pixels} is the pixel count per column. */
    public static long status(ByteBuffer p, int column, int pixels) {
        return u32(p, column + COLUMN_HEADER_BYTES + pixels * PIXEL_BYTES);
    }

    public static int rangeMillimeters(ByteBuffer p, int column, int pixel) {
        return (int) (u32(p, column + COLUMN_HEADER_BYTES + pixel * PIXEL_BYTES) & 0xFFFFF);
    }

    public static int reflectivity(ByteBuffer p, int column, int pixel) {
        return u16(p, column + COLUMN_HEADER_BYTES + pixel * PIXEL_BYTES + 4);
    }

    public static int signal(ByteBuffer p, int column, int pixel) {
        return u16(p, column + COLUMN_HEADER_BYTES + pixel * PIXEL_BYTES + 6);
    }

    public static int nearIr(ByteBuffer p, int column, int pixel) {
        return u16(p, column + COLUMN_HEADER_BYTES + pixel * PIXEL_BYTES + 8);
    }

    static int u16(ByteBuffer p, int at) {
        return (p.get(at) & 0xFF) | (p.get(at + 1) & 0xFF) << 8;
    }

    static long u32(ByteBuffer p, int at) {
        return (u16(p, at) | (long) u16(p, at + 2) << 16) & 0xFFFF_FFFFL;
    }
}
