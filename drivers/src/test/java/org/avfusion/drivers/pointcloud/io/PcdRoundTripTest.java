package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cloud written as PCD and read back is bit-identical, in all three encodings. Fixed seeds. */
class PcdRoundTripTest {

    private static final long[] SEEDS = {1L, 42L, 20240611L};

    @Test
    void randomCloudsSurviveEveryEncodingBitForBit() throws Exception {
        for (long seed : SEEDS) {
            for (boolean unknownRings : new boolean[] {false, true}) {
                PointCloud cloud = Clouds.random(seed, 5_000, unknownRings);
                for (PcdEncoding encoding : PcdEncoding.values()) {
                    String context = "seed " + seed + ", " + encoding + ", unknown rings " + unknownRings;
                    byte[] bytes = PcdWriter.toBytes(cloud, encoding);
                    PointCloud back = new PointCloud(cloud.size());
                    PcdReader.Result result = new PcdReader().read(bytes, bytes.length, context, back);
                    Clouds.assertIdentical(cloud, back, context);
                    assertEquals(encoding, result.header().encoding(), context);
                    assertEquals(cloud.size(), result.header().points(), context);
                }
            }
        }
    }

    @Test
    void emptyAndSinglePointCloudsRoundTripThroughFiles(@TempDir Path dir) throws Exception {
        for (int n : new int[] {0, 1}) {
            PointCloud cloud = Clouds.random(9, n, false);
            for (PcdEncoding encoding : PcdEncoding.values()) {
                Path file = dir.resolve(n + "-" + encoding.keyword() + ".pcd");
                PcdWriter.write(file, cloud, encoding);
                PointCloud back = new PointCloud(1);
                new PcdReader().read(file, back);
                Clouds.assertIdentical(cloud, back, file.toString());
            }
        }
    }

    @Test
    void viewpointIsWrittenAndReadBack() throws Exception {
        PcdViewpoint viewpoint = new PcdViewpoint(1.5, -2, 0.25, 0.7071068, 0, 0, 0.7071068);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PcdWriter.write(out, Clouds.random(3, 10, false), PcdEncoding.BINARY, viewpoint);
        byte[] bytes = out.toByteArray();
        PcdReader.Result result = new PcdReader().read(bytes, bytes.length, "viewpoint", new PointCloud(10));
        assertEquals(viewpoint, result.header().viewpoint());
    }
}
