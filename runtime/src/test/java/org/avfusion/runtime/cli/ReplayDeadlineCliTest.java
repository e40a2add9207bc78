package org.avfusion.runtime.cli;

import static org.avfusion.runtime.cli.AvfusionCliTest.avfusion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which replays enforce the latency budget and the watchdog (issue #15): real time and slower do, on the replay's
 * vehicle clock; faster than real time does not (so its decisions stay the same from run to run), and both say so on
 * the console and in the summary. A short replay (60 frames) on an embedded broker on a free port.
 */
class ReplayDeadlineCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--speed {0}: enforced {1}")
    @CsvSource({"1, true", "10, false"})
    void realTimeReplaysEnforceTheBudgetAndFasterOnesSayTheyDoNot(String speed, boolean enforced) throws Exception {
        Path profile = dir.resolve("port0.yaml");
        Files.writeString(profile, "mqtt:\n  embeddedPort: 0\ndeadline:\n  budgetMillis: 5000\n");
        Path report = dir.resolve("report.json");
        AvfusionCliTest.Run r = avfusion("replay", "--speed", speed, "--max", "60", "--no-progress", "--config",
                profile.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.both());
        JsonNode deadline = new ObjectMapper().readTree(Files.readString(report)).get("deadline");
        assertEquals(enforced, deadline.get("enforced").asBoolean(), deadline.toString());
        if (enforced) {
            assertEquals(5000.0, deadline.get("budgetMillis").asDouble(), deadline.toString());
            assertTrue(r.out().contains("latency budget 5000 ms"), r.both());
        } else {
            assertTrue(r.out().contains("latency budget and watchdog off: replay faster than real time"), r.both());
        }
    }
}
