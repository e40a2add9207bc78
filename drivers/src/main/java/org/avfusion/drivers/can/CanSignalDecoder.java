package org.avfusion.drivers.can;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the configured signals from frames and counts what it cannot use: frames with an id no spec names
 * (per id, so a user can see which ids a vehicle sends), and frames too short for their signal.
 *
 * <p>Not thread-safe (the counters); one per source.
 */
public final class CanSignalDecoder {
    private final Map<Integer, CanSignalSpec> byId = new HashMap<>();
    private final TreeMap<Integer, Long> unknownIds = new TreeMap<>();
    private long unknownFrames;
    private long shortFrames;

    /** At most one spec per id (a second one is a configuration error). */
    public CanSignalDecoder(List<CanSignalSpec> specs) {
        for (CanSignalSpec s : specs) {
            CanSignalSpec previous = byId.put(s.id(), s);
            if (previous != null) {
                throw new IllegalArgumentException("CAN signals " + previous.name() + " and " + s.name()
                        + " both use id 0x" + Integer.toHexString(s.id()) + "; give one signal per id");
            }
        }
    }

    /** The decoded value, or {@code NaN} when the frame is unknown (counted) or too short (counted). */
    public double decode(CanFrame frame) {
        CanSignalSpec spec = byId.get(frame.id());
        if (spec == null) {
            unknownFrames++;
            unknownIds.merge(frame.id(), 1L, Long::sum);
            return Double.NaN;
        }
        try {
            return spec.decode(frame.data());
        } catch (IllegalArgumentException e) {
            shortFrames++;
            return Double.NaN;
        }
    }

    /** The spec for {@code id}, or null. */
    public CanSignalSpec spec(int id) {
        return byId.get(id);
    }

    public long unknownFrames() {
        return unknownFrames;
    }

    /** Frame counts per unknown id, ascending id. */
    public Map<Integer, Long> unknownIds() {
        return Map.copyOf(unknownIds);
    }

    public long shortFrames() {
        return shortFrames;
    }
}
