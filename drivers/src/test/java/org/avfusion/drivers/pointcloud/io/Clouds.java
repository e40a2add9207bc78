package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.avfusion.drivers.frame.PointCloud;

/** Random clouds with fixed seeds, and a bit-exact comparison. */
final class Clouds {
    private Clouds() {
    }

    /** {@code n} points with values over the ranges a lidar produces, plus extremes (tiny, huge, negative zero). */
    static PointCloud random(long seed, int n, boolean unknownRings) {
        Random random = new Random(seed);
        PointCloud cloud = new PointCloud(Math.max(1, n));
        for (int i = 0; i < n; i++) {
            float x = (float) (random.nextGaussian() * 30);
            float y = random.nextInt(50) == 0 ? Float.intBitsToFloat(random.nextInt(0x7f000000)) // any finite
                    : (float) (random.nextGaussian() * 30);
            float z = random.nextInt(50) == 0 ? -0.0f : (float) (random.nextGaussian() * 2);
            float intensity = random.nextInt(256);
            int ring = unknownRings && random.nextInt(10) == 0 ? -1 : random.nextInt(128);
            int time = random.nextInt(100_000_001) - (random.nextInt(20) == 0 ? 100_000_000 : 0);
            cloud.add(x, y, z, intensity, time, ring);
        }
        return cloud;
    }

    static void assertIdentical(PointCloud expected, PointCloud actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": size");
        for (int i = 0; i < expected.size(); i++) {
            if (Float.floatToRawIntBits(expected.x(i)) != Float.floatToRawIntBits(actual.x(i))
                    || Float.floatToRawIntBits(expected.y(i)) != Float.floatToRawIntBits(actual.y(i))
                    || Float.floatToRawIntBits(expected.z(i)) != Float.floatToRawIntBits(actual.z(i))
                    || Float.floatToRawIntBits(expected.intensity(i)) != Float.floatToRawIntBits(actual.intensity(i))
                    || expected.ring(i) != actual.ring(i)
                    || expected.timeOffsetNanos(i) != actual.timeOffsetNanos(i)) {
                throw new AssertionError(context + ": point " + i + " differs: expected " + describe(expected, i)
                        + ", got " + describe(actual, i));
            }
        }
    }

    static String describe(PointCloud c, int i) {
        return "(" + c.x(i) + ", " + c.y(i) + ", " + c.z(i) + ", i=" + c.intensity(i) + ", ring=" + c.ring(i)
                + ", t=" + c.timeOffsetNanos(i) + "ns)";
    }
}
