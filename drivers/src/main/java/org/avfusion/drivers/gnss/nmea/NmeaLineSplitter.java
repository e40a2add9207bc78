package org.avfusion.drivers.gnss.nmea;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Splits NMEA bytes into lines, the one framing rule for logs read whole ({@link NmeaLogReader}) and for streams fed
 * piece by piece (the live and replayed sources of {@code drivers.gnss.source}).
 *
 * <p>A line ends at {@code '\n'}. Bytes are ISO-8859-1, so any byte is one character and binary junk never fails to
 * decode. Each line is trimmed of control characters and blanks (bytes {@code 0x00..0x20}: {@code \r}, tabs, NULs)
 * at both ends; a line empty after trimming or starting with {@code #} (gpsd log headers) is skipped. Every line,
 * skipped or not, counts towards the 1-based line numbers handed to the {@link LineHandler}. A streamed line longer
 * than {@code maxLineBytes} is discarded up to its end and its number handed to the overlong-line listener; a buffer
 * split whole with {@link #splitAll} has no length limit.
 *
 * <p>No I/O, no threads; not thread-safe: one splitter per stream, fed from one thread. Nothing is allocated per
 * line: the {@link Line} handed to the handler is a reused window, valid only during the call.
 */
public final class NmeaLineSplitter {
    /** The shortest line limit a splitter accepts. */
    public static final int MIN_LINE_BYTES = 16;

    /** Receives the lines, in order. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * @param line       the trimmed line; a window valid only during this call
         * @param lineNumber 1-based number of the line since the splitter began
         */
        void onLine(Line line, long lineNumber);
    }

    /** A line's bytes as ISO-8859-1 characters; reused line after line. */
    public static final class Line implements CharSequence {
        private byte[] bytes = new byte[0];
        private int from;
        private int to;

        private Line() {
        }

        void set(byte[] source, int start, int end) {
            this.bytes = source;
            this.from = start;
            this.to = end;
        }

        /** Drops the first {@code count} characters, e.g. an arrival stamp in front of the sentence. */
        public void dropFirst(int count) {
            Objects.checkFromToIndex(0, count, length());
            from += count;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            Objects.checkIndex(index, length());
            return (char) (bytes[from + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, length());
            return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private final LineHandler handler;
    private final LongConsumer overlongLines;
    private final byte[] buffer;
    private final Line line = new Line();
    private int length;
    private boolean overflow;
    private long lineNumber;

    /**
     * @param maxLineBytes longest line accepted, bytes, &gt;= {@link #MIN_LINE_BYTES} (NMEA allows 82; receivers
     *                     and logs exceed it)
     * @param handler       receives each line that is not skipped
     * @param overlongLines receives the number of each line discarded for its length
     */
    public NmeaLineSplitter(int maxLineBytes, LineHandler handler, LongConsumer overlongLines) {
        if (maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be >= " + MIN_LINE_BYTES + ", was " + maxLineBytes);
        }
        this.buffer = new byte[maxLineBytes];
        this.handler = Objects.requireNonNull(handler, "handler");
        this.overlongLines = Objects.requireNonNull(overlongLines, "overlongLines");
    }

    /**
     * Splits {@code bytes[offset, offset + count)} whole, a last line without {@code '\n'} included; lines have no
     * length limit.
     *
     * @return the number of lines, skipped ones included
     */
    public static long splitAll(byte[] bytes, int offset, int count, LineHandler handler) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        Objects.requireNonNull(handler, "handler");
        Line line = new Line();
        long number = 0;
        int from = offset;
        int end = offset + count;
        while (from < end) {
            int to = from;
            while (to < end && bytes[to] != '\n') {
                to++;
            }
            emit(line, bytes, from, to, ++number, handler);
            from = to + 1;
        }
        return number;
    }

    /** Feeds bytes; every complete line among them is handled now, a trailing partial line waits for more. */
    public void accept(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset, end = offset + count; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endOfLine();
            } else if (length < buffer.length) {
                buffer[length++] = b;
            } else {
                overflow = true;
            }
        }
    }

    /** Ends the line in progress, if any, as if a newline had come. */
    public void endOfLine() {
        lineNumber++;
        if (overflow) {
            overlongLines.accept(lineNumber);
        } else {
            emit(line, buffer, 0, length, lineNumber, handler);
        }
        length = 0;
        overflow = false;
    }

    /** Ends a partial line, if one is in progress, as a whole line: the end of a datagram or of a stream. */
    public void endPartialLine() {
        if (length > 0 || overflow) {
            endOfLine();
        }
    }

    /** Drops a partial line, e.g. when the connection that was sending it broke. */
    public void discardPartialLine() {
        length = 0;
        overflow = false;
    }

    /** Lines ended so far, skipped ones included. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The longest line accepted, bytes. */
    public int maxLineBytes() {
        return buffer.length;
    }

    private static void emit(Line line, byte[] bytes, int from, int to, long number, LineHandler handler) {
        while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
            to--;
        }
        while (from < to && (bytes[from] & 0xff) <= ' ') {
            from++;
        }
        if (from == to || bytes[from] == '#') {
            return;
        }
        line.set(bytes, from, to);
        handler.onLine(line, number);
    }
}
