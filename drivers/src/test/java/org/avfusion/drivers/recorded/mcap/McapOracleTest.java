package org.avfusion.drivers.recorded.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format's reference reader as an oracle: {@code tools/mcap-verify/verify.mjs} reads, with {@code @mcap/core},
 * the files this library writes (each compression) and the rosbag2 files in {@code ../shared/data/mcap/}, checks
 * their CRCs, and its per-channel message counts, schema names and statistics must equal this reader's.
 *
 * <p>Needs {@code node} (20+) on the PATH and {@code npm ci --prefix tools/mcap-verify} run; skipped with that
 * message otherwise, except under {@code CI=true}, where it fails: CI must run the oracle.
 */
class McapOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path verifyScript() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            Path script = at.resolve("tools/mcap-verify/verify.mjs");
            if (Files.isRegularFile(script)) {
                return script;
            }
            at = at.getParent();
        }
        return null;
    }

    private static void requireOracle(boolean ready, String why) {
        if (ready) {
            return;
        }
        String message = why + ": run `npm ci --prefix tools/mcap-verify` (Node 20+) to check MCAP files against "
                + "@mcap/core";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; under CI=true this must not be skipped: .ci/run should have run npm ci "
                    + "--prefix tools/mcap-verify");
        }
        Assumptions.abort(message);
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<JsonNode> verify(Path script, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "verify.mjs did not finish in 120 s");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertEquals(files.size(), lines.size(), out);
        assertEquals(0, p.exitValue(), "verify.mjs found a bad file:\n" + out);
        return lines;
    }

    private static Path shared(String name) {
        return Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "mcap", name);
    }

    @Test
    void mcapCoreReadsOurFilesAndTheRosbag2FilesWithOurCounts() throws IOException, InterruptedException {
        Path script = verifyScript();
        requireOracle(script != null, "tools/mcap-verify/verify.mjs not found above " + Path.of("").toAbsolutePath());
        requireOracle(Files.isDirectory(script.getParent().resolve("node_modules/@mcap/core")),
                script.getParent().resolve("node_modules") + " has no @mcap/core");
        requireOracle(nodeRuns(), "`node` is not on the PATH");

        List<Path> files = new ArrayList<>();
        for (McapCompression compression : McapCompression.values()) {
            files.add(McapFiles.write(dir.resolve("ours-" + compression + ".mcap"),
                    McapWriterConfig.of("ros2", compression).withChunkSizeBytes(8 * 1024), 1200));
        }
        int ours = files.size();
        for (String name : List.of("talker.mcap", "cdr_test_0.mcap", "wbag_0.mcap", "topics_and_services.mcap",
                "test_bag_for_seek_0.mcap")) {
            if (Files.isRegularFile(shared(name))) {
                files.add(shared(name));
            }
        }
        List<JsonNode> report = verify(script, files);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            JsonNode line = report.get(i);
            assertTrue(line.path("ok").asBoolean(), file + ": " + line);
            Map<Integer, Long> oracleCounts = new TreeMap<>();
            Map<Integer, String> oracleSchemas = new TreeMap<>();
            for (JsonNode channel : line.path("channels")) {
                oracleCounts.put(channel.path("id").asInt(), channel.path("messages").asLong());
                oracleSchemas.put(channel.path("id").asInt(), channel.path("schemaName").asText());
            }
            try (McapReader reader = McapReader.open(file, McapReaderConfig.strictFileOrder())) {
                McapMessage m = new McapMessage();
                Map<Integer, Long> counts = new TreeMap<>();
                oracleCounts.keySet().forEach(id -> counts.put(id, 0L));
                long total = 0;
                while (reader.next(m)) {
                    counts.merge(m.channelId(), 1L, Long::sum);
                    total++;
                }
                assertEquals(oracleCounts, counts, file + ": messages per channel");
                assertEquals(line.path("messages").asLong(), total, file.toString());
                assertEquals(line.path("linearRecords").path("Message").asLong(), total, file + ": stream reader");
                McapSummary summary = reader.summary();
                Map<Integer, String> schemas = new TreeMap<>();
                summary.channels().values().forEach(c -> schemas.put(c.id(), summary.schemaOf(c) == null ? ""
                        : summary.schemaOf(c).name()));
                assertEquals(oracleSchemas, schemas, file + ": schema names");
                JsonNode stats = line.path("statistics");
                assertEquals(stats.path("messageCount").asLong(), summary.statistics().messageCount());
                assertEquals(stats.path("chunkCount").asLong(), summary.statistics().chunkCount());
                assertEquals(stats.path("metadataCount").asLong(), summary.statistics().metadataCount());
                assertEquals(stats.path("messageStartTime").asText(),
                        Long.toString(summary.statistics().messageStartNanos()));
                assertEquals(line.path("metadataIndexes").asInt(), summary.metadataIndexes().size());
                assertEquals(line.path("chunkIndexes").asInt(), summary.chunkIndexes().size());
            }
            if (i < ours) {
                assertTrue(line.path("summaryCrcChecked").asBoolean(), file + " has a summary CRC");
                assertTrue(line.path("dataSectionCrcOk").asBoolean(), file + ": data section CRC per @mcap/core");
                assertEquals(1, line.path("attachmentIndexes").asInt());
                assertEquals(1, line.path("linearRecords").path("Attachment").asInt());
            }
        }
    }
}
