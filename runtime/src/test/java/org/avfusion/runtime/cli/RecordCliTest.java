package org.avfusion.runtime.cli;

import static org.avfusion.runtime.cli.AvfusionCliTest.avfusion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.recorded.mcap.McapChannel;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --record} and {@code run --record}: a recording that cannot be written fails at start (exit 2). */
class RecordCliTest {
    /**
     * The replays that run to the end publish to this broker ({@code --broker}): without one each would start and
     * stop an embedded broker of its own (seconds each; the recording, not the broker, is what these tests check).
     */
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @TempDir
    Path dir;

    @Test
    void replayRecordsAnMcapFileWithInputAndOutputChannels() throws Exception {
        Path file = dir.resolve("drive.mcap");
        AvfusionCliTest.Run r = avfusion("replay", "--speed", "max", "--max", "300", "--record", file.toString(),
                "--record-min-free-mb", "0", "--broker", BROKER.uri());
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("recording to " + file), r.both());
        try (McapReader reader = McapReader.open(file)) {
            List<String> topics = reader.summary().channels().values().stream().map(McapChannel::topic).toList();
            assertTrue(topics.contains("/sensors/lidar_top") && topics.contains("/avfusion/decision")
                    && topics.contains("/avfusion/occupancy"), topics.toString());
            assertTrue(reader.summary().statistics().messageCount() > 300, "messages: "
                    + reader.summary().statistics().messageCount());
        }
    }

    /**
     * Round trip through the CLI on real data: the 20-frame KITTI sequence replayed with {@code --record}, then the
     * recording replayed: {@code avfusion diff} finds the two decision streams identical.
     */
    @Test
    void kittiSequenceRecordedAndReplayedGivesTheSameDecisions() {
        Path kitti = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "raw", "2011_09_26",
                "sfnd_sequence_sync");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(kitti), kitti + " not found: skipped");
        Path mcap = dir.resolve("kitti.mcap");
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        AvfusionCliTest.Run first = avfusion("replay", "--recording", kitti.toString(), "--speed", "max",
                "--no-progress", "--record", mcap.toString(), "--record-min-free-mb", "0", "--decisions", a.toString(),
                "--broker", BROKER.uri());
        assertEquals(0, first.code(), first.both());
        AvfusionCliTest.Run second = avfusion("replay", "--recording", mcap.toString(), "--speed", "max",
                "--no-progress", "--decisions", b.toString(), "--broker", BROKER.uri());
        assertEquals(0, second.code(), second.both());
        assertTrue(second.out().contains("avfusion-mcap"), second.both());
        AvfusionCliTest.Run diff = avfusion("diff", a.toString(), b.toString());
        assertEquals(0, diff.code(), diff.both());
        assertTrue(diff.out().contains("identical: 20 decisions"), diff.both());
    }

    @Test
    void replayRecordToADirectoryThatDoesNotExistExitsTwoNamingThePath() {
        Path file = dir.resolve("no-such-dir").resolve("drive.mcap");
        AvfusionCliTest.Run r = avfusion("replay", "--speed", "max", "--max", "10", "--record", file.toString(),
                "--broker", BROKER.uri());
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().contains(file.toString()), r.both());
        assertTrue(Files.notExists(file.getParent()), "nothing created");
    }

    @Test
    void runRecordIntoAPathThatIsAFileExitsTwoNamingThePath() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path recordDir = notADir.resolve("recordings");
        AvfusionCliTest.Run r = avfusion("run", "--config", profile().toString(), "--simulate", "clear-road",
                "--duration", "1", "--record", recordDir.toString());
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().contains(recordDir.toString()), r.both());
    }

    @Test
    void foxglovePortOutOfRangeExitsTwo() {
        AvfusionCliTest.Run r = avfusion("replay", "--max", "10", "--foxglove", "70000");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().contains("--foxglove"), r.both());
    }

    private Path profile() throws Exception {
        Path src = Path.of("").toAbsolutePath();
        while (src != null && !Files.isRegularFile(src.resolve("config/default.yaml"))) {
            src = src.getParent();
        }
        return src.resolve("config/default.yaml");
    }

    /**
     * A recording that stopped part way (a write failed: on {@code /dev/full} every write fails with "No space left
     * on device") makes the replay say so and exit {@link ReplayJob#EXIT_RECORDING_INCOMPLETE}: the decisions are
     * whole, the file is not, and a script that records drives must not take it for a good recording (exit 0 before).
     */
    @Test
    void aRecordingThatStoppedMakesTheReplayExitFiveAndSayWhy() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        Path report = dir.resolve("report.json");
        AvfusionCliTest.Run r = avfusion("replay", "--speed", "max", "--max", "300", "--no-progress",
                "--record", full.toString(), "--record-min-free-mb", "0", "--broker", BROKER.uri(),
                "--report", report.toString());
        assertEquals(ReplayJob.EXIT_RECORDING_INCOMPLETE, r.code(), r.both());
        assertTrue(r.out().contains("RECORDING INCOMPLETE: write to /dev/full failed: No space left on device"),
                r.both());
        assertTrue(r.out().contains("exit code " + ReplayJob.EXIT_RECORDING_INCOMPLETE), r.both());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(report));
        assertEquals(0, summary.get("decisionsLost").asLong(), summary.toString());
        JsonNode record = summary.get("record");
        assertEquals(1, record.get("stopped").size(), summary.toString());
        assertTrue(record.get("stopped").get(0).asText().contains("No space left on device"), summary.toString());
        assertTrue(AvfusionCliTest.avfusion("replay", "--help").out()
                .contains("5   the --record file stopped before the end"), "the help lists exit code 5");
    }
}
