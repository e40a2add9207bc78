package org.avfusion.runtime.output.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON lines (one object per record, each ended by the platform line separator) through one Jackson generator over
 * a {@value #BUFFER_BYTES}-byte buffer: no system call per line and nothing allocated per record by the writer
 * itself (numbers go through {@link NumberText}, field names can be pre-encoded with {@link JsonFormat#name}).
 * The buffer is written out when full, on {@link #flush()} and on {@link #close()}, which flushes and leaves the
 * target open. Not thread-safe.
 *
 * <p>Where it writes: a {@link Stdout} writer (what {@code avfusion} installs as picocli's out) is bypassed for
 * bytes straight to {@code System.out}; any other {@link PrintWriter} (a test's capture) gets characters.
 */
public final class JsonLines implements Closeable {
    /** Bytes buffered between writes to the target. */
    public static final int BUFFER_BYTES = 1 << 16;
    private static final String EOL = System.lineSeparator();

    private final JsonGenerator generator;
    private final OutputStream stream;
    private final NumberText numbers = new NumberText();

    private JsonLines(JsonGenerator generator, OutputStream stream) {
        this.generator = generator;
        this.stream = stream;
    }

    /** Lines into {@code out}, buffered {@value #BUFFER_BYTES} bytes at a time; {@code out} is flushed, never closed. */
    public static JsonLines to(OutputStream out) {
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        return new JsonLines(JsonFormat.generator(buffered), buffered);
    }

    /**
     * Lines where a command's {@code out} goes: bytes to the process's stdout when {@code out} is a {@link Stdout}
     * (flushed first, so that text printed before comes first), else characters into {@code out}.
     */
    public static JsonLines to(PrintWriter out) {
        if (out instanceof Stdout stdout) {
            stdout.flush();
            return to(stdout.bytes);
        }
        return new JsonLines(JsonFormat.generator(out), null);
    }

    /**
     * The bytes of a command's {@code out}: the process's stdout when {@code out} is a {@link Stdout} (flushed
     * first, so that text printed before comes first), else a stream decoding UTF-8 into {@code out} (a test's
     * capture; callers must not split a multi-byte character across writes). Flushing the stream flushes
     * {@code out}; closing it does nothing.
     */
    public static OutputStream bytes(PrintWriter out) {
        if (out instanceof Stdout stdout) {
            stdout.flush();
            return stdout.bytes;
        }
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    public JsonGenerator generator() {
        return generator;
    }

    /** A field holding {@code v} rounded to {@code decimals} places, or null when not finite. */
    public void fixed(SerializableString name, double v, int decimals) throws IOException {
        generator.writeFieldName(name);
        numbers.fixed(generator, v, decimals);
    }

    /** A field holding {@code v} as {@code StringBuilder.append(float)} prints it. */
    public void javaFloat(SerializableString name, float v) throws IOException {
        generator.writeFieldName(name);
        numbers.javaFloat(generator, v);
    }

    /** A field holding {@code v} as {@code StringBuilder.append(double)} prints it. */
    public void javaDouble(SerializableString name, double v) throws IOException {
        generator.writeFieldName(name);
        numbers.javaDouble(generator, v);
    }

    /** Ends the current record's line (the object must be closed). */
    public void endLine() throws IOException {
        generator.writeRaw(EOL);
    }

    public void flush() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes everything to the target, which stays open. */
    @Override
    public void close() {
        flush();
        if (stream != null) {
            try {
                stream.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The process's stdout as picocli's out: a line-flushed UTF-8 {@link PrintWriter} for text, and the byte stream
     * underneath for {@link JsonLines#to(PrintWriter)}. That byte stream throws {@link StdoutClosedException} once a
     * write failed (the reader of a pipe went away: {@code avfusion decode lidar big.pcap | head}), so that a command
     * streaming lines stops instead of decoding the rest of its input into a closed pipe.
     */
    public static final class Stdout extends PrintWriter {
        private final OutputStream bytes;

        public Stdout() {
            this(new Checked(System.out));
        }

        /** As {@link #Stdout()} over {@code stream} instead of {@code System.out} (tests). */
        public Stdout(PrintStream stream) {
            this(new Checked(stream));
        }

        private Stdout(OutputStream bytes) {
            super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
            this.bytes = bytes;
        }
    }

    /**
     * {@code stream}'s bytes with its errors reported (see {@link Checked}): a write or flush after the stream failed
     * throws {@link StdoutClosedException}; closing it leaves {@code stream} open. For other writers to stdout
     * ({@code replay --decisions -}).
     */
    public static OutputStream checked(PrintStream stream) {
        return new Checked(stream);
    }

    /**
     * A {@link PrintStream}'s bytes with its errors reported: a {@code PrintStream} swallows an {@link IOException}
     * (EPIPE included) and only sets a flag; this checks the flag after each array write and flush (which flushes the
     * stream: callers write in large blocks, {@link #BUFFER_BYTES} or more) and throws.
     */
    private static final class Checked extends OutputStream {
        private final PrintStream stream;

        Checked(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            stream.write(b); // single bytes: checked at the next array write or flush
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            stream.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            check(); // checkError flushes
        }

        private void check() throws StdoutClosedException {
            if (stream.checkError()) {
                throw new StdoutClosedException();
            }
        }
    }

    /** Writing to stdout failed: its reader closed it (a pipe into {@code head}), or the file system did. */
    public static final class StdoutClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        public StdoutClosedException() {
            super("stdout was closed (broken pipe): output stopped");
        }

        /** Whether {@code t} or one of its causes is a {@code StdoutClosedException}. */
        public static boolean isCauseOf(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof StdoutClosedException) {
                    return true;
                }
            }
            return false;
        }
    }
}
