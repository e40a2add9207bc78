package org.avfusion.runtime.cli.decode;

/**
 * UTC epoch milliseconds as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} into a caller's buffer, without allocating: the
 * civil date from the day number by Howard Hinnant's {@code civil_from_days}
 * (https://howardhinnant.github.io/date_algorithms.html). Years 1 to 9999 only; others are left to
 * {@code DateTimeFormatter}, whose year-of-era output differs there.
 */
final class IsoMillis {
    static final int CHARS = 24;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoMillis() {
    }

    /** Writes the text into {@code out} (at least {@value #CHARS} chars); its length, or -1 outside years 1..9999. */
    static int format(long epochMillis, char[] out) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9999) {
            return -1;
        }
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
        out[10] = 'T';
        put(out, 11, millisOfDay / 3_600_000, 2);
        out[13] = ':';
        put(out, 14, millisOfDay / 60_000 % 60, 2);
        out[16] = ':';
        put(out, 17, millisOfDay / 1000 % 60, 2);
        out[19] = '.';
        put(out, 20, millisOfDay % 1000, 3);
        out[23] = 'Z';
        return CHARS;
    }

    private static void put(char[] out, int at, long v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
