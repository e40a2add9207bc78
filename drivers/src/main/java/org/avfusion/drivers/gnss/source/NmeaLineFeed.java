package org.avfusion.drivers.gnss.source;

import java.util.Objects;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.gnss.nmea.NmeaStats;

/**
 * Frames a byte stream into NMEA lines and feeds them to one {@link NmeaDecoder}, counting what happened to every
 * line in a {@link HealthCounters}. Bytes are ISO-8859-1, so garbage never fails to decode; a line longer than
 * {@code maxLineBytes} is discarded up to its end and counted as malformed. Blank lines and {@code #} comment lines
 * (gpsd log headers) are skipped.
 *
 * <p>A line may start with an arrival stamp, as {@code gpspipe -t} (local date and time) and {@code gpspipe -u}
 * write them, or as Unix seconds: {@code "2014-12-31 03:07:19.250: $GPGGA..."}, {@code "1419995239.25: $GPGGA..."}.
 * The stamp is stripped and handed to the listener with the fix the line released, in nanoseconds on the stamp's
 * own axis (only differences between stamps mean anything).
 *
 * <p>No I/O, no threads; not thread-safe: one feed per stream, fed from one thread. It allocates nothing per line
 * beyond the decoder's {@link NmeaStats} snapshot and the fixes; error messages are built only for bad lines.
 */
final class NmeaLineFeed {

    /** Receives each fix the decoder releases. */
    interface FixListener {
        /**
         * @param fix            the decoded fix
         * @param lineNumber     1-based line number (since the feed began) of the line that released it
         * @param lineStampNanos the arrival stamp of that line, or {@link #NO_STAMP}
         */
        void onFix(GnssFix fix, long lineNumber, long lineStampNanos);
    }

    static final long NO_STAMP = Long.MIN_VALUE;
    static final int DEFAULT_MAX_LINE_BYTES = 1024;

    private final NmeaDecoder decoder = new NmeaDecoder();
    private final HealthCounters health;
    private final String origin;
    private final boolean fileLocations;
    private final FixListener listener;
    private final byte[] line;
    private final Window window;
    private int length;
    private boolean overflow;
    private long lineNumber;
    private long lastStampNanos = NO_STAMP;
    private boolean sawSentence;
    private boolean firstSentenceStamped;

    private long badChecksum;
    private long missingChecksum;
    private long malformedSentences;
    private long impossible;
    private long unsupportedSentences;

    /**
     * @param origin        where the bytes come from, for error messages: a file path or {@code host:port}
     * @param fileLocations true to name lines {@code origin:line} (files), false for {@code origin line N}
     * @param maxLineBytes  longest line accepted, bytes (NMEA allows 82; receivers and logs exceed it)
     */
    NmeaLineFeed(String origin, boolean fileLocations, int maxLineBytes, HealthCounters health,
            FixListener listener) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16, was " + maxLineBytes);
        }
        this.origin = Objects.requireNonNull(origin, "origin");
        this.fileLocations = fileLocations;
        this.health = Objects.requireNonNull(health, "health");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.line = new byte[maxLineBytes];
        this.window = new Window(line);
    }

    /** Feeds bytes; every complete line among them is decoded now, a trailing partial line waits for more. */
    void accept(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset, end = offset + count; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endOfLine();
            } else if (length < line.length) {
                line[length++] = b;
            } else {
                overflow = true;
            }
        }
    }

    /** Ends the line in progress, if any, as if a newline had come: a datagram's last line needs no newline. */
    void endOfLine() {
        lineNumber++;
        if (overflow) {
            health.sentences++;
            health.malformed++;
            health.lastError = location() + ": line longer than " + line.length + " bytes, discarded";
        } else {
            decodeLine();
        }
        length = 0;
        overflow = false;
    }

    /** Ends a partial line, if one is in progress, as a whole line: the end of a datagram. */
    void endPartialLine() {
        if (length > 0 || overflow) {
            endOfLine();
        }
    }

    /** Drops a partial line, e.g. when the connection that was sending it broke. */
    void discardPartialLine() {
        length = 0;
        overflow = false;
    }

    /** End of stream: releases the epoch in progress, if it has anything, to the listener. */
    void flush() {
        endPartialLine();
        GnssFix last = decoder.flush();
        if (last != null) {
            listener.onFix(last, lineNumber + 1, lastStampNanos);
        }
    }

    /** Whether the first sentence line carried an arrival stamp (false before any sentence). */
    boolean firstSentenceStamped() {
        return firstSentenceStamped;
    }

    /** Lines seen so far, blank and comment lines included. */
    long lineNumber() {
        return lineNumber;
    }

    private void decodeLine() {
        int end = length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        int start = 0;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        if (start == end || line[start] == '#') {
            return;
        }
        long stamp = NO_STAMP;
        if (line[start] >= '0' && line[start] <= '9') {
            int sentenceStart = parseStamp(start, end);
            if (sentenceStart > 0) {
                stamp = stampNanos;
                start = sentenceStart;
            }
        }
        if (!sawSentence) {
            sawSentence = true;
            firstSentenceStamped = stamp != NO_STAMP;
        }
        if (stamp != NO_STAMP) {
            lastStampNanos = stamp;
        }
        window.set(start, end);
        health.sentences++;
        GnssFix fix = decoder.accept(window);
        count(decoder.stats());
        if (fix != null) {
            listener.onFix(fix, lineNumber, stamp != NO_STAMP ? stamp : lastStampNanos);
        }
    }

    private void count(NmeaStats s) {
        boolean error = false;
        if (s.badChecksum() != badChecksum) {
            health.badChecksums += s.badChecksum() - badChecksum;
            badChecksum = s.badChecksum();
            error = true;
        }
        if (s.missingChecksum() != missingChecksum || s.malformed() != malformedSentences) {
            health.malformed += s.missingChecksum() - missingChecksum + s.malformed() - malformedSentences;
            missingChecksum = s.missingChecksum();
            malformedSentences = s.malformed();
            error = true;
        }
        if (s.impossibleValue() != impossible) {
            health.impossibleValues += s.impossibleValue() - impossible;
            impossible = s.impossibleValue();
            error = true;
        }
        if (s.unsupported() != unsupportedSentences) {
            health.unsupported += s.unsupported() - unsupportedSentences;
            unsupportedSentences = s.unsupported();
        }
        if (error) {
            health.lastError = location() + ": " + s.lastError();
        }
    }

    private String location() {
        return fileLocations ? origin + ":" + lineNumber : origin + " line " + lineNumber;
    }

    // ------------------------------------------------------------------ arrival stamps

    private long stampNanos;

    /**
     * Parses {@code YYYY-MM-DD HH:MM:SS[.f]} (or with {@code T}, optionally {@code Z}) or {@code SECONDS[.f]},
     * then {@code ':'} and optional blanks, at {@code line[start..end)}; sets {@link #stampNanos} and returns where
     * the sentence starts, or -1 when the line has no such prefix.
     */
    private int parseStamp(int start, int end) {
        int i = start;
        long seconds;
        if (end - start >= 19 && line[start + 4] == '-' && line[start + 7] == '-'
                && (line[start + 10] == ' ' || line[start + 10] == 'T')) {
            int y = digits(start, 4);
            int mo = digits(start + 5, 2);
            int d = digits(start + 8, 2);
            int h = digits(start + 11, 2);
            int mi = digits(start + 14, 2);
            int s = digits(start + 17, 2);
            if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0
                    || s > 60 || line[start + 13] != ':' || line[start + 16] != ':') {
                return -1;
            }
            seconds = daysFromCivil(y, mo, d) * 86_400L + h * 3600L + mi * 60L + s;
            i = start + 19;
        } else {
            seconds = 0;
            int n = 0;
            while (i < end && line[i] >= '0' && line[i] <= '9' && n < 12) {
                seconds = seconds * 10 + (line[i] - '0');
                i++;
                n++;
            }
        }
        long nanos = 0;
        if (i < end && line[i] == '.') {
            i++;
            long scale = 100_000_000L;
            int n = 0;
            while (i < end && line[i] >= '0' && line[i] <= '9') {
                nanos += (line[i] - '0') * scale;
                scale /= 10;
                i++;
                n++;
            }
            if (n == 0) {
                return -1;
            }
        }
        if (i < end && line[i] == 'Z') {
            i++;
        }
        if (i >= end || line[i] != ':') {
            return -1;
        }
        i++;
        while (i < end && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        stampNanos = seconds * 1_000_000_000L + nanos;
        return i;
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            byte c = line[at + k];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** The current line's bytes as ISO-8859-1 characters, reused line after line. */
    private static final class Window implements CharSequence {
        private final byte[] bytes;
        private int from;
        private int to;

        Window(byte[] bytes) {
            this.bytes = bytes;
        }

        void set(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[from + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, from + start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
