package org.avfusion.drivers.can;

import java.util.Objects;

/**
 * Where one physical signal sits in a CAN frame (the fields of a DBC {@code SG_} line): value =
 * raw * factor + offset. Bit numbering follows DBC: for little-endian (Intel) signals {@code startBit} is the
 * least significant bit, counted from bit 0 of byte 0; for big-endian (Motorola) signals it is the most
 * significant bit in the same numbering (byte * 8 + bit-in-byte, bit 7 the MSB of a byte).
 *
 * @param name      signal name, for messages
 * @param id        frame id
 * @param startBit  [0, 511]
 * @param length    bits, [1, 64]
 * @param bigEndian Motorola byte order
 * @param signed    two's complement raw value
 * @param factor    scale, finite and non-zero
 * @param offset    finite
 */
public record CanSignalSpec(String name, int id, int startBit, int length, boolean bigEndian, boolean signed,
        double factor, double offset) {

    public CanSignalSpec {
        Objects.requireNonNull(name, "name");
        if (id < 0 || id > 0x1FFFFFFF) {
            throw new IllegalArgumentException("CAN signal " + name + ": id " + id + " out of [0, 0x1FFFFFFF]");
        }
        if (startBit < 0 || startBit > 511) {
            throw new IllegalArgumentException("CAN signal " + name + ": startBit " + startBit + " out of [0, 511]");
        }
        if (length < 1 || length > 64) {
            throw new IllegalArgumentException("CAN signal " + name + ": length " + length + " out of [1, 64]");
        }
        if (!Double.isFinite(factor) || factor == 0) {
            throw new IllegalArgumentException("CAN signal " + name + ": factor must be finite and non-zero, was "
                    + factor);
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("CAN signal " + name + ": offset must be finite, was " + offset);
        }
    }

    /**
     * The raw value in {@code data}, or throws IllegalArgumentException when the frame is too short for it.
     */
    public long raw(byte[] data) {
        long raw = 0;
        if (!bigEndian) {
            int last = startBit + length - 1;
            if (last / 8 >= data.length) {
                throw new IllegalArgumentException("CAN signal " + name + " needs byte " + last / 8 + ", frame has "
                        + data.length);
            }
            for (int i = length - 1; i >= 0; i--) {
                int bit = startBit + i;
                raw = raw << 1 | ((data[bit / 8] >> (bit % 8)) & 1);
            }
        } else {
            int bit = startBit;
            for (int i = 0; i < length; i++) {
                if (bit / 8 >= data.length || bit < 0) {
                    throw new IllegalArgumentException("CAN signal " + name + " runs past the frame's "
                            + data.length + " bytes");
                }
                raw = raw << 1 | ((data[bit / 8] >> (bit % 8)) & 1);
                bit = bit % 8 == 0 ? bit + 15 : bit - 1;
            }
        }
        if (signed && length < 64 && (raw & (1L << (length - 1))) != 0) {
            raw -= 1L << length;
        }
        return raw;
    }

    /** The physical value in {@code data}. */
    public double decode(byte[] data) {
        return raw(data) * factor + offset;
    }
}
