package org.avfusion.drivers.recorded.kitti;

import java.time.LocalDateTime;
import java.time.ZoneId;
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

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
