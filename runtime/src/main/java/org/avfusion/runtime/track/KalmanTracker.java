package org.avfusion.runtime.track;

import java.util.Objects;
import org.avfusion.runtime.assign.HungarianAssignment;
import org.avfusion.runtime.fusion.ObjectClass;

/**
 * Multi-object tracker: one linear Kalman filter per track over {@code (x, y, vx, vy)} in the odom frame with a
 * constant-velocity model and white-noise acceleration (Bar-Shalom, Li and Kirubarajan, "Estimation with
 * Applications to Tracking and Navigation", 2001, section 6.3.2), the position measured; the classic SORT / AB3DMOT
 * loop (Bewley et al. 2016; Weng et al. 2020) with Mahalanobis instead of IoU:
 *
 * <ol>
 *   <li>the ego pose in odom advances by the given {@link EgoMotion}; measurements (base frame) go to odom, each with
 *       its position variance: {@code measurementNoiseMeters^2}, or more for a measurement that says so (a camera
 *       detection placed by the flat-ground range or the depth model: metres of range error at 30 m);</li>
 *   <li>every track is predicted to the update's stamp;</li>
 *   <li><b>footprints of small road users</b> ({@code shapeStep}): a confirmed cyclist or pedestrian, or an
 *       unclassified mover whose remembered extents are a cyclist's, lays a box of its size along its heading at its
 *       prediction; the lidar measurements whose footprint points ({@link TrackMeasurements#addFootprintPoint}) lie
 *       in it are that track's: merged into one when there are several (the fragments a cluster breaks into beside
 *       the vehicle) and paired with it before the Hungarian. A cyclist seen in part (from behind: its rear face;
 *       beside: what the lidar's minimum range leaves) is placed by its size from the face it saw
 *       ({@code centreOnAxis}), and so is a camera detection placed on the cyclist's near surface. Why: the box of
 *       the part in view sat 0.6 m off the cyclist's centre, and its fragments started a second track
 *       ({@code cyclist-overtaking});</li>
 *   <li>the other tracks and measurements are assigned by the Hungarian method on the squared Mahalanobis distance
 *       of the innovation, pairs outside the gate forbidden: {@code d^2 <= gateChiSquare} and the distance from the
 *       prediction {@code <= maxJumpMeters} (so a 20 m jump never joins a track, whatever its covariance; each track
 *       left without a measurement while a measurement was left without a track is counted in
 *       {@link #gatedRejections()}), confirmed tracks first and tentative ones on what is left ({@code associate});
 *       </li>
 *   <li>assigned tracks are corrected; a new measurement starts a tentative track, confirmed (and given the next
 *       id, never reused) after {@code birthHits} consecutive hits; a tentative track that misses is dropped; a
 *       confirmed track is dropped once it has gone {@link TrackerConfig#deathSeconds} of its class without a
 *       measurement, and at least {@value #NEAR_COAST_SECONDS} s within {@value #NEAR_RANGE_METERS} m of the lidar
 *       (an object beside the vehicle is hidden by the lidar's minimum range for a while);</li>
 *   <li>the class is the one most of its classified measurements gave it (unknown until one did); the heading is
 *       the velocity's direction above {@code minHeadingSpeedMetersPerSec}, else the last box yaw.</li>
 * </ol>
 *
 * <p>What the footprint step leaves: a moving object's lidar points are where it was when the beam swept it, up to
 * one sweep period after the stamp (the obstacle pipeline does not deskew other road users); in the closed-loop
 * scenarios that puts an 8 m/s cyclist 0.2-0.3 m ahead of its position at the stamp, the median error left. The
 * sizes are class means, so a longer bicycle seen from behind is placed short by half the difference. Vehicles are
 * left as measured: their sizes vary too much for a prior, and following uses the near face, which is what is seen.
 *
 * <p>Everything is preallocated to {@link TrackerConfig#maxTracks} and {@link TrackerConfig#maxMeasurements}
 * (footprint points: buffers that grow to the largest set and are reused): {@link #update} allocates nothing in steady
 * state. Not thread-safe: one instance per calling thread.
 */
public final class KalmanTracker {
    private static final int CLASSES = ObjectClass.values().length;
    private static final ObjectClass[] CLASS = ObjectClass.values();
    private static final int LIDAR_BIT = org.avfusion.runtime.fusion.Modality.LIDAR.bit();
    private static final int CAMERA_BIT = org.avfusion.runtime.fusion.Modality.CAMERA.bit();

    /** Margin around a small road user's footprint within which its measurements' points must lie, metres. */
    static final double FOOTPRINT_MARGIN_METERS = 0.3;
    /** Share of a measurement's lidar points that must lie in one footprint for it to belong to that track. */
    static final double INSIDE_FRACTION = 0.7;
    /**
     * Within this range of the lidar, what is seen of an object can be cut by the lidar's minimum range (2.5 m by
     * default) and the vehicle's body, and a confirmed track coasts at least {@value #NEAR_COAST_SECONDS} s: an
     * object passing beside the vehicle is out of view for a while (an 8 m/s cyclist overtaking a 5 m/s ego: 0.5 s).
     */
    static final double NEAR_RANGE_METERS = 6.0;
    static final double NEAR_COAST_SECONDS = 1.0;
    /** Mean cyclist and pedestrian sizes of the KITTI object training labels (Geiger et al. 2012), metres. */
    static final double CYCLIST_LENGTH_METERS = 1.76;
    static final double CYCLIST_WIDTH_METERS = 0.60;
    static final double PEDESTRIAN_LENGTH_METERS = 0.84;
    static final double PEDESTRIAN_WIDTH_METERS = 0.66;
    /** An unclassified mover with remembered extents within these is a small road user (a bicycle, a scooter). */
    static final double SMALL_MAX_LENGTH_METERS = 2.5;
    static final double SMALL_MAX_WIDTH_METERS = 1.2;
    static final double SHAPE_DECAY = 0.95;

    private final TrackerConfig config;
    private final HungarianAssignment hungarian = new HungarianAssignment();
    private final double r;
    private final double q;
    private final double p0Position;
    private final double p0Velocity;

    // tracks, by slot [0, count)
    private final double[] state;
    private final double[] cov;
    private final long[] id;
    private final int[] streak;
    private final int[] hits;
    private final boolean[] confirmed;
    private final long[] lastSeenNanos;
    private final int[] votes;
    private final double[] tz, tl, tw, th, tyaw;
    private final int[] tModalities;
    private final int[] tLidarHits;
    private final double[] gain = new double[8]; // K, 4x2, of the track being corrected
    private final double[] hp = new double[8];   // H P, 2x4
    private final double[] sInv; // per track: a, b, c of the 2x2 inverse innovation covariance [[a, b], [b, c]]
    private int count;

    // measurements in odom
    private final double[] mx, my, myaw;
    private final double[] mr; // per measurement: its position variance, at least the configured one
    private final int[] mIndex;
    private final boolean[] mUsed;
    private final double[] costs;
    private final int[] trackToMeas;
    private final boolean[] trackMatched;

    // shape of small road users (see the class comment)
    private final double[] shapeL, shapeW; // per track: remembered extents along / across the heading, 0 = none
    private final boolean[] shaped;        // per track, this update: has a footprint
    private final double[] sL, sW, sHead;  // per track, this update: footprint size and heading
    private final boolean[] sAnchor;       // per track, this update: partial views are anchored
    private final int[] forcedMeas;        // per track, this update: the measurement its footprint took, or -1
    private final int[] forcedTrack;       // per measurement: the track whose footprint holds it, or -1
    private final double[] forcedD2;
    private final boolean[] absorbed;      // per measurement: a fragment merged into another measurement
    private final double[] mL, mW;         // per measurement: box size from the footprint fit, NaN = as measured
    private final int[] pStart;            // per measurement: its footprint in px/py (odom)
    private float[] px = new float[256], py = new float[256];
    private final int[] rowIdx, colIdx, subOut;
    private double sensorX, sensorY;       // the lidar in odom, this update
    private long fragmentsMerged;
    private long partialViewsAnchored;

    private double egoX, egoY, egoYaw;
    private long lastStampNanos;
    private boolean started;
    private long nextId = 1;
    private long gatedRejections;
    private long invalidMeasurements;
    private long tracksNotStarted;
    private long outOfOrderUpdates;
    private long confirmedTotal;
    private long droppedTotal;

    /** Room for {@code points} footprint points of one update's measurements now (between updates). */
    public void reserveFootprintPoints(int points) {
        if (px.length < points) {
            px = new float[points];
            py = new float[points];
        }
    }

    public KalmanTracker(TrackerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int n = config.maxTracks(), m = config.maxMeasurements();
        r = config.measurementNoiseMeters() * config.measurementNoiseMeters();
        q = config.accelNoiseMetersPerSec2() * config.accelNoiseMetersPerSec2();
        p0Position = r;
        p0Velocity = config.initialSpeedStdMetersPerSec() * config.initialSpeedStdMetersPerSec();
        state = new double[4 * n];
        cov = new double[16 * n];
        id = new long[n];
        streak = new int[n];
        hits = new int[n];
        confirmed = new boolean[n];
        lastSeenNanos = new long[n];
        votes = new int[CLASSES * n];
        tz = new double[n];
        tl = new double[n];
        tw = new double[n];
        th = new double[n];
        tyaw = new double[n];
        tModalities = new int[n];
        tLidarHits = new int[n];
        sInv = new double[3 * n];
        mx = new double[m];
        my = new double[m];
        myaw = new double[m];
        mr = new double[m];
        mIndex = new int[m];
        mUsed = new boolean[m];
        costs = new double[n * m];
        trackToMeas = new int[n];
        trackMatched = new boolean[n];
        shapeL = new double[n];
        shapeW = new double[n];
        shaped = new boolean[n];
        sL = new double[n];
        sW = new double[n];
        sHead = new double[n];
        sAnchor = new boolean[n];
        forcedMeas = new int[n];
        forcedTrack = new int[m];
        forcedD2 = new double[m];
        absorbed = new boolean[m];
        mL = new double[m];
        mW = new double[m];
        pStart = new int[m + 1];
        rowIdx = new int[n];
        colIdx = new int[m];
        subOut = new int[n];
    }

    public TrackerConfig config() {
        return config;
    }

    /** {@link #update(long, double, double, double, TrackMeasurements, Tracks)} with an {@link EgoMotion}. */
    public boolean update(long stampNanos, EgoMotion ego, TrackMeasurements measurements, Tracks out) {
        return update(stampNanos, ego.dxMeters(), ego.dyMeters(), ego.dyawRad(), measurements, out);
    }

    /**
     * One tracking step.
     *
     * @param stampNanos   the measurements' time (monotonic, nanoseconds)
     * @param egoDxMeters  ego motion since the last update (see {@link EgoMotion}); 0, 0, 0 when unknown
     * @param measurements this sweep's objects, base frame; read only
     * @param out          the confirmed tracks after the step (odom frame)
     * @return false (counted in {@link #outOfOrderUpdates()}, nothing changed) when the stamp is older than the last
     */
    public boolean update(long stampNanos, double egoDxMeters, double egoDyMeters, double egoDyawRad,
            TrackMeasurements measurements, Tracks out) {
        if (out.capacity() < config.maxTracks()) {
            throw new IllegalArgumentException("tracks output of capacity " + out.capacity()
                    + " is smaller than maxTracks " + config.maxTracks());
        }
        if (started && stampNanos < lastStampNanos) {
            outOfOrderUpdates++;
            return false;
        }
        double dt = started ? (stampNanos - lastStampNanos) * 1e-9 : 0;
        started = true;
        lastStampNanos = stampNanos;
        if (Double.isFinite(egoDxMeters) && Double.isFinite(egoDyMeters) && Double.isFinite(egoDyawRad)) {
            double c = Math.cos(egoYaw), s = Math.sin(egoYaw);
            egoX += c * egoDxMeters - s * egoDyMeters;
            egoY += s * egoDxMeters + c * egoDyMeters;
            egoYaw = Math.IEEEremainder(egoYaw + egoDyawRad, 2 * Math.PI);
        }
        for (int t = 0; t < count; t++) {
            predict(t, dt);
        }
        int m = toOdom(measurements);
        shapeStep(m);
        associate(m);
        for (int t = 0; t < count; t++) {
            int k = trackToMeas[t];
            trackMatched[t] = k >= 0;
            if (k >= 0) {
                correct(t, k, measurements, stampNanos);
                mUsed[k] = true;
            }
        }
        boolean measurementLeft = false;
        for (int k = 0; k < m; k++) {
            measurementLeft |= !mUsed[k] && !absorbed[k];
            mUsed[k] |= absorbed[k];
        }
        // drop, back to front so that swap-removal keeps the match flags aligned
        for (int t = count - 1; t >= 0; t--) {
            if (trackMatched[t]) {
                continue;
            }
            if (measurementLeft) {
                gatedRejections++;
            }
            streak[t] = 0;
            double death = config.deathSeconds(classOf(t));
            if (confirmed[t] && Math.hypot(state[4 * t] - sensorX, state[4 * t + 1] - sensorY) < NEAR_RANGE_METERS) {
                death = Math.max(death, NEAR_COAST_SECONDS);
            }
            boolean dead = !confirmed[t] || (stampNanos - lastSeenNanos[t]) * 1e-9 > death + 1e-9;
            if (dead) {
                remove(t);
            }
        }
        for (int k = 0; k < m; k++) {
            if (!mUsed[k]) {
                start(k, measurements, stampNanos);
            }
        }
        write(stampNanos, out);
        return true;
    }

    private TrackMeasurements lastInput;

    private int toOdom(TrackMeasurements in) {
        lastInput = in;
        int m = 0;
        double c = Math.cos(egoYaw), s = Math.sin(egoYaw);
        sensorX = egoX + c * in.sensorX - s * in.sensorY;
        sensorY = egoY + s * in.sensorX + c * in.sensorY;
        int np = 0;
        pStart[0] = 0;
        for (int i = 0; i < in.size; i++) {
            double x = in.x[i], y = in.y[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                invalidMeasurements++;
                continue;
            }
            if (m == mx.length) {
                invalidMeasurements++;
                continue;
            }
            mx[m] = egoX + c * x - s * y;
            my[m] = egoY + s * x + c * y;
            myaw[m] = Double.isFinite(in.yaw[i]) ? in.yaw[i] + egoYaw : egoYaw;
            double sigma = in.sigma[i];
            mr[m] = Double.isFinite(sigma) && sigma * sigma > r ? sigma * sigma : r;
            mIndex[m] = i;
            mUsed[m] = false;
            int from = in.fpStart[i], to = in.fpStart[i + 1];
            if (px.length < np + (to - from)) {
                px = java.util.Arrays.copyOf(px, Math.max(np + (to - from), 2 * px.length));
                py = java.util.Arrays.copyOf(py, px.length);
            }
            for (int j = from; j < to; j++) {
                px[np] = (float) (egoX + c * in.fpX[j] - s * in.fpY[j]);
                py[np] = (float) (egoY + s * in.fpX[j] + c * in.fpY[j]);
                np++;
            }
            pStart[m + 1] = np;
            m++;
        }
        return m;
    }

    /**
     * Hungarian on the squared Mahalanobis distance, in two rounds (the matching cascade of DeepSORT, Wojke et al.
     * 2017): confirmed tracks first, then tentative ones on the measurements left. In one round a new track's wide
     * covariance makes every innovation small, so a tentative track born from a fragment would otherwise win the
     * measurement of the confirmed track beside it. Tracks and measurements already paired by a footprint are out.
     */
    private void associate(int m) {
        for (int t = 0; t < count; t++) {
            trackToMeas[t] = forcedMeas[t];
        }
        int cols = 0;
        for (int k = 0; k < m; k++) {
            if (forcedTrack[k] < 0 && !absorbed[k]) {
                colIdx[cols++] = k;
            }
        }
        for (int round = 0; round < 2 && cols > 0; round++) {
            int rows = 0;
            for (int t = 0; t < count; t++) {
                if (trackToMeas[t] < 0 && confirmed[t] == (round == 0)) {
                    rowIdx[rows++] = t;
                }
            }
            if (rows == 0) {
                continue;
            }
            fillCosts(rows, cols);
            hungarian.solve(costs, rows, cols, config.gateChiSquare(), subOut);
            int left = 0;
            for (int r = 0; r < rows; r++) {
                if (subOut[r] >= 0) {
                    trackToMeas[rowIdx[r]] = colIdx[subOut[r]];
                    colIdx[subOut[r]] = -1 - colIdx[subOut[r]];
                }
            }
            for (int j = 0; j < cols; j++) {
                if (colIdx[j] >= 0) {
                    colIdx[left++] = colIdx[j];
                }
            }
            cols = left;
        }
    }

    private void fillCosts(int rows, int cols) {
        double gate = config.gateChiSquare();
        double jump2 = config.maxJumpMeters() * config.maxJumpMeters();
        for (int r = 0; r < rows; r++) {
            int t = rowIdx[r];
            int p = 16 * t;
            double tx = state[4 * t], ty = state[4 * t + 1];
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                int k = colIdx[j];
                // S = H P H^T + R_k: a camera-placed measurement brings its own, larger R
                double s00 = cov[p] + mr[k], s01 = cov[p + 1], s11 = cov[p + 5] + mr[k];
                double det = s00 * s11 - s01 * s01;
                double a = s11 / det, b = -s01 / det, c = s00 / det;
                double dx = mx[k] - tx, dy = my[k] - ty;
                double d2 = dx * (a * dx + b * dy) + dy * (b * dx + c * dy);
                costs[row + j] = d2 <= gate && dx * dx + dy * dy <= jump2 ? d2 : Double.POSITIVE_INFINITY;
            }
        }
    }

    /**
     * The footprint step (before the assignment): every confirmed track of a small road user ({@code shapeOf})
     * lays its footprint, a box of its size along its heading grown by {@value #FOOTPRINT_MARGIN_METERS} m, at its
     * prediction. A measurement with at least {@value #INSIDE_FRACTION} of its lidar points inside one footprint
     * belongs to that track (the nearest such track if several): all such measurements of a track are merged, their
     * points' extents along and across the heading giving one box ({@code centreOnAxis}), and paired with the track
     * outside the Hungarian. A camera detection without a cluster (placed on its box centre's ray at the depth of the
     * surface it saw) of the track's class near a cyclist track is moved along that ray by half the cyclist's depth
     * along it.
     */
    private void shapeStep(int m) {
        for (int k = 0; k < m; k++) {
            forcedTrack[k] = -1;
            absorbed[k] = false;
            mL[k] = Double.NaN;
            mW[k] = Double.NaN;
        }
        for (int t = 0; t < count; t++) {
            forcedMeas[t] = -1;
            shaped[t] = shapeOf(t);
            if (!shaped[t]) {
                continue;
            }
            double cu = Math.cos(sHead[t]), su = Math.sin(sHead[t]);
            double ox = state[4 * t], oy = state[4 * t + 1];
            double hu = sL[t] / 2 + FOOTPRINT_MARGIN_METERS, hv = sW[t] / 2 + FOOTPRINT_MARGIN_METERS;
            double reach = Math.hypot(hu, hv);
            for (int k = 0; k < m; k++) {
                int n = pStart[k + 1] - pStart[k];
                int i = mIndex[k];
                double half = Math.hypot(lastInput.length[i], lastInput.width[i]) / 2;
                if (n == 0 || (Math.hypot(mx[k] - ox, my[k] - oy) > reach + half && Double.isFinite(half))) {
                    continue; // its box cannot reach the footprint
                }
                int inside = 0;
                for (int j = pStart[k]; j < pStart[k + 1]; j++) {
                    double dx = px[j] - ox, dy = py[j] - oy;
                    if (Math.abs(dx * cu + dy * su) <= hu && Math.abs(-dx * su + dy * cu) <= hv) {
                        inside++;
                    }
                }
                if (inside >= INSIDE_FRACTION * n) {
                    double d2 = (mx[k] - ox) * (mx[k] - ox) + (my[k] - oy) * (my[k] - oy);
                    if (forcedTrack[k] < 0 || d2 < forcedD2[k]) {
                        forcedTrack[k] = t;
                        forcedD2[k] = d2;
                    }
                }
            }
        }
        for (int t = 0; t < count; t++) {
            if (shaped[t]) {
                fitFootprint(t, m);
            }
        }
        // a camera-placed measurement lies on the face it saw: the centre is half the object's depth further on
        for (int k = 0; k < m; k++) {
            int modalities = lastInput.modalities[mIndex[k]];
            if (pStart[k + 1] > pStart[k] || forcedTrack[k] >= 0 || (modalities & LIDAR_BIT) != 0
                    || (modalities & CAMERA_BIT) == 0) {
                continue;
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int t = 0; t < count; t++) {
                if (!shaped[t] || !sAnchor[t] || classOf(t) != mClass(k)) {
                    continue;
                }
                double d = Math.hypot(mx[k] - state[4 * t], my[k] - state[4 * t + 1]);
                if (d <= sL[t] + FOOTPRINT_MARGIN_METERS && d < bestD) {
                    bestD = d;
                    best = t;
                }
            }
            if (best >= 0) {
                double rx = mx[k] - sensorX, ry = my[k] - sensorY, r = Math.hypot(rx, ry);
                if (r > 0) {
                    double rel = Math.atan2(ry, rx) - sHead[best];
                    double half = (sL[best] * Math.abs(Math.cos(rel)) + sW[best] * Math.abs(Math.sin(rel))) / 2;
                    mx[k] += rx / r * half;
                    my[k] += ry / r * half;
                    int i = mIndex[k];
                    mL[k] = Math.max(lastInput.length[i], sL[best]);
                    mW[k] = Math.max(lastInput.width[i], sW[best]);
                    myaw[k] = sHead[best];
                    partialViewsAnchored++;
                }
            }
        }
    }

    private ObjectClass mClass(int k) {
        return lastInput.objectClass[mIndex[k]];
    }

    /** Merges the measurements track t's footprint holds into the one with the most points, placed by its fit. */
    private void fitFootprint(int t, int m) {
        double cu = Math.cos(sHead[t]), su = Math.sin(sHead[t]);
        double ox = state[4 * t], oy = state[4 * t + 1];
        double loU = Double.POSITIVE_INFINITY, hiU = Double.NEGATIVE_INFINITY;
        double loV = Double.POSITIVE_INFINITY, hiV = Double.NEGATIVE_INFINITY;
        int rep = -1, parts = 0;
        for (int k = 0; k < m; k++) {
            if (forcedTrack[k] != t) {
                continue;
            }
            parts++;
            if (rep < 0 || pStart[k + 1] - pStart[k] > pStart[rep + 1] - pStart[rep]) {
                rep = k;
            }
            for (int j = pStart[k]; j < pStart[k + 1]; j++) {
                double dx = px[j] - ox, dy = py[j] - oy;
                double u = dx * cu + dy * su, v = -dx * su + dy * cu;
                loU = Math.min(loU, u);
                hiU = Math.max(hiU, u);
                loV = Math.min(loV, v);
                hiV = Math.max(hiV, v);
            }
        }
        if (rep < 0) {
            return;
        }
        for (int k = 0; k < m; k++) {
            if (forcedTrack[k] == t && k != rep) {
                absorbed[k] = true;
                forcedTrack[k] = -1;
                fragmentsMerged++;
            }
        }
        forcedMeas[t] = rep;
        double sdx = sensorX - ox, sdy = sensorY - oy;
        double sensU = sdx * cu + sdy * su, sensV = -sdx * su + sdy * cu;
        double cU, cV;
        double midU = (loU + hiU) / 2, midV = (loV + hiV) / 2;
        boolean near = Math.hypot(midU - sensU, midV - sensV) < NEAR_RANGE_METERS;
        // an unclassified mover's size is only what it has shown: it keeps the prediction near the lidar, but far
        // from it the part in view is not moved by a size it may not have
        if (sAnchor[t] && (near || classOf(t) != ObjectClass.UNKNOWN)) {
            cU = centreOnAxis(loU, hiU, sL[t], sensU, near);
            cV = centreOnAxis(loV, hiV, sW[t], sensV, near);
            if (hiU - loU < sL[t] || hiV - loV < sW[t]) {
                partialViewsAnchored++;
            }
            mL[rep] = Math.max(hiU - loU, sL[t]);
            mW[rep] = Math.max(hiV - loV, sW[t]);
        } else {
            cU = (loU + hiU) / 2;
            cV = (loV + hiV) / 2;
            mL[rep] = hiU - loU;
            mW[rep] = hiV - loV;
        }
        mx[rep] = ox + cU * cu - cV * su;
        my[rep] = oy + cU * su + cV * cu;
        myaw[rep] = sHead[t];
    }

    /**
     * The centre, on one axis of the track's frame (the prediction at 0), of an object of extent {@code size} whose
     * visible points span {@code [lo, hi]}. Seen whole ({@code hi - lo >= size}): the middle. Seen in part, the centre
     * lies in {@code [hi - size/2, lo + size/2]} (the object covers what was seen); far from the sensor, the part
     * seen is the one that faces it (self-occlusion), so the near face is anchored: {@code lo + size/2} when the
     * sensor lies below {@code lo} on this axis, {@code hi - size/2} above {@code hi}. Near the sensor (within
     * {@value #NEAR_RANGE_METERS} m) or with the sensor beside the part seen, what is missing may be cut by the
     * lidar's minimum range or the vehicle's body on either side, so the prediction is kept, clamped into that
     * interval.
     */
    static double centreOnAxis(double lo, double hi, double size, double sensor, boolean near) {
        if (hi - lo >= size) {
            return (lo + hi) / 2;
        }
        double a = hi - size / 2, b = lo + size / 2;
        if (!near && sensor <= lo) {
            return b;
        }
        if (!near && sensor >= hi) {
            return a;
        }
        return Math.min(Math.max(0, a), b);
    }

    /**
     * Whether confirmed track t is a small road user with a footprint this update, and its size and heading
     * (into sL, sW, sHead, sAnchor): a cyclist (class prior, anchored), a pedestrian (class prior, merged but never
     * anchored: a person is about as deep as wide and the box centre is already within a few centimetres), an
     * unclassified track moving faster than {@code minHeadingSpeedMetersPerSec} whose remembered extents are those of
     * a small road user (a cyclist seen from behind before any camera saw it: anchored with them, but only within
     * {@value #NEAR_RANGE_METERS} m of the lidar, where its minimum range cuts what is seen).
     */
    private boolean shapeOf(int t) {
        if (!confirmed[t]) {
            return false;
        }
        int s = 4 * t;
        double speed = Math.hypot(state[s + 2], state[s + 3]);
        boolean moving = speed > Math.max(config.minHeadingSpeedMetersPerSec(), 1e-3);
        double heading = moving ? Math.atan2(state[s + 3], state[s + 2]) : tyaw[t];
        switch (classOf(t)) {
            case CYCLIST -> {
                sL[t] = CYCLIST_LENGTH_METERS;
                sW[t] = CYCLIST_WIDTH_METERS;
                sAnchor[t] = true;
            }
            case PEDESTRIAN -> {
                sL[t] = PEDESTRIAN_LENGTH_METERS;
                sW[t] = PEDESTRIAN_WIDTH_METERS;
                sAnchor[t] = false;
                if (!moving) {
                    heading = Math.atan2(state[s + 1] - sensorY, state[s] - sensorX);
                }
            }
            case UNKNOWN -> {
                if (!moving || shapeL[t] <= 0 || shapeL[t] > SMALL_MAX_LENGTH_METERS
                        || shapeW[t] > SMALL_MAX_WIDTH_METERS) {
                    return false;
                }
                sL[t] = shapeL[t];
                sW[t] = shapeW[t];
                sAnchor[t] = true;
            }
            default -> {
                return false;
            }
        }
        sHead[t] = heading;
        return true;
    }

    /** Remembers the extents of an unclassified moving track's lidar measurement along and across its heading. */
    private void rememberShape(int t, int k) {
        int s = 4 * t;
        double speed = Math.hypot(state[s + 2], state[s + 3]);
        if (pStart[k + 1] - pStart[k] < 2 || speed <= Math.max(config.minHeadingSpeedMetersPerSec(), 1e-3)) {
            return;
        }
        double h = Math.atan2(state[s + 3], state[s + 2]);
        double cu = Math.cos(h), su = Math.sin(h);
        double loU = Double.POSITIVE_INFINITY, hiU = Double.NEGATIVE_INFINITY;
        double loV = Double.POSITIVE_INFINITY, hiV = Double.NEGATIVE_INFINITY;
        for (int j = pStart[k]; j < pStart[k + 1]; j++) {
            double u = px[j] * cu + py[j] * su, v = -px[j] * su + py[j] * cu;
            loU = Math.min(loU, u);
            hiU = Math.max(hiU, u);
            loV = Math.min(loV, v);
            hiV = Math.max(hiV, v);
        }
        // grows at once, shrinks by 5 % an update: a partial view does not make the object smaller
        shapeL[t] = Math.max(hiU - loU, SHAPE_DECAY * shapeL[t]);
        shapeW[t] = Math.max(hiV - loV, SHAPE_DECAY * shapeW[t]);
    }

    private void predict(int t, double dt) {
        if (dt <= 0) {
            return;
        }
        int s = 4 * t, p = 16 * t;
        state[s] += dt * state[s + 2];
        state[s + 1] += dt * state[s + 3];
        // P = F P F^T with F = [I dt*I; 0 I]: rows then columns
        for (int col = 0; col < 4; col++) {
            cov[p + col] += dt * cov[p + 8 + col];
            cov[p + 4 + col] += dt * cov[p + 12 + col];
        }
        for (int row = 0; row < 4; row++) {
            cov[p + 4 * row] += dt * cov[p + 4 * row + 2];
            cov[p + 4 * row + 1] += dt * cov[p + 4 * row + 3];
        }
        double dt2 = dt * dt;
        double qpp = q * dt2 * dt2 / 4, qpv = q * dt2 * dt / 2, qvv = q * dt2;
        cov[p] += qpp;
        cov[p + 5] += qpp;
        cov[p + 10] += qvv;
        cov[p + 15] += qvv;
        cov[p + 2] += qpv;
        cov[p + 8] += qpv;
        cov[p + 7] += qpv;
        cov[p + 13] += qpv;
    }

    private void correct(int t, int k, TrackMeasurements in, long stampNanos) {
        int s = 4 * t, p = 16 * t;
        double s00 = cov[p] + mr[k], s01 = cov[p + 1], s11 = cov[p + 5] + mr[k];
        double det = s00 * s11 - s01 * s01;
        double a = s11 / det, b = -s01 / det, c = s00 / det;
        sInv[3 * t] = a;
        sInv[3 * t + 1] = b;
        sInv[3 * t + 2] = c;
        double yx = mx[k] - state[s], yy = my[k] - state[s + 1];
        // K = P H^T S^-1 (4x2); H P = first two rows of P
        double k0x, k0y;
        double[] kk = gain;
        for (int row = 0; row < 4; row++) {
            double p0 = cov[p + 4 * row], p1 = cov[p + 4 * row + 1];
            k0x = p0 * a + p1 * b;
            k0y = p0 * b + p1 * c;
            kk[2 * row] = k0x;
            kk[2 * row + 1] = k0y;
            state[s + row] += k0x * yx + k0y * yy;
        }
        // P = P - K (H P)
        for (int col = 0; col < 4; col++) {
            hp[col] = cov[p + col];
            hp[4 + col] = cov[p + 4 + col];
        }
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                cov[p + 4 * row + col] -= kk[2 * row] * hp[col] + kk[2 * row + 1] * hp[4 + col];
            }
        }
        for (int row = 0; row < 4; row++) {
            for (int col = row + 1; col < 4; col++) {
                double avg = (cov[p + 4 * row + col] + cov[p + 4 * col + row]) / 2;
                cov[p + 4 * row + col] = avg;
                cov[p + 4 * col + row] = avg;
            }
        }
        int i = mIndex[k];
        tz[t] = in.z[i];
        tl[t] = Double.isNaN(mL[k]) ? in.length[i] : mL[k];
        tw[t] = Double.isNaN(mW[k]) ? in.width[i] : mW[k];
        th[t] = in.height[i];
        tyaw[t] = myaw[k];
        tModalities[t] = in.modalities[i];
        if ((in.modalities[i] & LIDAR_BIT) != 0) {
            tLidarHits[t]++;
        }
        if (forcedMeas[t] != k && classOf(t) == ObjectClass.UNKNOWN) {
            rememberShape(t, k);
        }
        if (in.objectClass[i] != ObjectClass.UNKNOWN) {
            votes[CLASSES * t + in.objectClass[i].ordinal()]++;
        }
        hits[t]++;
        streak[t]++;
        lastSeenNanos[t] = stampNanos;
        if (!confirmed[t] && streak[t] >= config.birthHits()) {
            confirm(t);
        }
    }

    private void start(int k, TrackMeasurements in, long stampNanos) {
        if (count == id.length) {
            tracksNotStarted++;
            return;
        }
        int t = count++;
        int s = 4 * t, p = 16 * t;
        state[s] = mx[k];
        state[s + 1] = my[k];
        state[s + 2] = 0;
        state[s + 3] = 0;
        java.util.Arrays.fill(cov, p, p + 16, 0);
        cov[p] = Math.max(p0Position, mr[k]);
        cov[p + 5] = Math.max(p0Position, mr[k]);
        cov[p + 10] = p0Velocity;
        cov[p + 15] = p0Velocity;
        java.util.Arrays.fill(votes, CLASSES * t, CLASSES * (t + 1), 0);
        int i = mIndex[k];
        if (in.objectClass[i] != ObjectClass.UNKNOWN) {
            votes[CLASSES * t + in.objectClass[i].ordinal()]++;
        }
        tz[t] = in.z[i];
        tl[t] = in.length[i];
        tw[t] = in.width[i];
        th[t] = in.height[i];
        tyaw[t] = myaw[k];
        tModalities[t] = in.modalities[i];
        tLidarHits[t] = (in.modalities[i] & LIDAR_BIT) != 0 ? 1 : 0;
        id[t] = 0;
        shapeL[t] = 0;
        shapeW[t] = 0;
        forcedMeas[t] = -1;
        hits[t] = 1;
        streak[t] = 1;
        confirmed[t] = false;
        lastSeenNanos[t] = stampNanos;
        if (config.birthHits() <= 1) {
            confirm(t);
        }
    }

    private void confirm(int t) {
        confirmed[t] = true;
        id[t] = nextId++;
        confirmedTotal++;
    }

    private ObjectClass classOf(int t) {
        int best = 0, bestVotes = 0;
        for (int c = 1; c < CLASSES; c++) {
            int v = votes[CLASSES * t + c];
            if (v > bestVotes) {
                bestVotes = v;
                best = c;
            }
        }
        return CLASS[best];
    }

    private void remove(int t) {
        if (confirmed[t]) {
            droppedTotal++;
        }
        int last = --count;
        if (t == last) {
            return;
        }
        System.arraycopy(state, 4 * last, state, 4 * t, 4);
        System.arraycopy(cov, 16 * last, cov, 16 * t, 16);
        System.arraycopy(votes, CLASSES * last, votes, CLASSES * t, CLASSES);
        System.arraycopy(sInv, 3 * last, sInv, 3 * t, 3);
        id[t] = id[last];
        streak[t] = streak[last];
        hits[t] = hits[last];
        confirmed[t] = confirmed[last];
        lastSeenNanos[t] = lastSeenNanos[last];
        tz[t] = tz[last];
        tl[t] = tl[last];
        tw[t] = tw[last];
        th[t] = th[last];
        tyaw[t] = tyaw[last];
        tModalities[t] = tModalities[last];
        tLidarHits[t] = tLidarHits[last];
        trackMatched[t] = trackMatched[last];
        trackToMeas[t] = trackToMeas[last];
        shapeL[t] = shapeL[last];
        shapeW[t] = shapeW[last];
        forcedMeas[t] = forcedMeas[last];
    }

    private void write(long stampNanos, Tracks out) {
        int n = 0;
        double minSpeed = config.minHeadingSpeedMetersPerSec();
        for (int t = 0; t < count; t++) {
            if (!confirmed[t]) {
                continue;
            }
            int s = 4 * t;
            out.id[n] = id[t];
            out.objectClass[n] = classOf(t);
            out.x[n] = state[s];
            out.y[n] = state[s + 1];
            out.vx[n] = state[s + 2];
            out.vy[n] = state[s + 3];
            double speed = Math.hypot(state[s + 2], state[s + 3]);
            out.heading[n] = speed > minSpeed ? Math.atan2(state[s + 3], state[s + 2]) : tyaw[t];
            out.z[n] = tz[t];
            out.length[n] = tl[t];
            out.width[n] = tw[t];
            out.height[n] = th[t];
            System.arraycopy(cov, 16 * t, out.covariance, 16 * n, 16);
            out.hits[n] = hits[t];
            out.secondsSinceUpdate[n] = (stampNanos - lastSeenNanos[t]) * 1e-9;
            out.updated[n] = lastSeenNanos[t] == stampNanos;
            out.modalities[n] = tModalities[t];
            out.lidarHits[n] = tLidarHits[t];
            n++;
        }
        out.size = n;
    }

    /** Measurements merged into another one because one small road user's footprint held both. */
    public long fragmentsMerged() {
        return fragmentsMerged;
    }

    /** Measurements of a small road user seen in part, placed by its size (footprint fits and camera placements). */
    public long partialViewsAnchored() {
        return partialViewsAnchored;
    }

    /** Tracks held now, tentative and confirmed. */
    public int trackCount() {
        return count;
    }

    /** The ego's pose in odom after the last update: x, y (metres), yaw (radians). */
    public double egoXMeters() {
        return egoX;
    }

    public double egoYMeters() {
        return egoY;
    }

    public double egoYawRad() {
        return egoYaw;
    }

    /** Tracks left without a measurement in an update that left a measurement without a track: outside the gate. */
    public long gatedRejections() {
        return gatedRejections;
    }

    /** Measurements with a non-finite position, or beyond {@code maxMeasurements}. */
    public long invalidMeasurements() {
        return invalidMeasurements;
    }

    /** Measurements that could not start a track because {@code maxTracks} were held. */
    public long tracksNotStarted() {
        return tracksNotStarted;
    }

    /** Updates refused for a stamp older than the last. */
    public long outOfOrderUpdates() {
        return outOfOrderUpdates;
    }

    /** Tracks confirmed (ids given) over this tracker's life. */
    public long confirmedTotal() {
        return confirmedTotal;
    }

    /** Confirmed tracks dropped for want of measurements over this tracker's life. */
    public long droppedTotal() {
        return droppedTotal;
    }
}
