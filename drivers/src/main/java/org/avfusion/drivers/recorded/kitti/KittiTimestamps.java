package org.avfusion.drivers.recorded.kitti;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the lines of KITTI raw {@code timestamps*.txt} files, {@code 2011-09-26 13:02:25.964389445}, into
 * nanoseconds since 1970.
 *
 * <p>KITTI does not say which time zone its timestamps are in; the caller names one (UTC unless known better).
 * Stateless and thread-safe; no I/O.
 */
public final class KittiTimestamps {
    private static final DateTimeFormatter FORMAT = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private KittiTimestamps() {
    }

    /**
     * @throws IllegalArgumentException naming the text when the line is not a timestamp
     */
    public static long parseEpochNanos(String line, ZoneId zone) {
        String text = line.strip();
        try {
            LocalDateTime time = LocalDateTime.parse(text, FORMAT);
            var instant = time.atZone(zone).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a timestamp like "
                    + "2011-09-26 13:02:25.964389445");
        }
    }

    /**
     * Turns the lines of a {@code timestamps.txt} into nanoseconds relative to the first line. Only differences
     * matter, so the time zone is irrelevant (read as UTC).
     *
     * @param source names the file in messages
     * @param lines  one timestamp a line; blank lines at the end are ignored
     * @return offsets from the first timestamp, nanoseconds, strictly increasing
     * @throws IllegalArgumentException naming {@code source}, the 1-based line and the value for a line that does
     *                                  not parse or a time that does not increase
     */
    public static long[] offsetsNanos(String source, List<String> lines) {
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
                nanos = parseEpochNanos(text, ZoneOffset.UTC);
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

    /**
     * Which stamps to keep so that a stream's time only moves forward: the longest run of strictly increasing stamps
     * (not necessarily adjacent), the earliest lines preferred where runs tie. A stamp set back (or a swapped pair)
     * costs that one line, as a rule that keeps each stamp after the last one kept would; unlike that rule, a stamp
     * set forward costs that one line too, not every line after it. O(n log n).
     *
     * @param stampsNanos one stamp a line; {@link Long#MIN_VALUE} for a line without one (never kept)
     * @return per line, whether it is kept
     */
    public static boolean[] longestIncreasing(long[] stampsNanos) {
        int n = stampsNanos.length;
        // longest increasing run starting at each line: the longest decreasing one ending there, read backwards
        int[] from = new int[n];
        long[] tails = new long[n];
        int length = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (stampsNanos[i] == Long.MIN_VALUE) {
                continue;
            }
            long key = -stampsNanos[i]; // MIN_VALUE excluded, so no overflow
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tails[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            tails[lo] = key;
            length = Math.max(length, lo + 1);
            from[i] = lo + 1;
        }
        boolean[] kept = new boolean[n];
        long previous = Long.MIN_VALUE;
        boolean any = false;
        int needed = length;
        for (int i = 0; i < n && needed > 0; i++) {
            long stamp = stampsNanos[i];
            if (stamp != Long.MIN_VALUE && from[i] == needed && (!any || stamp > previous)) {
                kept[i] = true;
                previous = stamp;
                any = true;
                needed--;
            }
        }
        return kept;
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
