package org.avfusion.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.calibration.projection.ProjectionMatrix;
import org.avfusion.calibration.rig.Rig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KITTI raw 2011_09_26 (../shared/data/kitti/raw/2011_09_26: the three calib_*.txt files). */
class KittiRawCalibrationTest {

    private static Path day() {
        return SharedData.require("kitti/raw/2011_09_26");
    }

    /** Reference: P_rect_02 * R_rect_00 (4x4) * [R | T] (4x4), multiplied out with plain arrays from the text. */
    private static double[] referenceVeloToImage2(Path dir) throws IOException {
        double[] p = values(dir.resolve("calib_cam_to_cam.txt"), "P_rect_02");
        double[] r0 = values(dir.resolve("calib_cam_to_cam.txt"), "R_rect_00");
        double[] r = values(dir.resolve("calib_velo_to_cam.txt"), "R");
        double[] t = values(dir.resolve("calib_velo_to_cam.txt"), "T");
        double[][] R0 = {{r0[0], r0[1], r0[2], 0}, {r0[3], r0[4], r0[5], 0}, {r0[6], r0[7], r0[8], 0}, {0, 0, 0, 1}};
        double[][] Tr = {{r[0], r[1], r[2], t[0]}, {r[3], r[4], r[5], t[1]}, {r[6], r[7], r[8], t[2]}, {0, 0, 0, 1}};
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    for (int m = 0; m < 4; m++) {
                        s += p[4 * i + k] * R0[k][m] * Tr[m][j];
                    }
                }
                out[4 * i + j] = s;
            }
        }
        return out;
    }

    private static double[] values(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key + ":")) {
                String[] f = line.substring(key.length() + 1).trim().split("\\s+");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Double.parseDouble(f[i]);
                }
                return v;
            }
        }
        throw new AssertionError(key + " not in " + file);
    }

    @Test
    void rawFilesComposeToTheObjectStyleProjectionAfterAWriteReadRoundTrip(@TempDir Path tmp) throws IOException {
        Path dir = day();
        KittiRawCalibration raw = KittiRawCalibration.read(dir);
        Path written = tmp.resolve("000000.txt");
        raw.toObjectCalibration().write(written);
        KittiObjectCalibration object = KittiObjectCalibration.read(written);

        ProjectionMatrix reference = ProjectionMatrix.of(referenceVeloToImage2(dir));
        assertTrue(object.veloToImage(2).maxDifference(reference) < 1e-9,
                object.veloToImage(2) + " vs " + reference);
        assertEquals(raw.cameras().get(2).rectified(), object.projection(2));
        assertTrue(object.rect0FromCam0().approxEquals(raw.cameras().get(0).rectFromCamera(), 1e-12, 0));
        assertTrue(object.cam0FromVelo().approxEquals(raw.cam0FromVelo(), 1e-12, 1e-12));
        assertTrue(object.veloFromImu().approxEquals(raw.veloFromImu(), 1e-12, 1e-12));
    }

    @Test
    void rigFromRawFilesProjectsLikeTheObjectStyleMatrix() {
        KittiRawCalibration raw = KittiRawCalibration.read(day());
        Rig rig = raw.toRig("kitti");
        PointProjector projector = rig.projector("image_02", "velodyne");
        ProjectionMatrix p = raw.toObjectCalibration().veloToImage(2);
        Random rnd = new Random(5);
        double[] a = new double[3], b = new double[2];
        int checked = 0;
        for (int i = 0; i < 2000; i++) {
            double x = 3 + rnd.nextDouble() * 60, y = (rnd.nextDouble() - 0.5) * 40, z = -2 + rnd.nextDouble() * 4;
            if (projector.projectPoint(x, y, z, a)) {
                assertTrue(p.project(x, y, z, b));
                // the rig inverts rotations by transposing; the files' 7-digit rotations are orthonormal to ~1e-7
                assertEquals(b[0], a[0], 1e-4, "u of (" + x + ", " + y + ", " + z + ")");
                assertEquals(b[1], a[1], 1e-4, "v of (" + x + ", " + y + ", " + z + ")");
                checked++;
            }
        }
        assertTrue(checked > 300, "points on the image: " + checked);
        // the Velodyne sits 0.81 m ahead of, 0.32 m right of and 0.80 m above the OXTS IMU, 0.93 m above the road
        assertEquals(1.73, rig.baseFromSensor("velodyne").tzMeters(), 0.01);
    }

    @Test
    void missingFileIsNamed(@TempDir Path tmp) throws IOException {
        Files.copy(day().resolve("calib_cam_to_cam.txt"), tmp.resolve("calib_cam_to_cam.txt"));
        CalibrationFileException e = assertThrows(CalibrationFileException.class, () -> KittiRawCalibration.read(tmp));
        assertTrue(e.getMessage().contains("calib_velo_to_cam.txt") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void wrongMatrixSizeNamesFileAndField(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("000000.txt"), "P0: 1 0 0 0 0 1 0 0 0 0 1\n");
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> KittiObjectCalibration.read(tmp.resolve("000000.txt")));
        assertEquals("P0", e.field());
        assertTrue(e.getMessage().contains("000000.txt") && e.getMessage().contains("12 values, had 11"), e.getMessage());
    }

    @Test
    void anEmptyFileIsSaidToBeEmptyAndNamedOnce() {
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> KittiObjectCalibration.parse("", "calib.txt"));
        assertEquals("calib.txt: field 'P0': missing: the file has no 'KEY: numbers' line at all (empty, or not a KITTI "
                + "calibration file)", e.getMessage());
    }

    @Test
    void aMissingDistortionIsNamedNotTheCameraMatrixItBelongsTo(@TempDir Path tmp) throws IOException {
        for (String name : new String[] {"calib_velo_to_cam.txt", "calib_imu_to_velo.txt"}) {
            Files.copy(day().resolve(name), tmp.resolve(name));
        }
        Files.write(tmp.resolve("calib_cam_to_cam.txt"), Files.readAllLines(day().resolve("calib_cam_to_cam.txt"))
                .stream().filter(line -> !line.startsWith("D_00:")).toList());
        CalibrationFileException e = assertThrows(CalibrationFileException.class, () -> KittiRawCalibration.read(tmp));
        assertEquals("D_00", e.field(), e.getMessage());
        assertEquals(1, e.getMessage().split("calib_cam_to_cam\\.txt", -1).length - 1, e.getMessage());
    }

    @Test
    void nonOrthonormalRectificationNamesFileAndField() {
        String text = "P0: 1 0 0 0 0 1 0 0 0 0 1 0\nP1: 1 0 0 0 0 1 0 0 0 0 1 0\nP2: 1 0 0 0 0 1 0 0 0 0 1 0\n"
                + "P3: 1 0 0 0 0 1 0 0 0 0 1 0\nR0_rect: 1 0 0 0 1.2 0 0 0 1\n";
        CalibrationFileException e = assertThrows(CalibrationFileException.class,
                () -> KittiObjectCalibration.parse(text, "calib.txt"));
        assertEquals("R0_rect", e.field());
        assertTrue(e.getMessage().contains("not orthonormal"), e.getMessage());
    }
}
