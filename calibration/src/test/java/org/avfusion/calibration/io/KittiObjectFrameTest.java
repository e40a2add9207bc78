package org.avfusion.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.calibration.geometry.OrientedBox;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.ImageBox;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.calibration.projection.ProjectionMatrix;
import org.junit.jupiter.api.Test;

/**
 * KITTI object frame 000000 (../shared/data/kitti/object/training: calib/000000.txt, label_2/000000.txt with one
 * Pedestrian, velodyne/000000.bin with 115,384 points, image 1224x370).
 */
class KittiObjectFrameTest {

    private static final int WIDTH = 1224, HEIGHT = 370;

    private static Path frame(String folder, String ext) {
        return SharedData.require("kitti/object/training/" + folder + "/000000." + ext);
    }

    /** The .bin as x, y, z, reflectance floats (little-endian); read here because calibration may not use drivers. */
    static float[] readBin(Path bin) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }

    private static KittiObjectLabel pedestrian() {
        List<KittiObjectLabel> labels = KittiObjectLabel.read(frame("label_2", "txt"));
        assertEquals(1, labels.size());
        assertEquals("Pedestrian", labels.get(0).type());
        return labels.get(0);
    }

    @Test
    void pedestrianBoxProjectedThroughP2MatchesItsLabelledImageBox() {
        KittiObjectCalibration calib = KittiObjectCalibration.read(frame("calib", "txt"));
        KittiObjectLabel ped = pedestrian();
        // the label's box is already in rectified camera-0 coordinates (R0_rect applied): P2 maps it to the image
        PointProjector cam2 = new PointProjector(calib.rectifiedCamera(2, WIDTH, HEIGHT).cameraFromReference(),
                calib.rectifiedIntrinsics(2, WIDTH, HEIGHT));
        ImageBox projected = cam2.projectBox(ped.boxInRectifiedCamera()).orElseThrow().clippedTo(WIDTH, HEIGHT);
        double iou = projected.iou(ped.box2d());
        assertTrue(iou >= 0.7, "IoU " + iou + " of " + projected + " against " + ped.box2d());

        // the same corners through the raw 3x4 matrix P2 bound the same box
        double[] c = ped.boxInRectifiedCamera().corners(), uv = new double[2];
        double l = Double.MAX_VALUE, r = -Double.MAX_VALUE, t = Double.MAX_VALUE, b = -Double.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            assertTrue(calib.projection(2).project(c[3 * i], c[3 * i + 1], c[3 * i + 2], uv));
            l = Math.min(l, uv[0]); r = Math.max(r, uv[0]); t = Math.min(t, uv[1]); b = Math.max(b, uv[1]);
        }
        assertEquals(l, projected.leftPixels(), 1e-6);
        assertEquals(r, projected.rightPixels(), 1e-6);
        assertEquals(t, projected.topPixels(), 1e-6);
        assertEquals(b, projected.bottomPixels(), 1e-6);
    }

    @Test
    void the376LidarPointsInThePedestrianBoxProjectWithin3PixelsOfItsImageBox() throws IOException {
        KittiObjectCalibration calib = KittiObjectCalibration.read(frame("calib", "txt"));
        KittiObjectLabel ped = pedestrian();
        float[] scan = readBin(frame("velodyne", "bin"));
        int n = scan.length / 4;
        assertEquals(115_384, n);

        RigidTransform rect0FromVelo = calib.rect0FromCam0().compose(calib.cam0FromVelo());
        OrientedBox boxInVelo = ped.boxInRectifiedCamera().transformedBy(rect0FromVelo.inverse());
        float[] inside = new float[4 * n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (boxInVelo.contains(scan[4 * i], scan[4 * i + 1], scan[4 * i + 2], 0)) {
                System.arraycopy(scan, 4 * i, inside, 4 * count++, 4);
            }
        }
        assertEquals(376, count, "points of velodyne/000000.bin inside the pedestrian's box");

        ProjectionMatrix veloToImage2 = calib.veloToImage(2);
        PointProjector projector = new PointProjector(calib.rectifiedCameraFromVelo(2),
                calib.rectifiedIntrinsics(2, WIDTH, HEIGHT));
        float[] uv = new float[2 * count];
        assertEquals(count, projector.project(inside, 0, 4, count, uv, null), "all box points are on the image");
        double[] ref = new double[2];
        double worst = 0;
        for (int i = 0; i < count; i++) {
            assertTrue(veloToImage2.project(inside[4 * i], inside[4 * i + 1], inside[4 * i + 2], ref));
            assertEquals(ref[0], uv[2 * i], 1e-3, "P2*R0_rect*Tr_velo_to_cam and the projector disagree, point " + i);
            assertEquals(ref[1], uv[2 * i + 1], 1e-3);
            assertTrue(ped.box2d().contains(ref[0], ref[1], 3.0),
                    "point " + i + " projects to (" + ref[0] + ", " + ref[1] + "), outside " + ped.box2d() + " + 3 px");
            worst = Math.max(worst, Math.max(Math.max(ped.box2d().leftPixels() - ref[0], ref[0] - ped.box2d().rightPixels()),
                    Math.max(ped.box2d().topPixels() - ref[1], ref[1] - ped.box2d().bottomPixels())));
        }
        System.out.println("pedestrian: " + count + " points, furthest outside the labelled box by " + worst + " px");
    }
}
