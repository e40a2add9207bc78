package org.avfusion.runtime.output.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFormat#messageGenerator}: the bytes of {@link JsonFormat#generator}, held until flushed, so that a
 * payload as large as the pipeline's (objects of a KITTI tracking set: 119 KB) leaves in one write and the encoder
 * never flushes half-way through a message.
 */
class MessageGeneratorTest {
    /** Counts the writes it gets and keeps their bytes. */
    private static final class CountingOutput extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writes.add(1);
            super.write(b);
        }
    }

    /** About {@code fields} x 40 bytes of names, numbers and text, one object per call. */
    private static void message(JsonGenerator g, int fields) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < fields; i++) {
            g.writeNumberField("field" + i, i * 1.25);
            g.writeStringField("text" + i, "value é " + i);
        }
        g.writeEndObject();
    }

    @Test
    void aMessageOfTwoHundredKilobytesLeavesInOneWriteWithTheBytesOfThePlainGenerator() throws IOException {
        CountingOutput held = new CountingOutput();
        JsonGenerator g = JsonFormat.messageGenerator(held);
        message(g, 5_000); // about 200 KB
        assertEquals(List.of(), held.writes, "nothing written before the flush");
        g.flush();
        assertEquals(1, held.writes.size(), "one write at the flush");
        int size = held.size();
        assertEquals(true, size > 150_000 && size < JsonFormat.MESSAGE_BUFFER_BYTES, "message size " + size);

        CountingOutput plain = new CountingOutput();
        JsonGenerator p = JsonFormat.generator(plain);
        message(p, 5_000);
        p.flush();
        assertEquals(true, plain.writes.size() > 1, "the plain generator flushes every 8,000 bytes");
        assertArrayEquals(plain.toByteArray(), held.toByteArray());

        // the next message after a flush: again one write, the buffer reused
        held.writes.clear();
        message(g, 100);
        g.flush();
        assertEquals(1, held.writes.size());
    }

    @Test
    void aMessageLargerThanTheBufferStillComesOutWhole() throws IOException {
        CountingOutput held = new CountingOutput();
        JsonGenerator g = JsonFormat.messageGenerator(held);
        message(g, 10_000); // about 400 KB: flushed once the buffer is full, nothing lost
        g.flush();
        CountingOutput plain = new CountingOutput();
        JsonGenerator p = JsonFormat.generator(plain);
        message(p, 10_000);
        p.flush();
        assertArrayEquals(plain.toByteArray(), held.toByteArray());
        assertEquals(2, held.writes.size());
    }
}
