package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VoxelHashMapTest {
    private static final long SEED = 77L;
    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};

    /** {@code n} points uniform in |x|, |y| < {@code halfXyMeters}, |z| < {@code halfZMeters}: x, y and z columns. */
    private static float[][] randomPoints(SplittableRandom rng, int n, double halfXyMeters, double halfZMeters) {
        float[][] xyz = new float[3][n];
        for (int i = 0; i < n; i++) {
            xyz[0][i] = (float) rng.nextDouble(-halfXyMeters, halfXyMeters);
            xyz[1][i] = (float) rng.nextDouble(-halfXyMeters, halfXyMeters);
            xyz[2][i] = (float) rng.nextDouble(-halfZMeters, halfZMeters);
        }
        return xyz;
    }

    /**
     * A map with room reserved up front holds the same points and answers the same queries as one that grew to it,
     * and does not grow while it holds no more voxels than reserved (the lidar odometry's map in a replay).
     */
    @Test
    void aReservedMapDoesNotGrowAndAnswersAsAGrownOne() {
        SplittableRandom rng = new SplittableRandom(SEED);
        float[][] xyz = randomPoints(rng, 30_000, 25, 3); // about 13,000 of the 15,000 voxels of 1 m in that box
        VoxelHashMap grown = new VoxelHashMap(1.0, 20, 1000);
        VoxelHashMap reserved = new VoxelHashMap(1.0, 20, 1000);
        reserved.reserve(10_000);
        assertEquals(16_384, reserved.capacity(), "the power of two at or above what was asked");
        grown.addPoints(xyz[0], xyz[1], xyz[2], xyz[0].length, IDENTITY);
        reserved.addPoints(xyz[0], xyz[1], xyz[2], xyz[0].length, IDENTITY);
        assertTrue(reserved.voxelCount() > 8_192 && reserved.voxelCount() <= 16_384, "voxels " + reserved.voxelCount());
        assertEquals(16_384, reserved.capacity(), "grew below what was reserved");
        assertEquals(grown.voxelCount(), reserved.voxelCount());
        assertEquals(grown.pointCount(), reserved.pointCount());
        for (int q = 0; q < 2000; q++) {
            double qx = rng.nextDouble(-26, 26), qy = rng.nextDouble(-26, 26), qz = rng.nextDouble(-4, 4);
            assertEquals(grown.nearest(qx, qy, qz, 2.0), reserved.nearest(qx, qy, qz, 2.0), "query " + q);
        }
        reserved.reserve(100); // never shrinks
        assertEquals(16_384, reserved.capacity());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> reserved.reserve(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> reserved.reserve((1 << 24) + 1));
    }

    /** The 27-voxel search with box pruning finds what a brute-force search over those 27 voxels finds. */
    @Test
    void nearestMatchesBruteForceOverTheNeighbourVoxels() {
        SplittableRandom rng = new SplittableRandom(SEED);
        VoxelHashMap map = new VoxelHashMap(1.0, 20, 1000);
        int n = 20_000;
        float[][] xyz = randomPoints(rng, n, 15, 3);
        float[] x = xyz[0], y = xyz[1], z = xyz[2];
        map.addPoints(x, y, z, n, IDENTITY);
        float[] stored = new float[3 * n];
        int m = map.copyPoints(stored);
        assertEquals(m, map.pointCount());
        for (int q = 0; q < 3000; q++) {
            double qx = rng.nextDouble(-16, 16), qy = rng.nextDouble(-16, 16), qz = rng.nextDouble(-4, 4);
            double maxD2 = rng.nextDouble(0.01, 4);
            double best = Double.POSITIVE_INFINITY;
            long vx = (long) Math.floor(qx), vy = (long) Math.floor(qy), vz = (long) Math.floor(qz);
            for (int i = 0; i < m; i++) {
                float px = stored[3 * i], py = stored[3 * i + 1], pz = stored[3 * i + 2];
                if (Math.abs((long) Math.floor(px) - vx) > 1 || Math.abs((long) Math.floor(py) - vy) > 1
                        || Math.abs((long) Math.floor(pz) - vz) > 1) {
                    continue;
                }
                double d2 = (px - qx) * (px - qx) + (py - qy) * (py - qy) + (pz - qz) * (pz - qz);
                if (d2 < maxD2 && d2 < best) {
                    best = d2;
                }
            }
            assertEquals(best, map.nearest(qx, qy, qz, maxD2), 1e-9, "seed " + SEED + " query " + q);
        }
    }

    /**
     * The cached query (one ICP registration: the same queries again while the map is unchanged) returns what the
     * uncached one returns, point and voxel included, as the queries move a little, jump to other voxels, and after
     * the map changes.
     */
    @Test
    void cachedNearestEqualsUncachedAcrossIterationsAndMapChanges() {
        SplittableRandom rng = new SplittableRandom(SEED);
        VoxelHashMap map = new VoxelHashMap(0.8, 20, 1000);
        int n = 20_000;
        float[][] xyz = randomPoints(rng, n, 10, 2);
        float[] x = xyz[0], y = xyz[1], z = xyz[2];
        map.addPoints(x, y, z, n / 2, IDENTITY);
        int queries = 2000;
        double[] qx = new double[queries], qy = new double[queries], qz = new double[queries];
        for (int q = 0; q < queries; q++) {
            qx[q] = rng.nextDouble(-11, 11);
            qy[q] = rng.nextDouble(-11, 11);
            qz[q] = rng.nextDouble(-3, 3);
        }
        map.ensureQueryCapacity(queries);
        for (int round = 0; round < 12; round++) {
            if (round == 6) { // the map changes between registrations: every cached query is stale
                float[] x2 = java.util.Arrays.copyOfRange(x, n / 2, n);
                float[] y2 = java.util.Arrays.copyOfRange(y, n / 2, n);
                float[] z2 = java.util.Arrays.copyOfRange(z, n / 2, n);
                map.addPoints(x2, y2, z2, n / 2, IDENTITY);
                map.removeFarFrom(3, 0, 0);
            }
            for (int q = 0; q < queries; q++) {
                double maxD2 = round % 3 == 0 ? 36 : 0.5;
                double uncached = map.nearest(qx[q], qy[q], qz[q], maxD2);
                double ux = map.nearestX, uy = map.nearestY, uz = map.nearestZ;
                int uslot = map.nearestSlot;
                double cached = map.nearest(qx[q], qy[q], qz[q], maxD2, q);
                assertEquals(uncached, cached, "seed " + SEED + " round " + round + " query " + q);
                if (cached != Double.POSITIVE_INFINITY) {
                    assertEquals(ux, map.nearestX);
                    assertEquals(uy, map.nearestY);
                    assertEquals(uz, map.nearestZ);
                    assertEquals(uslot, map.nearestSlot);
                }
                // small steps mostly stay in the voxel, every 7th query jumps
                double step = q % 7 == 0 ? 1.0 : 0.02;
                qx[q] += rng.nextDouble(-step, step);
                qy[q] += rng.nextDouble(-step, step);
                qz[q] += rng.nextDouble(-step, step);
            }
        }
    }

    /** After {@code clear} (a reset odometry) the map answers from the new points only. */
    @Test
    void aClearedMapFindsOnlyWhatWasAddedAfter() {
        SplittableRandom rng = new SplittableRandom(SEED);
        VoxelHashMap map = new VoxelHashMap(1.0, 20, 1000);
        int n = 5_000;
        float[][] xyz = randomPoints(rng, n, 10, 2);
        float[] x = xyz[0], y = xyz[1], z = xyz[2];
        map.addPoints(x, y, z, n, IDENTITY);
        map.clear();
        float[] fx = {20.25f}, fy = {0.5f}, fz = {0.5f};
        map.addPoints(fx, fy, fz, 1, IDENTITY);
        assertEquals(1, map.pointCount());
        for (int q = 0; q < 2000; q++) {
            double qx = rng.nextDouble(-11, 11), qy = rng.nextDouble(-11, 11), qz = rng.nextDouble(-3, 3);
            assertEquals(Double.POSITIVE_INFINITY, map.nearest(qx, qy, qz, 4), "query " + q + " found a cleared point");
        }
        double d2 = map.nearest(20.0, 0.5, 0.5, 4);
        assertEquals(0.0625, d2, 1e-12);
        assertEquals(20.25, map.nearestX, 1e-6);
    }

    @Test
    void capsPointsPerVoxelAndSpacesThem() {
        VoxelHashMap map = new VoxelHashMap(1.0, 4, 1000);
        float[] x = new float[100], y = new float[100], z = new float[100];
        for (int i = 0; i < 100; i++) {
            x[i] = 0.01f * i; // 0 .. 0.99 along x in voxel (0,0,0); spacing must be >= 1/sqrt(4) = 0.5
            y[i] = 0.5f;
            z[i] = 0.5f;
        }
        map.addPoints(x, y, z, 100, IDENTITY);
        assertEquals(1, map.voxelCount());
        assertEquals(2, map.pointCount(), "0.0 and 0.5: every other point is within 0.5 m of one kept");
    }

    @Test
    void prunesVoxelsFarFromThePoseAndReusesTheirSlots() {
        VoxelHashMap map = new VoxelHashMap(1.0, 20, 10);
        float[] x = {0.5f, 5.5f, 20.5f, 50.5f}, y = new float[4], z = new float[4];
        map.addPoints(x, y, z, 4, IDENTITY);
        assertEquals(4, map.voxelCount());
        map.removeFarFrom(0, 0, 0);
        assertEquals(2, map.voxelCount());
        assertEquals(Double.POSITIVE_INFINITY, map.nearest(20.5, 0, 0, 1));
        assertEquals(0, map.nearest(5.5, 0, 0, 1), 1e-12);
        map.addPoints(x, y, z, 4, IDENTITY);
        assertEquals(4, map.voxelCount());
        assertEquals(0, map.nearest(50.5, 0, 0, 1), 1e-12);
    }

    /** Shapes of the neighbourhood of a voxel: a noisy ground patch, a pole's edge line, a cloud of clutter. */
    @Test
    void classifiesPlanesLinesAndScatter() {
        SplittableRandom rng = new SplittableRandom(SEED);
        VoxelHashMap map = new VoxelHashMap(0.5, 20, 1000);
        int n = 3000;
        float[] x = new float[n], y = new float[n], z = new float[n];
        for (int i = 0; i < 1000; i++) { // ground around (0, 0), 1 cm noise
            x[i] = (float) rng.nextDouble(-2, 2);
            y[i] = (float) rng.nextDouble(-2, 2);
            z[i] = (float) (-1.8 + 0.01 * rng.nextGaussian());
        }
        for (int i = 1000; i < 2000; i++) { // a vertical line at (10, 0)
            x[i] = (float) (10 + 0.005 * rng.nextGaussian());
            y[i] = (float) (0.005 * rng.nextGaussian());
            z[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 2000; i < n; i++) { // a bush at (20, 0)
            x[i] = (float) rng.nextDouble(19, 21);
            y[i] = (float) rng.nextDouble(-1, 1);
            z[i] = (float) rng.nextDouble(-1, 1);
        }
        map.addPoints(x, y, z, n, IDENTITY);

        assertTrue(map.nearest(0.1, 0.2, -1.7, 1) < 1);
        int slot = map.nearestSlot;
        assertEquals(VoxelHashMap.PLANE, map.shape(slot));
        assertEquals(1, Math.abs(map.axisZ(slot)), 0.01, "ground normal is vertical");

        assertTrue(map.nearest(10.05, 0, 0.1, 1) < 1);
        slot = map.nearestSlot;
        assertEquals(VoxelHashMap.LINE, map.shape(slot));
        assertEquals(1, Math.abs(map.axisZ(slot)), 0.01, "the line runs vertically");

        assertTrue(map.nearest(20, 0, 0, 1) < 1);
        assertEquals(VoxelHashMap.SCATTER, map.shape(map.nearestSlot));
    }
}
