package org.avfusion.runtime.perceive.lidar;

/**
 * Settings of the lidar obstacle pipeline ({@link LidarObstaclePipeline}), validated here so that a bad value fails
 * before anything is built. Heights are measured above the ground prior ({@link GroundPrior}: the road plane the
 * sensor's mount height and tilt predict), ranges horizontally from the sensor. {@link #DEFAULTS} suits a
 * roof-mounted 64-beam lidar (KITTI's HDL-64E).
 *
 * @param minRangeMeters          crop: points nearer than this (the ego's own body, default 2.5 m) are dropped
 * @param maxRangeMeters          crop: points farther than this (default 80 m) are dropped
 * @param minHeightMeters         crop: points lower than this above the ground prior (default -2.0 m: ditches, noise
 *                                below the road) are dropped
 * @param maxHeightMeters         crop: points higher than this above the ground prior (default 4.0 m: branches,
 *                                gantries, above any truck) are dropped
 * @param voxelSizeMeters         edge of the downsampling voxel (default 0.10 m); each occupied voxel becomes its
 *                                centroid, weighted by the points it holds
 * @param azimuthBins             ground grid: sectors over 360 degrees (default 360, 1 degree each)
 * @param rangeBinMeters          ground grid: radial size of a cell (default 1.0 m)
 * @param maxLocalSlopeDeg        ground: steepest slope followed from one ground cell to the next along a sector
 *                                (default 8 degrees)
 * @param maxGlobalSlopeDeg       ground: steepest slope of the ground seen from the sensor's footprint, relative to the
 *                                ground prior (default 5 degrees)
 * @param heightStepMeters        ground: step allowed on top of the slopes (kerbs, noise; default 0.15 m)
 * @param groundThresholdMeters   ground: a voxel less than this above its cell's ground is ground (default 0.20 m)
 * @param toleranceMeters         clustering: two voxels closer than this (3-D Euclidean distance) belong to the same
 *                                cluster (default 0.60 m)
 * @param minClusterPoints        clustering: clusters holding fewer lidar points (voxel weights summed) are dropped
 *                                (default 8)
 * @param maxClusterPoints        clustering: clusters holding more lidar points are dropped (default 40,000)
 */
public record ClusterConfig(
        double minRangeMeters,
        double maxRangeMeters,
        double minHeightMeters,
        double maxHeightMeters,
        double voxelSizeMeters,
        int azimuthBins,
        double rangeBinMeters,
        double maxLocalSlopeDeg,
        double maxGlobalSlopeDeg,
        double heightStepMeters,
        double groundThresholdMeters,
        double toleranceMeters,
        int minClusterPoints,
        int maxClusterPoints) {

    /** The defaults documented on each parameter. */
    public static final ClusterConfig DEFAULTS = new ClusterConfig(2.5, 80.0, -2.0, 4.0, 0.10, 360, 1.0, 8.0, 5.0,
            0.15, 0.20, 0.60, 8, 40_000);

    public ClusterConfig {
        nonNegative("minRangeMeters", minRangeMeters);
        positive("maxRangeMeters", maxRangeMeters);
        if (!(maxRangeMeters > minRangeMeters)) {
            throw new IllegalArgumentException("clusters.maxRangeMeters (" + maxRangeMeters
                    + ") must be > minRangeMeters (" + minRangeMeters + ")");
        }
        if (!(maxRangeMeters <= 1000)) {
            throw new IllegalArgumentException("clusters.maxRangeMeters must be <= 1000 m, was " + maxRangeMeters);
        }
        finite("minHeightMeters", minHeightMeters);
        finite("maxHeightMeters", maxHeightMeters);
        if (!(maxHeightMeters > minHeightMeters)) {
            throw new IllegalArgumentException("clusters.maxHeightMeters (" + maxHeightMeters
                    + ") must be > minHeightMeters (" + minHeightMeters + ")");
        }
        positive("voxelSizeMeters", voxelSizeMeters);
        // voxel indices are packed in 21 bits per axis
        if (!(maxRangeMeters / voxelSizeMeters < 1 << 19) || !(Math.abs(minHeightMeters) / voxelSizeMeters < 1 << 19)
                || !(Math.abs(maxHeightMeters) / voxelSizeMeters < 1 << 19)) {
            throw new IllegalArgumentException("clusters.voxelSizeMeters " + voxelSizeMeters
                    + " is too small for the cropped volume: write a value >= " + (maxRangeMeters / (1 << 19)));
        }
        if (azimuthBins < 8 || azimuthBins > 7200) {
            throw new IllegalArgumentException("clusters.azimuthBins must be in [8, 7200], was " + azimuthBins);
        }
        positive("rangeBinMeters", rangeBinMeters);
        if (!(maxRangeMeters / rangeBinMeters <= 10_000)) {
            throw new IllegalArgumentException("clusters.rangeBinMeters " + rangeBinMeters
                    + " makes more than 10,000 range bins: write a value >= " + (maxRangeMeters / 10_000));
        }
        slope("maxLocalSlopeDeg", maxLocalSlopeDeg);
        slope("maxGlobalSlopeDeg", maxGlobalSlopeDeg);
        nonNegative("heightStepMeters", heightStepMeters);
        positive("groundThresholdMeters", groundThresholdMeters);
        positive("toleranceMeters", toleranceMeters);
        if (!(toleranceMeters <= 10)) {
            throw new IllegalArgumentException("clusters.toleranceMeters must be <= 10 m, was " + toleranceMeters);
        }
        if (minClusterPoints < 1) {
            throw new IllegalArgumentException("clusters.minClusterPoints must be >= 1, was " + minClusterPoints);
        }
        if (maxClusterPoints < minClusterPoints) {
            throw new IllegalArgumentException("clusters.maxClusterPoints (" + maxClusterPoints
                    + ") must be >= minClusterPoints (" + minClusterPoints + ")");
        }
    }

    /** This configuration with another clustering tolerance. */
    public ClusterConfig withToleranceMeters(double tolerance) {
        return new ClusterConfig(minRangeMeters, maxRangeMeters, minHeightMeters, maxHeightMeters, voxelSizeMeters,
                azimuthBins, rangeBinMeters, maxLocalSlopeDeg, maxGlobalSlopeDeg, heightStepMeters,
                groundThresholdMeters, tolerance, minClusterPoints, maxClusterPoints);
    }

    /** This configuration with other cluster size limits (lidar points). */
    public ClusterConfig withClusterPoints(int min, int max) {
        return new ClusterConfig(minRangeMeters, maxRangeMeters, minHeightMeters, maxHeightMeters, voxelSizeMeters,
                azimuthBins, rangeBinMeters, maxLocalSlopeDeg, maxGlobalSlopeDeg, heightStepMeters,
                groundThresholdMeters, toleranceMeters, min, max);
    }

    /** This configuration with another voxel size. */
    public ClusterConfig withVoxelSizeMeters(double voxel) {
        return new ClusterConfig(minRangeMeters, maxRangeMeters, minHeightMeters, maxHeightMeters, voxel,
                azimuthBins, rangeBinMeters, maxLocalSlopeDeg, maxGlobalSlopeDeg, heightStepMeters,
                groundThresholdMeters, toleranceMeters, minClusterPoints, maxClusterPoints);
    }

    int rangeBins() {
        return (int) Math.ceil(maxRangeMeters / rangeBinMeters);
    }

    private static void finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("clusters." + key + " must be a finite number, was " + v);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("clusters." + key + " must be > 0, was " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("clusters." + key + " must be >= 0, was " + v);
        }
    }

    private static void slope(String key, double v) {
        if (!(v >= 0 && v < 60)) {
            throw new IllegalArgumentException("clusters." + key + " must be in [0, 60) degrees, was " + v);
        }
    }
}
