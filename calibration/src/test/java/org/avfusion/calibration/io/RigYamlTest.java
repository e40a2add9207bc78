package org.avfusion.calibration.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.SensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rig files in config/rigs and the reader's messages for bad rigs. */
class RigYamlTest {

    private static final Path RIGS = Path.of("..", "config", "rigs");

    private static final String SIM = """
            rig: sim
            units: {length: metres, angle: degrees, time: nanoseconds, image: pixels}
            sensors:
              lidar_top:
                type: lidar
                parent: base_link
                translationMeters: [1.2, 0.0, 1.8]
                rollPitchYawDeg: [0, 0, 0]
              camera_front:
                type: camera
                parent: base_link
                translationMeters: [1.5, 0.0, 1.4]
                rotation: [[0, 0, 1], [-1, 0, 0], [0, -1, 0]]
                clockOffsetNanos: 2000000
                intrinsics:
                  imageSizePixels: [640, 360]
                  cameraMatrix: [[320, 0, 320], [0, 320, 180], [0, 0, 1]]
                  distortion: [0, 0, 0, 0, 0]
            """;

    @Test
    void simRigFileProjectsAPointAheadOntoTheImageCentreRow() {
        Rig rig = RigYamlReader.read(RIGS.resolve("sim-rig.yaml"));
        assertEquals(Map.of("lidar_top", SensorType.LIDAR, "camera_front", SensorType.CAMERA, "gnss", SensorType.GNSS,
                "imu", SensorType.IMU).keySet(), rig.sensors().keySet());
        assertEquals(90, rig.intrinsics("camera_front").horizontalFovDeg(), 1e-9);
        double[] out = new double[3];
        // 20 m ahead of base_link, at camera height (1.4 m) -> image centre, depth 18.5 m
        assertTrue(rig.projector("camera_front", "base_link").projectPoint(20, 0, 1.4, out));
        assertArrayEquals(new double[] {320, 180, 18.5}, out, 1e-9);
        assertEquals(1.8, rig.baseFromSensor("lidar_top").tzMeters());
    }

    @Test
    void huskyImuSeesYawRateOnItsYAxis() {
        Rig rig = RigYamlReader.read(RIGS.resolve("husky.yaml"));
        RigidTransform imuFromBase = rig.transform("imu_link", "base_link");
        double[] w = new double[3];
        imuFromBase.rotateVector(0, 0, 0.5, w, 0); // 0.5 rad/s yaw rate of the vehicle
        assertArrayEquals(new double[] {0, 0.5, 0}, w, 1e-12);
    }

    @Test
    void kittiRigFileMatchesTheRawCalibrationFiles() {
        Rig file = RigYamlReader.read(RIGS.resolve("kitti.yaml"));
        Rig raw = KittiRawCalibration.read(SharedData.require("kitti/raw/2011_09_26")).toRig("kitti");
        assertEquals(raw.sensors(), file.sensors());
        for (String frame : raw.frames().frames()) {
            assertTrue(raw.transform("base_link", frame).approxEquals(file.transform("base_link", frame), 1e-12, 1e-12),
                    frame);
        }
    }

    @Test
    void writerRoundTripsExactly() {
        Rig rig = RigYamlReader.parse(SIM, "sim.yaml");
        Rig back = RigYamlReader.parse(RigYamlWriter.format(rig, "round trip"), "written.yaml");
        assertEquals(rig.sensors(), back.sensors());
        assertEquals(rig.transform("camera_front", "lidar_top"), back.transform("camera_front", "lidar_top"));
        assertEquals(2_000_000, back.sensor("camera_front").clockOffset().offsetNanos());
    }

    /** Each row: a replacement in the valid SIM text, the field the message must name, a phrase it must hold. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            '    parent: base_link\\n    translationMeters: [1.2, 0.0, 1.8]\\n    rollPitchYawDeg: [0, 0, 0]\\n' | '' | sensors.lidar_top.parent | missing sensor transform | has no transform
            '[[0, 0, 1], [-1, 0, 0], [0, -1, 0]]' | '[[0, 0, 1], [-1, 0, 0], [0, -1.5, 0]]' | sensors.camera_front.rotation | non-orthonormal rotation | not orthonormal
            '[[0, 0, 1], [-1, 0, 0], [0, -1, 0]]' | '[[0, 0, 1], [-1, 0, 0]]' | sensors.camera_front.rotation | rotation with 2 rows | 3x3 matrix
            '[[320, 0, 320], [0, 320, 180], [0, 0, 1]]' | '[[320, 0, 320, 0], [0, 320, 180, 0], [0, 0, 1, 0]]' | sensors.camera_front.intrinsics.cameraMatrix | 3x4 camera matrix | row 0 has 4 values
            '[1.2, 0.0, 1.8]' | '[1.2, 0.0]' | sensors.lidar_top.translationMeters | translation of 2 values | list of 3 numbers
            '    intrinsics:\\n      imageSizePixels: [640, 360]\\n      cameraMatrix: [[320, 0, 320], [0, 320, 180], [0, 0, 1]]\\n      distortion: [0, 0, 0, 0, 0]\\n' | '' | sensors.camera_front.intrinsics | camera without intrinsics | has no intrinsics
            '[0, 0, 0, 0, 0]' | '[0, 0, 0]' | sensors.camera_front.intrinsics.distortion | 3 distortion coefficients | 0, 4, 5 or 8
            'angle: degrees' | 'angle: radians' | units.angle | units not as stated | must be stated as 'degrees'
            'units: {length: metres, angle: degrees, time: nanoseconds, image: pixels}\\n' | '' | units | no units | missing
            'type: lidar' | 'type: radar' | sensors.lidar_top.type | unknown sensor type | lidar, camera, gnss, imu
            'rollPitchYawDeg: [0, 0, 0]' | 'rollPitchYawDeg: [0, 0, 0]\\n    mountHeight: 2' | sensors.lidar_top.mountHeight | unknown key | unknown key
            'parent: base_link\\n    translationMeters: [1.2' | 'parent: roof\\n    translationMeters: [1.2' | frames | parent frame never defined | 'roof'
            """)
    void badRigNamesFileAndField(String find, String replace, String field, String what, String phrase) {
        String yaml = SIM.replace(find.replace("\\n", "\n"), replace.replace("\\n", "\n"));
        assertTrue(!yaml.equals(SIM), "fixture edit did not apply for: " + what);
        CalibrationFileException e = assertThrows(CalibrationFileException.class, () -> RigYamlReader.parse(yaml, "bad-rig.yaml"));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad-rig.yaml: field '" + field + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), e.getMessage());
    }

    @Test
    void missingRigFileIsNamed() {
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> RigYamlReader.read(RIGS.resolve("no-such-vehicle.yaml")));
        assertTrue(e.getMessage().contains("no-such-vehicle.yaml") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void rigLackingASensorTheConfigUsesIsRefused() {
        Rig rig = RigYamlReader.parse(SIM, "sim.yaml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rig.requireSensors(
                Map.of("lidar_top", SensorType.LIDAR, "gnss", SensorType.GNSS), "config/vehicle-example.yaml"));
        assertTrue(e.getMessage().contains("no sensor 'gnss'") && e.getMessage().contains("vehicle-example.yaml"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> rig.requireSensors(Map.of("lidar_top", SensorType.CAMERA), "config/default.yaml"));
        rig.requireSensors(Map.of("lidar_top", SensorType.LIDAR, "camera_front", SensorType.CAMERA), "config/default.yaml");
    }
}
