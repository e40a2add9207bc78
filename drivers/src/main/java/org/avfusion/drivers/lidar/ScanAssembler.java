package org.avfusion.drivers.lidar;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;

/**
 * Gathers decoded points into one {@link PointCloud} per revolution and publishes it to a {@link FrameSink}.
 *
 * <p><b>Cut.</b> A revolution ends where the rotor angle ({@code rotationDeg}) passes the configured cut angle
 * moving forward. The rotor only turns forward, so a step back of less than one degree is taken as interpolation
 * jitter and any other step as a forward move, however long: a sensor with a restricted field of view jumps
 * from the end of its window to the start, and the cut still falls in the right place. A scan is also cut when its
 * points span more than {@code maxScanNanos}. {@link #flush()} publishes the scan in progress (end of a file).
 *
 * <p><b>Late packets.</b> A point whose rotor angle is behind the last one (by more than the jitter, the shorter
 * way round) <i>and</i> whose sensor time is earlier too came in a packet the network reordered or delayed: it
 * neither cuts nor moves the cut tracking back (which would cut again at the next in-order packet: a 20 % swap
 * rate split every revolution into dozens of scans). It joins the scan in progress when it is not older than that
 * scan's first point, else its scan was published already and it is dropped (counted, {@link #latePointsDropped()}).
 * A restricted field of view's jump to the window's start moves the sensor time forward, so it still cuts.
 *
 * <p><b>Time.</b> The published header's {@code stampNanos} is the first point's time on the vehicle clock:
 * the arrival time of the packet that carried it (given to {@link #beginPacket(long)}) minus how much later the
 * packet's last point was sensed. Per-point offsets are sensor-time differences from the first point.
 *
 * <p><b>Ownership and allocation.</b> Clouds come from a pool owned by the assembler; a published cloud belongs to
 * the sink (see {@link org.avfusion.drivers.pool}). When the pool is exhausted the scan is dropped and counted
 * ({@link LidarRejectReason#NO_BUFFER}); its sequence number is still used, so the gap shows downstream. Points
 * past a cloud's capacity are dropped and counted ({@link LidarRejectReason#SCAN_OVERFLOW}). Per point nothing is
 * allocated; per scan, one {@link FrameHeader}.
 *
 * <p><b>Threading.</b> Not thread-safe: one thread decodes and assembles.
 */
public final class ScanAssembler implements LidarPointConsumer {
    private static final float JITTER_DEG = 1.0f;

    private final ScanAssemblerConfig config;
    private final FrameSink sink;
    private final LidarStats stats;
    private final BufferPool<PointCloud> pool;
    private final float cutDeg;

    private PointCloud cloud;
    private boolean scanOpen;
    private boolean dropping;
    private boolean overflowCounted;
    private long sequence;
    private long firstSensorNanos;
    private long scanStampNanos;
    private boolean stampResolved;

    private boolean havePrevious;
    private float previousRotationDeg;
    private long previousSensorNanos;
    private long latePointsDropped;

    private long packetArrivalNanos;
    private long packetLastSensorNanos;
    private boolean scanStartedInPacket;

    /** An assembler for a live sensor: every pooled cloud is made up front, so nothing is allocated once it runs. */
    public ScanAssembler(ScanAssemblerConfig config, FrameSink sink, LidarStats stats) {
        this(config, sink, stats, config.pooledClouds());
    }

    /**
     * @param initialClouds pooled clouds made up front, in [0, {@code config.pooledClouds()}]; the others are made
     *                      when the pool runs dry. A recording's replay makes none up front: each cloud holds the
     *                      model's largest revolution (an HDL-32E's 278,000 points, 6 MB), and a paced replay uses
     *                      about 3 of its 8, a probe of the capture's start 1 of 4.
     */
    public ScanAssembler(ScanAssemblerConfig config, FrameSink sink, LidarStats stats, int initialClouds) {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.cutDeg = (float) config.cutAzimuthDeg();
        int capacity = config.maxPointsPerScan();
        this.pool = new BufferPool<>(config.sensor().name() + ".clouds", () -> new PointCloud(capacity),
                initialClouds, config.pooledClouds());
    }

    /** The pool the published clouds come from (for health reports). */
    public BufferPool<PointCloud> pool() {
        return pool;
    }

    /** Announces the next packet and its arrival time on the vehicle clock; call before decoding it. */
    public void beginPacket(long arrivalVehicleNanos) {
        packetArrivalNanos = arrivalVehicleNanos;
        scanStartedInPacket = false;
    }

    /** Closes the packet announced by {@link #beginPacket(long)}: resolves the stamp of a scan it started. */
    public void endPacket() {
        if (scanStartedInPacket && scanOpen && !stampResolved) {
            scanStampNanos = packetArrivalNanos - (packetLastSensorNanos - firstSensorNanos);
            stampResolved = true;
        }
        scanStartedInPacket = false;
    }

    @Override
    public void accept(long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
                       float azimuthDeg, float elevationDeg, float intensity, int ring, float rotationDeg) {
        if (havePrevious && late(rotationDeg, sensorNanos)) {
            if (!scanOpen || sensorNanos < firstSensorNanos) {
                latePointsDropped++; // its scan went out already
                return;
            }
        } else {
            if (havePrevious && crossesCut(previousRotationDeg, rotationDeg)) {
                closeScan();
            } else if (scanOpen && sensorNanos - firstSensorNanos > config.maxScanNanos()) {
                closeScan();
            }
            havePrevious = true;
            previousRotationDeg = rotationDeg;
            previousSensorNanos = sensorNanos;
        }
        packetLastSensorNanos = sensorNanos;
        if (!scanOpen) {
            openScan(sensorNanos);
        }
        if (dropping) {
            return;
        }
        if (cloud.size() == cloud.capacity()) {
            if (!overflowCounted) {
                overflowCounted = true;
                stats.reject(LidarRejectReason.SCAN_OVERFLOW, "scan " + sequence + " of " + config.sensor()
                        + " exceeds " + cloud.capacity() + " points; the rest of it is dropped");
            }
            return;
        }
        cloud.add(xMeters, yMeters, zMeters, intensity, (int) (sensorNanos - firstSensorNanos), ring);
    }

    /** Behind the last in-order point both in rotor angle (the shorter way round) and in sensor time. */
    private boolean late(float rotationDeg, long sensorNanos) {
        if (sensorNanos >= previousSensorNanos) {
            return false;
        }
        float step = rotationDeg - previousRotationDeg;
        step = step > 180f ? step - 360f : step <= -180f ? step + 360f : step;
        return step < -JITTER_DEG;
    }

    /** Points of late packets whose scan was already published, dropped (see the class comment). */
    public long latePointsDropped() {
        return latePointsDropped;
    }

    private boolean crossesCut(float previousDeg, float currentDeg) {
        float step = currentDeg - previousDeg;
        if (step < 0 && step > -JITTER_DEG) {
            return false;
        }
        if (step == 0) {
            return false;
        }
        float previousPhase = phase(previousDeg);
        float currentPhase = phase(currentDeg);
        return currentPhase < previousPhase;
    }

    private float phase(float rotationDeg) {
        float p = rotationDeg - cutDeg;
        return p < 0 ? p + 360f : p;
    }

    private void openScan(long sensorNanos) {
        scanOpen = true;
        firstSensorNanos = sensorNanos;
        stampResolved = false;
        scanStartedInPacket = true;
        overflowCounted = false;
        cloud = pool.acquire();
        dropping = cloud == null;
        if (dropping) {
            stats.reject(LidarRejectReason.NO_BUFFER, "point-cloud pool " + pool.name() + " exhausted ("
                    + config.pooledClouds() + " clouds held downstream): scan " + sequence + " dropped");
        }
    }

    private void closeScan() {
        if (!scanOpen) {
            return;
        }
        long seq = sequence++;
        if (!stampResolved) {
            scanStampNanos = packetArrivalNanos - (packetLastSensorNanos - firstSensorNanos);
        }
        PointCloud done = cloud;
        cloud = null;
        scanOpen = false;
        if (!dropping) {
            stats.scanPublished();
            sink.publish(new FrameHeader(config.sensor(), scanStampNanos, seq), done);
        }
        dropping = false;
    }

    /**
     * The sensor's own time of the first point of the scan being published (valid during the sink's
     * {@code publish} call): what the lidar's clock said, before any mapping onto the vehicle clock.
     */
    public long publishingScanSensorNanos() {
        return firstSensorNanos;
    }

    /** Publishes the scan in progress, if any (end of input). */
    public void flush() {
        closeScan();
    }

    /** Sequence number the next scan will carry (= scans closed so far, dropped ones included). */
    public long nextSequence() {
        return sequence;
    }
}
