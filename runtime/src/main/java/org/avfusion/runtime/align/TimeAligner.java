package org.avfusion.runtime.align;

import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.frame.TwistSample;

/**
 * Groups frames around a reference sensor into {@link AlignedSet}s.
 *
 * <p>For each reference sweep (stamp {@code t_ref}: its first point, offset removed) the set takes the nearest camera
 * frame of each camera within {@code cameraToleranceMillis}, and the GNSS speed/position and IMU yaw rate linearly
 * interpolated at {@code t_ref} from the samples around it, or the latest sample before it when none after has arrived
 * (held, not extrapolated; samples farther than {@code poseMaxGapMillis} are not used). A set is released as soon as
 * every camera has a frame at or after {@code t_ref} or is silent past its timeout, or {@code maxWaitMillis} have
 * passed since the reference arrived; GNSS and IMU are not waited for (a GNSS fix typically arrives 50-100 ms after its
 * epoch, and a fix after {@code t_ref} would only refine an interpolation). Whatever is missing is flagged in the set's
 * mask. The set also records when its sweep was complete (its last point's time): no decision on it can exist earlier,
 * so latency is measured from there. When the reference itself is silent past its timeout, the aligner keeps
 * releasing reference-less sets at the reference's rate so that the decision stage can fail safe (or decide on the
 * camera alone for a bounded time): while a camera is live each is stamped at its newest frame once that is a
 * reference period after the last set, so that the camera joins it; without a live camera, at the current time.
 *
 * <p>Frames may arrive out of order: they are counted and put in stamp order; a reference frame older than a set
 * already released, or a camera frame older than it by more than the tolerance, is late (counted, dropped):
 * released sets are in increasing stamp order.
 *
 * <p>Not thread-safe: one stage thread calls it. No allocation per frame after construction. Pooled payloads
 * passed to {@link #onFrame} stay owned by the caller; the aligner retains what it keeps.
 */
public final class TimeAligner {
    private static final int REFERENCE_CAPACITY = 16;
    private static final int CAMERA_CAPACITY = 8;
    private static final int SAMPLE_CAPACITY = 512;
    private static final long DEFAULT_REFERENCE_PERIOD_NANOS = 100_000_000L;

    private final AlignerSensor[] sensors;
    private final SensorKind[] kinds;
    private final int reference;
    private final SampleHistory[] histories;
    private final long[] lastArrival;
    private final long[] newestStamp;
    private final long[] received;
    private final long[] outOfOrder;
    private final long[] late;
    private final long tolerance;
    private final long maxWait;
    private final long maxGap;
    private final long history;

    private long now = Long.MIN_VALUE;
    private long startNanos = Long.MIN_VALUE;
    private long lastReleasedStamp = Long.MIN_VALUE;
    private long referencePeriod = DEFAULT_REFERENCE_PERIOD_NANOS;
    private long lastReferenceStamp = Long.MIN_VALUE;
    private long silentReleaseWall;
    private long sets;
    private long partialSets;
    private long silentReferenceSets;

    /**
     * @param sensors        every configured sensor; indices in this list are the sensor indices used everywhere
     * @param referenceIndex index of the reference sensor (a lidar)
     */
    public TimeAligner(List<AlignerSensor> sensors, int referenceIndex, AlignmentConfig config) {
        Objects.requireNonNull(config, "config");
        if (sensors.isEmpty() || sensors.size() > 31) {
            throw new IllegalArgumentException("aligner needs 1 to 31 sensors, got " + sensors.size());
        }
        if (referenceIndex < 0 || referenceIndex >= sensors.size()) {
            throw new IllegalArgumentException("reference index " + referenceIndex + " out of range");
        }
        if (sensors.get(referenceIndex).id().kind() != SensorKind.LIDAR) {
            throw new IllegalArgumentException("reference sensor " + sensors.get(referenceIndex).id()
                    + " must be a LIDAR: sets carry the reference point cloud");
        }
        int n = sensors.size();
        this.sensors = sensors.toArray(new AlignerSensor[0]);
        this.kinds = new SensorKind[n];
        this.reference = referenceIndex;
        this.histories = new SampleHistory[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = this.sensors[i].id().kind();
            int capacity = i == referenceIndex ? REFERENCE_CAPACITY
                    : kinds[i] == SensorKind.CAMERA ? CAMERA_CAPACITY
                    : kinds[i] == SensorKind.LIDAR ? 2 : SAMPLE_CAPACITY;
            histories[i] = new SampleHistory(capacity);
        }
        this.lastArrival = new long[n];
        java.util.Arrays.fill(lastArrival, Long.MIN_VALUE);
        this.newestStamp = new long[n];
        java.util.Arrays.fill(newestStamp, Long.MIN_VALUE);
        this.received = new long[n];
        this.outOfOrder = new long[n];
        this.late = new long[n];
        this.tolerance = config.cameraToleranceNanos();
        this.maxWait = config.maxWaitNanos();
        this.maxGap = config.poseMaxGapNanos();
        this.history = config.historyNanos();
    }

    /**
     * A frame arrived.
     *
     * @param sensor       sensor index
     * @param arrivalNanos vehicle-clock time of arrival
     * @param wallNanos    {@link System#nanoTime()} at arrival, carried into sets for latency reports
     */
    public void onFrame(int sensor, FrameHeader header, Payload payload, long arrivalNanos, long wallNanos) {
        advance(arrivalNanos);
        received[sensor]++;
        lastArrival[sensor] = Math.max(lastArrival[sensor], arrivalNanos);
        if (payload.kind() != kinds[sensor]) {
            throw new IllegalArgumentException("sensor " + sensors[sensor].id() + " is a " + kinds[sensor]
                    + " but sent a " + payload.kind() + " payload (sequence " + header.sequence() + ")");
        }
        long stamp = header.stampNanos() - sensors[sensor].offsetNanos();
        if (stamp < newestStamp[sensor]) {
            outOfOrder[sensor]++;
        } else {
            newestStamp[sensor] = stamp;
        }
        SampleHistory h = histories[sensor];
        if (sensor == reference) {
            if (stamp <= lastReleasedStamp) {
                late[sensor]++;
                return;
            }
            if (lastReferenceStamp != Long.MIN_VALUE && stamp > lastReferenceStamp) {
                long period = stamp - lastReferenceStamp;
                if (period < 10 * referencePeriod) {
                    referencePeriod = period;
                }
            }
            lastReferenceStamp = Math.max(lastReferenceStamp, stamp);
        } else if (kinds[sensor] == SensorKind.CAMERA && lastReleasedStamp != Long.MIN_VALUE
                && stamp < lastReleasedStamp - tolerance) {
            // sets go out in stamp order: no later set can take it, so its pooled buffer is not kept
            late[sensor]++;
            return;
        }
        if (kinds[sensor] == SensorKind.LIDAR && sensor != reference) {
            return; // secondary lidars are not fused by this aligner version; counted as received only
        }
        h.insert(stamp, arrivalNanos, wallNanos, header.sequence(), payload);
    }

    /** The vehicle clock reached {@code nowNanos} (called between frames, e.g. every 10 ms). */
    public void onClock(long nowNanos, long wallNanos) {
        advance(nowNanos);
        silentReleaseWall = wallNanos;
    }

    private void advance(long t) {
        if (startNanos == Long.MIN_VALUE) {
            startNanos = t;
        }
        if (t > now) {
            now = t;
        }
    }

    private boolean silent(int sensor) {
        long since = lastArrival[sensor] == Long.MIN_VALUE ? startNanos : lastArrival[sensor];
        return now - since > sensors[sensor].timeoutNanos();
    }

    /**
     * Releases the oldest set that is ready into {@code out} (which must be empty).
     *
     * @return true when {@code out} was filled
     */
    public boolean pollReady(AlignedSet out) {
        if (now == Long.MIN_VALUE) {
            return false;
        }
        SampleHistory refs = histories[reference];
        boolean released;
        if (refs.size() > 0) {
            long tRef = refs.stamp(0);
            if (!ready(tRef, refs.arrival(0))) {
                return false;
            }
            out.reset();
            PointCloud cloud = (PointCloud) refs.payload(0);
            out.cloud(cloud, refs.sequence(0));
            out.fill(tRef, now, refs.wall(0));
            out.completeStamp(tRef + sweepSpanNanos(cloud));
            out.setStatus(reference, SensorStatus.OK, tRef);
            refs.removeAt(0, false); // the history's reference moves to the set
            matchPartners(out, tRef);
            released = true;
        } else if (silent(reference) && now - Math.max(lastReleasedStamp, startNanos) >= referencePeriod
                && silentSetStamp() != Long.MIN_VALUE) {
            // stamped at a camera frame (its transport latency puts it farther than the tolerance behind now, so a
            // set stamped now would never have the camera that keeps decisions going without lidar)
            long t = silentSetStamp();
            out.reset();
            out.fill(t, now, silentReleaseWall);
            out.completeStamp(t);
            out.setStatus(reference, SensorStatus.SILENT, Long.MIN_VALUE);
            matchPartners(out, t);
            silentReferenceSets++;
            released = true;
        } else {
            released = false;
        }
        if (released) {
            lastReleasedStamp = out.referenceStampNanos();
            sets++;
            if (out.isPartial()) {
                partialSets++;
            }
            evict();
        }
        return released;
    }

    /** Camera stamp jitter allowed below a reference period between two reference-less sets. */
    private static final long SILENT_SET_SLACK_NANOS = 5_000_000L;

    /**
     * The stamp of a reference-less set: the newest frame of a camera that is not silent, when it is at least a
     * reference period after the last set (sets stay a period apart in stamp, as sweeps are); {@code Long.MIN_VALUE}
     * while a live camera has no such frame yet (waited for, at most until the camera's own timeout); now when no
     * camera is live.
     */
    private long silentSetStamp() {
        long after = lastReleasedStamp == Long.MIN_VALUE ? Long.MIN_VALUE
                : lastReleasedStamp + referencePeriod - SILENT_SET_SLACK_NANOS;
        boolean cameraLive = false;
        long t = Long.MIN_VALUE;
        for (int i = 0; i < sensors.length; i++) {
            if (kinds[i] == SensorKind.CAMERA && !silent(i)) {
                cameraLive = true;
                long newest = histories[i].newestStamp();
                if (histories[i].size() > 0 && newest >= after) {
                    t = Math.max(t, newest);
                }
            }
        }
        return cameraLive ? t : now;
    }

    /**
     * Time from a sweep's first point (the header stamps the first) to when it was complete: its latest point, or
     * what its source declared for points without times (a PCD folder's sweep: one period).
     */
    private static long sweepSpanNanos(PointCloud cloud) {
        return Math.max(0, cloud.completeAfterNanos());
    }

    private boolean ready(long tRef, long refArrival) {
        if (now - refArrival >= maxWait) {
            return true;
        }
        for (int i = 0; i < sensors.length; i++) {
            // only cameras are waited for: GNSS and IMU samples after the reference would only refine an
            // interpolation that holding the latest sample already serves, and GNSS arrives tens of ms late
            if (kinds[i] != SensorKind.CAMERA) {
                continue;
            }
            if (histories[i].newestStamp() < tRef && !silent(i)) {
                return false;
            }
        }
        return true;
    }

    private void matchPartners(AlignedSet out, long t) {
        double speed = Double.NaN;
        double lat = Double.NaN;
        double lon = Double.NaN;
        double yawRate = Double.NaN;
        long gnssStamp = Long.MIN_VALUE;
        long imuStamp = Long.MIN_VALUE;
        double odometrySpeed = Double.NaN;
        double odometryYawRate = Double.NaN;
        long odometryStamp = Long.MIN_VALUE;
        for (int i = 0; i < sensors.length; i++) {
            if (i == reference || kinds[i] == SensorKind.LIDAR) {
                continue;
            }
            SampleHistory h = histories[i];
            SensorStatus missing = silent(i) ? SensorStatus.SILENT : SensorStatus.MISSING;
            switch (kinds[i]) {
                case CAMERA -> {
                    int k = h.nearest(t);
                    if (k >= 0 && Math.abs(h.stamp(k) - t) <= tolerance) {
                        CameraImage image = (CameraImage) h.payload(k);
                        image.retain();
                        out.image(i, image);
                        out.setStatus(i, SensorStatus.OK, h.stamp(k));
                    } else {
                        out.setStatus(i, missing, Long.MIN_VALUE);
                    }
                }
                case GNSS -> {
                    int k = bracketStart(h, t);
                    if (k == Integer.MIN_VALUE || !Double.isNaN(speed)) {
                        out.setStatus(i, k == Integer.MIN_VALUE ? missing : SensorStatus.OK,
                                k == Integer.MIN_VALUE ? Long.MIN_VALUE : h.stamp(k));
                        continue;
                    }
                    GnssFix a = (GnssFix) h.payload(k);
                    if (k >= 0 && k + 1 < h.size() && h.stamp(k + 1) - t <= maxGap && h.stamp(k) <= t) {
                        GnssFix b = (GnssFix) h.payload(k + 1);
                        double w = (double) (t - h.stamp(k)) / (h.stamp(k + 1) - h.stamp(k));
                        speed = lerp(a.speedMetersPerSecond(), b.speedMetersPerSecond(), w);
                        lat = lerp(a.latitudeDeg(), b.latitudeDeg(), w);
                        lon = lerp(a.longitudeDeg(), b.longitudeDeg(), w);
                    } else {
                        speed = a.speedMetersPerSecond();
                        lat = a.latitudeDeg();
                        lon = a.longitudeDeg();
                    }
                    gnssStamp = h.stamp(k);
                    out.setStatus(i, SensorStatus.OK, gnssStamp);
                }
                case IMU -> {
                    int k = bracketStart(h, t);
                    if (k == Integer.MIN_VALUE || !Double.isNaN(yawRate)) {
                        out.setStatus(i, k == Integer.MIN_VALUE ? missing : SensorStatus.OK,
                                k == Integer.MIN_VALUE ? Long.MIN_VALUE : h.stamp(k));
                        continue;
                    }
                    ImuSample a = (ImuSample) h.payload(k);
                    if (k >= 0 && k + 1 < h.size() && h.stamp(k + 1) - t <= maxGap && h.stamp(k) <= t) {
                        ImuSample b = (ImuSample) h.payload(k + 1);
                        double w = (double) (t - h.stamp(k)) / (h.stamp(k + 1) - h.stamp(k));
                        yawRate = lerp(a.gyroZRadPerSec(), b.gyroZRadPerSec(), w);
                    } else {
                        yawRate = a.gyroZRadPerSec();
                    }
                    imuStamp = h.stamp(k);
                    out.setStatus(i, SensorStatus.OK, imuStamp);
                }
                case ODOMETRY -> {
                    int k = bracketStart(h, t);
                    if (k == Integer.MIN_VALUE) {
                        out.setStatus(i, missing, Long.MIN_VALUE);
                        continue;
                    }
                    out.setStatus(i, SensorStatus.OK, h.stamp(k));
                    if (!Double.isNaN(odometrySpeed)) {
                        continue; // the first odometry sensor in rig order is the one used
                    }
                    TwistSample a = (TwistSample) h.payload(k);
                    odometrySpeed = a.forwardSpeedMetersPerSec();
                    odometryYawRate = a.yawRateRadPerSec();
                    if (k >= 0 && k + 1 < h.size() && h.stamp(k + 1) - t <= maxGap && h.stamp(k) <= t) {
                        TwistSample b = (TwistSample) h.payload(k + 1);
                        double w = (double) (t - h.stamp(k)) / (h.stamp(k + 1) - h.stamp(k));
                        odometrySpeed = lerp(a.forwardSpeedMetersPerSec(), b.forwardSpeedMetersPerSec(), w);
                        odometryYawRate = lerp(a.yawRateRadPerSec(), b.yawRateRadPerSec(), w);
                    }
                    odometryStamp = h.stamp(k);
                }
                default -> throw new IllegalStateException("unexpected sensor kind " + kinds[i]);
            }
        }
        // vehicle odometry stands in where GNSS gave no speed or the IMU no yaw rate
        if (Double.isNaN(speed) && !Double.isNaN(odometrySpeed)) {
            speed = odometrySpeed;
            gnssStamp = gnssStamp == Long.MIN_VALUE ? odometryStamp : gnssStamp;
        }
        if (Double.isNaN(yawRate) && !Double.isNaN(odometryYawRate)) {
            yawRate = odometryYawRate;
            imuStamp = odometryStamp;
        }
        out.egoMotion(speed, yawRate, lat, lon, gnssStamp, imuStamp);
    }

    /**
     * Index of the sample to use at t: the last one at or before t if within maxGap (interpolation with the next
     * one is then tried), else the first one after t if within maxGap (encoded as itself, it is never
     * interpolated because its stamp is after t), else {@link Integer#MIN_VALUE}.
     */
    private int bracketStart(SampleHistory h, long t) {
        int f = h.floor(t);
        if (f >= 0 && t - h.stamp(f) <= maxGap) {
            return f;
        }
        if (f + 1 < h.size() && h.stamp(f + 1) - t <= maxGap) {
            return f + 1;
        }
        return Integer.MIN_VALUE;
    }

    private static double lerp(double a, double b, double w) {
        return a + (b - a) * w;
    }

    private void evict() {
        long oldest = lastReleasedStamp - history;
        for (int i = 0; i < histories.length; i++) {
            if (i == reference) {
                continue;
            }
            if (kinds[i] == SensorKind.CAMERA) {
                // sets are released in stamp order: an image older than the last set minus the tolerance can never
                // join a later one, so its pooled buffer goes back now
                histories[i].evictOlderThan(lastReleasedStamp - tolerance, 0);
            } else {
                histories[i].evictOlderThan(oldest, 2);
            }
        }
    }

    /** Releases everything retained. */
    public void close() {
        for (SampleHistory h : histories) {
            h.clear();
        }
    }

    public long setCount() {
        return sets;
    }

    public long partialSetCount() {
        return partialSets;
    }

    /** Sets released without a reference frame because the reference was silent. */
    public long silentReferenceSetCount() {
        return silentReferenceSets;
    }

    public long receivedCount(int sensor) {
        return received[sensor];
    }

    public long outOfOrderCount(int sensor) {
        return outOfOrder[sensor];
    }

    public long lateCount(int sensor) {
        return late[sensor];
    }

    /** True when the sensor has been silent past its timeout at the latest known time. */
    public boolean isSilent(int sensor) {
        return now != Long.MIN_VALUE && silent(sensor);
    }

    public int sensorCount() {
        return sensors.length;
    }

    /** A copy of the counters, for another thread to read once published (call on the aligner's thread). */
    public AlignerCounters counters() {
        boolean[] silentNow = new boolean[sensors.length];
        for (int i = 0; i < silentNow.length; i++) {
            silentNow[i] = isSilent(i);
        }
        return new AlignerCounters(sets, partialSets, silentReferenceSets, received.clone(), outOfOrder.clone(),
                late.clone(), silentNow);
    }
}
