package org.avfusion.scenarios.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.scenarios.hil.HilInputException;
import org.avfusion.scenarios.hil.HilRigSpec;
import org.avfusion.scenarios.hil.HilScenario;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioException;

/**
 * Coverage-guided fuzzing (Jazzer) of the YAML files this module reads, all bound strictly by the shared
 * {@code YamlBinder}: simulator scenarios, HIL scenarios (a scenario, or {@code extends:} a built-in one, plus
 * faults and expectations) and HIL rig files. Contract: a value, or the reader's documented exception
 * ({@link ScenarioException}, {@link HilInputException}) naming the file; anything else escaping is a finding.
 *
 * <p>{@code mvn test} replays the seed corpus ({@code src/test/resources/org/avfusion/scenarios/fuzz/
 * ScenarioYamlFuzzTestInputs/<method>/}: the shipped {@code scenarios/catalog} and {@code scenarios/hil} files) and
 * past findings kept there; a fuzzing run is {@code JAZZER_FUZZ=1 mvn -o -pl scenarios -am test
 * -Dtest='ScenarioYamlFuzzTest#scenarioYaml'} (README, Fuzzing).
 */
class ScenarioYamlFuzzTest {
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "2m")
    void scenarioYaml(byte[] input) {
        Path file = write("fuzz-scenario.yaml", input);
        try {
            ScenarioCatalog.load(file);
        } catch (ScenarioException expected) {
            requireNamed(expected.getMessage(), "fuzz-scenario.yaml");
        }
    }

    @FuzzTest(maxDuration = "2m")
    void hilScenarioYaml(byte[] input) {
        Path file = write("fuzz-hil.yaml", input);
        try {
            HilScenario.load(file);
        } catch (HilInputException expected) {
            requireNamed(expected.getMessage(), "fuzz-hil.yaml");
        }
    }

    @FuzzTest(maxDuration = "2m")
    void hilRigYaml(byte[] input) {
        Path file = write("fuzz-hil-rig.yaml", input);
        try {
            HilRigSpec.load(file);
        } catch (HilInputException expected) {
            requireNamed(expected.getMessage(), "fuzz-hil-rig.yaml");
        }
    }

    private static void requireNamed(String message, String name) {
        if (message == null || !message.contains(name)) {
            throw new AssertionError("the error does not name " + name + ": " + message);
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(DIR.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("avfusion-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temp folder: best effort
                }
                dir.toFile().delete();
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
