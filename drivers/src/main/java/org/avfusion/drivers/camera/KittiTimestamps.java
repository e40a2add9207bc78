package org.avfusion.drivers.camera;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Parses KITTI raw {@code timestamps.txt} lines ({@code 2011-09-26 13:02:25.964389445}: local date and time,
 * 0 to 9 fraction digits) into nanoseconds relative to the first line. Only differences matter, so the time zone
 * is irrelevant (read as UTC). Pure: no I/O.
 */
final class KittiTimestamps {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

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
                LocalDateTime time = LocalDateTime.parse(text, FORMAT);
                nanos = Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L),
                        time.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + text
                        + "' is not a timestamp like 2011-09-26 13:02:25.964389445");
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
