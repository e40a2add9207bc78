package org.avfusion.drivers.recorded.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.drivers.recorded.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rosbag2 test files in {@code ../shared/data/mcap/} (written by the Go library and libmcap): message counts
 * from the summary, from an indexed read and from a linear scan agree with each other and with what
 * {@code @mcap/core} reports for each file (numbers taken from {@code tools/mcap-verify/verify.mjs}).
 */
class McapSharedFilesTest {

    @ParameterizedTest(name = "{0}: {1} messages, {2} channels with messages, library {3}")
    @CsvSource({
        "talker.mcap,               20,   2, mcap go #(devel), zstd",
        "cdr_test_0.mcap,           7,    2, libmcap 0.8.0,    none",
        "wbag_0.mcap,               1246, 8, mcap go #(devel), zstd",
        "topics_and_services.mcap,  13,   2, libmcap 1.1.0,    none",
        "test_bag_for_seek_0.mcap,  5,    1, libmcap 0.8.0,    none",
    })
    void countsAgreeThroughSummaryIndexAndScan(String name, long messages, int channelsWithMessages,
            String library, String compression) throws IOException {
        Path file = CollectingSink.sharedData("mcap/" + name);
        for (McapReadOrder order : McapReadOrder.values()) {
            try (McapReader reader = McapReader.open(file, McapReaderConfig.strictFileOrder().withOrder(order))) {
                assertEquals("ros2", reader.header().profile());
                assertEquals(library, reader.header().library());
                McapSummary summary = reader.summary();
                assertNotNull(summary, name + ": " + reader.summaryProblem());
                assertEquals(messages, summary.statistics().messageCount(), name);
                assertEquals(channelsWithMessages, summary.statistics().channelMessageCounts().size(), name);
                assertEquals(1, summary.chunkIndexes().size(), name);
                assertEquals(compression.equals("none") ? "" : compression,
                        summary.chunkIndexes().get(0).compression(), name);
                List<McapFiles.Read> reads = McapFiles.readAll(reader);
                assertEquals(messages, reads.size(), name + " " + order);
                Map<Integer, Long> scanned = reader.scanned().statistics().channelMessageCounts();
                assertEquals(summary.statistics().channelMessageCounts(), scanned, name + " " + order);
                for (int i = 1; i < reads.size() && order == McapReadOrder.LOG_TIME; i++) {
                    assertTrue(reads.get(i - 1).logTimeNanos() <= reads.get(i).logTimeNanos(), name + " #" + i);
                }
                assertEquals(0, reader.problemCount(), () -> reader.problems().toString());
            }
        }
    }

    @Test
    void wbagHasEightStringChannelsWithTheCountsMcapCoreReports() throws IOException {
        Path file = CollectingSink.sharedData("mcap/wbag_0.mcap");
        try (McapReader reader = McapReader.open(file)) {
            Map<String, Long> expected = new TreeMap<>(Map.of("AAA", 174L, "BBB", 145L, "CCC", 157L, "DDD", 163L,
                    "EEE", 147L, "FFF", 171L, "GGG", 141L, "HHH", 148L));
            assertEquals(expected, McapFiles.countByTopic(McapFiles.readAll(reader)));
            McapSummary summary = reader.summary();
            assertEquals(8, summary.channels().size());
            summary.channels().values().forEach(c -> {
                assertEquals("cdr", c.messageEncoding());
                assertEquals("std_msgs/msg/String", summary.schemaOf(c).name());
                assertEquals("ros2msg", summary.schemaOf(c).encoding());
            });
            assertEquals(1000, summary.statistics().messageStartNanos());
            assertEquals(1408, summary.statistics().messageEndNanos());
            assertEquals(78650, summary.chunkIndexes().get(0).uncompressedSize());
            assertEquals(8216, summary.chunkIndexes().get(0).compressedSize());
        }
    }

    @Test
    void talkerHasTenLogAndTenStringMessagesAndAnEmptyParameterEventsChannel() throws IOException {
        Path file = CollectingSink.sharedData("mcap/talker.mcap");
        try (McapReader reader = McapReader.open(file)) {
            assertEquals(Map.of("/rosout", 10L, "/topic", 10L), McapFiles.countByTopic(McapFiles.readAll(reader)));
            assertEquals("rcl_interfaces/msg/ParameterEvent",
                    reader.summary().schemaOf(reader.channel(2)).name());
            assertEquals("/parameter_events", reader.channel(2).topic());
        }
    }

    @Test
    void topicsAndServicesHasTwoMetadataRecordsIndexedAndInTheData() throws IOException {
        Path file = CollectingSink.sharedData("mcap/topics_and_services.mcap");
        try (McapReader reader = McapReader.open(file, McapReaderConfig.strictFileOrder())) {
            McapSummary summary = reader.summary();
            assertEquals(2, summary.statistics().metadataCount());
            assertEquals(2, summary.metadataIndexes().size());
            assertEquals(Map.of("/parameter_events", 7L, "/add_two_ints/_service_event", 6L),
                    McapFiles.countByTopic(McapFiles.readAll(reader)));
            assertEquals(2, reader.metadata().size());
            assertEquals(summary.metadataIndexes().stream().map(McapIndexEntry::name).toList(),
                    reader.metadata().stream().map(McapMetadata::name).toList());
            assertEquals(summary.metadataIndexes(), reader.scanned().metadataIndexes());
        }
    }

    @ParameterizedTest
    @EnumSource(McapReadOrder.class)
    void seekTestBagHasFiveMessagesOneHundredMillisecondsApart(McapReadOrder order) throws IOException {
        Path file = CollectingSink.sharedData("mcap/test_bag_for_seek_0.mcap");
        try (McapReader reader = McapReader.open(file, McapReaderConfig.defaults().withOrder(order))) {
            List<McapFiles.Read> reads = McapFiles.readAll(reader);
            assertEquals(List.of(1_000_000_000L, 1_100_000_000L, 1_200_000_000L, 1_300_000_000L, 1_400_000_000L),
                    reads.stream().map(McapFiles.Read::logTimeNanos).toList());
            assertEquals("test_msgs/BasicTypes", reader.schema(reader.channel(1).schemaId()).name());
        }
    }
}
