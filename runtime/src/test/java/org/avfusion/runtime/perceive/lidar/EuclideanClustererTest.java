package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Euclidean clustering: small tables of behaviour, then the voxel-hash search against an O(n^2) brute force. */
class EuclideanClustererTest {
    private final EuclideanClusterer clusterer = new EuclideanClusterer();

    private static float[] f(double... v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** Per point, the smallest index of its cluster, or -1: a partition in a form that ignores cluster order. */
    private static int[] canonical(EuclideanClusterer c, int n) {
        int[] rep = new int[n];
        Arrays.fill(rep, -1);
        for (int k = 0; k < c.clusterCount(); k++) {
            int min = Integer.MAX_VALUE;
            for (int m = 0; m < c.clusterSize(k); m++) {
                min = Math.min(min, c.member(c.clusterStart(k) + m));
            }
            for (int m = 0; m < c.clusterSize(k); m++) {
                int p = c.member(c.clusterStart(k) + m);
                rep[p] = min;
                assertEquals(k, c.label(p), "label of member " + p);
            }
        }
        return rep;
    }

    @Test
    void twoPointsJustWithinToleranceJoinAndJustBeyondStayApart() {
        clusterer.cluster(f(0, 0.49), f(0, 0), f(0, 0), null, null, 2, 0.5, 1, 100);
        assertEquals(1, clusterer.clusterCount());
        clusterer.cluster(f(0, 0.51), f(0, 0), f(0, 0), null, null, 2, 0.5, 1, 100);
        assertEquals(2, clusterer.clusterCount());
    }

    @Test
    void aChainOfNearPointsIsOneClusterThoughItsEndsAreFarApart() {
        float[] x = new float[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.4f;
        }
        clusterer.cluster(x, new float[20], new float[20], null, null, 20, 0.5, 1, 100);
        assertEquals(1, clusterer.clusterCount());
        assertEquals(20, clusterer.clusterSize(0));
    }

    @Test
    void skippedPointsNeitherJoinNorBridge() {
        // the middle point would bridge the two ends; skipped (ground), it leaves them apart and in no cluster
        boolean[] skip = {false, true, false};
        clusterer.cluster(f(0, 0.4, 0.8), f(0, 0, 0), f(0, 0, 0), null, skip, 3, 0.5, 1, 100);
        assertEquals(2, clusterer.clusterCount());
        assertEquals(-1, clusterer.label(1));
    }

    @Test
    void clustersOutsideTheWeightLimitsAreDroppedAndCounted() {
        // a pair weighing 2 + 3 = 5 points and a single voxel weighing 1
        clusterer.cluster(f(0, 0.1, 10), f(0, 0, 0), f(0, 0, 0), new int[] {2, 3, 1}, null, 3, 0.5, 2, 4);
        assertEquals(0, clusterer.clusterCount());
        assertEquals(1, clusterer.rejectedSmall());
        assertEquals(1, clusterer.rejectedLarge());
        assertArrayEquals(new int[] {-1, -1, -1}, new int[] {clusterer.label(0), clusterer.label(1), clusterer.label(2)});
        clusterer.cluster(f(0, 0.1, 10), f(0, 0, 0), f(0, 0, 0), new int[] {2, 3, 1}, null, 3, 0.5, 1, 5);
        assertEquals(2, clusterer.clusterCount());
    }

    @Test
    void nonFinitePointsAreInNoCluster() {
        clusterer.cluster(f(0, Double.NaN, 0.1), f(0, 0, Double.POSITIVE_INFINITY), f(0, 0, 0), null, null, 3, 0.5,
                1, 100);
        assertEquals(1, clusterer.clusterCount());
        assertEquals(-1, clusterer.label(1));
        assertEquals(-1, clusterer.label(2));
    }

    @Test
    void rejectsANonPositiveTolerance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clusterer.cluster(f(0), f(0), f(0), null, null, 1, 0, 1, 1));
        assertEquals("cluster tolerance must be > 0 m, was 0.0", e.getMessage());
    }

    /** Connected components over every pair, then the same weight filter. */
    private static int[] bruteForce(float[] x, float[] y, float[] z, int[] w, boolean[] skip, int n, double tol,
            int minW, int maxW) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double tol2 = tol * tol;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (skip[i] || skip[j]) {
                    continue;
                }
                double dx = x[j] - (double) x[i], dy = y[j] - (double) y[i], dz = z[j] - (double) z[i];
                if (dx * dx + dy * dy + dz * dz <= tol2) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        long[] weight = new long[n];
        int[] min = new int[n];
        Arrays.fill(min, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (!skip[i]) {
                int r = find(parent, i);
                weight[r] += w[i];
                min[r] = Math.min(min[r], i);
            }
        }
        int[] rep = new int[n];
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            rep[i] = skip[i] || weight[r] < minW || weight[r] > maxW ? -1 : min[r];
        }
        return rep;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** A random cloud: a few blobs plus uniform noise, some points on exact voxel boundaries, some skipped. */
    private record RandomCloud(float[] x, float[] y, float[] z, int[] w, boolean[] skip, int n, double tol, int minW,
            int maxW) {
        static RandomCloud draw(Random rnd, int n, double extent, double tol) {
            float[] x = new float[n], y = new float[n], z = new float[n];
            int[] w = new int[n];
            boolean[] skip = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(10) == 0) {
                    x[i] = (float) (Math.round(rnd.nextDouble() * extent / tol) * tol);
                    y[i] = (float) (Math.round(rnd.nextDouble() * extent / tol) * tol);
                    z[i] = 0;
                } else {
                    x[i] = (float) ((rnd.nextDouble() - 0.5) * extent);
                    y[i] = (float) ((rnd.nextDouble() - 0.5) * extent);
                    z[i] = (float) ((rnd.nextDouble() - 0.5) * extent * 0.3);
                }
                w[i] = 1 + rnd.nextInt(5);
                skip[i] = rnd.nextInt(8) == 0;
            }
            int minW = 1 + rnd.nextInt(6);
            return new RandomCloud(x, y, z, w, skip, n, tol, minW, minW + rnd.nextInt(200));
        }

        void clusterWith(EuclideanClusterer c) {
            c.cluster(x, y, z, w, skip, n, tol, minW, maxW);
        }

        int[] bruteForce() {
            return EuclideanClustererTest.bruteForce(x, y, z, w, skip, n, tol, minW, maxW);
        }

        @Override
        public String toString() {
            return "n " + n + ", tolerance " + tol + ", weights [" + minW + ", " + maxW + "]";
        }
    }

    @Test
    void matchesTheBruteForcePartitionOnRandomClouds() {
        for (long seed = 1; seed <= 300; seed++) {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(400);
            double extent = 0.5 + rnd.nextDouble() * 8;
            RandomCloud cloud = RandomCloud.draw(rnd, n, extent, 0.05 + rnd.nextDouble() * 1.2);
            cloud.clusterWith(clusterer);
            assertArrayEquals(cloud.bruteForce(), canonical(clusterer, n), "seed " + seed + " (" + cloud + ")");
        }
    }

    /**
     * The cell table is sized for the most cells a call has made and grows in the middle of a call that makes more
     * (here from the first size, 512 cells, to 8,000): each call still matches the brute force, and gives the same
     * clusters, members in the same order, as a clusterer that never clustered anything before.
     */
    @Test
    void growsItsCellTableInTheMiddleOfACallAndGivesTheSameClustersAsAFreshOne() {
        Random rnd = new Random(17);
        for (int n : new int[] {300, 2_000, 8_000, 500, 8_000}) {
            // cells of 0.1 m over 40 m x 40 m: about one cell per point
            RandomCloud cloud = RandomCloud.draw(rnd, n, 40, 0.1);
            cloud.clusterWith(clusterer);
            EuclideanClusterer fresh = new EuclideanClusterer();
            cloud.clusterWith(fresh);
            assertArrayEquals(cloud.bruteForce(), canonical(clusterer, n), cloud.toString());
            assertEquals(fresh.clusterCount(), clusterer.clusterCount(), cloud.toString());
            for (int k = 0; k < n; k++) {
                assertEquals(fresh.label(k), clusterer.label(k), "label of " + k + ", " + cloud);
            }
            int members = fresh.clusterCount() == 0 ? 0
                    : fresh.clusterStart(fresh.clusterCount() - 1) + fresh.clusterSize(fresh.clusterCount() - 1);
            for (int k = 0; k < members; k++) {
                assertEquals(fresh.member(k), clusterer.member(k), "member " + k + ", " + cloud);
            }
        }
    }
}
