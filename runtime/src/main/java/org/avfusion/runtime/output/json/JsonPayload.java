package org.avfusion.runtime.output.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One JSON object at a time through a Jackson {@link JsonGenerator} into a reused buffer: {@link #begin()}, write
 * fields, {@link #endBytes()}. The generator, its buffers and the number formatter live as long as this object; the
 * only allocation per message is the byte[] {@link #endBytes()} returns (the MQTT client keeps the payload array
 * until delivered, so it cannot be a shared buffer). Not thread-safe: one per encoding thread.
 */
public final class JsonPayload {
    private final ReusableByteOutput bytes = new ReusableByteOutput(4096);
    private final NumberText numbers = new NumberText();
    private JsonGenerator generator = JsonFormat.messageGenerator(bytes);

    /** Starts a new object (discarding anything unfinished) and returns the generator to write its fields. */
    public JsonGenerator begin() {
        try {
            if (!generator.getOutputContext().inRoot()) {
                // a previous message failed half-way: start over with a fresh generator
                generator = JsonFormat.messageGenerator(bytes);
            }
            generator.flush();
            bytes.reset();
            generator.writeStartObject();
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonGenerator generator() {
        return generator;
    }

    /** A field holding {@code v} rounded to {@code decimals} places, or null when not finite. */
    public JsonPayload fixed(String name, double v, int decimals) throws IOException {
        generator.writeFieldName(name);
        numbers.fixed(generator, v, decimals);
        return this;
    }

    /** Ends the object; its UTF-8 bytes, in a new array. */
    public byte[] endBytes() {
        try {
            generator.writeEndObject();
            generator.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the object; as a String. */
    public String endString() {
        return new String(endBytes(), StandardCharsets.UTF_8);
    }
}
