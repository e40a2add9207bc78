package org.avfusion.runtime.perceive.lidar;

import java.util.Objects;

/**
 * Marks the ground voxels of a {@link VoxelCloud} with the runtime's one ground model, {@link PolarGroundGrid}.
 *
 * <p>Heights are measured above the {@link GroundPrior}; the grid follows the lowest voxel of each cell within
 * {@code maxLocalSlopeDeg} (plus {@code heightStepMeters}) of the last ground cell and within
 * {@code maxGlobalSlopeDeg} (plus the step) of the prior plane. A voxel is ground when it stands less than
 * {@code groundThresholdMeters} above its cell's ground; voxels below the ground (holes, reflections) and voxels
 * beyond the grid are ground too.
 *
 * <p>Not thread-safe; cell arrays are sized once from the configuration, nothing is allocated per sweep.
 */
public final class PolarGroundFilter {
    private final ClusterConfig config;
    private final PolarGroundGrid grid;
    private int[] cellOf = new int[0];
    private int groundVoxels;

    public PolarGroundFilter(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.grid = new PolarGroundGrid(config.azimuthBins(), config.rangeBins(), config.rangeBinMeters());
    }

    /** Ground voxels found in the last sweep. */
    public int groundVoxels() {
        return groundVoxels;
    }

    /** Ground height (above the prior) the last sweep left in the cell of a lidar-frame position, metres. */
    public double groundHeightAtMeters(double x, double y) {
        int cell = grid.cellOf(x, y);
        return cell < 0 ? Double.NaN : grid.groundMeters(cell);
    }

    /** Sets {@link VoxelCloud#isGround} of every voxel of {@code voxels}. */
    public void classify(VoxelCloud voxels) {
        int n = voxels.size;
        if (cellOf.length < n) {
            cellOf = new int[Math.max(n + (n >> 1), 1024)]; // reserve: voxel counts creep up sweep to sweep
        }
        grid.clear();
        float[] h = voxels.heightMeters;
        for (int i = 0; i < n; i++) {
            int cell = grid.cellOf(voxels.x[i], voxels.y[i]);
            cellOf[i] = cell;
            grid.add(cell, h[i]);
        }
        // symmetric around the last ground: no extra tolerance below it
        grid.fitGround(config.maxLocalSlopeDeg(), config.maxGlobalSlopeDeg(), config.heightStepMeters(), 0);

        double threshold = config.groundThresholdMeters();
        boolean[] isGround = voxels.ground;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int cell = cellOf[i];
            boolean g = cell < 0 || h[i] - grid.groundMeters(cell) < threshold;
            isGround[i] = g;
            if (g) {
                count++;
            }
        }
        groundVoxels = count;
    }
}
