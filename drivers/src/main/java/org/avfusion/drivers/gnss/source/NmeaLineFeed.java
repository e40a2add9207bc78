package org.avfusion.drivers.gnss.source;

import java.util.Objects;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.gnss.nmea.NmeaLineSplitter;
import org.avfusion.drivers.gnss.nmea.NmeaStats;

/**
 * Frames a byte stream into NMEA lines with a {@link NmeaLineSplitter} and feeds them to one {@link NmeaDecoder},
 * counting what happened to every line in a {@link HealthCounters}. A line longer than {@code maxLineBytes} is
 * discarded up to its end and counted as malformed; blank and {@code #} comment lines are skipped (see the splitter
 * for the framing rule, which {@link org.avfusion.drivers.gnss.nmea.NmeaLogReader} shares).
 *
 * <p>A line may start with an arrival stamp, as {@code gpspipe -t} (local date and time) and {@code gpspipe -u}
 * write them, or as Unix seconds: {@code "2014-12-31 03:07:19.250: $GPGGA..."}, {@code "1419995239.25: $GPGGA..."}.
 * The stamp is stripped and handed to the listener with the fix the line released, in nanoseconds on the stamp's
 * own axis (only differences between stamps mean anything).
 *
 * <p>No I/O, no threads; not thread-safe: one feed per stream, fed from one thread. It allocates nothing per line
 * beyond the decoder's {@link NmeaStats} snapshot and the fixes (with, per fix, a peek at the epoch in progress to
 * tell which line the fix ended on); error messages are built only for bad lines, and each is counted and handed to
 * the {@link HealthCounters}' rejection listener, if any.
 */
final class NmeaLineFeed {

    /** Receives each fix the decoder releases. */
    interface FixListener {
        /**
         * @param fix            the decoded fix
         * @param lineNumber     1-based line number (since the feed began) of the fix's last sentence: the one that
         *                       completed its epoch, or, when a sentence of the next epoch closed it, the last one
         *                       accepted before that
         * @param lineStampNanos the arrival stamp of the line that released it, or {@link #NO_STAMP}
         */
        void onFix(GnssFix fix, long lineNumber, long lineStampNanos);

        /** A sentence was decoded (or rejected) and released no fix: it joined the epoch in progress. */
        default void onSentenceWithoutFix() {
        }
    }

    static final long NO_STAMP = Long.MIN_VALUE;
    static final int DEFAULT_MAX_LINE_BYTES = 1024;

    private final NmeaDecoder decoder = new NmeaDecoder();
    private final HealthCounters health;
    private final String origin;
    private final boolean fileLocations;
    private final FixListener listener;
    private final NmeaLineSplitter splitter;
    private long lastStampNanos = NO_STAMP;
    private boolean sawSentence;
    private boolean firstSentenceStamped;

    private long badChecksum;
    private long missingChecksum;
    private long malformedSentences;
    private long impossible;
    private long unsupportedSentences;
    private long acceptedSentences;
    private long lastAcceptedLine;

    /**
     * @param origin        where the bytes come from, for error messages: a file path or {@code host:port}
     * @param fileLocations true to name lines {@code origin:line} (files), false for {@code origin line N}
     * @param maxLineBytes  longest line accepted, bytes (NMEA allows 82; receivers and logs exceed it), &gt;= 16
     */
    NmeaLineFeed(String origin, boolean fileLocations, int maxLineBytes, HealthCounters health,
            FixListener listener) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.fileLocations = fileLocations;
        this.health = Objects.requireNonNull(health, "health");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.splitter = new NmeaLineSplitter(maxLineBytes, this::decodeLine, this::discardOverlongLine);
    }

    /** Feeds bytes; every complete line among them is decoded now, a trailing partial line waits for more. */
    void accept(byte[] bytes, int offset, int count) {
        splitter.accept(bytes, offset, count);
    }

    /** Ends the line in progress, if any, as if a newline had come: a datagram's last line needs no newline. */
    void endOfLine() {
        splitter.endOfLine();
    }

    /** Ends a partial line, if one is in progress, as a whole line: the end of a datagram. */
    void endPartialLine() {
        splitter.endPartialLine();
    }

    /** Drops a partial line, e.g. when the connection that was sending it broke. */
    void discardPartialLine() {
        splitter.discardPartialLine();
    }

    /** End of stream: releases the epoch in progress, if it has anything, to the listener. */
    void flush() {
        endPartialLine();
        GnssFix last = decoder.flush();
        if (last != null) {
            listener.onFix(last, lastAcceptedLine, lastStampNanos);
        }
    }

    /** Whether the first sentence line carried an arrival stamp (false before any sentence). */
    boolean firstSentenceStamped() {
        return firstSentenceStamped;
    }

    /** Lines seen so far, blank and comment lines included. */
    long lineNumber() {
        return splitter.lineNumber();
    }

    private void discardOverlongLine(long lineNumber) {
        health.sentences++;
        health.malformed++;
        health.rejected(GnssRejectReason.MALFORMED, location(lineNumber) + ": line longer than "
                + splitter.maxLineBytes() + " bytes, discarded");
    }

    private void decodeLine(NmeaLineSplitter.Line line, long lineNumber) {
        long stamp = NO_STAMP;
        char first = line.charAt(0);
        if (first >= '0' && first <= '9') {
            int sentenceStart = parseStamp(line);
            if (sentenceStart > 0) {
                stamp = stampNanos;
                line.dropFirst(sentenceStart);
            }
        }
        if (!sawSentence) {
            sawSentence = true;
            firstSentenceStamped = stamp != NO_STAMP;
        }
        if (stamp != NO_STAMP) {
            lastStampNanos = stamp;
        }
        health.sentences++;
        GnssFix fix = decoder.accept(line);
        NmeaStats stats = decoder.stats();
        count(stats, lineNumber);
        long previousAcceptedLine = lastAcceptedLine;
        if (stats.accepted() != acceptedSentences) {
            acceptedSentences = stats.accepted();
            lastAcceptedLine = lineNumber;
        }
        if (fix != null) {
            // a sentence of another time opened a new epoch (now in progress): the fix ended before this line
            GnssFix next = decoder.peek();
            boolean opened = next != null && next.utcEpochMillis() != fix.utcEpochMillis();
            listener.onFix(fix, opened ? previousAcceptedLine : lineNumber, stamp != NO_STAMP ? stamp
                    : lastStampNanos);
        } else {
            listener.onSentenceWithoutFix();
        }
    }

    private void count(NmeaStats s, long lineNumber) {
        // the decoder counts each sentence once, so at most one of these moved; each rejection is told apart
        long checksum = s.badChecksum() - badChecksum;
        long malformed = s.missingChecksum() - missingChecksum + s.malformed() - malformedSentences;
        long impossibleNow = s.impossibleValue() - impossible;
        if (s.unsupported() != unsupportedSentences) {
            health.unsupported += s.unsupported() - unsupportedSentences;
            unsupportedSentences = s.unsupported();
        }
        if (checksum == 0 && malformed == 0 && impossibleNow == 0) {
            return;
        }
        health.badChecksums += checksum;
        health.malformed += malformed;
        health.impossibleValues += impossibleNow;
        badChecksum = s.badChecksum();
        missingChecksum = s.missingChecksum();
        malformedSentences = s.malformed();
        impossible = s.impossibleValue();
        String message = location(lineNumber) + ": " + s.lastError();
        for (long i = 0; i < checksum; i++) {
            health.rejected(GnssRejectReason.BAD_CHECKSUM, message);
        }
        for (long i = 0; i < malformed; i++) {
            health.rejected(GnssRejectReason.MALFORMED, message);
        }
        for (long i = 0; i < impossibleNow; i++) {
            health.rejected(GnssRejectReason.IMPOSSIBLE_VALUE, message);
        }
    }

    private String location(long lineNumber) {
        return fileLocations ? origin + ":" + lineNumber : origin + " line " + lineNumber;
    }

    // ------------------------------------------------------------------ arrival stamps

    private long stampNanos;

    /**
     * Parses {@code YYYY-MM-DD HH:MM:SS[.f]} (or with {@code T}, optionally {@code Z}) or {@code SECONDS[.f]},
     * then {@code ':'} and optional blanks, at the start of {@code line}; sets {@link #stampNanos} and returns where
     * the sentence starts, or -1 when the line has no such prefix.
     */
    private int parseStamp(CharSequence line) {
        final int start = 0;
        int end = line.length();
        int i = start;
        long seconds;
        if (end - start >= 19 && line.charAt(start + 4) == '-' && line.charAt(start + 7) == '-'
                && (line.charAt(start + 10) == ' ' || line.charAt(start + 10) == 'T')) {
            int y = digits(line, start, 4);
            int mo = digits(line, start + 5, 2);
            int d = digits(line, start + 8, 2);
            int h = digits(line, start + 11, 2);
            int mi = digits(line, start + 14, 2);
            int s = digits(line, start + 17, 2);
            if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0
                    || s > 60 || line.charAt(start + 13) != ':' || line.charAt(start + 16) != ':') {
                return -1;
            }
            seconds = daysFromCivil(y, mo, d) * 86_400L + h * 3600L + mi * 60L + s;
            i = start + 19;
        } else {
            seconds = 0;
            int n = 0;
            while (i < end && line.charAt(i) >= '0' && line.charAt(i) <= '9' && n < 12) {
                seconds = seconds * 10 + (line.charAt(i) - '0');
                i++;
                n++;
            }
        }
        long nanos = 0;
        if (i < end && line.charAt(i) == '.') {
            i++;
            long scale = 100_000_000L;
            int n = 0;
            while (i < end && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                nanos += (line.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
                n++;
            }
            if (n == 0) {
                return -1;
            }
        }
        if (i < end && line.charAt(i) == 'Z') {
            i++;
        }
        if (i >= end || line.charAt(i) != ':') {
            return -1;
        }
        i++;
        while (i < end && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        stampNanos = seconds * 1_000_000_000L + nanos;
        return i;
    }

    private static int digits(CharSequence line, int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            char c = line.charAt(at + k);
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
}
