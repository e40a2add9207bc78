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
 *   <li>tracks and measurements are assigned by the Hungarian method on the squared Mahalanobis distance of the
 *       innovation, pairs outside the gate forbidden: {@code d^2 <= gateChiSquare} and the distance from the
 *       prediction {@code <= maxJumpMeters} (so a 20 m jump never joins a track, whatever its covariance; each track
 *       left without a measurement while a measurement was left without a track is counted in
 *       {@link #gatedRejections()});</li>
 *   <li>assigned tracks are corrected; a new measurement starts a tentative track, confirmed (and given the next
 *       id, never reused) after {@code birthHits} consecutive hits; a tentative track that misses is dropped; a
 *       confirmed track is dropped once it has gone {@link TrackerConfig#deathSeconds} of its class without a
 *       measurement;</li>
 *   <li>the class is the one most of its classified measurements gave it (unknown until one did); the heading is
 *       the velocity's direction above {@code minHeadingSpeedMetersPerSec}, else the last box yaw.</li>
 * </ol>
 *
 * <p>Everything is preallocated to {@link TrackerConfig#maxTracks} and {@link TrackerConfig#maxMeasurements}:
 * {@link #update} allocates nothing. Not thread-safe: one instance per calling thread.
 */
public final class KalmanTracker {
    private static final int CLASSES = ObjectClass.values().length;
    private static final ObjectClass[] CLASS = ObjectClass.values();
    private static final int LIDAR_BIT = org.avfusion.runtime.fusion.Modality.LIDAR.bit();

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
            measurementLeft |= !mUsed[k];
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
            boolean dead = !confirmed[t]
                    || (stampNanos - lastSeenNanos[t]) * 1e-9 > config.deathSeconds(classOf(t)) + 1e-9;
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

    private int toOdom(TrackMeasurements in) {
        int m = 0;
        double c = Math.cos(egoYaw), s = Math.sin(egoYaw);
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
            m++;
        }
        return m;
    }

    private void associate(int m) {
        double gate = config.gateChiSquare();
        double jump2 = config.maxJumpMeters() * config.maxJumpMeters();
        for (int t = 0; t < count; t++) {
            int p = 16 * t;
            double px = state[4 * t], py = state[4 * t + 1];
            int row = t * m;
            for (int k = 0; k < m; k++) {
                // S = H P H^T + R_k: a camera-placed measurement brings its own, larger R
                double s00 = cov[p] + mr[k], s01 = cov[p + 1], s11 = cov[p + 5] + mr[k];
                double det = s00 * s11 - s01 * s01;
                double a = s11 / det, b = -s01 / det, c = s00 / det;
                double dx = mx[k] - px, dy = my[k] - py;
                double d2 = dx * (a * dx + b * dy) + dy * (b * dx + c * dy);
                costs[row + k] = d2 <= gate && dx * dx + dy * dy <= jump2 ? d2 : Double.POSITIVE_INFINITY;
            }
        }
        hungarian.solve(costs, count, m, gate, trackToMeas);
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
        tl[t] = in.length[i];
        tw[t] = in.width[i];
        th[t] = in.height[i];
        tyaw[t] = myaw[k];
        tModalities[t] = in.modalities[i];
        if ((in.modalities[i] & LIDAR_BIT) != 0) {
            tLidarHits[t]++;
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
