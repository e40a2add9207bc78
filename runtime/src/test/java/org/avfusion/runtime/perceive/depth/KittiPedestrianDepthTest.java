package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.io.KittiObjectLabel;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * KITTI object training frame 000000 ({@code ../shared/data/kitti/object/training}): its one label is a Pedestrian,
 * box [712.40, 143.00, 810.73, 307.92] px, at z = 8.41 m; behind it, most of the box's lidar points hit the
 * background about 12 m away.
 */
class KittiPedestrianDepthTest {
    private static final int WIDTH = 1224;
    private static final int HEIGHT = 370;

    @Test
    void pedestrianDepthFromLidarIsWithinFivePercentOfTheLabel() throws Exception {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti", "object", "training");
        Path bin = dir.resolve("velodyne/000000.bin");
        Assumptions.assumeTrue(Files.isRegularFile(bin),
                "../shared/data/kitti/object/training/velodyne/000000.bin not found: " + bin.toAbsolutePath());
        KittiObjectCalibration calib = KittiObjectCalibration.read(dir.resolve("calib/000000.txt"));
        List<KittiObjectLabel> labels = KittiObjectLabel.read(dir.resolve("label_2/000000.txt"));
        KittiObjectLabel person = labels.stream().filter(l -> l.type().equals("Pedestrian")).findFirst().orElseThrow();
        PointCloud cloud = new PointCloud(200_000);
        new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN, KittiBinReader.TimeMode.ZERO,
                NonFinitePolicy.SKIP_POINT)).read(bin, cloud);
        PointProjector projector = new PointProjector(calib.rectifiedCameraFromVelo(2),
                calib.rectifiedIntrinsics(2, WIDTH, HEIGHT));

        LidarDepthImage image = new LidarDepthImage(WIDTH, HEIGHT, 200_000);
        image.render(projector, cloud);
        DetectionList boxes = new DetectionList(4);
        boxes.add((float) person.box2d().leftPixels(), (float) person.box2d().topPixels(),
                (float) person.box2d().rightPixels(), (float) person.box2d().bottomPixels(), 0.9f, 0);
        DepthEstimates out = new DepthEstimates(4);
        new DetectionDepth(DetectionDepthConfig.DEFAULT, 1 << 16).estimate(boxes, image.sparseDepthMeters(), null,
                WIDTH, HEIGHT, out);

        assertEquals(DepthSource.LIDAR, out.source(0));
        double z = person.zMeters();
        System.out.printf("000000 pedestrian: depth %.2f m (label %.2f), spread %.2f m, %d points in mode%n",
                out.depthMeters(0), z, out.spreadMeters(0), out.pointCount(0));
        assertEquals(z, out.depthMeters(0), 0.05 * z, "pedestrian depth vs label z");
        assertTrue(out.spreadMeters(0) < 1.0, "spread " + out.spreadMeters(0));
        assertTrue(plainMedian(image, person) > 11.0, "the box's plain median should be the background's");
    }

    /** The median of every lidar depth in the box: what a naive estimate would report. */
    private static double plainMedian(LidarDepthImage image, KittiObjectLabel label) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        for (int v = (int) Math.ceil(label.box2d().topPixels()); v < label.box2d().bottomPixels(); v++) {
            for (int u = (int) Math.ceil(label.box2d().leftPixels()); u < label.box2d().rightPixels(); u++) {
                float d = image.sparseAt(u, v);
                if (d == d) {
                    all.add(d);
                }
            }
        }
        java.util.Collections.sort(all);
        return all.get(all.size() / 2);
    }
}
