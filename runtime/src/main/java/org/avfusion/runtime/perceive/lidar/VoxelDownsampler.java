package org.avfusion.runtime.perceive.lidar;

import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.voxel.VoxelKeyTable;

/**
 * Crops a sweep by range and height and downsamples it on a voxel grid: every occupied voxel becomes the centroid
 * of its points, weighted by their number (PCL's {@code VoxelGrid} filter, with the crop of its {@code CropBox}
 * folded into the same pass).
 *
 * <p>Crop: the horizontal range {@code sqrt(x^2 + y^2)} must lie in {@code [minRangeMeters, maxRangeMeters]} and
 * the height above the {@link GroundPrior} in {@code [minHeightMeters, maxHeightMeters]}; non-finite points are
 * dropped. Voxels are numbered in the order they are first seen, through a {@link VoxelKeyTable} keyed by the packed
 * voxel indices and sized for the voxels, not the points (a KITTI HDL-64E sweep of 123,000 points makes about
 * 63,000 voxels of 10 cm), so a sweep costs O(points) and allocates nothing once the table and the per-voxel sums
 * have grown to the most voxels a sweep has made. A point in the same voxel as the point before it (consecutive
 * returns of one laser, the common case in firing order) skips the hash probe.
 *
 * <p>Not thread-safe: one instance per pipeline.
 */
public final class VoxelDownsampler {
    private static final int AXIS_OFFSET = 1 << 20;
    private static final long AXIS_MASK = (1L << 21) - 1;

    private final ClusterConfig config;
    private final VoxelKeyTable voxelOfKey = new VoxelKeyTable();
    private double[] sumX = new double[0];
    private double[] sumY = new double[0];
    private double[] sumZ = new double[0];
    private int[] voxelWeight = new int[0];
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
        voxelOfKey.clear(512);
        out.clear();
        float[] xs = cloud.xArray();
        float[] ys = cloud.yArray();
        float[] zs = cloud.zArray();
        double minR2 = config.minRangeMeters() * config.minRangeMeters();
        double maxR2 = config.maxRangeMeters() * config.maxRangeMeters();
        double minH = config.minHeightMeters();
        double maxH = config.maxHeightMeters();
        double inv = 1.0 / config.voxelSizeMeters();
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
            if (key != lastKey) { // consecutive returns of one laser often fall in the same voxel: no probe then
                lastKey = key;
                lastVoxel = voxelOfKey.putIfAbsent(key, voxels);
                if (lastVoxel == VoxelKeyTable.ABSENT) {
                    if (voxels == sumX.length) {
                        growVoxels();
                    }
                    sumX[voxels] = px;
                    sumY[voxels] = py;
                    sumZ[voxels] = pz;
                    voxelWeight[voxels] = 1;
                    lastVoxel = voxels++;
                    continue;
                }
            }
            sumX[lastVoxel] += px;
            sumY[lastVoxel] += py;
            sumZ[lastVoxel] += pz;
            voxelWeight[lastVoxel]++;
        }
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

    /**
     * Room for the per-voxel sums and the key table of {@code voxels} voxels, between sweeps (see
     * {@link LidarObstaclePipeline#reserveHeadroom}).
     */
    void reserveVoxels(int voxels) {
        voxelOfKey.clear(voxels); // room for that many keys from the next pass on
        if (sumX.length < voxels) {
            sumX = new double[voxels];
            sumY = new double[voxels];
            sumZ = new double[voxels];
            voxelWeight = new int[voxels];
        }
    }

    /** Half as much room again for the per-voxel sums, keeping those of this sweep (only a sweep with more voxels). */
    private void growVoxels() {
        int cap = Math.max(1024, sumX.length + (sumX.length >> 1));
        sumX = java.util.Arrays.copyOf(sumX, cap);
        sumY = java.util.Arrays.copyOf(sumY, cap);
        sumZ = java.util.Arrays.copyOf(sumZ, cap);
        voxelWeight = java.util.Arrays.copyOf(voxelWeight, cap);
    }
}
