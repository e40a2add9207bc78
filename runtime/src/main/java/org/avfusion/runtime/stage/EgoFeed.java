package org.avfusion.runtime.stage;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoHealth;
import org.avfusion.runtime.ego.EgoMeasurement;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryEstimate;
import org.avfusion.runtime.odometry.OdometryQuality;

/**
 * The thin adapter between the ring's frames and the {@link EgoMotionFilter}: the align stage hands it every frame
 * in ring order (the one thread that sees them all), it turns GNSS fixes, IMU samples, vehicle odometry twists
 * (and, when configured,
 * the reference lidar's sweeps through {@link LidarOdometry}) into {@link EgoMeasurement}s, and when a set is
 * released it predicts the filter to the set's reference stamp and gives the estimate.
 *
 * <p>Time: a frame's stamp is its header's stamp minus the sensor's calibrated clock offset, as in the aligner.
 * A GNSS fix is stamped at its own epoch (UTC of the fix), mapped onto the vehicle clock by the smallest
 * {@code stamp - epoch} seen so far on that sensor (a live receiver's frame is stamped when its bytes arrived: the
 * smallest difference is the fix with the least latency; re-synchronised when the difference grows by more than
 * {@value #GNSS_RESYNC_NANOS} ns, e.g. the receiver's clock stepped). Fixes without a date use the frame's stamp.
 *
 * <p>Bad input never leaves this class as an exception: a measurement the filter's value checks refuse (a latitude
 * beyond +-89 deg, a non-finite value) is counted in {@link #rejectedCount()}; what the filter itself refuses (gate,
 * time backwards, too old, stuck) is counted in its {@link EgoHealth}.
 *
 * <p>Threading: {@link #onFrame} and {@link #estimateAt} run on the align thread; {@link #lastEstimate()},
 * {@link #lastHealth()} and the counters may be read from any thread (snapshots published after each set).
 */
public final class EgoFeed {
    static final long GNSS_RESYNC_NANOS = 2_000_000_000L;
    /** Odometry noise at standstill may read slightly negative; below this the vehicle is reversing (refused). */
    static final double REVERSE_TOLERANCE_METERS_PER_SEC = 0.2;

    private final EgoMotionFilter filter;
    private final SensorKind[] kinds;
    private final long[] offsetNanos;
    private final long[] gnssEpochOffset;
    private final int reference;
    private final LidarOdometry odometry;
    private volatile EgoEstimate lastEstimate;
    private volatile EgoHealth lastHealth;
    private volatile long rejected;
    private volatile long gnssWithoutEpoch;
    private volatile long odometryUsed;
    private volatile long odometryRefused;
    private volatile long vehicleOdometry;
    private volatile int gnssConsecutiveGated;
    private volatile long gnssRejections;
    private volatile long gnssPositions;
    private final java.util.concurrent.atomic.AtomicBoolean gnssRejectedSinceReport =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param kinds       the kind of each configured sensor (index = sensor index)
     * @param offsetNanos each sensor's calibrated clock offset (removed from its stamps)
     * @param reference   index of the reference lidar
     * @param odometry    lidar odometry run on the reference's sweeps, or null for none
     */
    public EgoFeed(EgoMotionFilter filter, SensorKind[] kinds, long[] offsetNanos, int reference,
            LidarOdometry odometry) {
        this.filter = Objects.requireNonNull(filter, "filter");
        if (kinds.length != offsetNanos.length) {
            throw new IllegalArgumentException("kinds and offsets differ in length: " + kinds.length + " vs "
                    + offsetNanos.length);
        }
        this.kinds = kinds.clone();
        this.offsetNanos = offsetNanos.clone();
        this.gnssEpochOffset = new long[kinds.length];
        java.util.Arrays.fill(gnssEpochOffset, Long.MIN_VALUE);
        this.reference = reference;
        this.odometry = odometry;
        this.lastHealth = filter.health();
    }

    /** The lidar odometry this feed runs on the reference's sweeps, or null for none. */
    public LidarOdometry odometry() {
        return odometry;
    }

    /** One frame, in ring order. Never throws for bad values (counted instead). */
    public void onFrame(int sensor, FrameHeader header, Payload payload) {
        if (sensor < 0 || sensor >= kinds.length || payload.kind() != kinds[sensor]) {
            return; // the aligner reports the mismatch
        }
        long stamp = header.stampNanos() - offsetNanos[sensor];
        try {
            if (payload instanceof GnssFix fix) {
                onGnss(sensor, stamp, fix);
            } else if (payload instanceof ImuSample imu) {
                filter.update(new EgoMeasurement.ImuYawRate(stamp, imu.gyroZRadPerSec(), imu.accelXMetersPerSec2()));
            } else if (payload instanceof TwistSample twist) {
                onTwist(stamp, twist);
            } else if (odometry != null && sensor == reference && payload instanceof PointCloud cloud) {
                onSweep(stamp, cloud);
            }
        } catch (IllegalArgumentException e) {
            rejected++;
        }
    }

    private void onGnss(int sensor, long stamp, GnssFix fix) {
        long t = stamp;
        if (fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME) {
            gnssWithoutEpoch++;
        } else {
            long epochNanos = fix.utcEpochMillis() * 1_000_000L;
            long d = stamp - epochNanos;
            long o = gnssEpochOffset[sensor];
            if (o == Long.MIN_VALUE || d < o || d - o > GNSS_RESYNC_NANOS) {
                gnssEpochOffset[sensor] = d;
                o = d;
            }
            t = epochNanos + o;
        }
        if (fix.hasPosition()) {
            notePosition(filter.update(new EgoMeasurement.GnssPosition(t, fix.latitudeDeg(), fix.longitudeDeg(),
                    Double.NaN)));
        }
        if (Double.isFinite(fix.speedMetersPerSecond()) && Double.isFinite(fix.trackDeg())
                && fix.mode() != org.avfusion.drivers.frame.FixMode.NO_FIX) {
            filter.update(new EgoMeasurement.GnssVelocity(t, fix.speedMetersPerSecond(), fix.trackDeg()));
        }
    }

    /**
     * Vehicle odometry: a twist with a yaw rate is fused as an odometry twist (speed and yaw rate); a plain speed
     * signal as the vehicle's speed. Reverse is not modelled (the filter's speed is non-negative): a speed below
     * {@value #REVERSE_TOLERANCE_METERS_PER_SEC} m/s is refused and counted in {@link #rejectedCount()}; a small
     * negative reading at standstill is fused as 0.
     */
    private void onTwist(long stamp, TwistSample twist) {
        double speed = twist.forwardSpeedMetersPerSec();
        if (speed < -REVERSE_TOLERANCE_METERS_PER_SEC) {
            rejected++;
            return;
        }
        speed = Math.max(0, speed);
        if (twist.hasYawRate()) {
            filter.update(new EgoMeasurement.OdometryTwist(stamp, speed, twist.yawRateRadPerSec()));
        } else {
            filter.update(new EgoMeasurement.VehicleSpeed(stamp, speed));
        }
        vehicleOdometry++;
    }

    /** Follows the gate's verdicts on the GNSS positions (a jump shows as a run of refused fixes). */
    private void notePosition(EgoMotionFilter.Outcome o) {
        switch (o) {
            case GATED -> {
                if (gnssConsecutiveGated == 0) {
                    gnssRejections++;
                }
                gnssConsecutiveGated++;
                gnssRejectedSinceReport.set(true);
                gnssPositions++;
            }
            case FUSED, INITIALISED -> {
                gnssConsecutiveGated = 0;
                gnssPositions++;
            }
            default -> {
                // time backwards, too old: the gate never saw it
            }
        }
    }

    private void onSweep(long stamp, PointCloud cloud) {
        OdometryEstimate e = odometry.process(cloud, stamp);
        if (e.quality() == OdometryQuality.TRACKING && e.intervalNanos() > 0) {
            filter.update(new EgoMeasurement.OdometryTwist(e.poseTimeNanos(), Math.max(0, e.forwardSpeedMetersPerSec()),
                    e.yawRateRadPerSec()));
            odometryUsed++;
        } else {
            odometryRefused++;
        }
    }

    /**
     * The estimate for a set with reference stamp {@code stampNanos}: the filter predicted to it, or, when
     * measurements newer than the stamp were already fused (the IMU's samples during the sweep, which is released only
     * once complete), the filter's current state carried back to the stamp ({@link EgoMotionFilter#estimateAt}): the
     * speed the tracker and the decision take for the sweep's time, not one up to a sweep later (0.2 m/s off at
     * 2 m/s^2). Publishes the health snapshot.
     */
    public EgoEstimate estimateAt(long stampNanos) {
        EgoEstimate e = filter.estimateAt(stampNanos);
        lastEstimate = e;
        lastHealth = filter.health();
        return e;
    }

    /** The estimate given to the last set, or null before the first. */
    public EgoEstimate lastEstimate() {
        return lastEstimate;
    }

    /** The filter's counters as of the last set. */
    public EgoHealth lastHealth() {
        return lastHealth;
    }

    /** Measurements whose values were refused before the filter (non-finite, latitude beyond +-89 deg). */
    public long rejectedCount() {
        return rejected;
    }

    /** GNSS fixes without a date (stamped on arrival). */
    public long gnssWithoutEpochCount() {
        return gnssWithoutEpoch;
    }

    /** Sweeps whose lidar odometry twist went to the filter. */
    public long odometryUsedCount() {
        return odometryUsed;
    }

    /** Sweeps lidar odometry did not track (first sweep, too few correspondences, empty, out of order). */
    public long odometryRefusedCount() {
        return odometryRefused;
    }

    /** Vehicle odometry twists (wheels, CAN, ROS odometry topics) given to the filter. */
    public long vehicleOdometryCount() {
        return vehicleOdometry;
    }

    /**
     * The GNSS position as the filter's gate sees it: {@link GnssPositionStatus#REJECTED} while the latest fix was
     * refused by the gate (a GNSS jump: the position disagrees with the estimate; the filter keeps dead-reckoning and
     * the fix age, hence {@code EGO_DEAD_RECKONED_TOO_LONG}, grows until a fix is fused or the filter re-anchors), and
     * also when a fix was refused since the previous call with {@code sinceLastReport} (health reports, which come
     * less often than fixes, then show a refusal that a re-anchoring ended between two reports);
     * {@link GnssPositionStatus#OK} once fixes are fused again; {@link GnssPositionStatus#NONE} before the first.
     * Any thread.
     */
    public GnssPositionStatus gnssPositionStatus(boolean sinceLastReport) {
        boolean refused = sinceLastReport ? gnssRejectedSinceReport.getAndSet(false) : false;
        if (gnssPositions == 0) {
            return GnssPositionStatus.NONE;
        }
        return gnssConsecutiveGated > 0 || refused ? GnssPositionStatus.REJECTED : GnssPositionStatus.OK;
    }

    /** GNSS positions refused in a row by the gate, up to the latest (0: the latest was fused). */
    public int gnssConsecutiveGated() {
        return gnssConsecutiveGated;
    }

    /** Runs of refused GNSS positions so far (each jump that the gate caught counts once). */
    public long gnssRejections() {
        return gnssRejections;
    }

    /** What {@link #gnssPositionStatus} says. */
    public enum GnssPositionStatus {
        /** No GNSS position reached the gate yet. */
        NONE,
        /** Positions are fused. */
        OK,
        /** The latest position, or one since the last report, was refused by the gate. */
        REJECTED
    }

    /** Whether lidar odometry is a source. */
    public boolean lidarOdometry() {
        return odometry != null;
    }
}
