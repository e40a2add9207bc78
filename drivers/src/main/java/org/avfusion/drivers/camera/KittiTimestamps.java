package org.avfusion.drivers.camera;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Turns the lines of a KITTI raw {@code timestamps.txt} (parsed by the recorded-drive package's
 * {@link org.avfusion.drivers.recorded.kitti.KittiTimestamps}) into nanoseconds relative to the first line. Only
 * differences matter, so the time zone is irrelevant (read as UTC). Pure: no I/O.
 */
final class KittiTimestamps {
    private KittiTimestamps() {
    }

    /**
     * @param source names the file in messages
     * @param lines  one timestamp a line; blank lines at the end are ignored
     * @return offsets from the first timestamp, nanoseconds, strictly increasing
     * @throws IllegalArgumentException naming {@code source}, the 1-based line and the value for a line that does
     *                                  not parse or a time that does not increase
     */
    static long[] offsetsNanos(String source, List<String> lines) {
        int count = lines.size();
        while (count > 0 && lines.get(count - 1).isBlank()) {
            count--;
        }
        long[] offsets = new long[count];
        long first = 0;
        for (int i = 0; i < count; i++) {
            String text = lines.get(i).strip();
            long nanos;
            try {
                nanos = org.avfusion.drivers.recorded.kitti.KittiTimestamps.parseEpochNanos(text, ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            if (i == 0) {
                first = nanos;
            }
            offsets[i] = nanos - first;
            if (i > 0 && offsets[i] <= offsets[i - 1]) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + text
                        + "' is not later than the line before");
            }
        }
        return offsets;
    }
}
