package org.avfusion.drivers.can;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One classic CAN (or CAN FD) data frame.
 *
 * @param stampNanos receive time, nanoseconds on the recording's clock
 * @param bus        interface or bus name ({@code can0}, or the comma2k19 {@code src} number as text)
 * @param id         arbitration id: 11 bits, or 29 bits when {@code extended}
 * @param extended   29-bit identifier
 * @param data       payload, 0-64 bytes (defensively copied)
 */
public record CanFrame(long stampNanos, String bus, int id, boolean extended, byte[] data) {

    public CanFrame {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(data, "data");
        if (id < 0 || id > (extended ? 0x1FFFFFFF : 0x7FF)) {
            throw new IllegalArgumentException("CAN id 0x" + Integer.toHexString(id) + " out of range for "
                    + (extended ? "29" : "11") + "-bit identifiers");
        }
        if (data.length > 64) {
            throw new IllegalArgumentException("CAN payload of " + data.length + " bytes (at most 64)");
        }
        data = data.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Payload byte {@code i} (0-255). */
    public int byteAt(int i) {
        return data[i] & 0xff;
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanFrame f && f.stampNanos == stampNanos && f.bus.equals(bus) && f.id == id
                && f.extended == extended && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stampNanos, bus, id, extended, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "CanFrame[" + stampNanos + " " + bus + " " + Integer.toHexString(id) + "#"
                + HexFormat.of().formatHex(data) + "]";
    }
}
