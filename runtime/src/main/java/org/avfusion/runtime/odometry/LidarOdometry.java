package org.avfusion.runtime.odometry;

import java.util.Objects;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Lidar odometry by scan-to-map point-to-point ICP, after KISS-ICP (I. Vizzo, T. Guadagnino, B. Mersch, L. Wiesmann,
 * J. Behley, C. Stachniss, "KISS-ICP: In Defense of Point-to-Point ICP - Simple, Accurate, and Robust Registration If
 * Done the Right Way", IEEE RA-L 8(2), 2023). Per sweep:
 * <ol>
 *   <li>drop non-finite points (counted) and points outside {@code [minRange, maxRange]} (3-D range);</li>
 *   <li>subsample on a voxel grid of {@code 0.5 * voxelSize} (first point per voxel) for the map;</li>
 *   <li>deskew those points to the middle of the sweep (half-way between its earliest and latest point) with the
 *       constant velocity of the last interval, using each point's time offset ({@link PointCloud#timeOffsetNanos};
 *       a cloud whose offsets are all equal is taken as instantaneous). KISS-ICP deskews before subsampling: the
 *       voxel a point falls in may differ, nothing else. Deskewing to the first point instead makes a velocity
 *       error shift the next sweep and the velocity estimate oscillate (measured on a synthetic spinning lidar);</li>
 *   <li>subsample again at {@code 1.5 * voxelSize} for registration;</li>
 *   <li>predict the pose with the constant-velocity model ({@code last pose * Exp(twist * dt)});</li>
 *   <li>register against the local map by point-to-point ICP: correspondences are nearest map points within
 *       {@code 3 sigma} (27-voxel search), weighted by the Geman-McClure kernel with scale {@code sigma / 3}, solved by
 *       Gauss-Newton on SE(3) with left-multiplied updates until the update norm is below the convergence epsilon;</li>
 *   <li>update the adaptive threshold {@code sigma} from the deviation between prediction and registration (the
 *       paper's eq. 5: translation error plus {@code 2 maxRange sin(angle / 2)}, accumulated when above the minimum
 *       motion; {@code sigma} is their root mean square);</li>
 *   <li>add the map-resolution points at the new pose and prune voxels farther than {@code maxRange} from it.</li>
 * </ol>
 * Poses are the lidar's at the middle of each sweep ({@link OdometryEstimate#poseTimeNanos}). The odometry frame is
 * the lidar frame of the first sweep at its middle (its points are taken as instantaneous: there is no velocity
 * yet to deskew them with). Bad input is counted, never thrown: an empty sweep or one
 * not newer than the last leaves the state unchanged; too few correspondences give the predicted pose.
 *
 * <p>Buffers are preallocated and grow (by replacement) to the largest sweep; a steady drive allocates only the
 * returned estimate (three small objects per sweep). The cloud is only read during {@link #process} and not retained.
 * Not thread-safe: one instance per lidar, fed from one thread.
 */
public final class LidarOdometry {
    private static final double NANOS_PER_SECOND = 1e9;
    /** KISS-ICP calls the vehicle "moved" (and starts adapting the threshold) after 5 times the minimum motion. */
    private static final double MOVED_FACTOR = 5.0;

    private final OdometryConfig config;
    private final VoxelHashMap map;
    private final VoxelGridSampler mapSampler;
    private final VoxelGridSampler registrationSampler;

    // per-sweep buffers
    private float[] px = new float[0];
    private float[] py = new float[0];
    private float[] pz = new float[0];
    private int[] pt = new int[0];
    private int[] indices = new int[0];
    private float[] mx = new float[0];
    private float[] my = new float[0];
    private float[] mz = new float[0];
    private int mapPoints;
    private float[] sx = new float[0];
    private float[] sy = new float[0];
    private float[] sz = new float[0];
    private int sourcePoints;
    private double[] wx = new double[0];
    private double[] wy = new double[0];
    private double[] wz = new double[0];

    // state
    /** Lidar pose at the middle of the last sweep ({@link #lastMidNanos}), where its deskewed points are. */
    private final double[] pose = new double[12];
    private long lastMidNanos;
    private int midOffsetNanos;
    private final double[] twistPerSecond = new double[6];
    private boolean hasVelocity;
    private boolean initialized;
    private long lastStampNanos;
    private double modelErrorSumSquares;
    private long modelErrorSamples;

    // scratch
    private final double[] guess = new double[12];
    private final double[] icp = new double[12];
    private final double[] step = new double[12];
    private final double[] scratch = new double[12];
    private final double[] twist = new double[6];
    private final double[] hessian = new double[36];
    private final double[] gradient = new double[6];
    private int lastCorrespondences;
    private int lastIterations;
    private boolean lastConverged;

    // counters
    private long sweepsProcessed;
    private long emptySweeps;
    private long outOfOrderSweeps;
    private long nonFinitePoints;
    private long predictedSweeps;
    private long notConvergedSweeps;

    public LidarOdometry(OdometryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        map = new VoxelHashMap(config.voxelSizeMeters(), config.maxPointsPerVoxel(), config.maxRangeMeters());
        mapSampler = new VoxelGridSampler(config.voxelSizeMeters() * OdometryConfig.MAP_SAMPLING_FACTOR);
        registrationSampler = new VoxelGridSampler(
                config.voxelSizeMeters() * OdometryConfig.REGISTRATION_SAMPLING_FACTOR);
        Se3.identity(pose);
    }

    public OdometryConfig config() {
        return config;
    }

    /** Counters since construction. */
    public OdometryStats stats() {
        return new OdometryStats(sweepsProcessed, emptySweeps, outOfOrderSweeps, nonFinitePoints, predictedSweeps,
                notConvergedSweeps);
    }

    /** Voxels in the local map now. */
    public int localMapVoxels() {
        return map.voxelCount();
    }

    /** Points in the local map now. */
    public long localMapPoints() {
        return map.pointCount();
    }

    /** Points of the last sweep used for registration (after the coarse subsampling). */
    public int lastRegistrationPoints() {
        return sourcePoints;
    }

    /** Forgets the map, the pose and the velocity (the counters stay); the next sweep starts a new odometry frame. */
    public void reset() {
        map.clear();
        Se3.identity(pose);
        java.util.Arrays.fill(twistPerSecond, 0);
        hasVelocity = false;
        initialized = false;
        modelErrorSumSquares = 0;
        modelErrorSamples = 0;
    }

    /**
     * Replaces the velocity the next sweep is predicted and deskewed with by one from another source (wheel speed,
     * IMU, a fusion filter), in the lidar frame at the last sweep: linear metres per second, angular radians per
     * second. Useful at start-up, when the constant-velocity model has no history (it assumes standstill).
     */
    public void setVelocity(double vxMetersPerSec, double vyMetersPerSec, double vzMetersPerSec,
            double wxRadPerSec, double wyRadPerSec, double wzRadPerSec) {
        double[] v = {vxMetersPerSec, vyMetersPerSec, vzMetersPerSec, wxRadPerSec, wyRadPerSec, wzRadPerSec};
        for (double c : v) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("velocity must be finite, was " + java.util.Arrays.toString(v));
            }
        }
        // the twist's translation part is V^-1 v; for the small angles of one interval v is close enough, and exact
        // for straight motion
        System.arraycopy(v, 0, twistPerSecond, 0, 6);
        hasVelocity = true;
    }

    /**
     * Registers one sweep.
     *
     * @param cloud      the sweep in the lidar frame; read only during the call
     * @param stampNanos the sweep's stamp, from which its points' time offsets count; must increase sweep to sweep
     * @return the estimate: the pose in the middle of the sweep (see {@link OdometryEstimate#poseTimeNanos}), or for
     *         a rejected sweep the last pose with the reason
     */
    public OdometryEstimate process(PointCloud cloud, long stampNanos) {
        Objects.requireNonNull(cloud, "cloud");
        if (initialized && stampNanos <= lastStampNanos) {
            outOfOrderSweeps++;
            return unchanged(stampNanos, OdometryQuality.OUT_OF_ORDER);
        }
        boolean timed = filter(cloud);
        if (mapPoints == 0) { // filter leaves the kept count here
            emptySweeps++;
            return unchanged(stampNanos, OdometryQuality.EMPTY_SWEEP);
        }
        subsampleAndDeskew(timed && hasVelocity);
        sweepsProcessed++;
        long midNanos = stampNanos + midOffsetNanos;
        if (!initialized) {
            initialized = true;
            lastStampNanos = stampNanos;
            lastMidNanos = midNanos;
            map.addPoints(mx, my, mz, mapPoints, pose);
            return estimate(stampNanos, midNanos, 0, identityTwist(), 0, config.initialThresholdMeters(),
                    OdometryQuality.INITIALIZED);
        }
        long intervalNanos = midNanos - lastMidNanos;
        if (intervalNanos <= 0) { // a sweep newer by stamp whose points end before the last one's middle
            intervalNanos = stampNanos - lastStampNanos;
        }
        if (hasVelocity) {
            Se3.exp(twistPerSecond[0], twistPerSecond[1], twistPerSecond[2], twistPerSecond[3], twistPerSecond[4],
                    twistPerSecond[5], intervalNanos / NANOS_PER_SECOND, scratch);
            Se3.compose(pose, scratch, guess);
        } else {
            Se3.copy(pose, guess);
        }
        double sigma = threshold();
        register(sigma);
        OdometryQuality quality;
        double[] newPose = scratch;
        if (lastCorrespondences < config.minCorrespondences()) {
            quality = OdometryQuality.PREDICTED;
            predictedSweeps++;
            Se3.copy(guess, newPose);
        } else {
            quality = OdometryQuality.TRACKING;
            Se3.compose(icp, guess, newPose);
            Se3.orthonormalize(newPose);
            // model deviation guess^-1 * newPose feeds the adaptive threshold
            Se3.inverse(guess, step);
            Se3.compose(step, newPose, step);
            double modelError = Se3.translationNorm(step)
                    + 2 * config.maxRangeMeters() * Math.sin(Se3.angle(step) / 2);
            if (modelError > config.minMotionMeters()) {
                modelErrorSumSquares += modelError * modelError;
                modelErrorSamples++;
            }
        }
        if (!lastConverged && quality == OdometryQuality.TRACKING) {
            notConvergedSweeps++;
        }
        // velocity over the interval: log(pose^-1 * newPose) / dt
        Se3.inverse(pose, step);
        Se3.compose(step, newPose, step);
        Se3.log(step, twist);
        double dtSeconds = intervalNanos / NANOS_PER_SECOND;
        for (int i = 0; i < 6; i++) {
            twistPerSecond[i] = twist[i] / dtSeconds;
        }
        hasVelocity = true;
        Se3.copy(newPose, pose);
        lastMidNanos = midNanos;
        lastStampNanos = stampNanos;
        map.addPoints(mx, my, mz, mapPoints, pose);
        map.removeFarFrom(pose[3], pose[7], pose[11]);
        return estimate(stampNanos, midNanos, intervalNanos, step, lastCorrespondences, sigma, quality);
    }

    /** Copies finite in-range points into the work arrays; returns whether their time offsets differ. */
    private boolean filter(PointCloud cloud) {
        int n = cloud.size();
        if (px.length < n) {
            int cap = Math.max(n, 1024);
            px = new float[cap];
            py = new float[cap];
            pz = new float[cap];
            pt = new int[cap];
            indices = new int[cap];
            mx = new float[cap];
            my = new float[cap];
            mz = new float[cap];
            sx = new float[cap];
            sy = new float[cap];
            sz = new float[cap];
            wx = new double[cap];
            wy = new double[cap];
            wz = new double[cap];
        }
        float[] xs = cloud.xArray(), ys = cloud.yArray(), zs = cloud.zArray();
        double min2 = config.minRangeMeters() * config.minRangeMeters();
        double max2 = config.maxRangeMeters() * config.maxRangeMeters();
        int kept = 0;
        int minOffset = Integer.MAX_VALUE;
        int maxOffset = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            float x = xs[i], y = ys[i], z = zs[i];
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                nonFinitePoints++;
                continue;
            }
            double r2 = (double) x * x + (double) y * y + (double) z * z;
            if (r2 < min2 || r2 > max2) {
                continue;
            }
            int t = cloud.timeOffsetNanos(i);
            minOffset = Math.min(minOffset, t);
            maxOffset = Math.max(maxOffset, t);
            px[kept] = x;
            py[kept] = y;
            pz[kept] = z;
            pt[kept] = t;
            kept++;
        }
        mapPoints = kept;
        // deskew to the middle of the sweep: a velocity error then smears the sweep symmetrically instead of
        // shifting it, which would feed back into the next velocity (deskewing to the first point oscillates)
        midOffsetNanos = kept == 0 ? 0 : (int) (((long) minOffset + maxOffset) / 2);
        return kept > 0 && minOffset != maxOffset;
    }

    private void subsampleAndDeskew(boolean deskew) {
        int kept = mapSampler.sample(px, py, pz, mapPoints, indices);
        double[] m = step;
        int lastOffset = midOffsetNanos;
        Se3.identity(m);
        for (int k = 0; k < kept; k++) {
            int i = indices[k];
            float x = px[i], y = py[i], z = pz[i];
            if (deskew) {
                int offset = pt[i];
                if (offset != lastOffset) { // points come in firing order: consecutive ones share an offset
                    Se3.exp(twistPerSecond[0], twistPerSecond[1], twistPerSecond[2], twistPerSecond[3],
                            twistPerSecond[4], twistPerSecond[5], (offset - midOffsetNanos) / NANOS_PER_SECOND, m);
                    lastOffset = offset;
                }
                mx[k] = (float) (m[0] * x + m[1] * y + m[2] * z + m[3]);
                my[k] = (float) (m[4] * x + m[5] * y + m[6] * z + m[7]);
                mz[k] = (float) (m[8] * x + m[9] * y + m[10] * z + m[11]);
            } else {
                mx[k] = x;
                my[k] = y;
                mz[k] = z;
            }
        }
        mapPoints = kept;
        int source = registrationSampler.sample(mx, my, mz, kept, indices);
        for (int k = 0; k < source; k++) {
            int i = indices[k];
            sx[k] = mx[i];
            sy[k] = my[i];
            sz[k] = mz[i];
        }
        sourcePoints = source;
    }

    /** KISS-ICP's adaptive threshold: the initial one until the vehicle moved, then the RMS model error. */
    private double threshold() {
        boolean moved = Se3.translationNorm(pose) > MOVED_FACTOR * config.minMotionMeters();
        if (!moved || modelErrorSamples == 0) {
            return config.initialThresholdMeters();
        }
        return Math.sqrt(modelErrorSumSquares / modelErrorSamples);
    }

    /** Point-to-point ICP from {@link #guess}; leaves the correction (applied left of the guess) in {@link #icp}. */
    private void register(double sigma) {
        int n = sourcePoints;
        double[] g = guess;
        for (int i = 0; i < n; i++) {
            double x = sx[i], y = sy[i], z = sz[i];
            wx[i] = g[0] * x + g[1] * y + g[2] * z + g[3];
            wy[i] = g[4] * x + g[5] * y + g[6] * z + g[7];
            wz[i] = g[8] * x + g[9] * y + g[10] * z + g[11];
        }
        Se3.identity(icp);
        double maxDistance = 3 * sigma;
        double maxDistanceSquared = maxDistance * maxDistance;
        double kernel = sigma / 3;
        int correspondences = 0;
        int iterations = 0;
        boolean converged = false;
        VoxelHashMap localMap = map;
        while (iterations < config.maxIterations()) {
            double sw = 0, h04 = 0, h05 = 0, h13 = 0, h15 = 0, h23 = 0, h24 = 0;
            double h33 = 0, h44 = 0, h55 = 0, h34 = 0, h35 = 0, h45 = 0;
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0;
            correspondences = 0;
            for (int i = 0; i < n; i++) {
                double x = wx[i], y = wy[i], z = wz[i];
                double d2 = localMap.nearest(x, y, z, maxDistanceSquared);
                if (d2 == Double.POSITIVE_INFINITY) {
                    continue;
                }
                correspondences++;
                double rx = x - localMap.nearestX, ry = y - localMap.nearestY, rz = z - localMap.nearestZ;
                double den = kernel + d2;
                double w = kernel * kernel / (den * den); // Geman-McClure
                // J = [I | -hat(p)]; accumulate w J^T J and w J^T r
                sw += w;
                h04 += w * z;
                h05 -= w * y;
                h13 -= w * z;
                h15 += w * x;
                h23 += w * y;
                h24 -= w * x;
                h33 += w * (y * y + z * z);
                h44 += w * (x * x + z * z);
                h55 += w * (x * x + y * y);
                h34 -= w * x * y;
                h35 -= w * x * z;
                h45 -= w * y * z;
                g0 += w * rx;
                g1 += w * ry;
                g2 += w * rz;
                g3 += w * (y * rz - z * ry);
                g4 += w * (z * rx - x * rz);
                g5 += w * (x * ry - y * rx);
            }
            if (correspondences < 6) {
                break;
            }
            double[] h = hessian;
            h[0] = sw; h[1] = 0; h[2] = 0; h[3] = 0; h[4] = h04; h[5] = h05;
            h[7] = sw; h[8] = 0; h[9] = h13; h[10] = 0; h[11] = h15;
            h[14] = sw; h[15] = h23; h[16] = h24; h[17] = 0;
            h[21] = h33; h[22] = h34; h[23] = h35;
            h[28] = h44; h[29] = h45;
            h[35] = h55;
            double[] b = gradient;
            b[0] = -g0; b[1] = -g1; b[2] = -g2; b[3] = -g3; b[4] = -g4; b[5] = -g5;
            if (!Cholesky6.solveInPlace(h, b)) {
                break; // degenerate geometry: keep what we have
            }
            iterations++;
            Se3.exp(b[0], b[1], b[2], b[3], b[4], b[5], 1.0, step);
            double[] s = step;
            for (int i = 0; i < n; i++) {
                double x = wx[i], y = wy[i], z = wz[i];
                wx[i] = s[0] * x + s[1] * y + s[2] * z + s[3];
                wy[i] = s[4] * x + s[5] * y + s[6] * z + s[7];
                wz[i] = s[8] * x + s[9] * y + s[10] * z + s[11];
            }
            Se3.compose(step, icp, icp);
            double norm = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + b[3] * b[3] + b[4] * b[4] + b[5] * b[5]);
            if (norm < config.convergenceEpsilon()) {
                converged = true;
                break;
            }
        }
        lastCorrespondences = correspondences;
        lastIterations = iterations;
        lastConverged = converged;
    }

    private double[] identityTwist() {
        Se3.identity(scratch);
        lastCorrespondences = 0;
        lastIterations = 0;
        lastConverged = false;
        return scratch;
    }

    private OdometryEstimate unchanged(long stampNanos, OdometryQuality quality) {
        return new OdometryEstimate(stampNanos, initialized ? lastMidNanos : stampNanos, toTransform(pose),
                RigidTransform.identity(), 0, 0, 0, 0, 0,
                threshold(), 0, false, quality);
    }

    private OdometryEstimate estimate(long stampNanos, long poseTimeNanos, long intervalNanos, double[] lastFromCurrent,
            int correspondences, double sigma, OdometryQuality quality) {
        double forward = 0, speed = 0, yawRate = 0;
        if (intervalNanos > 0) {
            double dt = intervalNanos / NANOS_PER_SECOND;
            forward = lastFromCurrent[3] / dt;
            speed = Se3.translationNorm(lastFromCurrent) / dt;
            yawRate = twistPerSecond[5];
        }
        return new OdometryEstimate(stampNanos, poseTimeNanos, toTransform(pose), toTransform(lastFromCurrent), intervalNanos,
                forward, speed, yawRate, correspondences, sigma, lastIterations, lastConverged, quality);
    }

    private static RigidTransform toTransform(double[] m) {
        return RigidTransform.of(new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]}, m[3], m[7],
                m[11]);
    }
}
