package org.avfusion.runtime.align;

import java.util.Arrays;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoQuality;

/**
 * Frames that belong together around one reference stamp, plus the ego motion interpolated at it. A mutable,
 * preallocated holder: the ring keeps one per slot and the {@link TimeAligner} fills it.
 *
 * <p>Ownership: the point cloud and images in a filled set each carry one reference that belongs to the set;
 * {@link #releasePayloads()} (the ring's clearing handler calls it) gives them back. All stamps are vehicle time
 * (sensor offsets removed), nanoseconds.
 */
public final class AlignedSet {
    private final SensorStatus[] status;
    private final long[] stampNanos;
    private final CameraImage[] images;

    private boolean filled;
    private long referenceStampNanos;
    private long completeStampNanos;
    private long emittedAtNanos;
    private long triggerWallNanos;
    private long referenceSequence;
    private PointCloud cloud;
    private int missingMask;

    private boolean hasEgoMotion;
    private double speedMetersPerSecond;
    private double yawRateRadPerSec;
    private double latitudeDeg;
    private double longitudeDeg;
    private long gnssStampNanos;
    private long imuStampNanos;
    private EgoEstimate egoEstimate;

    public AlignedSet(int sensorCount) {
        status = new SensorStatus[sensorCount];
        stampNanos = new long[sensorCount];
        images = new CameraImage[sensorCount];
        reset();
    }

    void reset() {
        filled = false;
        Arrays.fill(status, SensorStatus.MISSING);
        Arrays.fill(stampNanos, Long.MIN_VALUE);
        Arrays.fill(images, null);
        cloud = null;
        missingMask = 0;
        hasEgoMotion = false;
        speedMetersPerSecond = Double.NaN;
        yawRateRadPerSec = Double.NaN;
        latitudeDeg = Double.NaN;
        longitudeDeg = Double.NaN;
        gnssStampNanos = Long.MIN_VALUE;
        imuStampNanos = Long.MIN_VALUE;
        egoEstimate = null;
        referenceSequence = -1;
    }

    /** Releases the payload references the set holds and empties it. Idempotent. */
    public void releasePayloads() {
        if (cloud != null) {
            cloud.release();
            cloud = null;
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] != null) {
                images[i].release();
                images[i] = null;
            }
        }
        reset();
    }

    void setStatus(int sensor, SensorStatus s, long stamp) {
        status[sensor] = s;
        stampNanos[sensor] = stamp;
        if (s == SensorStatus.OK) {
            missingMask &= ~(1 << sensor);
        } else {
            missingMask |= 1 << sensor;
        }
    }

    void fill(long referenceStamp, long emittedAt, long triggerWall) {
        this.filled = true;
        this.referenceStampNanos = referenceStamp;
        this.emittedAtNanos = emittedAt;
        this.triggerWallNanos = triggerWall;
    }

    void completeStamp(long stamp) {
        this.completeStampNanos = stamp;
    }

    void cloud(PointCloud c, long sequence) {
        this.cloud = c;
        this.referenceSequence = sequence;
    }

    void image(int sensor, CameraImage image) {
        images[sensor] = image;
    }

    void egoMotion(double speed, double yawRate, double lat, double lon, long gnssStamp, long imuStamp) {
        this.hasEgoMotion = !Double.isNaN(speed) && !Double.isNaN(yawRate);
        this.speedMetersPerSecond = speed;
        this.yawRateRadPerSec = yawRate;
        this.latitudeDeg = lat;
        this.longitudeDeg = lon;
        this.gnssStampNanos = gnssStamp;
        this.imuStampNanos = imuStamp;
    }

    /**
     * Puts the ego-motion filter's estimate on the set (the align stage does, right after the aligner filled it):
     * it replaces the interpolated speed, yaw rate and position, which downstream stages read as before. An
     * {@link EgoQuality#UNKNOWN} estimate leaves the set without ego motion ({@link #hasEgoMotion()} false).
     */
    public void egoEstimate(EgoEstimate estimate) {
        this.egoEstimate = estimate;
        if (estimate == null) {
            return;
        }
        boolean known = estimate.quality() != EgoQuality.UNKNOWN;
        this.hasEgoMotion = known;
        this.speedMetersPerSecond = known ? estimate.speedMetersPerSec() : Double.NaN;
        this.yawRateRadPerSec = known ? estimate.yawRateRadPerSec() : Double.NaN;
        this.latitudeDeg = estimate.latitudeDeg();
        this.longitudeDeg = estimate.longitudeDeg();
    }

    /** The ego-motion filter's estimate for this set, or null when the filter is disabled by config. */
    public EgoEstimate egoEstimate() {
        return egoEstimate;
    }

    /** True when the aligner put a set here (false in slots that carry no set). */
    public boolean isFilled() {
        return filled;
    }

    /** Reference stamp (vehicle ns); for a set made because the reference went silent, the time it was made. */
    public long referenceStampNanos() {
        return referenceStampNanos;
    }

    /**
     * When the reference frame was complete (vehicle ns): for a lidar sweep, the time of its last point (stamp plus
     * that point's offset); the earliest a decision on the set can exist, and where its latency is measured from.
     */
    public long completeStampNanos() {
        return completeStampNanos;
    }

    /** Vehicle time at which the aligner released the set. */
    public long emittedAtNanos() {
        return emittedAtNanos;
    }

    /** Wall-clock ({@link System#nanoTime()}) time the event that released the set entered the ring. */
    public long triggerWallNanos() {
        return triggerWallNanos;
    }

    /** Sequence number of the reference frame, or -1 when the reference is missing. */
    public long referenceSequence() {
        return referenceSequence;
    }

    /** The reference point cloud, or null when the reference is missing. Valid until the set is released. */
    public PointCloud cloud() {
        return cloud;
    }

    /** The image of camera sensor {@code sensor}, or null. Valid until the set is released. */
    public CameraImage image(int sensor) {
        return images[sensor];
    }

    public SensorStatus status(int sensor) {
        return status[sensor];
    }

    /** Corrected stamp of what sensor {@code sensor} contributed, or {@link Long#MIN_VALUE}. */
    public long stampNanos(int sensor) {
        return stampNanos[sensor];
    }

    public int sensorCount() {
        return status.length;
    }

    /** Bit i set: sensor i contributed nothing (MISSING or SILENT). */
    public int missingMask() {
        return missingMask;
    }

    public boolean isPartial() {
        return missingMask != 0;
    }

    public boolean hasEgoMotion() {
        return hasEgoMotion;
    }

    public double speedMetersPerSecond() {
        return speedMetersPerSecond;
    }

    public double yawRateRadPerSec() {
        return yawRateRadPerSec;
    }

    public double latitudeDeg() {
        return latitudeDeg;
    }

    public double longitudeDeg() {
        return longitudeDeg;
    }

    public long gnssStampNanos() {
        return gnssStampNanos;
    }

    public long imuStampNanos() {
        return imuStampNanos;
    }
}
