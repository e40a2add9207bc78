package org.avfusion.calibration.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.calibration.tools.DepthEdgeConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lidar-camera alignment score on KITTI object frame 000000 (calib, velodyne, image_2). */
class KittiLidarCameraCheckTest {
    private static Path dir;
    private static KittiObjectCalibration calib;

    @BeforeAll
    static void findData() {
        dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/kitti/object/training not found: " + dir);
        calib = KittiObjectCalibration.read(dir.resolve("calib/000000.txt"));
    }

    private static LidarCameraCheck.ProjectorForImage camera2(double aboutXDeg, double aboutYDeg, double aboutZDeg) {
        return (w, h) -> LidarCameraCheck.rotated(new PointProjector(calib.rectifiedCameraFromVelo(2),
                calib.rectifiedIntrinsics(2, w, h)), aboutXDeg, aboutYDeg, aboutZDeg);
    }

    private static double score(LidarCameraCheck.ProjectorForImage projector, Path draw) throws Exception {
        return LidarCameraCheck.check(projector, dir.resolve("velodyne/000000.bin"), dir.resolve("image_2/000000.png"),
                DepthEdgeConfig.DEFAULTS, ImageEdgeConfig.DEFAULTS, draw).score().meanEdgeDistancePixels();
    }

    @Test
    void theTrueExtrinsicScoresClearlyBetterThanOneTurnedByTwoDegrees(@TempDir Path tmp) throws Exception {
        Path picture = tmp.resolve("aligned.png");
        LidarCameraCheckResult aligned = LidarCameraCheck.check(camera2(0, 0, 0), dir.resolve("velodyne/000000.bin"),
                dir.resolve("image_2/000000.png"), DepthEdgeConfig.DEFAULTS, ImageEdgeConfig.DEFAULTS, picture);
        double truth = aligned.score().meanEdgeDistancePixels();
        double aboutX = score(camera2(2, 0, 0), null);
        double aboutY = score(camera2(0, 2, 0), null);
        double aboutZ = score(camera2(0, 0, 2), null);
        System.out.printf("kitti 000000: true extrinsic %.3f px over %d depth-edge points (%d projected of %d);"
                + " turned 2 deg about the camera's x %.3f px, y %.3f px, z (optical axis) %.3f px%n", truth,
                aligned.score().edgePoints(), aligned.score().projectedPoints(), aligned.cloudPoints(), aboutX,
                aboutY, aboutZ);
        assertEquals(115_384, aligned.cloudPoints());
        assertTrue(aligned.score().edgePoints() > 500, "edge points " + aligned.score().edgePoints());
        assertTrue(aboutX > 1.15 * truth, "about x: " + aboutX + " vs " + truth);
        assertTrue(aboutY > 1.15 * truth, "about y: " + aboutY + " vs " + truth);
        // a roll about the optical axis moves points least near the image centre, where most edges are
        assertTrue(aboutZ > 1.05 * truth, "about z: " + aboutZ + " vs " + truth);
        assertTrue(Files.size(picture) > 10_000, "the picture was written");
    }

    @Test
    void theTrueExtrinsicIsTheBestOfItsNeighboursOneAndTwoDegreesAway() throws Exception {
        double truth = score(camera2(0, 0, 0), null);
        for (double deg : new double[] {-2, -1, 1, 2}) {
            assertTrue(score(camera2(deg, 0, 0), null) > truth, "about x " + deg);
            assertTrue(score(camera2(0, deg, 0), null) > truth, "about y " + deg);
            assertTrue(score(camera2(0, 0, deg), null) > truth, "about z " + deg);
        }
    }

    @Test
    void aMissingCloudNamesTheFile() {
        Path missing = dir.resolve("velodyne/999999.bin");
        CalibrationInputException e = assertThrows(CalibrationInputException.class, () -> LidarCameraCheck.check(
                camera2(0, 0, 0), missing, dir.resolve("image_2/000000.png"), DepthEdgeConfig.DEFAULTS,
                ImageEdgeConfig.DEFAULTS, null));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains("--cloud"), e.getMessage());
    }

    @Test
    void aCloudThatIsNotWholePointsNamesTheFile(@TempDir Path tmp) throws Exception {
        Path odd = tmp.resolve("odd.bin");
        Files.write(odd, new byte[18]);
        CalibrationInputException e = assertThrows(CalibrationInputException.class,
                () -> LidarCameraCheck.readKittiBin(odd));
        assertTrue(e.getMessage().contains("18 bytes"), e.getMessage());
    }
}
