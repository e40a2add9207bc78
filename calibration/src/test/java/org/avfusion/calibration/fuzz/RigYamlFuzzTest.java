package org.avfusion.calibration.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.avfusion.calibration.io.CalibrationFileException;
import org.avfusion.calibration.io.RigYamlReader;

/**
 * Coverage-guided fuzzing (Jazzer) of the rig file reader, which binds YAML strictly through the shared
 * {@code YamlBinder}. Contract: a {@code Rig}, or a {@link CalibrationFileException} naming the file (and the key);
 * anything else escaping (a NullPointerException, a bare IllegalArgumentException from a value type, a
 * StackOverflowError, ...) is a finding.
 *
 * <p>{@code mvn test} replays the seed corpus ({@code src/test/resources/org/avfusion/calibration/fuzz/
 * RigYamlFuzzTestInputs/rigYaml/}: the shipped {@code config/rigs/*.yaml}) and past findings kept there; a fuzzing
 * run is {@code JAZZER_FUZZ=1 mvn -o -pl calibration test -Dtest=RigYamlFuzzTest} (README, Fuzzing).
 */
class RigYamlFuzzTest {
    private static final String FILE = "fuzz-rig.yaml";

    @FuzzTest(maxDuration = "2m")
    void rigYaml(byte[] input) {
        try {
            RigYamlReader.parse(new String(input, StandardCharsets.UTF_8), FILE);
        } catch (CalibrationFileException expected) {
            if (expected.getMessage() == null || !expected.getMessage().contains(FILE)) {
                throw new AssertionError("the error does not name the file: " + expected.getMessage(), expected);
            }
        }
    }
}
