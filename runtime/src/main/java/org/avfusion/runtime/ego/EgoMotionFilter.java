package org.avfusion.runtime.ego;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.runtime.ego.EgoMeasurement.GnssPosition;
import org.avfusion.runtime.ego.EgoMeasurement.GnssVelocity;
import org.avfusion.runtime.ego.EgoMeasurement.ImuYawRate;
import org.avfusion.runtime.ego.EgoMeasurement.OdometryTwist;
import org.avfusion.runtime.ego.EgoMeasurement.VehicleSpeed;
import org.avfusion.runtime.ego.EgoMeasurement.WheelSpeeds;

/**
 * Planar ego-motion extended Kalman filter. State (8): east, north (m, local ENU anchored at the first GNSS fix),
 * yaw (rad, ENU: counter-clockwise from east), forward speed (m/s), yaw rate (rad/s), longitudinal acceleration
 * (m/s^2), IMU yaw-rate bias (rad/s) and wheel/CAN speed scale (measured speed = true speed * scale: tyre radius
 * error; without it a 1 % odometer error is 1.5 m of drift per 10 s at 15 m/s). Process model: constant yaw rate
 * and acceleration (CTRA) integrated with Euler steps of at most 10 ms; yaw acceleration, jerk, bias and scale are
 * random walks (Thrun, Burgard, Fox, <i>Probabilistic Robotics</i>, ch. 3.3; the measurement set follows ROS
 * robot_localization's {@code ekf_localization_node}).
 *
 * <p>Measurements ({@link EgoMeasurement}): IMU yaw rate (+ bias) and optional longitudinal acceleration; CAN speed
 * and four wheel speeds (speed, and yaw rate from the left/right difference over the track width); GNSS position
 * (WGS-84, projected onto a {@link LocalTangentPlane}); GNSS speed and course; odometry twist. Each update is
 * gated by its Mahalanobis distance against a chi-square bound; refusals are counted per source ({@link #health()}).
 * After {@link EgoFilterConfig#reanchorAfterGatedFixes()} consecutive gated fixes the filter, not the receiver, is
 * presumed wrong and the position is reset to the fix.
 *
 * <p>Time: measurements may arrive out of order across sources. The filter keeps the last
 * {@link EgoFilterConfig#historyLength()} measurements with the state after each; a late one (within
 * {@link EgoFilterConfig#maxOutOfOrderSeconds()} and the history) is inserted at its place and the later ones are
 * re-applied. A stamp earlier than the same source's previous stamp is time going backwards: counted and dropped.
 * A late measurement older than every one kept is still taken while the history holds everything since the first
 * measurement (and it is within the window): the filter restarts from its prior at that stamp and re-applies the
 * history. This is the start of every drive: the IMU's first samples arrive before the GNSS receiver's first fix
 * (which is older than them but comes later, by the receiver's latency), and dropping that fix would leave the
 * first decisions without a speed.
 *
 * <p>Standstill: no source models reversing ({@link EgoMeasurement.VehicleSpeed}), so the forward speed is
 * constrained to {@code >= 0} by estimate projection (Simon, "Kalman filtering with state constraints: a survey",
 * IET Control Theory and Applications 4(8), 2010): after every update and prediction step a negative speed is set
 * to 0, and a negative acceleration with it (a vehicle at rest does not go on braking). Without it the CTRA model
 * carries the braking deceleration through zero between two speed updates and the published speed goes negative at
 * rest. When the vehicle-speed signal or every usable wheel reads exactly 0 the wheels do not turn: a zero-velocity
 * update (ZUPT; Foxlin, "Pedestrian tracking with shoe-mounted inertial sensors", IEEE CG&amp;A 25(6), 2005) adds
 * pseudo-measurements of zero speed, acceleration and yaw rate, which pin the estimate at rest and let the IMU's
 * readings there estimate its yaw-rate bias. They pass the same Mahalanobis gate, so a wheel sensor stuck at 0 while
 * the estimate moves is refused rather than stopping the estimate.
 *
 * <p>Bad sensors: a wheel (or the speed signal) whose value stays exactly the same for
 * {@link EgoFilterConfig#stuckWheelSeconds()} while the estimate says the vehicle moves and disagrees by more
 * than the moving speed is stuck: left out (and counted) until its value changes. A constant IMU bias is
 * estimated by the bias state; a GNSS jump is gated.
 *
 * <p>Hot path: the matrix algebra is hand-written for this fixed size over preallocated arrays (the propagation
 * exploits the sparse Jacobian, updates are at most two-dimensional): {@link #update} and {@link #predict} allocate
 * nothing (checked by the JMH benchmark {@code EgoFilterBenchmark} with {@code -prof gc}); a general matrix library
 * would allocate per call or cost an 8x8 dense product per step. {@link #estimate()} allocates its record.
 *
 * <p>Not thread-safe: one filter per stage, called from one thread.
 */
public final class EgoMotionFilter {
    /** State size. */
    public static final int N = 8;
    static final int EAST = 0;
    static final int NORTH = 1;
    static final int YAW = 2;
    static final int SPEED = 3;
    static final int YAW_RATE = 4;
    static final int ACCEL = 5;
    static final int BIAS = 6;
    static final int SCALE = 7;

    private static final long MAX_STEP_NANOS = 10_000_000L;
    /** Zero-velocity update: the speed of wheels that do not turn, m/s (an encoder's resolution). */
    private static final double ZUPT_SPEED_STD = 0.01;
    /** Zero-velocity update: longitudinal acceleration at rest, m/s^2 (engine vibration, occupants). */
    private static final double ZUPT_ACCEL_STD = 0.05;
    /** Zero-velocity update: yaw rate at rest, rad/s (body rocking). */
    private static final double ZUPT_YAW_RATE_STD = 0.002;
    private static final int C_FUSED = 0;
    private static final int C_GATED = 1;
    private static final int C_BACKWARDS = 2;
    private static final int C_TOO_OLD = 3;
    private static final int C_OUT_OF_ORDER = 4;
    private static final int C_STUCK = 5;
    private static final int C_STUCK_EVENTS = 6;
    /** Wheel index of the vehicle-speed signal in the stuck detector. */
    private static final int SPEED_SIGNAL = 4;
    private static final int ALL_WHEELS = 0b1111;

    /** What became of one measurement. */
    public enum Outcome {
        /** Applied. */
        FUSED,
        /** Refused by the Mahalanobis gate. */
        GATED,
        /** Used to anchor, re-anchor or initialise (first GNSS fix, heading from displacement). */
        INITIALISED,
        /** Earlier than the same source's previous stamp: dropped. */
        TIME_BACKWARDS,
        /** Older than the out-of-order window or the history: dropped. */
        TOO_OLD,
        /** Every wheel it carries is stuck: nothing to apply. */
        STUCK
    }

    private final EgoFilterConfig config;
    private final double[] x = new double[N];
    private final double[] p = new double[N * N];
    // update scratch (m <= 2)
    private final double[] h0 = new double[N];
    private final double[] h1 = new double[N];
    private final double[] pht0 = new double[N];
    private final double[] pht1 = new double[N];
    private final double[] k0 = new double[N];
    private final double[] k1 = new double[N];
    private final double[] enu = new double[3];
    // estimateAt scratch: the current state while an earlier one is looked at
    private final double[] savedX = new double[N];
    private final double[] geo = new double[3];

    // history ring: slot(i) = (head + i) % capacity, oldest first
    private final int capacity;
    private final long[] hStamp;
    private final EgoMeasurement[] hMeasurement;
    private final int[] hMask;
    private double[][] hX;
    private double[][] hP;
    private int head;
    private int count;

    private final long[] lastStamp = new long[EgoSource.values().length];
    private final long[] lastFused = new long[EgoSource.values().length];
    private final long[][] counters = new long[EgoSource.values().length][7];
    private long reanchors;
    private long refiltered;

    // stuck detection: 4 wheels + the vehicle-speed signal
    private final double[] wheelValue = new double[5];
    private final long[] wheelSince = new long[5];
    private final boolean[] wheelStuck = new boolean[5];

    private boolean initialised;
    private long timeNanos;
    /** The earliest measurement stamp: where dead reckoning starts before the first fix. */
    private long firstStampNanos;
    /** Whether the speed's std has fallen below {@link EgoFilterConfig#unknownSpeedStdMetersPerSec()} once. */
    private boolean speedObserved;
    /** Whether the history has dropped a measurement (a restart from the prior is no longer possible). */
    private boolean historyTruncated;
    private LocalTangentPlane plane;
    private boolean headingKnown;
    private double headingRefEast;
    private double headingRefNorth;
    private int consecutiveGatedFixes;

    public EgoMotionFilter(EgoFilterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        capacity = config.historyLength();
        hStamp = new long[capacity];
        hMeasurement = new EgoMeasurement[capacity];
        hMask = new int[capacity];
        hX = new double[capacity][N];
        hP = new double[capacity][N * N];
        java.util.Arrays.fill(lastStamp, Long.MIN_VALUE);
        java.util.Arrays.fill(lastFused, Long.MIN_VALUE);
        java.util.Arrays.fill(wheelValue, Double.NaN);
        resetState();
    }

    public EgoFilterConfig config() {
        return config;
    }

    /**
     * Fuses one measurement at its own stamp (see the class comment for late and backward stamps).
     *
     * @return what became of it (also counted in {@link #health()})
     */
    public Outcome update(EgoMeasurement m) {
        int s = m.source().ordinal();
        long t = m.stampNanos();
        if (t < lastStamp[s]) {
            counters[s][C_BACKWARDS]++;
            return Outcome.TIME_BACKWARDS;
        }
        lastStamp[s] = t;
        if (!initialised) {
            initialised = true;
            timeNanos = t;
            firstStampNanos = t;
        }
        boolean beforeHistory = t < timeNanos && (count == 0 || t < hStamp[slot(0)]);
        if (t < timeNanos && (timeNanos - t > (long) (config.maxOutOfOrderSeconds() * 1e9)
                || beforeHistory && (historyTruncated || count == capacity))) {
            counters[s][C_TOO_OLD]++;
            return Outcome.TOO_OLD;
        }
        int mask = stuckMask(m, t);
        if (mask == 0) {
            counters[s][C_STUCK]++;
            return Outcome.STUCK;
        }
        if (mask != ALL_WHEELS) {
            counters[s][C_STUCK]++;
        }
        if (t >= timeNanos) {
            predictTo(t);
            Outcome o = apply(m, mask, true);
            if (count == capacity) {
                dropOldest();
            }
            store(count++, m, mask);
            return o;
        }
        counters[s][C_OUT_OF_ORDER]++;
        long resume = timeNanos;
        if (beforeHistory) {
            return restartWith(m, mask, resume);
        }
        int k = 1;
        while (k < count && hStamp[slot(k)] <= t) {
            k++;
        }
        restore(k - 1);
        predictTo(t);
        Outcome o = apply(m, mask, true);
        if (count == capacity) {
            dropOldest();
            k--;
        }
        insertSlotAt(k);
        store(k, m, mask);
        for (int j = k + 1; j < count; j++) {
            int sl = slot(j);
            predictTo(hStamp[sl]);
            apply(hMeasurement[sl], hMask[sl], false);
            snapshot(sl);
            refiltered++;
        }
        predictTo(resume);
        return o;
    }

    /**
     * A late measurement older than the whole (complete) history: back to the prior at its stamp, apply it, then
     * re-apply every kept measurement and predict to {@code resume}.
     */
    private Outcome restartWith(EgoMeasurement m, int mask, long resume) {
        resetState();
        plane = null;
        headingKnown = false;
        headingRefEast = 0;
        headingRefNorth = 0;
        consecutiveGatedFixes = 0;
        speedObserved = false;
        timeNanos = m.stampNanos();
        firstStampNanos = Math.min(firstStampNanos, timeNanos);
        Outcome o = apply(m, mask, true);
        insertSlotAt(0);
        store(0, m, mask);
        for (int j = 1; j < count; j++) {
            int sl = slot(j);
            predictTo(hStamp[sl]);
            apply(hMeasurement[sl], hMask[sl], false);
            snapshot(sl);
            refiltered++;
        }
        predictTo(resume);
        return o;
    }

    /** Propagates the state to {@code toStampNanos}; an earlier time than the filter's is ignored. */
    public void predict(long toStampNanos) {
        if (initialised && toStampNanos > timeNanos) {
            predictTo(toStampNanos);
        }
    }

    /**
     * The estimate at {@code stampNanos}. When the filter is not there yet it is predicted forward (as
     * {@link #predict}). When measurements newer than the stamp were already fused (the IMU's samples during a lidar
     * sweep, which is released only once complete) the current state is retrodicted: carried back to the stamp along
     * the same CTRA model (speed minus acceleration times the interval, heading minus yaw rate times it, position
     * back along the arc), so the estimate is the one for the stamp, made with everything fused so far (a set stamped
     * just before the first GNSS fix still gets that fix's speed). The covariance is the current one. The filter's
     * own state is left as it was. Allocates only the record.
     */
    public EgoEstimate estimateAt(long stampNanos) {
        if (!initialised || stampNanos >= timeNanos) {
            predict(stampNanos);
            return estimate();
        }
        long now = timeNanos;
        System.arraycopy(x, 0, savedX, 0, N);
        long left = now - stampNanos;
        while (left > 0) {
            long h = Math.min(left, MAX_STEP_NANOS);
            double dt = h * 1e-9;
            x[SPEED] -= x[ACCEL] * dt;
            x[YAW] = wrap(x[YAW] - x[YAW_RATE] * dt);
            x[EAST] -= x[SPEED] * Math.cos(x[YAW]) * dt;
            x[NORTH] -= x[SPEED] * Math.sin(x[YAW]) * dt;
            constrainSpeed();
            left -= h;
        }
        timeNanos = stampNanos;
        EgoEstimate e = estimate();
        System.arraycopy(savedX, 0, x, 0, N);
        timeNanos = now;
        return e;
    }

    /** The estimate at the filter's current time (its latest measurement or prediction). */
    public EgoEstimate estimate() {
        double lat = Double.NaN;
        double lon = Double.NaN;
        if (plane != null) {
            plane.toGeodetic(x[EAST], x[NORTH], 0, geo);
            lat = geo[0];
            lon = geo[1];
        }
        double heading = 90 - Math.toDegrees(x[YAW]);
        heading = heading - 360 * Math.floor(heading / 360);
        if (heading >= 360) {
            heading = 0;
        }
        Map<EgoSource, Double> ages = new EnumMap<>(EgoSource.class);
        long newest = Long.MIN_VALUE;
        for (EgoSource src : EgoSource.values()) {
            long last = lastFused[src.ordinal()];
            if (last == Long.MIN_VALUE) {
                continue;
            }
            last = Math.min(last, timeNanos); // estimateAt an earlier stamp: what is newer counts as fresh
            newest = Math.max(newest, last);
            double age = (timeNanos - last) * 1e-9;
            if (age <= config.sourceLiveSeconds()) {
                ages.put(src, age);
            }
        }
        long fix = Math.min(lastFused[EgoSource.GNSS_POSITION.ordinal()], timeNanos);
        double fixAge = fix == Long.MIN_VALUE ? Double.POSITIVE_INFINITY : (timeNanos - fix) * 1e-9;
        double deadReckoned = fix != Long.MIN_VALUE ? fixAge
                : initialised ? Math.max(0, timeNanos - firstStampNanos) * 1e-9 : 0;
        EgoQuality quality;
        if (!initialised || newest == Long.MIN_VALUE || (timeNanos - newest) * 1e-9 > config.unknownAfterSeconds()
                || !speedObserved) {
            quality = EgoQuality.UNKNOWN;
        } else if (fixAge > config.deadReckonedAfterSeconds() || !headingKnown) {
            quality = EgoQuality.DEAD_RECKONED;
        } else {
            quality = EgoQuality.FUSED;
        }
        return new EgoEstimate(timeNanos, x[EAST], x[NORTH], lat, lon, heading, x[SPEED], x[YAW_RATE], x[ACCEL],
                x[BIAS], x[SCALE], p[EAST * N + EAST], p[NORTH * N + NORTH], p[YAW * N + YAW],
                p[SPEED * N + SPEED], p[YAW_RATE * N + YAW_RATE], quality, fixAge, deadReckoned, ages);
    }

    /** Snapshot of the counters. */
    public EgoHealth health() {
        return EgoHealth.of(counters, reanchors, refiltered);
    }

    /** Whether a GNSS fix has anchored the local frame. */
    public boolean anchored() {
        return plane != null;
    }

    /** The filter's current time, nanoseconds; {@link Long#MIN_VALUE} before the first measurement. */
    public long timeNanos() {
        return initialised ? timeNanos : Long.MIN_VALUE;
    }

    // ------------------------------------------------------------------------------------------------ measurements

    private Outcome apply(EgoMeasurement m, int mask, boolean count) {
        Outcome o;
        if (m instanceof ImuYawRate imu) {
            h0[YAW_RATE] = 1;
            h0[BIAS] = 1;
            o = update1(imu.yawRateRadPerSec() - x[YAW_RATE] - x[BIAS], sq(config.gyroNoiseRadPerSec()));
            if (o == Outcome.FUSED && !Double.isNaN(imu.longitudinalAccelMetersPerSec2())) {
                h0[ACCEL] = 1;
                update1(imu.longitudinalAccelMetersPerSec2() - x[ACCEL], sq(config.accelNoiseMetersPerSec2()));
            }
        } else if (m instanceof VehicleSpeed vs) {
            h0[SPEED] = x[SCALE];
            h0[SCALE] = x[SPEED];
            o = update1(vs.speedMetersPerSec() - x[SPEED] * x[SCALE], sq(config.vehicleSpeedNoiseMetersPerSec()));
            if (o == Outcome.FUSED && vs.speedMetersPerSec() == 0) {
                zeroVelocityUpdate();
            }
        } else if (m instanceof WheelSpeeds ws) {
            o = applyWheels(ws, mask);
        } else if (m instanceof GnssPosition fix) {
            o = applyFix(fix, count);
        } else if (m instanceof GnssVelocity gv) {
            o = applyGnssVelocity(gv);
        } else if (m instanceof OdometryTwist odo) {
            h0[SPEED] = 1;
            h1[YAW_RATE] = 1;
            o = update2(odo.forwardSpeedMetersPerSec() - x[SPEED], odo.yawRateRadPerSec() - x[YAW_RATE],
                    sq(config.odometrySpeedNoiseMetersPerSec()), sq(config.odometryYawRateNoiseRadPerSec()),
                    config.gateChiSquare2Dof());
        } else {
            throw new IllegalArgumentException("unknown measurement " + m);
        }
        if (count) {
            int s = m.source().ordinal();
            if (o == Outcome.GATED) {
                counters[s][C_GATED]++;
            } else {
                counters[s][C_FUSED]++;
                lastFused[s] = Math.max(lastFused[s], m.stampNanos());
            }
        }
        return o;
    }

    private Outcome applyWheels(WheelSpeeds ws, int mask) {
        Outcome o = applyWheelSpeeds(ws, mask);
        if (o == Outcome.FUSED && allZero(ws, mask)) {
            zeroVelocityUpdate();
        }
        return o;
    }

    private static boolean allZero(WheelSpeeds ws, int mask) {
        for (int i = 0; i < 4; i++) {
            if ((mask & (1 << i)) != 0 && ws.wheel(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The wheels say the vehicle stands still: zero speed, acceleration and yaw rate (each gated). */
    private void zeroVelocityUpdate() {
        h0[SPEED] = 1;
        update1(-x[SPEED], sq(ZUPT_SPEED_STD));
        h0[ACCEL] = 1;
        update1(-x[ACCEL], sq(ZUPT_ACCEL_STD));
        h0[YAW_RATE] = 1;
        update1(-x[YAW_RATE], sq(ZUPT_YAW_RATE_STD));
    }

    private Outcome applyWheelSpeeds(WheelSpeeds ws, int mask) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 4; i++) {
            if ((mask & (1 << i)) != 0) {
                sum += ws.wheel(i);
                n++;
            }
        }
        double speed = sum / n;
        double speedVar = sq(config.wheelSpeedNoiseMetersPerSec()) / n;
        double diff = 0;
        int pairs = 0;
        if ((mask & 0b0011) == 0b0011) {
            diff += ws.frontRightMetersPerSec() - ws.frontLeftMetersPerSec();
            pairs++;
        }
        if ((mask & 0b1100) == 0b1100) {
            diff += ws.rearRightMetersPerSec() - ws.rearLeftMetersPerSec();
            pairs++;
        }
        h0[SPEED] = x[SCALE];
        h0[SCALE] = x[SPEED];
        if (pairs == 0) {
            return update1(speed - x[SPEED] * x[SCALE], speedVar);
        }
        double yawRate = diff / pairs / config.trackWidthMeters();
        double yawVar = 2 * sq(config.wheelSpeedNoiseMetersPerSec()) / pairs / sq(config.trackWidthMeters());
        h1[YAW_RATE] = x[SCALE];
        h1[SCALE] = x[YAW_RATE];
        return update2(speed - x[SPEED] * x[SCALE], yawRate - x[YAW_RATE] * x[SCALE], speedVar, yawVar,
                config.gateChiSquare2Dof());
    }

    private Outcome applyFix(GnssPosition fix, boolean count) {
        double std = Double.isNaN(fix.horizontalStdMeters()) ? config.gnssPositionNoiseMeters()
                : fix.horizontalStdMeters();
        if (plane == null) {
            plane = new LocalTangentPlane(fix.latitudeDeg(), fix.longitudeDeg(), 0);
            resetPosition(0, 0, std);
            headingRefEast = 0;
            headingRefNorth = 0;
            return Outcome.INITIALISED;
        }
        plane.toEnu(fix.latitudeDeg(), fix.longitudeDeg(), 0, enu);
        double e = enu[0];
        double n = enu[1];
        if (!headingKnown) {
            double de = e - headingRefEast;
            double dn = n - headingRefNorth;
            double d = Math.hypot(de, dn);
            if (d >= config.headingInitDistanceMeters()) {
                setHeading(Math.atan2(dn, de), sq(2 * std / d));
            }
            resetPosition(e, n, std);
            return Outcome.INITIALISED;
        }
        h0[EAST] = 1;
        h1[NORTH] = 1;
        Outcome o = update2(e - x[EAST], n - x[NORTH], std * std, std * std, config.gateChiSquare2Dof());
        if (!count) {
            return o;
        }
        if (o == Outcome.GATED) {
            if (++consecutiveGatedFixes >= config.reanchorAfterGatedFixes()) {
                consecutiveGatedFixes = 0;
                reanchors++;
                resetPosition(e, n, std);
                return Outcome.INITIALISED;
            }
        } else {
            consecutiveGatedFixes = 0;
        }
        return o;
    }

    private Outcome applyGnssVelocity(GnssVelocity gv) {
        double speed = gv.speedMetersPerSec();
        if (speed < config.movingSpeedMetersPerSec()) {
            h0[SPEED] = 1;
            return update1(speed - x[SPEED], sq(config.gnssVelocityNoiseMetersPerSec()));
        }
        double yaw = Math.toRadians(90 - gv.courseDeg());
        if (!headingKnown) {
            setHeading(yaw, sq(config.gnssVelocityNoiseMetersPerSec() / speed) * 4);
        }
        double c = Math.cos(x[YAW]);
        double s = Math.sin(x[YAW]);
        double v = x[SPEED];
        h0[YAW] = -v * s;
        h0[SPEED] = c;
        h1[YAW] = v * c;
        h1[SPEED] = s;
        double r = sq(config.gnssVelocityNoiseMetersPerSec());
        return update2(speed * Math.cos(yaw) - v * c, speed * Math.sin(yaw) - v * s, r, r,
                config.gateChiSquare2Dof());
    }

    /** Returns the wheels (bits 0-3) usable in {@code m}; for non-wheel measurements all. */
    private int stuckMask(EgoMeasurement m, long t) {
        if (m instanceof WheelSpeeds ws) {
            int mask = 0;
            for (int i = 0; i < 4; i++) {
                if (!stuck(i, ws.wheel(i), t)) {
                    mask |= 1 << i;
                }
            }
            return mask;
        }
        if (m instanceof VehicleSpeed vs) {
            return stuck(SPEED_SIGNAL, vs.speedMetersPerSec(), t) ? 0 : ALL_WHEELS;
        }
        return ALL_WHEELS;
    }

    private boolean stuck(int wheel, double value, long t) {
        if (value != wheelValue[wheel]) {
            wheelValue[wheel] = value;
            wheelSince[wheel] = t;
            wheelStuck[wheel] = false;
            return false;
        }
        if (wheelStuck[wheel]) {
            return true;
        }
        double unchanged = (t - wheelSince[wheel]) * 1e-9;
        double moving = config.movingSpeedMetersPerSec();
        if (unchanged > config.stuckWheelSeconds() && Math.abs(x[SPEED]) > moving
                && Math.abs(value / x[SCALE] - x[SPEED]) > moving) {
            wheelStuck[wheel] = true;
            EgoSource src = wheel == SPEED_SIGNAL ? EgoSource.VEHICLE_SPEED : EgoSource.WHEEL_SPEEDS;
            counters[src.ordinal()][C_STUCK_EVENTS]++;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ algebra

    /** Scalar update with row {@code h0}, innovation {@code y}, variance {@code r}; clears {@code h0}. */
    private Outcome update1(double y, double r) {
        double s = r;
        for (int i = 0; i < N; i++) {
            double acc = 0;
            for (int j = 0; j < N; j++) {
                acc += p[i * N + j] * h0[j];
            }
            pht0[i] = acc;
        }
        for (int i = 0; i < N; i++) {
            s += h0[i] * pht0[i];
        }
        java.util.Arrays.fill(h0, 0);
        if (!(y * y / s <= config.gateChiSquare1Dof())) {
            return Outcome.GATED;
        }
        for (int i = 0; i < N; i++) {
            k0[i] = pht0[i] / s;
            x[i] += k0[i] * y;
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                p[i * N + j] -= k0[i] * pht0[j];
            }
        }
        finishUpdate();
        return Outcome.FUSED;
    }

    /** Two-dimensional update with rows {@code h0, h1} and diagonal noise; clears both rows. */
    private Outcome update2(double y0, double y1, double r0, double r1, double gate) {
        for (int i = 0; i < N; i++) {
            double a0 = 0;
            double a1 = 0;
            for (int j = 0; j < N; j++) {
                double pij = p[i * N + j];
                a0 += pij * h0[j];
                a1 += pij * h1[j];
            }
            pht0[i] = a0;
            pht1[i] = a1;
        }
        double s00 = r0;
        double s01 = 0;
        double s11 = r1;
        for (int i = 0; i < N; i++) {
            s00 += h0[i] * pht0[i];
            s01 += h0[i] * pht1[i];
            s11 += h1[i] * pht1[i];
        }
        java.util.Arrays.fill(h0, 0);
        java.util.Arrays.fill(h1, 0);
        double det = s00 * s11 - s01 * s01;
        if (!(det > 0)) {
            return Outcome.GATED;
        }
        double i00 = s11 / det;
        double i01 = -s01 / det;
        double i11 = s00 / det;
        double d2 = y0 * (i00 * y0 + i01 * y1) + y1 * (i01 * y0 + i11 * y1);
        if (!(d2 <= gate)) {
            return Outcome.GATED;
        }
        for (int i = 0; i < N; i++) {
            k0[i] = pht0[i] * i00 + pht1[i] * i01;
            k1[i] = pht0[i] * i01 + pht1[i] * i11;
            x[i] += k0[i] * y0 + k1[i] * y1;
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                p[i * N + j] -= k0[i] * pht0[j] + k1[i] * pht1[j];
            }
        }
        finishUpdate();
        return Outcome.FUSED;
    }

    private void finishUpdate() {
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                double avg = 0.5 * (p[i * N + j] + p[j * N + i]);
                p[i * N + j] = avg;
                p[j * N + i] = avg;
            }
            if (p[i * N + i] < 1e-12) {
                p[i * N + i] = 1e-12;
            }
        }
        x[YAW] = wrap(x[YAW]);
        constrainSpeed();
        speedObserved |= p[SPEED * N + SPEED] <= sq(config.unknownSpeedStdMetersPerSec());
    }

    /** Estimate projection onto {@code speed >= 0} (no source models reversing); see the class comment. */
    private void constrainSpeed() {
        if (x[SPEED] < 0) {
            x[SPEED] = 0;
            if (x[ACCEL] < 0) {
                x[ACCEL] = 0;
            }
        }
    }

    private void predictTo(long t) {
        while (timeNanos < t) {
            long step = Math.min(t - timeNanos, MAX_STEP_NANOS);
            step(step * 1e-9);
            timeNanos += step;
        }
    }

    /** One Euler step of the CTRA model: x' = f(x), P' = F P F^T + Q with F's six off-diagonal terms. */
    private void step(double dt) {
        double c = Math.cos(x[YAW]);
        double s = Math.sin(x[YAW]);
        double v = x[SPEED];
        double f02 = -v * s * dt;
        double f03 = c * dt;
        double f12 = v * c * dt;
        double f13 = s * dt;
        x[EAST] += v * c * dt;
        x[NORTH] += v * s * dt;
        x[YAW] = wrap(x[YAW] + x[YAW_RATE] * dt);
        x[SPEED] += x[ACCEL] * dt;
        // rows: A = F P
        for (int j = 0; j < N; j++) {
            double p2 = p[YAW * N + j];
            double p3 = p[SPEED * N + j];
            p[EAST * N + j] += f02 * p2 + f03 * p3;
            p[NORTH * N + j] += f12 * p2 + f13 * p3;
            p[YAW * N + j] = p2 + dt * p[YAW_RATE * N + j];
            p[SPEED * N + j] = p3 + dt * p[ACCEL * N + j];
        }
        // columns: P' = A F^T
        for (int i = 0; i < N; i++) {
            int r = i * N;
            double a2 = p[r + YAW];
            double a3 = p[r + SPEED];
            p[r + EAST] += f02 * a2 + f03 * a3;
            p[r + NORTH] += f12 * a2 + f13 * a3;
            p[r + YAW] = a2 + dt * p[r + YAW_RATE];
            p[r + SPEED] = a3 + dt * p[r + ACCEL];
        }
        double qp = sq(config.processPositionNoise()) * dt;
        p[EAST * N + EAST] += qp;
        p[NORTH * N + NORTH] += qp;
        p[YAW * N + YAW] += sq(config.processHeadingNoise()) * dt;
        p[YAW_RATE * N + YAW_RATE] += sq(config.processYawAccelNoise()) * dt;
        p[ACCEL * N + ACCEL] += sq(config.processJerkNoise()) * dt;
        p[BIAS * N + BIAS] += sq(config.processGyroBiasNoise()) * dt;
        p[SCALE * N + SCALE] += sq(config.processSpeedScaleNoise()) * dt;
        constrainSpeed();
    }

    private void resetState() {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(p, 0);
        x[SCALE] = 1;
        diag(EAST, 1e4);
        diag(NORTH, 1e4);
        diag(YAW, Math.PI * Math.PI);
        diag(SPEED, 100);
        diag(YAW_RATE, 0.25);
        diag(ACCEL, 4);
        diag(BIAS, sq(0.05));
        diag(SCALE, sq(0.03));
    }

    private void resetPosition(double east, double north, double std) {
        x[EAST] = east;
        x[NORTH] = north;
        clearRowColumn(EAST);
        clearRowColumn(NORTH);
        diag(EAST, std * std);
        diag(NORTH, std * std);
    }

    private void setHeading(double yaw, double variance) {
        x[YAW] = wrap(yaw);
        clearRowColumn(YAW);
        diag(YAW, variance);
        headingKnown = true;
    }

    private void clearRowColumn(int k) {
        for (int i = 0; i < N; i++) {
            p[k * N + i] = 0;
            p[i * N + k] = 0;
        }
    }

    private void diag(int k, double value) {
        p[k * N + k] = value;
    }

    // ------------------------------------------------------------------------------------------------ history

    private int slot(int i) {
        return (head + i) % capacity;
    }

    private void dropOldest() {
        historyTruncated = true;
        hMeasurement[head] = null;
        head = (head + 1) % capacity;
        count--;
    }

    /** Opens an empty slot at position {@code k} by moving entries {@code k..count-1} one back (array swaps). */
    private void insertSlotAt(int k) {
        for (int j = count; j > k; j--) {
            int to = slot(j);
            int from = slot(j - 1);
            hStamp[to] = hStamp[from];
            hMeasurement[to] = hMeasurement[from];
            hMask[to] = hMask[from];
            double[] tx = hX[to];
            hX[to] = hX[from];
            hX[from] = tx;
            double[] tp = hP[to];
            hP[to] = hP[from];
            hP[from] = tp;
        }
        count++;
    }

    private void store(int i, EgoMeasurement m, int mask) {
        int sl = slot(i);
        hStamp[sl] = m.stampNanos();
        hMeasurement[sl] = m;
        hMask[sl] = mask;
        snapshot(sl);
    }

    private void snapshot(int sl) {
        System.arraycopy(x, 0, hX[sl], 0, N);
        System.arraycopy(p, 0, hP[sl], 0, N * N);
    }

    private void restore(int i) {
        int sl = slot(i);
        System.arraycopy(hX[sl], 0, x, 0, N);
        System.arraycopy(hP[sl], 0, p, 0, N * N);
        timeNanos = hStamp[sl];
    }

    private static double wrap(double a) {
        if (a > Math.PI || a <= -Math.PI) {
            a -= 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
        }
        return a;
    }

    private static double sq(double v) {
        return v * v;
    }
}
