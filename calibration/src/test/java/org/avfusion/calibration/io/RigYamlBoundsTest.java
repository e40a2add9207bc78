package org.avfusion.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers of a rig file outside their range are refused with the file, the field, the value and the range. */
class RigYamlBoundsTest {
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            'translationMeters: [1.2, 0.0, 1.8]' | 'translationMeters: [1.2e15, 0.0, 1.8]' | sensors.lidar_top.translationMeters | a mount a petametre away
            'clockOffsetNanos: 0\\n  camera_front' | 'clockOffsetNanos: 9000000000000000000\\n  camera_front' | sensors.lidar_top.clockOffsetNanos | a clock offset of 285 years
            'imageSizePixels: [640, 360]' | 'imageSizePixels: [640000000, 360]' | sensors.camera_front.intrinsics.imageSizePixels | an image of 640 million columns
            'rollPitchYawDeg: [0.0, 0.0, 0.0]\\n    clockOffsetNanos: 0\\n  camera_front' | 'rollPitchYawDeg: [0.0, 1e300, 0.0]\\n    clockOffsetNanos: 0\\n  camera_front' | sensors.lidar_top.rollPitchYawDeg | a pitch of 1e300 degrees
            'clockOffsetNanos: 0\\n  camera_front' | 'clockOffsetNanos: 1.5\\n  camera_front' | sensors.lidar_top.clockOffsetNanos | a fraction of a nanosecond
            'type: lidar' | 'type: lidar\\n    type: camera' | '' | a duplicate key
            """)
    void outOfRangeRigNumberNamesFileFieldAndRange(String find, String replace, String field, String what)
            throws IOException {
        String sim = Files.readString(Path.of("..", "config", "rigs", "sim-rig.yaml"));
        String yaml = sim.replace(find.replace("\\n", "\n"), replace.replace("\\n", "\n"));
        assertTrue(!yaml.equals(sim), "fixture edit did not apply for: " + what);
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> RigYamlReader.parse(yaml, "absurd-rig.yaml"), what);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("absurd-rig.yaml: "), e.getMessage());
        assertTrue(e.getMessage().matches(field.isEmpty() ? ".*Duplicate field 'type'.*"
                : ".*(must be in|in \\[1, 65535]|whole number).*"), e.getMessage());
    }
}
