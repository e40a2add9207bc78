package org.avfusion.runtime.perceive.depth;

/**
 * Scales a monocular model's relative inverse depth (MiDaS-style disparity, arbitrary scale and shift) to metres
 * against sparse lidar depth: fits {@code s*inv + t ~= 1/depth} over the pixels that have both, then
 * {@code depth = 1/(s*inv + t)}. The fit is robust: RANSAC over two-pixel hypotheses with a relative inlier test
 * (Fischler and Bolles 1981), then least squares on the inliers weighted by {@code depth^2}, so the residual
 * minimised is the relative depth error (the scale-and-shift alignment of Ranftl et al., "Towards Robust Monocular
 * Depth Estimation", TPAMI 2020, made outlier-proof).
 *
 * <p>Buffers: one index array of {@code capacityPixels} allocated in the constructor; {@link #fit} and
 * {@link #toMetric} allocate nothing. Not thread-safe: one fit at a time; results are read after it returns.
 */
public final class DepthScaleFit {
    private final DepthFitConfig config;
    private final int[] samples;
    private double scale = Double.NaN;
    private double shift = Double.NaN;
    private int sampleCount;
    private int inlierCount;
    private double rmsRelativeError = Double.NaN;
    private long rng;

    public DepthScaleFit(DepthFitConfig config, int capacityPixels) {
        if (config == null) {
            throw new IllegalArgumentException("config must be given (DepthFitConfig.DEFAULT for the defaults)");
        }
        if (capacityPixels < 1) {
            throw new IllegalArgumentException("capacityPixels must be >= 1, was " + capacityPixels);
        }
        this.config = config;
        this.samples = new int[capacityPixels];
    }

    /**
     * Fits over pixels {@code [0, count)} of two aligned images: the model's inverse depth and the lidar depth in
     * metres (NaN, zero or negative = no lidar there).
     *
     * @return whether a fit was found ({@link #minSamples} lidar pixels and as many inliers, a positive
     *         scale); when false, {@link #scale()} and {@link #shift()} are NaN
     */
    public boolean fit(float[] modelInverseDepth, float[] lidarDepthMeters, int count) {
        if (count > samples.length || count > modelInverseDepth.length || count > lidarDepthMeters.length) {
            throw new IllegalArgumentException("count " + count + " exceeds the capacity " + samples.length
                    + " or an array (model " + modelInverseDepth.length + ", lidar " + lidarDepthMeters.length + ")");
        }
        scale = Double.NaN;
        shift = Double.NaN;
        inlierCount = 0;
        rmsRelativeError = Double.NaN;
        int n = 0;
        for (int p = 0; p < count; p++) {
            float d = lidarDepthMeters[p];
            float x = modelInverseDepth[p];
            if (d > 0 && Float.isFinite(d) && Float.isFinite(x)) {
                samples[n++] = p;
            }
        }
        sampleCount = n;
        if (n < config.minSamples()) {
            return false;
        }
        rng = config.seed() == 0 ? 0x9E3779B97F4A7C15L : config.seed();
        double tol = config.inlierRelativeTolerance();
        double bestS = Double.NaN, bestT = Double.NaN;
        int best = 0;
        for (int it = 0; it < config.ransacIterations(); it++) {
            int a = samples[nextInt(n)], b = samples[nextInt(n)];
            double xa = modelInverseDepth[a], xb = modelInverseDepth[b];
            double ya = 1.0 / lidarDepthMeters[a], yb = 1.0 / lidarDepthMeters[b];
            double dx = xa - xb;
            if (Math.abs(dx) <= 1e-12 * (Math.abs(xa) + Math.abs(xb) + 1e-30)) {
                continue;
            }
            double s = (ya - yb) / dx;
            if (!(s > 0) || !Double.isFinite(s)) {
                continue;
            }
            double t = ya - s * xa;
            int inliers = countInliers(modelInverseDepth, lidarDepthMeters, n, s, t, tol);
            if (inliers > best) {
                best = inliers;
                bestS = s;
                bestT = t;
            }
        }
        if (best < config.minSamples()) {
            return false;
        }
        double s = bestS, t = bestT;
        for (int r = 0; r < config.refineIterations(); r++) {
            double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int k = 0; k < n; k++) {
                int p = samples[k];
                double x = modelInverseDepth[p], y = 1.0 / lidarDepthMeters[p];
                if (Math.abs(s * x + t - y) > tol * y) {
                    continue;
                }
                double w = 1.0 / (y * y);
                sw += w;
                sx += w * x;
                sy += w * y;
                sxx += w * x * x;
                sxy += w * x * y;
            }
            double det = sw * sxx - sx * sx;
            if (!(Math.abs(det) > 1e-30 * sw * sxx)) {
                break;
            }
            double ns = (sw * sxy - sx * sy) / det;
            double nt = (sy - ns * sx) / sw;
            if (!(ns > 0) || !Double.isFinite(ns) || !Double.isFinite(nt)) {
                break;
            }
            s = ns;
            t = nt;
        }
        int inliers = 0;
        double sq = 0;
        for (int k = 0; k < n; k++) {
            int p = samples[k];
            double y = 1.0 / lidarDepthMeters[p];
            double e = (s * modelInverseDepth[p] + t - y) / y;
            if (Math.abs(e) <= tol) {
                inliers++;
                sq += e * e;
            }
        }
        if (inliers < config.minSamples()) {
            return false;
        }
        scale = s;
        shift = t;
        inlierCount = inliers;
        rmsRelativeError = Math.sqrt(sq / inliers);
        return true;
    }

    private int countInliers(float[] inv, float[] depth, int n, double s, double t, double tol) {
        int c = 0;
        for (int k = 0; k < n; k++) {
            int p = samples[k];
            double y = 1.0 / depth[p];
            if (Math.abs(s * inv[p] + t - y) <= tol * y) {
                c++;
            }
        }
        return c;
    }

    private int nextInt(int bound) {
        rng ^= rng << 13;
        rng ^= rng >>> 7;
        rng ^= rng << 17;
        return (int) Math.floorMod(rng, (long) bound);
    }

    /**
     * Writes {@code 1/(s*inv + t)} for pixels {@code [0, count)} into {@code depthOutMeters}; NaN where the fitted
     * inverse depth is not positive or there is no fit.
     *
     * @return the pixels that got a depth
     */
    public int toMetric(float[] modelInverseDepth, float[] depthOutMeters, int count) {
        if (count > modelInverseDepth.length || count > depthOutMeters.length) {
            throw new IllegalArgumentException("count " + count + " exceeds an array (model "
                    + modelInverseDepth.length + ", out " + depthOutMeters.length + ")");
        }
        int valid = 0;
        for (int p = 0; p < count; p++) {
            double y = scale * modelInverseDepth[p] + shift;
            if (y > 0 && Double.isFinite(y)) {
                depthOutMeters[p] = (float) (1.0 / y);
                valid++;
            } else {
                depthOutMeters[p] = Float.NaN;
            }
        }
        return valid;
    }

    /** Depth in metres at one model value ({@code NaN} without a fit or where it is not positive). */
    public double depthMetersOf(double modelInverseDepth) {
        double y = scale * modelInverseDepth + shift;
        return y > 0 ? 1.0 / y : Double.NaN;
    }

    /** The fitted scale {@code s} (NaN when the last fit failed). */
    public double scale() {
        return scale;
    }

    /** The fitted shift {@code t}, inverse metres (NaN when the last fit failed). */
    public double shift() {
        return shift;
    }

    /** Pixels with both a lidar depth and a finite model value in the last fit. */
    public int sampleCount() {
        return sampleCount;
    }

    /** Of those, the ones within the tolerance of the final fit. */
    public int inlierCount() {
        return inlierCount;
    }

    /** Root-mean-square relative inverse-depth error over the inliers. */
    public double rmsRelativeError() {
        return rmsRelativeError;
    }

    public DepthFitConfig config() {
        return config;
    }
}
