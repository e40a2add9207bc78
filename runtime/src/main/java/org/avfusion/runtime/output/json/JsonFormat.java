package org.avfusion.runtime.output.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The one Jackson configuration every JSON output of avfusion is written with (MQTT payloads, CLI lines, reports):
 * no separator between root values (callers end lines themselves); NaN and infinities written bare as Java prints
 * them (the CLI lines always did; payload numbers go through {@link NumberText#fixed}, which writes null instead);
 * characters outside the BMP as UTF-8, not as escaped surrogates; targets flushed but never closed; control
 * characters other than tab, newline and carriage return escaped as lower-case {@code \}{@code u00xx}. All of it is
 * what the hand-written writers it replaced produced. Thread-safe.
 */
public final class JsonFormat {
    private static final JsonFactory FACTORY = builder().build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);

    /**
     * Bytes a message generator ({@link #messageGenerator}) holds before it writes them to its target: more than an
     * MQTT payload of the pipeline takes (the objects of a KITTI set, tracks included, up to 52 KB on the raw
     * sequence and 119 KB on the tracking sequence; an occupancy grid of 200 x 200 cells 103 KB), so a message
     * leaves in one write at its end. With Jackson's default 8,000 bytes the first message to cross that flushed in
     * the middle of the encoder's field writing, a branch the JIT had compiled as never taken: a deoptimization and a
     * new C2 compilation of the encoder, for each place the buffer first ran full (JFR {@code jdk.Deoptimization},
     * docs/PERFORMANCE.md).
     */
    static final int MESSAGE_BUFFER_BYTES = 256 * 1024;

    private static final JsonFactory MESSAGE_FACTORY = builder().recyclerPool(new MessageBuffers()).build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);

    private static JsonFactoryBuilder builder() {
        return (JsonFactoryBuilder) new JsonFactoryBuilder()
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .rootValueSeparator((SerializableString) null)
                .characterEscapes(new LowerHexControlEscapes());
    }

    private JsonFormat() {
    }

    /**
     * A UTF-8 generator for whole messages written one after another into {@code out} (which it flushes but never
     * closes): the same output as {@link #generator(OutputStream)}, held in a {@link #MESSAGE_BUFFER_BYTES} buffer
     * until flushed. The generator keeps its buffer for its life: make one per writer, not one per message.
     */
    public static JsonGenerator messageGenerator(OutputStream out) {
        try {
            return MESSAGE_FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UTF-8 generator writing into {@code out} (which it flushes but never closes). */
    public static JsonGenerator generator(OutputStream out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generator writing characters into {@code out} (which it flushes but never closes). */
    public static JsonGenerator generator(Writer out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field name encoded once, for names written per record. */
    public static SerializableString name(String fieldName) {
        return new SerializedString(fieldName);
    }

    /** {@code "}, {@code \} and control characters; the latter as lower-case {@code \}{@code u00xx} except tab, LF, CR. */
    private static final class LowerHexControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
        private final SerializableString[] sequences = new SerializableString[32];

        LowerHexControlEscapes() {
            for (int c = 0; c < 32; c++) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    codes[c] = ESCAPE_CUSTOM;
                    sequences[c] = new SerializedString(String.format("\\u%04x", c));
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= 0 && ch < 32 ? sequences[ch] : null;
        }
    }

    /** A new {@link MessageBufferRecycler} per generator: message generators are few and live long. */
    private static final class MessageBuffers extends RecyclerPool.NonRecyclingPoolBase<BufferRecycler> {
        private static final long serialVersionUID = 1L;

        @Override
        public BufferRecycler acquirePooled() {
            return new MessageBufferRecycler();
        }
    }

    /** Jackson's buffers, with a write buffer of {@link #MESSAGE_BUFFER_BYTES}. */
    private static final class MessageBufferRecycler extends BufferRecycler {
        @Override
        protected int byteBufferLength(int ix) {
            return ix == BYTE_WRITE_ENCODING_BUFFER ? MESSAGE_BUFFER_BYTES : super.byteBufferLength(ix);
        }
    }
}
