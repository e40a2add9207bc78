package org.avfusion.runtime.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.avfusion.calibration.io.CalibrationFileException;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RigBinding;
import org.avfusion.runtime.config.RuntimeConfig;

/**
 * Coverage-guided fuzzing (Jazzer) of the runtime's profile loader (YAML merged over {@code default.yaml} and bound
 * strictly, every number range-checked) and of binding a rig file to the default profile. Contract: a value, or a
 * {@link ConfigException} (profile, rig binding) or {@link CalibrationFileException} (rig file) naming the source;
 * anything else escaping is a finding.
 *
 * <p>{@code mvn test} replays the seed corpus ({@code src/test/resources/org/avfusion/runtime/fuzz/
 * ProfileYamlFuzzTestInputs/<method>/}: the shipped {@code config/*.yaml} profiles and the sim rig) and past
 * findings kept there; a fuzzing run is {@code JAZZER_FUZZ=1 mvn -o -pl runtime -am test
 * -Dtest='ProfileYamlFuzzTest#profileYaml'} (README, Fuzzing).
 */
class ProfileYamlFuzzTest {
    private static final String PROFILE = "fuzz-profile.yaml";
    private static final String RIG = "fuzz-rig.yaml";
    private static final ConfigLoader LOADER = new ConfigLoader();
    private static final RuntimeConfig DEFAULTS = LOADER.loadDefault();

    @FuzzTest(maxDuration = "2m")
    void profileYaml(byte[] input) {
        try {
            LOADER.loadYaml(new String(input, StandardCharsets.UTF_8), PROFILE);
        } catch (ConfigException expected) {
            requireNamed(expected.getMessage(), PROFILE);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void rigBinding(byte[] input) {
        try {
            Rig rig = RigYamlReader.parse(new String(input, StandardCharsets.UTF_8), RIG);
            RigBinding.apply(DEFAULTS, rig, RIG);
        } catch (CalibrationFileException | ConfigException expected) {
            requireNamed(expected.getMessage(), RIG);
        }
    }

    private static void requireNamed(String message, String name) {
        if (message == null || !message.contains(name)) {
            throw new AssertionError("the error does not name " + name + ": " + message);
        }
    }
}
