package org.avfusion.scenarios.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.avfusion.scenarios.hil.fault.WireFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped HIL scenarios load strictly; bad faults and keys fail naming the file and key. */
class HilScenarioTest {
    static final Path DIR = Path.of("hil");

    @TempDir
    Path tmp;

    static Stream<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void shippedScenarioLoads(Path file) {
        HilScenario s = HilScenario.load(file);
        assertTrue(s.spec().durationSeconds() <= 9, "HIL scenarios run in real time: keep them short");
        if (file.getFileName().toString().equals("camera-freeze.yaml")) {
            HilInputException e = assertThrows(HilInputException.class,
                    () -> HilRig.checkFaults(s, HilRigSpec.LOOPBACK));
            assertTrue(e.getMessage().contains("camera_front") && e.getMessage().contains("[lidar_top, gnss]"),
                    e.getMessage());
        } else {
            HilRig.checkFaults(s, HilRigSpec.LOOPBACK);
            assertFalse(s.expectations().isEmpty(), "every shipped scenario states its expected reaction");
        }
    }

    @Test
    void everyFaultKindHasAShippedScenario() throws IOException {
        List<String> kinds = shipped().flatMap(p -> HilScenario.load(p).faults().stream()).map(WireFault::kind)
                .distinct().sorted().toList();
        assertEquals(List.of("clock", "corrupt", "delay", "drop", "duplicate", "freeze", "gnssJump", "reorder",
                "silent"), kinds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "faults: [{type: drop, sensor: lidar_top, rate: 1.5}]         | faults[0].rate",
        "faults: [{type: drop, sensor: lidar_top, rat: 0.5}]          | rat",
        "faults: [{type: explode, sensor: lidar_top}]                 | explode",
        "faults: [{type: silent, sensor: lidar_top, fromSeconds: 3, toSeconds: 2}] | toSeconds",
        "expectations: [{type: decision, kind: HALT}]                 | HALT",
        "speling: 3                                                   | speling"})
    void badFileFailsNamingTheKey(String yaml, String named) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "extends: pedestrian-crossing\n" + yaml + "\n");
        HilInputException e = assertThrows(HilInputException.class, () -> HilScenario.load(file));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains(named), e.getMessage());
    }

    /** Found by ScenarioYamlFuzzTest#hilScenarioYaml: an unknown base scenario was reported without the file. */
    @Test
    void extendingAnUnknownScenarioNamesTheFileAndTheKnownOnes() throws IOException {
        Path file = Files.writeString(tmp.resolve("typo.yaml"), "extends: pedestrian-crossilg\n");
        HilInputException e = assertThrows(HilInputException.class, () -> HilScenario.load(file));
        assertTrue(e.getMessage().startsWith("typo.yaml: extends: unknown scenario 'pedestrian-crossilg'; built-in "
                + "scenarios: "), e.getMessage());
        assertTrue(e.getMessage().contains("pedestrian-crossing"), e.getMessage());
    }
}
