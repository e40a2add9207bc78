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
 *       Gauss-Newton on SE(3) with left-multiplied updates until the update norm is below the convergence epsilon
 *       (with {@link IcpResidual#POINT_TO_PLANE_ON_PLANES}: point-to-plane where the map neighbourhood is a plane,
 *       correspondences on lines left out);</li>
 *   <li>when {@link OdometryConfig#minConstraintFraction()} is set: at the first iteration, weigh how the
 *       correspondences on planes constrain each translation direction (the eigenvalues of their normals' scatter,
 *       {@link #lastWeakestConstraintFraction()}); along a direction below the threshold the updates are dropped, so
 *       the pose keeps the prediction there, and the sweep is {@link OdometryQuality#DEGRADED} (after Zhang, Kaess
 *       and Singh, "On degeneracy of optimization-based state estimation problems", ICRA 2016);</li>
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
    private final double[] planeHessian = new double[36];
    private final double[] constraint = new double[9];
    private final double[] constraintValues = new double[3];
    private final double[] constraintVectors = new double[9];
    private final double[] constraintWork = new double[9];
    /** Unit translation directions the last registration found degenerate, xyz triples in the odometry frame. */
    private final double[] degenerate = new double[9];
    private int degenerateDirections;
    private double weakestConstraintFraction = Double.NaN;
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
    private long degradedSweeps;

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
                notConvergedSweeps, degradedSweeps);
    }

    /**
     * Makes room in the local map for {@code voxels} voxels now (see {@code VoxelHashMap.reserve}), so that it does
     * not grow, through arrays of megabytes, while sweeps are registered.
     *
     * @throws IllegalArgumentException unless {@code voxels} is in [1, 2^24]
     */
    public void reserveMapVoxels(int voxels) {
        map.reserve(voxels);
    }

    /**
     * Takes {@code donor}'s per-sweep scratch where it is larger than this odometry's (the sweep's filtered points,
     * the two voxel samples and their key tables, the map's query cache), and gives it this one's in exchange:
     * buffers only, none of either's state (pose, map, twist, counters). The pipeline calls it with the warm-up's
     * odometry, which registered the recording's first sweeps and is discarded afterwards, so that the ring's own
     * odometry neither grows those buffers on its first sweeps nor allocates copies of them
     * (docs/PERFORMANCE.md, "The ring's own buffers before the clock"). Estimates are the same with or without it.
     * Between sweeps only, on the thread that owns both.
     */
    public void adoptScratchOf(LidarOdometry donor) {
        Objects.requireNonNull(donor, "donor");
        if (donor == this) {
            return;
        }
        if (px.length < donor.px.length) {
            float[] fx = px, fy = py, fz = pz;
            int[] ft = pt, fi = indices;
            px = donor.px;
            py = donor.py;
            pz = donor.pz;
            pt = donor.pt;
            indices = donor.indices;
            donor.px = fx;
            donor.py = fy;
            donor.pz = fz;
            donor.pt = ft;
            donor.indices = fi;
        }
        if (mx.length < donor.mx.length) {
            float[] fx = mx, fy = my, fz = mz;
            mx = donor.mx;
            my = donor.my;
            mz = donor.mz;
            donor.mx = fx;
            donor.my = fy;
            donor.mz = fz;
        }
        if (sx.length < donor.sx.length) {
            float[] fx = sx, fy = sy, fz = sz;
            double[] dx = wx, dy = wy, dz = wz;
            sx = donor.sx;
            sy = donor.sy;
            sz = donor.sz;
            wx = donor.wx;
            wy = donor.wy;
            wz = donor.wz;
            donor.sx = fx;
            donor.sy = fy;
            donor.sz = fz;
            donor.wx = dx;
            donor.wy = dy;
            donor.wz = dz;
        }
        mapSampler.adoptTableOf(donor.mapSampler);
        registrationSampler.adoptTableOf(donor.registrationSampler);
        map.adoptQueryCacheOf(donor.map);
    }

    /** Capacity of the per-sweep point buffers (points of the largest sweep so far, with its reserve): for tests. */
    int sweepScratchPoints() {
        return px.length;
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

    /**
     * How well the last registration constrained its weakest translation direction: the weakest eigenvalue of
     * {@code sum w n n^T / sum w} over the correspondences whose map neighbourhood is a plane with normal {@code n}
     * (Geman-McClure weights {@code w} at the prediction), i.e. the share of their weight that constrains that
     * direction, in [0, 1/3] (NaN when the check is off, before the second sweep and for sweeps without a
     * correspondence on a plane). Lines and scattered neighbourhoods are not counted: the scan lines a spinning
     * lidar leaves on flat ground constrain nothing along it. Below {@link OdometryConfig#minConstraintFraction()}
     * the sweep is {@link OdometryQuality#DEGRADED}.
     */
    public double lastWeakestConstraintFraction() {
        return weakestConstraintFraction;
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
        degenerateDirections = 0;
        weakestConstraintFraction = Double.NaN;
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
            quality = degenerateDirections > 0 ? OdometryQuality.DEGRADED : OdometryQuality.TRACKING;
            if (degenerateDirections > 0) {
                degradedSweeps++;
            }
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
        if (!lastConverged && quality != OdometryQuality.PREDICTED) {
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
            int cap = Math.max(n + (n >> 3), 1024); // reserve: a slightly larger sweep must not reallocate
            px = new float[cap];
            py = new float[cap];
            pz = new float[cap];
            pt = new int[cap];
            indices = new int[cap];
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
        if (mx.length < kept) {
            // sized for the points the map's voxel grid keeps, not the sweep's (9,000-10,500 of 111,000-114,000 on
            // the KITTI sfnd sweeps), with the same reserve
            int cap = Math.max(kept + (kept >> 3), 1024);
            mx = new float[cap];
            my = new float[cap];
            mz = new float[cap];
        }
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
        if (sx.length < source) {
            // sized for the registration's coarser sample (about 2,200 points on the KITTI sfnd sweeps), not the sweep
            int cap = Math.max(source + (source >> 3), 1024);
            sx = new float[cap];
            sy = new float[cap];
            sz = new float[cap];
            wx = new double[cap];
            wy = new double[cap];
            wz = new double[cap];
        }
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

    /**
     * ICP from {@link #guess} (point-to-point, or point-to-plane on planar map voxels, see {@link IcpResidual});
     * leaves the correction (applied left of the guess) in {@link #icp}. At the first iteration it also measures how
     * well the correspondences constrain each translation direction and marks the weak ones degenerate: the
     * updates are then kept out of them (solution remapping, Zhang, Kaess and Singh, "On degeneracy of
     * optimization-based state estimation problems", ICRA 2016), so the pose stays at the prediction along them.
     */
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
        map.ensureQueryCapacity(n); // each source point keeps its 27 neighbour voxels over the iterations
        double maxDistance = 3 * sigma;
        double maxDistanceSquared = maxDistance * maxDistance;
        double kernel = sigma / 3;
        int correspondences = 0;
        int iterations = 0;
        boolean converged = false;
        VoxelHashMap localMap = map;
        boolean planes = config.residual() == IcpResidual.POINT_TO_PLANE_ON_PLANES;
        boolean checkDegeneracy = config.minConstraintFraction() > 0;
        degenerateDirections = 0;
        weakestConstraintFraction = Double.NaN;
        double[] hp = planeHessian;
        while (iterations < config.maxIterations()) {
            boolean first = iterations == 0;
            double sw = 0, h04 = 0, h05 = 0, h13 = 0, h15 = 0, h23 = 0, h24 = 0;
            double h33 = 0, h44 = 0, h55 = 0, h34 = 0, h35 = 0, h45 = 0;
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0;
            double cxx = 0, cxy = 0, cxz = 0, cyy = 0, cyz = 0, czz = 0, cw = 0;
            java.util.Arrays.fill(hp, 0);
            correspondences = 0;
            for (int i = 0; i < n; i++) {
                double x = wx[i], y = wy[i], z = wz[i];
                double d2 = localMap.nearest(x, y, z, maxDistanceSquared, i);
                if (d2 == Double.POSITIVE_INFINITY) {
                    continue;
                }
                correspondences++;
                double rx = x - localMap.nearestX, ry = y - localMap.nearestY, rz = z - localMap.nearestZ;
                byte shape = planes || (first && checkDegeneracy) ? localMap.shape(localMap.nearestSlot)
                        : VoxelHashMap.SCATTER;
                double ax = 0, ay = 0, az = 0;
                if (shape != VoxelHashMap.SCATTER) {
                    int slot = localMap.nearestSlot;
                    ax = localMap.axisX(slot);
                    ay = localMap.axisY(slot);
                    az = localMap.axisZ(slot);
                }
                if (planes && shape == VoxelHashMap.PLANE) {
                    // residual e = n . r, Jacobian J = [n, p x n]
                    double e = ax * rx + ay * ry + az * rz;
                    double den = kernel + e * e;
                    double w = kernel * kernel / (den * den);
                    double j0 = ax, j1 = ay, j2 = az;
                    double j3 = y * az - z * ay, j4 = z * ax - x * az, j5 = x * ay - y * ax;
                    accumulate(hp, w, j0, j1, j2, j3, j4, j5);
                    g0 += w * j0 * e;
                    g1 += w * j1 * e;
                    g2 += w * j2 * e;
                    g3 += w * j3 * e;
                    g4 += w * j4 * e;
                    g5 += w * j5 * e;
                    if (first) {
                        cxx += w * ax * ax;
                        cxy += w * ax * ay;
                        cxz += w * ax * az;
                        cyy += w * ay * ay;
                        cyz += w * ay * az;
                        czz += w * az * az;
                        cw += w;
                    }
                    continue;
                }
                if (planes && shape == VoxelHashMap.LINE) {
                    // mostly the scan lines a spinning lidar leaves on flat ground: point-to-point on them pulls
                    // the sweep to where its lines coincide with the map's (see IcpResidual)
                    continue;
                }
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
                if (first && checkDegeneracy) {
                    // what this correspondence constrains, whatever the residual: a plane its normal, a line the
                    // directions across it, anything else all three
                    if (shape == VoxelHashMap.PLANE) {
                        cxx += w * ax * ax;
                        cxy += w * ax * ay;
                        cxz += w * ax * az;
                        cyy += w * ay * ay;
                        cyz += w * ay * az;
                        czz += w * az * az;
                    } else {
                        // lines and scattered points: a line constrains the directions across it, but the scan lines
                        // a spinning lidar leaves on flat ground are lines too (and constrain nothing along the
                        // ground); what is neither line nor plane is too sparse or too rough to say. Not counted
                        // (which undercounts corners: see OdometryConfig.DEFAULT_MIN_CONSTRAINT_FRACTION)
                        w = 0;
                    }
                    cw += w;
                }
            }
            if (correspondences < 6) {
                break;
            }
            if (first && checkDegeneracy && cw > 0) {
                findDegenerateDirections(cxx / cw, cxy / cw, cxz / cw, cyy / cw, cyz / cw, czz / cw);
            }
            double[] h = hessian;
            h[0] = sw + hp[0]; h[1] = hp[1]; h[2] = hp[2]; h[3] = hp[3]; h[4] = h04 + hp[4]; h[5] = h05 + hp[5];
            h[7] = sw + hp[7]; h[8] = hp[8]; h[9] = h13 + hp[9]; h[10] = hp[10]; h[11] = h15 + hp[11];
            h[14] = sw + hp[14]; h[15] = h23 + hp[15]; h[16] = h24 + hp[16]; h[17] = hp[17];
            h[21] = h33 + hp[21]; h[22] = h34 + hp[22]; h[23] = h35 + hp[23];
            h[28] = h44 + hp[28]; h[29] = h45 + hp[29];
            h[35] = h55 + hp[35];
            double[] b = gradient;
            b[0] = -g0; b[1] = -g1; b[2] = -g2; b[3] = -g3; b[4] = -g4; b[5] = -g5;
            if (degenerateDirections > 0) {
                // a degenerate direction has (almost) no curvature: damp it so the system stays solvable, then
                // drop the update's component along it
                double damping = 1e-3 * (h[0] + h[7] + h[14]) / 3 + 1e-9;
                for (int d = 0; d < degenerateDirections; d++) {
                    double vx = degenerate[3 * d], vy = degenerate[3 * d + 1], vz = degenerate[3 * d + 2];
                    h[0] += damping * vx * vx;
                    h[1] += damping * vx * vy;
                    h[2] += damping * vx * vz;
                    h[7] += damping * vy * vy;
                    h[8] += damping * vy * vz;
                    h[14] += damping * vz * vz;
                }
            }
            if (!Cholesky6.solveInPlace(h, b)) {
                break; // degenerate geometry: keep what we have
            }
            for (int d = 0; d < degenerateDirections; d++) {
                double vx = degenerate[3 * d], vy = degenerate[3 * d + 1], vz = degenerate[3 * d + 2];
                double along = vx * b[0] + vy * b[1] + vz * b[2];
                b[0] -= along * vx;
                b[1] -= along * vy;
                b[2] -= along * vz;
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

    /** Adds {@code w J J^T} to the upper triangle of the row-major 6x6 {@code h}. */
    private static void accumulate(double[] h, double w, double j0, double j1, double j2, double j3, double j4,
            double j5) {
        double w0 = w * j0, w1 = w * j1, w2 = w * j2, w3 = w * j3, w4 = w * j4, w5 = w * j5;
        h[0] += w0 * j0; h[1] += w0 * j1; h[2] += w0 * j2; h[3] += w0 * j3; h[4] += w0 * j4; h[5] += w0 * j5;
        h[7] += w1 * j1; h[8] += w1 * j2; h[9] += w1 * j3; h[10] += w1 * j4; h[11] += w1 * j5;
        h[14] += w2 * j2; h[15] += w2 * j3; h[16] += w2 * j4; h[17] += w2 * j5;
        h[21] += w3 * j3; h[22] += w3 * j4; h[23] += w3 * j5;
        h[28] += w4 * j4; h[29] += w4 * j5;
        h[35] += w5 * j5;
    }

    /**
     * Eigen-decomposes the normalised translation constraint (weights sum to 1: each eigenvalue is the fraction of
     * the correspondence weight that constrains its direction) and keeps the directions below the threshold.
     */
    private void findDegenerateDirections(double xx, double xy, double xz, double yy, double yz, double zz) {
        double[] c = constraint;
        c[0] = xx; c[1] = xy; c[2] = xz;
        c[3] = xy; c[4] = yy; c[5] = yz;
        c[6] = xz; c[7] = yz; c[8] = zz;
        SymmetricEigen3.decompose(c, constraintValues, constraintVectors, constraintWork);
        weakestConstraintFraction = Math.max(0, constraintValues[0]);
        int count = 0;
        for (int k = 0; k < 3; k++) {
            if (constraintValues[k] < config.minConstraintFraction()) {
                degenerate[3 * count] = constraintVectors[k];
                degenerate[3 * count + 1] = constraintVectors[3 + k];
                degenerate[3 * count + 2] = constraintVectors[6 + k];
                count++;
            }
        }
        degenerateDirections = count;
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
