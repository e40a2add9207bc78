package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.avfusion.runtime.cli.diff.DecisionDiff;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Replay} as a library call: two replays of one drive on two threads of one JVM (in-process output, no
 * broker) decide exactly what {@code avfusion replay --speed max --decisions} writes for it.
 */
class ReplayLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CLI replays publish here: one broker for the class, not one started and stopped per replay. */
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @TempDir
    Path temp;

    @Test
    void twoParallelReplaysOfAScenarioEqualTheCliDecisionFile() throws Exception {
        checkParallelEqualsCli(ReplayInput.scenario("pedestrian-crossing"), "--scenario", "pedestrian-crossing");
    }

    @Test
    void twoParallelReplaysOfKittiSequenceEqualTheCliDecisionFile() throws Exception {
        Path drive = Recordings.sharedData("kitti/raw/2011_09_26/sfnd_sequence_sync");
        checkParallelEqualsCli(ReplayInput.recording(drive), "--recording", drive.toString());
    }

    @Test
    void unsupportedRecordingIsAClearErrorNamingThePath() throws Exception {
        Path odd = Files.writeString(temp.resolve("drive.xyz"), "not a recording");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Replay.inProcess(ReplayInput.recording(odd), new ConfigLoader().loadDefault()));
        assertTrue(e.getMessage().contains("drive.xyz"), e.getMessage());
    }

    private void checkParallelEqualsCli(ReplayInput input, String... cliInput) throws Exception {
        RuntimeConfig profile = new ConfigLoader().loadDefault();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<DecisionRecord> a;
        List<DecisionRecord> b;
        try {
            Future<ReplayOutcome> fa = pool.submit(() -> Replay.inProcess(input, profile));
            Future<ReplayOutcome> fb = pool.submit(() -> Replay.inProcess(input, profile));
            a = fa.get().decisions();
            b = fb.get().decisions();
            assertEquals(0L, fa.get().summary().droppedFrames(), "drops at full speed");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(a.size() > 5, "decisions: " + a.size());
        DecisionDiff.Divergence parallel = DecisionDiff.first(a.stream().map(DecisionRecord::toJson).toList(),
                b.stream().map(DecisionRecord::toJson).toList());
        assertNull(parallel, () -> "parallel replays differ: " + parallel.message());

        Path file = temp.resolve("cli.jsonl");
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(List.of(cliInput));
        args.addAll(List.of("--speed", "max", "--no-progress", "--decisions", file.toString(), "--broker",
                BROKER.uri()));
        Recordings.Cli cli = Recordings.cli(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        List<JsonNode> fromCli = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            fromCli.add(JSON.readTree(line));
        }
        DecisionDiff.Divergence vsCli = DecisionDiff.first(fromCli, a.stream().map(DecisionRecord::toJson).toList());
        assertNull(vsCli, () -> "library vs CLI: " + vsCli.message());
        assertEquals(fromCli.size(), a.size());
    }
}
