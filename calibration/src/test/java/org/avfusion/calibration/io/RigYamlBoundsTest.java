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

    /**
     * The camera matrix's focal lengths and principal point: before, a principal point off the image loaded and a
     * negative focal length was reported as "camera matrix has skew K[0][1]=0.0".
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            '[[-320.0, 0.0, 320.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]' | a negative fx | fx (row 0, column 0) must be > 0 pixels, was -320.0
            '[[0.0, 0.0, 320.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]'    | a zero fx      | fx (row 0, column 0) must be > 0 pixels, was 0.0
            '[[320.0, 0.0, 320.0], [0.0, -320.0, 180.0], [0.0, 0.0, 1.0]]' | a negative fy | fy (row 1, column 1) must be > 0 pixels, was -320.0
            '[[320.0, 0.0, 700.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]'  | cx past the width | cx (row 0, column 2) must be in [0, 640] pixels (on the 640x360 image), was 700.0
            '[[320.0, 0.0, -1.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]'   | a negative cx | cx (row 0, column 2) must be in [0, 640] pixels (on the 640x360 image), was -1.0
            '[[320.0, 0.0, 320.0], [0.0, 320.0, 360.5], [0.0, 0.0, 1.0]]'  | cy past the height | cy (row 1, column 2) must be in [0, 360] pixels (on the 640x360 image), was 360.5
            '[[320.0, 0.0, 320.0], [0.0, 320.0, -180.0], [0.0, 0.0, 1.0]]' | a negative cy | cy (row 1, column 2) must be in [0, 360] pixels (on the 640x360 image), was -180.0
            '[[320.0, 5.0, 320.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]'  | skew (still refused as skew) | camera matrix has skew K[0][1]=5.0; skew is not supported
            """)
    void cameraMatrixOffItsImageOrMirroredNamesTheEntryItsValueAndRange(String matrix, String what, String problem)
            throws IOException {
        String sim = Files.readString(Path.of("..", "config", "rigs", "sim-rig.yaml"));
        String find = "cameraMatrix: [[320.0, 0.0, 320.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]";
        assertTrue(sim.contains(find), "fixture edit did not apply for: " + what);
        String yaml = sim.replace(find, "cameraMatrix: " + matrix);
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> RigYamlReader.parse(yaml, "absurd-rig.yaml"), what);
        assertEquals("absurd-rig.yaml: field 'sensors.camera_front.intrinsics.cameraMatrix': " + problem,
                e.getMessage(), what);
    }

    /** The edges of the ranges load: a principal point on the image's border, a focal length of a pixel. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]'
            '[[320.0, 0.0, 640.0], [0.0, 320.0, 360.0], [0.0, 0.0, 1.0]]'
            """)
    void cameraMatrixOnTheEdgesOfItsRangesLoads(String matrix) throws IOException {
        String sim = Files.readString(Path.of("..", "config", "rigs", "sim-rig.yaml"));
        String yaml = sim.replace("cameraMatrix: [[320.0, 0.0, 320.0], [0.0, 320.0, 180.0], [0.0, 0.0, 1.0]]",
                "cameraMatrix: " + matrix);
        assertEquals(640, RigYamlReader.parse(yaml, "edge-rig.yaml").sensor("camera_front").intrinsics()
                .widthPixels());
    }
}
