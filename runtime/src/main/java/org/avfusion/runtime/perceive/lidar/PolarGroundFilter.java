package org.avfusion.runtime.perceive.lidar;

import java.util.Arrays;
import java.util.Objects;

/**
 * Marks the ground voxels of a {@link VoxelCloud}.
 *
 * <p>Method (after Autoware's {@code ScanGroundFilter} and ray ground filter): voxels are binned on a polar grid
 * around the sensor ({@code azimuthBins} sectors x {@code rangeBinMeters} rings) by their height above the
 * {@link GroundPrior}. Walking each sector outward, the local ground follows the lowest voxel of a cell when that
 * voxel is (a) within {@code maxLocalSlopeDeg} (plus {@code heightStepMeters}) of the last ground cell, measured over
 * the distance since it, and (b) within {@code maxGlobalSlopeDeg} (plus the step) of the prior plane, measured from
 * the sensor; a cell whose lowest voxel breaks either limit (a car's body, a wall) keeps the previous ground. A voxel
 * is ground when it stands less than {@code groundThresholdMeters} above its cell's ground; voxels below the ground
 * (holes, reflections) are ground too.
 *
 * <p>Not thread-safe; cell arrays are sized once from the configuration, nothing is allocated per sweep.
 */
public final class PolarGroundFilter {
    private final ClusterConfig config;
    private final int azimuthBins;
    private final int rangeBins;
    private final float[] cellMinHeight;
    private final float[] cellGround;
    private int[] cellOf = new int[0];
    private int groundVoxels;

    public PolarGroundFilter(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.azimuthBins = config.azimuthBins();
        this.rangeBins = config.rangeBins();
        this.cellMinHeight = new float[azimuthBins * rangeBins];
        this.cellGround = new float[azimuthBins * rangeBins];
    }

    /** Ground voxels found in the last sweep. */
    public int groundVoxels() {
        return groundVoxels;
    }

    /** Ground height (above the prior) the last sweep left in the cell of a lidar-frame position, metres. */
    public double groundHeightAtMeters(double x, double y) {
        int cell = cellOf(x, y);
        return cell < 0 ? Double.NaN : cellGround[cell];
    }

    /** Sets {@link VoxelCloud#isGround} of every voxel of {@code voxels}. */
    public void classify(VoxelCloud voxels) {
        int n = voxels.size;
        if (cellOf.length < n) {
            cellOf = new int[Math.max(n, 1024)];
        }
        Arrays.fill(cellMinHeight, Float.POSITIVE_INFINITY);
        float[] h = voxels.heightMeters;
        for (int i = 0; i < n; i++) {
            int cell = cellOf(voxels.x[i], voxels.y[i]);
            cellOf[i] = cell;
            if (cell >= 0 && h[i] < cellMinHeight[cell]) {
                cellMinHeight[cell] = h[i];
            }
        }

        double step = config.heightStepMeters();
        double localSlope = Math.tan(Math.toRadians(config.maxLocalSlopeDeg()));
        double globalSlope = Math.tan(Math.toRadians(config.maxGlobalSlopeDeg()));
        double bin = config.rangeBinMeters();
        for (int az = 0; az < azimuthBins; az++) {
            double ground = 0.0;
            double groundRange = 0.0;
            int base = az * rangeBins;
            for (int r = 0; r < rangeBins; r++) {
                float minH = cellMinHeight[base + r];
                if (minH != Float.POSITIVE_INFINITY) {
                    double range = (r + 0.5) * bin;
                    double local = localSlope * (range - groundRange) + step;
                    double global = globalSlope * range + step;
                    if (Math.abs(minH - ground) <= local && Math.abs(minH) <= global) {
                        ground = minH;
                        groundRange = range;
                    }
                }
                cellGround[base + r] = (float) ground;
            }
        }

        double threshold = config.groundThresholdMeters();
        boolean[] isGround = voxels.ground;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int cell = cellOf[i];
            boolean g = cell < 0 || h[i] - cellGround[cell] < threshold;
            isGround[i] = g;
            if (g) {
                count++;
            }
        }
        groundVoxels = count;
    }

    private int cellOf(double x, double y) {
        double range = Math.sqrt(x * x + y * y);
        int r = (int) (range / config.rangeBinMeters());
        if (!(r >= 0 && r < rangeBins)) {
            return -1;
        }
        double a = Math.atan2(y, x);
        if (a < 0) {
            a += 2 * Math.PI;
        }
        int az = (int) (a * azimuthBins / (2 * Math.PI));
        if (az >= azimuthBins) {
            az = 0;
        }
        return az * rangeBins + r;
    }
}
