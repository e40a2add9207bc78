package org.avfusion.calibration.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenCV FileStorage YAML and ROS camera_info YAML: reading, writing, and messages for bad files. */
class CameraFileFormatsTest {

    /** As OpenCV's calibration sample writes it (values from its left01..left14 chessboard run). */
    private static final String OPENCV = """
            %YAML:1.0
            ---
            calibration_time: "Fri 27 Nov 2026 08:00:00 UTC"
            nframes: 13
            image_width: 640
            image_height: 480
            board_width: 9
            board_height: 6
            square_size: 2.5000000000000001e-02
            flags: 0
            camera_matrix: !!opencv-matrix
               rows: 3
               cols: 3
               dt: d
               data: [ 5.3591573396163199e+02, 0., 3.4228315473308373e+02, 0.,
                   5.3591573396163199e+02, 2.3557082909788173e+02, 0., 0., 1. ]
            distortion_coefficients: !!opencv-matrix
               rows: 5
               cols: 1
               dt: d
               data: [ -2.6637260909660682e-01, -3.8588898922304653e-02,
                   1.7831947042852964e-03, -2.8122100441115472e-04,
                   2.3839153080878486e-01 ]
            avg_reprojection_error: 3.9259098975581364e-01
            """;

    private static final String ROS = """
            image_width: 1242
            image_height: 375
            camera_name: kitti_image_02
            camera_matrix:
              rows: 3
              cols: 3
              data: [959.791, 0, 696.0217, 0, 956.9251, 224.1806, 0, 0, 1]
            distortion_model: plumb_bob
            distortion_coefficients:
              rows: 1
              cols: 5
              data: [-0.3691481, 0.1968681, 0.001353473, 0.0005677587, -0.06770705]
            rectification_matrix:
              rows: 3
              cols: 3
              data: [0.9998817, 0.01511453, -0.002841595, -0.01511724, 0.9998853, -0.000933851, 0.002827154, 0.0009766976, 0.9999955]
            projection_matrix:
              rows: 3
              cols: 4
              data: [721.5377, 0, 609.5593, 44.85728, 0, 721.5377, 172.854, 0.2163791, 0, 0, 1, 0.002745884]
            """;

    @Test
    void readsOpenCvFileStorageWithItsDirectiveAndTags() {
        CameraIntrinsics k = OpenCvCameraYaml.parse(OPENCV, "out_camera_data.yml");
        assertEquals(535.91573396163199, k.fxPixels(), 1e-12);
        assertEquals(342.28315473308373, k.cxPixels(), 1e-12);
        assertEquals(640, k.widthPixels());
        assertEquals(-0.26637260909660682, k.distortion().k1(), 1e-15);
        assertEquals(0.23839153080878486, k.distortion().k3(), 1e-15);
    }

    @Test
    void openCvFileRoundTrips(@TempDir Path tmp) throws Exception {
        CameraIntrinsics k = OpenCvCameraYaml.parse(OPENCV, "a.yml");
        Path f = tmp.resolve("left.yml");
        OpenCvCameraYaml.write(k, OptionalDouble.of(0.3926), f);
        assertEquals(k, OpenCvCameraYaml.read(f));
        assertEquals(0.3926, OpenCvCameraYaml.reprojectionErrorPixels(f).orElseThrow(), 1e-9);
        CameraIntrinsics rational = k.withDistortion(DistortionCoefficients.ofOpenCv(0.1, -0.05, 0.001, -0.002, 0.01, 0.05, -0.01, 0.002));
        assertEquals(rational, OpenCvCameraYaml.parse(OpenCvCameraYaml.format(rational, OptionalDouble.empty()), "b.yml"));
    }

    @Test
    void readsRosCameraInfoAndRoundTrips() {
        RosCameraInfo info = RosCameraInfo.parse(ROS, "camera_info.yaml");
        assertEquals("kitti_image_02", info.cameraName());
        assertEquals(-0.3691481, info.intrinsics().distortion().k1());
        assertEquals(44.85728, info.projection().get(0, 3));
        RosCameraInfo back = RosCameraInfo.parse(info.format(), "written.yaml");
        assertEquals(info.intrinsics(), back.intrinsics());
        assertEquals(info.projection(), back.projection());
        assertEquals(info.rectification(), back.rectification());
    }

    @Test
    void monocularCameraInfoHasIdentityRectificationAndKZeroProjection() {
        CameraIntrinsics k = OpenCvCameraYaml.parse(OPENCV, "a.yml");
        RosCameraInfo info = RosCameraInfo.parse(RosCameraInfo.monocular("left", k).format(), "left.yaml");
        assertEquals(RigidTransform.identity(), info.rectification());
        assertArrayEquals(new double[] {k.fxPixels(), 0, k.cxPixels(), 0, 0, k.fyPixels(), k.cyPixels(), 0, 0, 0, 1, 0},
                info.projection().toRowMajor());
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            'cols: 3\\n  data: [959.791' | 'cols: 4\\n  data: [959.791' | camera_matrix.data | data count not rows x cols
            'distortion_model: plumb_bob' | 'distortion_model: equidistant' | distortion_model | fisheye model
            'image_width: 1242\\n' | '' | image_width | missing image width
            'data: [0.9998817, 0.01511453' | 'data: [1.5, 0.01511453' | rectification_matrix | non-orthonormal rectification
            'rows: 3\\n  cols: 4' | 'rows: 2\\n  cols: 6' | projection_matrix | 2x6 projection
            """)
    void badRosCameraInfoNamesFileAndField(String find, String replace, String field, String what) {
        String yaml = ROS.replace(find.replace("\\n", "\n"), replace.replace("\\n", "\n"));
        assertTrue(!yaml.equals(ROS), "fixture edit did not apply for " + what);
        CalibrationFileException e = assertThrows(CalibrationFileException.class, () -> RosCameraInfo.parse(yaml, "cam.yaml"));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cam.yaml: field '" + field + "'"), e.getMessage());
        assertEquals(1, e.getMessage().split("cam\\.yaml", -1).length - 1, "the file named once: " + e.getMessage());
    }

    @Test
    void openCvCameraMatrixOfWrongSizeNamesTheField() {
        String bad = OPENCV.replaceFirst("rows: 3\n   cols: 3", "rows: 2\n   cols: 3")
                .replace("0., 0., 1. ]", "0. ]").replace("5.3591573396163199e+02, 0., 3.4228315473308373e+02, 0.,", "1., 0., 1.,");
        CalibrationFileException e = assertThrows(CalibrationFileException.class, () -> OpenCvCameraYaml.parse(bad, "left.yml"));
        assertEquals("camera_matrix", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("wrong size 2x3; must be 3x3"), e.getMessage());
    }

    @Test
    void missingCameraFileIsNamed(@TempDir Path tmp) {
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> OpenCvCameraYaml.read(tmp.resolve("missing.yml")));
        assertTrue(e.getMessage().contains("missing.yml: file not found"), e.getMessage());
    }
}
