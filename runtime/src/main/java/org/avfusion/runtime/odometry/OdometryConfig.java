package org.avfusion.runtime.odometry;

/**
 * Settings of {@link LidarOdometry}, with KISS-ICP's defaults (Vizzo et al., RA-L 2023, table I and the
 * {@code kiss_icp} 1.x configuration). Every value is range-checked here; an out-of-range value fails with the
 * field, the value and the accepted range.
 *
 * <p>Resolutions: the local map has voxels of {@code voxelSizeMeters}; a sweep is subsampled at half that size for
 * the map and at 1.5 times it for registration (the paper's two-resolution scheme, {@link #MAP_SAMPLING_FACTOR},
 * {@link #REGISTRATION_SAMPLING_FACTOR}).
 *
 * @param voxelSizeMeters               local map voxel edge, in [0.05, 10]; KISS-ICP uses {@code maxRange / 100}
 * @param maxRangeMeters                points farther from the sensor are dropped, and map voxels farther than this
 *                                      from the current pose are pruned; in (0, 500]
 * @param minRangeMeters                points nearer the sensor are dropped (the vehicle's own body); in
 *                                      [0, maxRangeMeters)
 * @param maxPointsPerVoxel             map points one voxel holds at most, in [1, 100]
 * @param initialThresholdMeters        correspondence threshold sigma before the vehicle has moved, in (0, 50]
 * @param minMotionMeters               model deviations below this do not feed the adaptive threshold, in [0, 10]
 * @param maxIterations                 Gauss-Newton iterations per sweep at most, in [1, 1000]
 * @param convergenceEpsilon            ICP stops when the norm of the last update (metres and radians mixed, as
 *                                      KISS-ICP) falls below this, in (0, 1]
 * @param minCorrespondences            fewer correspondences than this and the sweep is not trusted (the pose is
 *                                      the prediction), in [6, 1,000,000]
 * @param residual                      what a correspondence measures: KISS-ICP's point-to-point distance, or the
 *                                      distance along the normal where the map voxel is a plane
 *                                      ({@link IcpResidual})
 * @param minConstraintFraction         a translation direction along which the sweep's correspondences on planar
 *                                      map neighbourhoods constrain less than this fraction of their total weight
 *                                      is degenerate: the pose keeps the prediction along it and the sweep is
 *                                      {@link OdometryQuality#DEGRADED}; in [0, 1/3], 0 turns the check off (see
 *                                      {@link LidarOdometry#lastWeakestConstraintFraction()})
 */
public record OdometryConfig(double voxelSizeMeters, double maxRangeMeters, double minRangeMeters,
        int maxPointsPerVoxel, double initialThresholdMeters, double minMotionMeters, int maxIterations,
        double convergenceEpsilon, int minCorrespondences, IcpResidual residual, double minConstraintFraction) {

    /** The map keeps points subsampled at this fraction of the map voxel size. */
    public static final double MAP_SAMPLING_FACTOR = 0.5;
    /** Registration uses points subsampled at this multiple of the map voxel size. */
    public static final double REGISTRATION_SAMPLING_FACTOR = 1.5;

    /**
     * A degeneracy threshold for {@link IcpResidual#POINT_TO_PLANE_ON_PLANES}: a translation direction constrained by
     * under 2 % of the weight of the correspondences on planes. Measured on the simulator (see
     * {@code LidarOdometrySimulatedDriveTest}): a street lined with buildings, poles and parked cars constrains its
     * weakest direction (along the road) with 6.0-26 %, a road with one wall and seven parked cars with 0-1.2 %;
     * KITTI tracking 0000 (a town street) with 4.0 % at least.
     * Not in {@link #DEFAULTS}: only planes count, so a world whose structure along the road is corners and small
     * boxes (pillars, buttresses, as in the odometry's synthetic test scene) reads as degenerate too.
     */
    public static final double DEFAULT_MIN_CONSTRAINT_FRACTION = 0.02;

    /**
     * KISS-ICP's defaults for a 100 m lidar: 1 m voxels, 20 points per voxel, 2 m initial threshold, point-to-point,
     * no degeneracy check.
     */
    public static final OdometryConfig DEFAULTS = new OdometryConfig(1.0, 100.0, 0.0, 20, 2.0, 0.1, 500, 1e-4, 50,
            IcpResidual.POINT_TO_POINT, 0);

    /** KISS-ICP's settings: the point-to-point residual, no degeneracy check. */
    public OdometryConfig(double voxelSizeMeters, double maxRangeMeters, double minRangeMeters, int maxPointsPerVoxel,
            double initialThresholdMeters, double minMotionMeters, int maxIterations, double convergenceEpsilon,
            int minCorrespondences) {
        this(voxelSizeMeters, maxRangeMeters, minRangeMeters, maxPointsPerVoxel, initialThresholdMeters,
                minMotionMeters, maxIterations, convergenceEpsilon, minCorrespondences, IcpResidual.POINT_TO_POINT, 0);
    }

    public OdometryConfig {
        check("voxelSizeMeters", voxelSizeMeters, 0.05, 10, true);
        check("maxRangeMeters", maxRangeMeters, 0, 500, false);
        if (!(minRangeMeters >= 0 && minRangeMeters < maxRangeMeters)) {
            throw new IllegalArgumentException("minRangeMeters must be in [0, maxRangeMeters = " + maxRangeMeters
                    + "), was " + minRangeMeters);
        }
        checkInt("maxPointsPerVoxel", maxPointsPerVoxel, 1, 100);
        check("initialThresholdMeters", initialThresholdMeters, 0, 50, false);
        check("minMotionMeters", minMotionMeters, 0, 10, true);
        checkInt("maxIterations", maxIterations, 1, 1000);
        check("convergenceEpsilon", convergenceEpsilon, 0, 1, false);
        checkInt("minCorrespondences", minCorrespondences, 6, 1_000_000);
        if (residual == null) {
            throw new IllegalArgumentException("residual must be one of " + java.util.Arrays.toString(
                    IcpResidual.values()) + ", was null");
        }
        check("minConstraintFraction", minConstraintFraction, 0, 1.0 / 3, true);
    }

    /** KISS-ICP's defaults scaled to a lidar's range: voxel size {@code maxRange / 100}. */
    public static OdometryConfig forMaxRange(double maxRangeMeters) {
        check("maxRangeMeters", maxRangeMeters, 0, 500, false);
        return DEFAULTS.withRange(Math.max(0.05, maxRangeMeters / 100), maxRangeMeters);
    }

    /** A copy with another voxel size and maximum range. */
    public OdometryConfig withRange(double voxel, double maxRange) {
        return new OdometryConfig(voxel, maxRange, minRangeMeters, maxPointsPerVoxel, initialThresholdMeters,
                minMotionMeters, maxIterations, convergenceEpsilon, minCorrespondences, residual,
                minConstraintFraction);
    }

    /** A copy with another minimum range. */
    public OdometryConfig withMinRange(double minRange) {
        return new OdometryConfig(voxelSizeMeters, maxRangeMeters, minRange, maxPointsPerVoxel, initialThresholdMeters,
                minMotionMeters, maxIterations, convergenceEpsilon, minCorrespondences, residual,
                minConstraintFraction);
    }

    /** A copy with another residual. */
    public OdometryConfig withResidual(IcpResidual newResidual) {
        return new OdometryConfig(voxelSizeMeters, maxRangeMeters, minRangeMeters, maxPointsPerVoxel,
                initialThresholdMeters, minMotionMeters, maxIterations, convergenceEpsilon, minCorrespondences,
                newResidual, minConstraintFraction);
    }

    /** A copy with another degeneracy threshold (0: no check). */
    public OdometryConfig withMinConstraintFraction(double fraction) {
        return new OdometryConfig(voxelSizeMeters, maxRangeMeters, minRangeMeters, maxPointsPerVoxel,
                initialThresholdMeters, minMotionMeters, maxIterations, convergenceEpsilon, minCorrespondences,
                residual, fraction);
    }

    /**
     * @param lowInclusive whether the low end is allowed ({@code [low, high]}) or not ({@code (low, high]})
     */
    private static void check(String field, double value, double low, double high, boolean lowInclusive) {
        boolean ok = lowInclusive ? value >= low && value <= high : value > low && value <= high;
        if (!ok) {
            throw new IllegalArgumentException(field + " must be in " + (lowInclusive ? "[" : "(") + low + ", " + high
                    + "], was " + value);
        }
    }

    private static void checkInt(String field, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(field + " must be in [" + low + ", " + high + "], was " + value);
        }
    }
}
