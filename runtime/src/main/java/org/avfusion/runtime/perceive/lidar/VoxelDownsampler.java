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
 * the largest sweep. A point in the same voxel as the point before it (consecutive returns of one laser, the
 * common case in firing order) skips the hash probe.
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
    private int stamp;
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
        ensureCapacity(n);
        out.ensureCapacity(n);
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
                out.weight[lastVoxel]++;
                continue;
            }
            lastKey = key;
            int slot = mix(key) & mask;
            while (true) {
                if (slotStamp[slot] != stamp) {
                    slotStamp[slot] = stamp;
                    slotKey[slot] = key;
                    slotVoxel[slot] = voxels;
                    sumX[voxels] = px;
                    sumY[voxels] = py;
                    sumZ[voxels] = pz;
                    out.weight[voxels] = 1;
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
                    out.weight[v]++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        for (int v = 0; v < voxels; v++) {
            double w = out.weight[v];
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

    private void ensureCapacity(int n) {
        if (sumX.length < n) {
            int cap = Math.max(n + (n >> 3), 1024); // reserve: a slightly larger sweep must not reallocate
            sumX = new double[cap];
            sumY = new double[cap];
            sumZ = new double[cap];
            int slots = Integer.highestOneBit(cap) << 2; // load factor <= 0.5
            slotKey = new long[slots];
            slotStamp = new int[slots];
            slotVoxel = new int[slots];
            stamp = 0;
        }
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
