package org.avfusion.drivers.recorded.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.recorded.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input: truncated copies read up to the damage and say where it is, and a walk of what is intact recovers their
 * channels; a wrong magic, an unknown compression and every kind of CRC mismatch are named with the file and the byte
 * offset, thrown in strict mode and counted (reading goes on) otherwise.
 */
class McapDamageTest {
    @TempDir
    Path dir;

    private Path copy(byte[] bytes, String name) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Reads every message it can; returns how many, and the exception that ended it (or null). */
    private static Object[] readUntilDamage(Path file, McapReaderConfig config) throws IOException {
        try (McapReader reader = McapReader.open(file, config)) {
            return readUntilDamage(reader);
        }
    }

    private static Object[] readUntilDamage(McapReader reader) throws IOException {
        McapMessage m = new McapMessage();
        long n = 0;
        try {
            while (reader.next(m)) {
                n++;
            }
        } catch (McapFormatException e) {
            assertEquals(false, reader.next(m), "after the damage there is nothing more");
            return new Object[] {n, e};
        }
        return new Object[] {n, null};
    }

    @ParameterizedTest(name = "{0} cut at {1}% reads up to the damage")
    @CsvSource({
        "talker.mcap, 10", "talker.mcap, 50", "talker.mcap, 99",
        "wbag_0.mcap, 20", "wbag_0.mcap, 90",
        "cdr_test_0.mcap, 60", "topics_and_services.mcap, 70", "test_bag_for_seek_0.mcap, 50",
    })
    void truncatedRealFileReadsUpToTheDamageAndSaysWhere(String name, int percent) throws IOException {
        byte[] bytes = Files.readAllBytes(CollectingSink.sharedData("mcap/" + name));
        int cut = bytes.length * percent / 100;
        Path file = copy(Arrays.copyOf(bytes, cut), "cut-" + name);
        try (McapReader reader = McapReader.open(file)) {
            assertNull(reader.summary(), "a truncated copy has no footer");
            assertTrue(reader.summaryProblem().contains("truncated"), reader.summaryProblem());
        }
        Object[] result = readUntilDamage(file, McapReaderConfig.defaults());
        McapFormatException damage = (McapFormatException) result[1];
        assertTrue(damage != null, "a truncated file must not read as complete");
        assertTrue(damage.offset() < cut, damage.offset() + " within the " + cut + " bytes left");
        assertTrue(damage.getMessage().startsWith(file + "@" + damage.offset() + ": "), damage.getMessage());
        assertTrue(damage.getMessage().contains("truncated"), damage.getMessage());
    }

    @ParameterizedTest(name = "own file cut at {0}%: every complete chunk is read")
    @ValueSource(ints = {5, 33, 50, 77, 95})
    void truncatedOwnFileDeliversEveryMessageOfTheCompleteChunks(int percent) throws IOException {
        Path whole = McapFiles.write(dir.resolve("whole.mcap"), McapWriterConfig.of("", McapCompression.ZSTD)
                .withChunkSizeBytes(8 * 1024), 2000);
        byte[] bytes = Files.readAllBytes(whole);
        List<McapChunkIndex> chunks = chunkIndexes(whole);
        int cut = bytes.length * percent / 100;
        long complete = 0;
        long lastCompleteEnd = 0;
        for (McapChunkIndex c : chunks) {
            if (c.chunkStartOffset() + c.chunkLength() <= cut) {
                complete++;
                lastCompleteEnd = c.chunkStartOffset() + c.chunkLength();
            }
        }
        Path file = copy(Arrays.copyOf(bytes, cut), "cut.mcap");
        long expectedMessages;
        try (McapReader reader = McapReader.open(whole, McapReaderConfig.strictFileOrder())) {
            McapMessage m = new McapMessage();
            expectedMessages = 0;
            while (reader.next(m) && reader.scanned().chunkIndexes().size() <= complete) {
                expectedMessages++;
            }
        }
        Object[] result = readUntilDamage(file, McapReaderConfig.strictFileOrder());
        assertEquals(expectedMessages, result[0], complete + " complete chunks of " + chunks.size());
        McapFormatException damage = (McapFormatException) result[1];
        assertTrue(damage.offset() >= lastCompleteEnd && damage.offset() < cut, "damage at " + damage.offset()
                + ", after the last complete chunk (ends at " + lastCompleteEnd + ") and before the cut at " + cut);
    }

    @ParameterizedTest(name = "{0} cut at {1}%, in its summary: every channel with messages, every message")
    @CsvSource({"wbag_0.mcap, 95", "talker.mcap, 50", "topics_and_services.mcap, 80"})
    void realFileCutInItsSummaryRecoversEveryChannelAndMessage(String name, int percent) throws IOException {
        Path whole = CollectingSink.sharedData("mcap/" + name);
        byte[] bytes = Files.readAllBytes(whole);
        Path file = copy(Arrays.copyOf(bytes, bytes.length * percent / 100), "cut-" + name);
        McapSummary expected;
        try (McapReader reader = McapReader.open(whole)) {
            expected = reader.summary();
        }
        try (McapReader reader = McapReader.open(file)) {
            assertNull(reader.summary());
            McapSummary recovered = reader.recoverSummary();
            // a channel without messages may be in the summary only (topics_and_services.mcap's /rosout)
            for (int id : expected.statistics().channelMessageCounts().keySet()) {
                assertEquals(expected.channels().get(id), reader.channels().get(id), name + ": channel " + id);
            }
            assertEquals(reader.channels(), recovered.channels());
            assertEquals(expected.statistics().channelMessageCounts(), recovered.statistics()
                    .channelMessageCounts(), name + ": every message");
            assertTrue(reader.damage().truncated(), reader.damage().getMessage());
            assertTrue(reader.damage().getMessage().contains("the recording was cut short; "
                    + expected.statistics().messageCount() + " messages read, all there are: the cut is after Data "
                    + "End, in the summary"), reader.damage().getMessage());
            Object[] read = readUntilDamage(reader);
            assertEquals(expected.statistics().messageCount(), read[0], "reading starts again at the first record");
            assertEquals(reader.damage().getMessage(), ((McapFormatException) read[1]).getMessage());
        }
    }

    /** The chunk indexes of an MCAP file's summary. */
    private static List<McapChunkIndex> chunkIndexes(Path file) throws IOException {
        try (McapReader reader = McapReader.open(file)) {
            return reader.summary().chunkIndexes();
        }
    }

    @Test
    void ownFileCutInAChunkRecoversTheChannelsOfLaterChunksBeforeTheFirstMessage() throws IOException {
        Path whole = dir.resolve("late.mcap");
        try (McapWriter writer = McapWriter.create(whole, McapWriterConfig.of("", McapCompression.ZSTD)
                .withChunkSizeBytes(1024))) {
            int channel = writer.addChannel("/a", "json", 0, Map.of());
            for (int i = 0; i < 400; i++) {
                if (i == 200) {
                    channel = writer.addChannel("/b", "json", 0, Map.of());
                }
                byte[] data = McapFiles.payload(i);
                writer.writeMessage(channel, i, 1000L * i, 1000L * i, data, 0, data.length);
            }
        }
        List<McapChunkIndex> chunks = chunkIndexes(whole);
        McapChunkIndex cutChunk = chunks.get(chunks.size() * 3 / 4);
        long cutAt = cutChunk.chunkStartOffset() + cutChunk.chunkLength() / 3;
        Path file = copy(Arrays.copyOf(Files.readAllBytes(whole), (int) cutAt), "late-cut.mcap");
        try (McapReader reader = McapReader.open(file)) {
            assertTrue(reader.channels().isEmpty(), "nothing known before the walk: no summary");
            McapSummary recovered = reader.recoverSummary();
            assertEquals(List.of("/a", "/b"), reader.channels().values().stream().map(McapChannel::topic).toList());
            McapFormatException damage = reader.damage();
            assertTrue(damage.truncated());
            assertEquals(cutChunk.chunkStartOffset(), damage.offset());
            Object[] result = readUntilDamage(reader);
            long read = (long) result[0];
            assertEquals(recovered.statistics().messageCount(), read);
            assertEquals(damage.getMessage(), ((McapFormatException) result[1]).getMessage(), "walk and read agree");
            assertTrue(damage.getMessage().startsWith(file + "@" + cutChunk.chunkStartOffset() + ": the file ends "
                    + "at byte " + cutAt + ", inside this Chunk record"), damage.getMessage());
            assertTrue(damage.getMessage().contains("the recording was cut short; " + read + " messages read, the "
                    + "cut chunk's messages ("), damage.getMessage());
        }
    }

    @Test
    void aTailOfZerosReadsAsACutNotAsCorruption() throws IOException {
        Path whole = McapFiles.write(dir.resolve("whole.mcap"), McapWriterConfig.of("", McapCompression.ZSTD)
                .withChunkSizeBytes(8 * 1024), 1000);
        McapChunkIndex third = chunkIndexes(whole).get(2);
        byte[] bytes = Files.readAllBytes(whole);
        Arrays.fill(bytes, (int) third.chunkStartOffset(), bytes.length, (byte) 0);
        Path file = copy(bytes, "zeros.mcap");
        McapFormatException damage = (McapFormatException) readUntilDamage(file, McapReaderConfig.defaults())[1];
        assertTrue(damage.truncated(), damage.getMessage());
        assertEquals(third.chunkStartOffset(), damage.offset());
        assertTrue(damage.getMessage().contains("the file ends in " + (bytes.length - third.chunkStartOffset())
                + " zero bytes from here"), damage.getMessage());
    }

    @Test
    void wrongMagicIsRefusedAtOffsetZero() throws IOException {
        byte[] bytes = Files.readAllBytes(CollectingSink.sharedData("mcap/talker.mcap"));
        bytes[1] = 'X';
        Path file = copy(bytes, "magic.mcap");
        McapFormatException e = assertThrows(McapFormatException.class, () -> McapReader.open(file));
        assertEquals(0, e.offset());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("not an MCAP file: starts with 89 58 43 41"), e.getMessage());
    }

    @Test
    void emptyAndTinyFilesAreRefused() throws IOException {
        for (int length : new int[] {0, 5, 8, 12}) {
            Path file = copy(Arrays.copyOf(McapOpcode.MAGIC, length), "tiny" + length + ".mcap");
            McapFormatException e = assertThrows(McapFormatException.class, () -> McapReader.open(file),
                    length + " bytes");
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void unknownCompressionSkipsTheChunkLenientlyAndThrowsStrictly() throws IOException {
        Path file = McapFiles.write(dir.resolve("lz4.mcap"), McapWriterConfig.of("", McapCompression.LZ4)
                .withChunkSizeBytes(8 * 1024), 1000);
        McapChunkIndex second;
        long chunks;
        try (McapReader reader = McapReader.open(file)) {
            second = reader.summary().chunkIndexes().get(1);
            chunks = reader.summary().chunkIndexes().size();
        }
        byte[] bytes = Files.readAllBytes(file);
        // chunk record: prefix 9, start 8, end 8, uncompressed size 8, crc 4, compression length 4, "lz4"
        int name = (int) second.chunkStartOffset() + 9 + 8 + 8 + 8 + 4 + 4;
        assertEquals("lz4", new String(bytes, name, 3, StandardCharsets.US_ASCII));
        System.arraycopy("bz2".getBytes(StandardCharsets.US_ASCII), 0, bytes, name, 3);
        Path bad = copy(bytes, "bz2.mcap");
        try (McapReader reader = McapReader.open(bad)) {
            long read = McapFiles.readAll(reader).size();
            assertTrue(read > 0 && read < 1000, read + " messages");
            assertEquals(1, reader.skippedChunks());
            McapFormatException problem = reader.problems().get(0);
            assertEquals(second.chunkStartOffset(), problem.offset());
            assertTrue(problem.getMessage().contains("compression 'bz2' is unknown"), problem.getMessage());
            assertTrue(chunks > 2);
        }
        McapFormatException e = (McapFormatException) readUntilDamage(bad, McapReaderConfig.strictFileOrder())[1];
        assertEquals(second.chunkStartOffset(), e.offset());
    }

    @Test
    void chunkCrcMismatchSkipsTheChunkAndDataSectionCrcIsCounted() throws IOException {
        Path file = McapFiles.write(dir.resolve("none.mcap"), McapWriterConfig.of("", McapCompression.NONE)
                .withChunkSizeBytes(8 * 1024), 1000);
        McapChunkIndex third = chunkIndexes(file).get(2);
        byte[] bytes = Files.readAllBytes(file);
        int inRecords = (int) (third.chunkStartOffset() + third.chunkLength() - 5);
        bytes[inRecords] ^= 0x5A;
        Path bad = copy(bytes, "crc.mcap");
        for (McapReadOrder order : McapReadOrder.values()) {
            try (McapReader reader = McapReader.open(bad, McapReaderConfig.defaults().withOrder(order))) {
                long read = McapFiles.readAll(reader).size();
                assertTrue(read < 1000 && read > 900, read + " messages");
                assertEquals(1, reader.skippedChunks());
                assertTrue(reader.problems().get(0).getMessage().contains("chunk CRC mismatch"),
                        reader.problems().toString());
                assertEquals(third.chunkStartOffset(), reader.problems().get(0).offset());
                assertEquals(1, reader.problemCount(), "the data section CRC mismatch is that chunk's damage: "
                        + reader.problems());
            }
        }
        McapFormatException e = (McapFormatException) readUntilDamage(bad, McapReaderConfig.strictFileOrder())[1];
        assertTrue(e.getMessage().contains("chunk CRC mismatch"), e.getMessage());
    }

    @Test
    void summaryCrcMismatchFallsBackToTheLinearScanOrThrowsStrictly() throws IOException {
        Path file = McapFiles.write(dir.resolve("summary.mcap"), McapWriterConfig.of("", McapCompression.ZSTD), 300);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int topicInSummary = text.lastIndexOf("/b");
        bytes[topicInSummary + 1] = 'z';
        Path bad = copy(bytes, "bad-summary.mcap");
        try (McapReader reader = McapReader.open(bad)) {
            assertNull(reader.summary());
            assertEquals("summary CRC mismatch", reader.summaryProblem());
            assertEquals(1, reader.problemCount());
            assertEquals(300, McapFiles.readAll(reader).size());
            assertEquals("/b", reader.channel(1).topic(), "the data section's channel");
        }
        McapFormatException e = assertThrows(McapFormatException.class, () -> McapReader.open(bad,
                McapReaderConfig.strictFileOrder()));
        assertTrue(e.getMessage().contains("summary CRC mismatch"), e.getMessage());
    }

    @Test
    void dataSectionCrcMismatchInAMessageIndexIsCountedInFileOrder() throws IOException {
        Path file = McapFiles.write(dir.resolve("data.mcap"), McapWriterConfig.of("", McapCompression.ZSTD), 300);
        McapChunkIndex chunk = chunkIndexes(file).get(0);
        byte[] bytes = Files.readAllBytes(file);
        long index = chunk.messageIndexOffsets().get(0);
        bytes[(int) index + 9 + 2 + 4 + 3] ^= 1; // a log time in the message index: only the data CRC covers it
        Path bad = copy(bytes, "data-crc.mcap");
        try (McapReader reader = McapReader.open(bad, McapReaderConfig.strictFileOrder().withStrict(false))) {
            assertEquals(300, McapFiles.readAll(reader).size());
            assertEquals(1, reader.problemCount());
            assertTrue(reader.problems().get(0).getMessage().contains("data section CRC mismatch"));
            assertTrue(reader.problems().get(0).warning(), "no message lost: a warning about the file");
            assertTrue(reader.problems().get(0).getMessage().contains("no message is known lost"));
        }
    }

    /** Messages per topic in the chunk at {@code chunkOffset} of an intact file, and the file's total. */
    private static Map<String, Long> messagesOfChunk(Path file, long chunkOffset) throws IOException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (McapReader reader = McapReader.open(file, McapReaderConfig.defaults().withOrder(McapReadOrder.FILE))) {
            McapMessage m = new McapMessage();
            while (reader.next(m)) {
                if (m.recordOffset() == chunkOffset) {
                    counts.merge(m.channel().topic(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> topics(McapReader reader, McapChunkLoss loss) {
        Map<String, Long> out = new java.util.TreeMap<>();
        loss.messagesByChannel().forEach((id, n) -> out.put(reader.channel(id).topic(), n));
        return out;
    }

    /** How a chunk in the middle of a file with an intact summary is damaged. */
    enum MiddleDamage {
        /** the whole Chunk record zeroed, its header included: the framing is gone */
        WHOLE_RECORD,
        /** its compressed records zeroed, the header intact: zstd refuses it */
        COMPRESSED_DATA,
        /** the whole record and its message indexes zeroed: the counts come from the summary's statistics */
        RECORD_AND_MESSAGE_INDEXES
    }

    @ParameterizedTest(name = "{0}: a damaged chunk costs only its own messages, counted, in both orders")
    @org.junit.jupiter.params.provider.EnumSource(MiddleDamage.class)
    void aDamagedChunkInTheMiddleCostsOnlyItsOwnMessages(MiddleDamage damage) throws IOException {
        Path file = McapFiles.write(dir.resolve("whole.mcap"), McapWriterConfig.of("", McapCompression.ZSTD)
                .withChunkSizeBytes(4 * 1024), 1000);
        McapChunkIndex chunk;
        int chunks;
        try (McapReader reader = McapReader.open(file)) {
            chunks = reader.summary().chunkIndexes().size();
            chunk = reader.summary().chunkIndexes().get(chunks / 2);
        }
        assertTrue(chunks >= 6, chunks + " chunks");
        Map<String, Long> lost = messagesOfChunk(file, chunk.chunkStartOffset());
        long lostCount = lost.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(lostCount > 10, lost.toString());
        byte[] bytes = Files.readAllBytes(file);
        int from = (int) chunk.chunkStartOffset();
        int to = (int) (chunk.chunkStartOffset() + chunk.chunkLength());
        if (damage == MiddleDamage.COMPRESSED_DATA) {
            from = to - (int) chunk.compressedSize();
        } else if (damage == MiddleDamage.RECORD_AND_MESSAGE_INDEXES) {
            to += (int) chunk.messageIndexLength();
        }
        Arrays.fill(bytes, from, to, (byte) 0);
        Path bad = copy(bytes, "middle-" + damage + ".mcap");
        for (McapReadOrder order : McapReadOrder.values()) {
            try (McapReader reader = McapReader.open(bad, McapReaderConfig.defaults().withOrder(order))) {
                assertEquals(1000 - lostCount, McapFiles.readAll(reader).size(), order + ": the rest replays");
                assertEquals(1, reader.problemCount(), order + ": one problem, no data CRC warning: "
                        + reader.problems());
                assertEquals(1, reader.skippedChunks());
                McapFormatException problem = reader.problems().get(0);
                assertEquals(chunk.chunkStartOffset(), problem.offset(), problem.getMessage());
                McapChunkLoss loss = problem.loss();
                assertTrue(loss.counted(), problem.getMessage());
                assertEquals(lost, topics(reader, loss), problem.getMessage());
                assertEquals(chunk.messageStartNanos(), loss.startNanos());
                assertEquals(chunk.messageEndNanos(), loss.endNanos());
                assertTrue(problem.getMessage().contains(lostCount + " messages lost (/a "), problem.getMessage());
                assertTrue(problem.getMessage().contains(damage == MiddleDamage.RECORD_AND_MESSAGE_INDEXES
                        ? "counted from the summary's statistics" : "counted from its message indexes"),
                        problem.getMessage());
            }
        }
        McapFormatException strict = (McapFormatException) readUntilDamage(bad,
                McapReaderConfig.strictFileOrder())[1];
        assertEquals(chunk.chunkStartOffset(), strict.offset(), "strict mode still stops at the damage");
    }

    @ParameterizedTest(name = "ROS 2 file {0}: a zeroed chunk costs its own messages, counted from rosbag2's indexes")
    @ValueSource(strings = {"talker.mcap", "wbag_0.mcap", "topics_and_services.mcap", "cdr_test_0.mcap"})
    void aZeroedChunkOfARealRos2FileIsCountedFromItsMessageIndexes(String name) throws IOException {
        Path file = CollectingSink.sharedData("mcap/" + name);
        List<McapChunkIndex> chunks;
        long total;
        try (McapReader reader = McapReader.open(file)) {
            chunks = reader.summary().chunkIndexes();
            total = McapFiles.readAll(reader).size();
        }
        // these rosbag2 files hold one chunk each: zeroing it checks the count against rosbag2's message indexes
        McapChunkIndex chunk = chunks.get(chunks.size() / 2);
        Map<String, Long> lost = messagesOfChunk(file, chunk.chunkStartOffset());
        long lostCount = lost.values().stream().mapToLong(Long::longValue).sum();
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, (int) chunk.chunkStartOffset(), (int) (chunk.chunkStartOffset() + chunk.chunkLength()),
                (byte) 0);
        Path bad = copy(bytes, "zeroed-" + name);
        for (McapReadOrder order : McapReadOrder.values()) {
            try (McapReader reader = McapReader.open(bad, McapReaderConfig.defaults().withOrder(order))) {
                assertEquals(total - lostCount, McapFiles.readAll(reader).size(), order + ": " + reader.problems());
                assertEquals(1, reader.problemCount(), reader.problems().toString());
                McapChunkLoss loss = reader.problems().get(0).loss();
                assertEquals(lost, topics(reader, loss), reader.problems().toString());
                assertTrue(lostCount > 0 && loss.counted(), reader.problems().toString());
            }
        }
    }

    @Test
    void aZeroedChunkInAFileWithoutSummaryStillEndsTheReadingThere() throws IOException {
        Path file = McapFiles.write(dir.resolve("whole.mcap"), McapWriterConfig.of("", McapCompression.ZSTD)
                .withChunkSizeBytes(4 * 1024), 1000);
        McapChunkIndex chunk = chunkIndexes(file).get(2);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, (int) chunk.chunkStartOffset(), (int) (chunk.chunkStartOffset() + chunk.chunkLength()),
                (byte) 0);
        // cut before the summary: nothing says where the next chunk starts
        Path bad = copy(Arrays.copyOf(bytes, (int) (chunk.chunkStartOffset() + chunk.chunkLength() * 3)),
                "zeroed-cut.mcap");
        Object[] result = readUntilDamage(bad, McapReaderConfig.defaults());
        McapFormatException e = (McapFormatException) result[1];
        assertEquals(chunk.chunkStartOffset(), e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("opcode 0 is not a record"), e.getMessage());
    }
}
