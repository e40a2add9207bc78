package org.avfusion.runtime.perceive.lidar;

import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Crops a sweep by range and height and downsamples it on a voxel grid: every occupied voxel becomes the centroid
 * of its points, weighted by their number (PCL's {@code VoxelGrid} filter, with the crop of its {@code CropBox}
 * folded into the same pass).
 *
 * <p>Crop: the horizontal range {@code sqrt(x^2 + y^2)} must lie in {@code [minRangeMeters, maxRangeMeters]} and
 * the height above the {@link GroundPrior} in {@code [minHeightMeters, maxHeightMeters]}; non-finite points are
 * dropped. Voxels live in an open-addressing hash keyed by the packed voxel indices; slots are invalidated by a
 * sweep counter rather than cleared, so a sweep costs O(points) and allocates nothing once the tables have grown to
 * the most voxels a sweep has made. The hash and the per-voxel sums are sized for the voxels, not the points (a KITTI
 * HDL-64E sweep of 123,000 points makes about 63,000 voxels of 10 cm: 131,072 slots where a table sized for the
 * points took 524,288, 8.4 MB with its sums); a sweep with more voxels than any before grows them in the middle of
 * the pass. A point in the same voxel as the point before it (consecutive returns of one laser, the common case in
 * firing order) skips the hash probe.
 *
 * <p>Not thread-safe: one instance per pipeline.
 */
public final class VoxelDownsampler {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;

    private final ClusterConfig config;
    private long[] slotKey = new long[0];
    private int[] slotStamp = new int[0];
    private int[] slotVoxel = new int[0];
    private double[] sumX = new double[0];
    private double[] sumY = new double[0];
    private double[] sumZ = new double[0];
    private long[] voxelKey = new long[0];
    private int[] voxelWeight = new int[0];
    private int stamp;
    /** Most voxels one sweep has made so far: the next sweep's table starts with room for twice as many. */
    private int mostVoxels;
    private int croppedPoints;

    public VoxelDownsampler(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Points of the last sweep that survived the crop. */
    public int croppedPoints() {
        return croppedPoints;
    }

    /** Crops and downsamples {@code cloud} (lidar frame) into {@code out}, replacing what it held. */
    public void downsample(PointCloud cloud, GroundPrior prior, VoxelCloud out) {
        int n = cloud.size();
        ensureVoxels(Math.max(mostVoxels, 512));
        out.clear();
        if (++stamp == 0) {
            java.util.Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        float[] xs = cloud.xArray();
        float[] ys = cloud.yArray();
        float[] zs = cloud.zArray();
        double minR2 = config.minRangeMeters() * config.minRangeMeters();
        double maxR2 = config.maxRangeMeters() * config.maxRangeMeters();
        double minH = config.minHeightMeters();
        double maxH = config.maxHeightMeters();
        double inv = 1.0 / config.voxelSizeMeters();
        int mask = slotKey.length - 1;
        int voxels = 0;
        int kept = 0;
        long lastKey = -1; // no packed key is negative (63 bits used)
        int lastVoxel = -1;
        for (int i = 0; i < n; i++) {
            double px = xs[i], py = ys[i], pz = zs[i];
            double r2 = px * px + py * py;
            if (!(r2 >= minR2 && r2 <= maxR2)) {
                continue; // also drops NaN
            }
            double h = prior.heightAboveMeters(px, py, pz);
            if (!(h >= minH && h <= maxH)) {
                continue;
            }
            kept++;
            long ix = (long) Math.floor(px * inv) + AXIS_OFFSET;
            long iy = (long) Math.floor(py * inv) + AXIS_OFFSET;
            long iz = (long) Math.floor(pz * inv) + AXIS_OFFSET;
            long key = (ix & AXIS_MASK) << 42 | (iy & AXIS_MASK) << 21 | (iz & AXIS_MASK);
            if (key == lastKey) {
                // consecutive returns of one laser often fall in the same voxel: no hash probe (same sums, same order)
                sumX[lastVoxel] += px;
                sumY[lastVoxel] += py;
                sumZ[lastVoxel] += pz;
                voxelWeight[lastVoxel]++;
                continue;
            }
            lastKey = key;
            int slot = mix(key) & mask;
            while (true) {
                if (slotStamp[slot] != stamp) {
                    if (voxels == sumX.length || 2 * (voxels + 1) > slotKey.length) {
                        // more voxels than the sums hold, or than the table holds at load 0.5: grow, probe again
                        grow(voxels);
                        mask = slotKey.length - 1;
                        slot = mix(key) & mask;
                        continue;
                    }
                    slotStamp[slot] = stamp;
                    slotKey[slot] = key;
                    slotVoxel[slot] = voxels;
                    voxelKey[voxels] = key;
                    sumX[voxels] = px;
                    sumY[voxels] = py;
                    sumZ[voxels] = pz;
                    voxelWeight[voxels] = 1;
                    lastVoxel = voxels;
                    voxels++;
                    break;
                }
                if (slotKey[slot] == key) {
                    int v = slotVoxel[slot];
                    lastVoxel = v;
                    sumX[v] += px;
                    sumY[v] += py;
                    sumZ[v] += pz;
                    voxelWeight[v]++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        mostVoxels = Math.max(mostVoxels, voxels);
        out.ensureCapacity(voxels);
        System.arraycopy(voxelWeight, 0, out.weight, 0, voxels);
        for (int v = 0; v < voxels; v++) {
            double w = voxelWeight[v];
            double cx = sumX[v] / w, cy = sumY[v] / w, cz = sumZ[v] / w;
            out.x[v] = (float) cx;
            out.y[v] = (float) cy;
            out.z[v] = (float) cz;
            out.heightMeters[v] = (float) prior.heightAboveMeters(cx, cy, cz);
        }
        out.size = voxels;
        croppedPoints = kept;
        out.resetLabels();
    }

    /** Sizes the table for {@code voxels} at load 0.5 at most, and the per-voxel arrays with an eighth in reserve. */
    private void ensureVoxels(int voxels) {
        int slots = Integer.highestOneBit(Math.max(2 * voxels, 1024) - 1) << 1; // the power of two >= 2 voxels
        if (slotKey.length < slots) {
            slotKey = new long[slots];
            slotStamp = new int[slots];
            slotVoxel = new int[slots];
            stamp = 0;
        }
        if (sumX.length < voxels) {
            int cap = voxels + (voxels >> 3); // reserve: a sweep with slightly more voxels must not reallocate
            sumX = new double[cap];
            sumY = new double[cap];
            sumZ = new double[cap];
            voxelKey = new long[cap];
            voxelWeight = new int[cap];
        }
    }

    /**
     * In the middle of a sweep: doubles the per-voxel arrays (when full, keeping the {@code voxels} made so far) and
     * the table (when more than half full), and puts the voxels back into the table under the current stamp.
     */
    private void grow(int voxels) {
        if (voxels == sumX.length) {
            int cap = 2 * voxels;
            sumX = java.util.Arrays.copyOf(sumX, cap);
            sumY = java.util.Arrays.copyOf(sumY, cap);
            sumZ = java.util.Arrays.copyOf(sumZ, cap);
            voxelKey = java.util.Arrays.copyOf(voxelKey, cap);
            voxelWeight = java.util.Arrays.copyOf(voxelWeight, cap);
        }
        if (2 * (voxels + 1) > slotKey.length) {
            slotKey = new long[2 * slotKey.length];
            slotStamp = new int[slotKey.length];
            slotVoxel = new int[slotKey.length];
            int mask = slotKey.length - 1;
            for (int v = 0; v < voxels; v++) {
                int slot = mix(voxelKey[v]) & mask;
                while (slotStamp[slot] == stamp) {
                    slot = (slot + 1) & mask;
                }
                slotStamp[slot] = stamp;
                slotKey[slot] = voxelKey[v];
                slotVoxel[slot] = v;
            }
        }
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
