package org.avfusion.runtime.perceive.depth;

/**
 * Settings of {@link DepthScaleFit}.
 *
 * @param ransacIterations random two-pixel hypotheses tried (e.g. 200)
 * @param inlierRelativeTolerance a pixel agrees with a fit when {@code |s*inv + t - 1/d| <= tol / d}, i.e. the
 *        fitted depth is within about this fraction of the lidar's (e.g. 0.05)
 * @param refineIterations weighted least-squares refits on the inliers after RANSAC (e.g. 3)
 * @param minSamples fewest lidar pixels (and inliers) for a fit; fewer and {@link DepthScaleFit#fit} reports failure
 * @param seed seed of the hypothesis sampler, reset on every fit so equal inputs give equal fits
 */
public record DepthFitConfig(int ransacIterations, double inlierRelativeTolerance, int refineIterations,
                             int minSamples, long seed) {
    public static final DepthFitConfig DEFAULT = new DepthFitConfig(200, 0.05, 3, 20, 0x5EEDL);

    public DepthFitConfig {
        if (ransacIterations < 1) {
            throw new IllegalArgumentException("ransacIterations must be >= 1, was " + ransacIterations);
        }
        if (!(inlierRelativeTolerance > 0 && inlierRelativeTolerance < 1)) {
            throw new IllegalArgumentException("inlierRelativeTolerance must be in (0, 1), was "
                    + inlierRelativeTolerance);
        }
        if (refineIterations < 0) {
            throw new IllegalArgumentException("refineIterations must be >= 0, was " + refineIterations);
        }
        if (minSamples < 2) {
            throw new IllegalArgumentException("minSamples must be >= 2 (two parameters), was " + minSamples);
        }
    }
}
