package org.avfusion.drivers.recorded.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Write then read: every message back, byte for byte, through the summary and through a linear scan. */
class McapRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, chunked {1}, summary {2}, order {3}")
    @CsvSource({
        "NONE, true,  true,  LOG_TIME",
        "ZSTD, true,  true,  LOG_TIME",
        "LZ4,  true,  true,  LOG_TIME",
        "NONE, true,  true,  FILE",
        "ZSTD, true,  true,  FILE",
        "LZ4,  true,  true,  FILE",
        "ZSTD, true,  false, LOG_TIME",
        "LZ4,  true,  false, FILE",
        "NONE, false, true,  FILE",
        "NONE, false, false, LOG_TIME",
    })
    void everyMessageComesBackByteForByte(McapCompression compression, boolean chunked, boolean summary,
            McapReadOrder order) throws IOException {
        int messages = 1500;
        McapWriterConfig config = McapWriterConfig.of("ros2", compression).withChunkSizeBytes(16 * 1024)
                .withChunked(chunked).withSummary(summary);
        Path file = McapFiles.write(dir.resolve("rt.mcap"), config, messages);
        try (McapReader reader = McapReader.open(file, McapReaderConfig.strictFileOrder().withOrder(order))) {
            assertEquals(new McapHeader("ros2", McapWriterConfig.LIBRARY), reader.header());
            if (summary) {
                McapSummary s = reader.summary();
                assertNotNull(s, reader.summaryProblem());
                assertEquals(messages, s.statistics().messageCount());
                assertEquals(Map.of(0, 750L, 1, 375L, 2, 375L), s.statistics().channelMessageCounts());
                assertEquals(1000, s.statistics().messageStartNanos());
                assertEquals(1000 + 10L * (messages - 1), s.statistics().messageEndNanos());
                assertEquals(3, s.channels().size());
                assertEquals(1, s.schemas().size());
                assertEquals(1, s.statistics().metadataCount());
                assertEquals(1, s.statistics().attachmentCount());
                assertEquals(1, s.metadataIndexes().size());
                assertEquals(1, s.attachmentIndexes().size());
                if (chunked) {
                    assertTrue(s.chunkIndexes().size() > 3, "16 KiB chunks: " + s.chunkIndexes().size());
                    s.chunkIndexes().forEach(c -> assertEquals(compression.specName(), c.compression()));
                    assertEquals(s.chunkIndexes().size(), s.statistics().chunkCount());
                }
            } else {
                assertNull(reader.summary());
            }
            List<McapFiles.Read> reads = McapFiles.readAll(reader);
            assertEquals(messages, reads.size());
            String[] topics = {"/a", "/b", "/c", "/a"};
            for (int i = 0; i < messages; i++) {
                McapFiles.Read r = reads.get(i);
                assertEquals(topics[i % 4], r.topic(), "message " + i);
                assertEquals(i, r.sequence());
                assertEquals(1000 + 10L * i, r.logTimeNanos());
                assertEquals(999 + 10L * i, r.publishTimeNanos());
                assertArrayEquals(McapFiles.payload(i), r.data(), "message " + i);
            }
            assertEquals(0, reader.problemCount(), () -> reader.problems().toString());
            McapSummary scanned = reader.scanned();
            assertEquals(messages, scanned.statistics().messageCount());
            assertEquals(Map.of(0, 750L, 1, 375L, 2, 375L), scanned.statistics().channelMessageCounts());
            if (order == McapReadOrder.FILE) {
                assertEquals(1, reader.metadata().size());
                assertEquals("vlp16", reader.metadata().get(0).metadata().get("lidar"));
                assertEquals(1, scanned.statistics().attachmentCount());
            }
        }
    }
}
