package org.avfusion.runtime.align;

import org.avfusion.runtime.config.RuntimeConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;

/**
 * The default profile's four sensors (config/default.yaml) in front of a {@link TimeAligner}, fed like the ring
 * feeds it: a driver acquires a pooled buffer, the sink hands it to the aligner and then drops its own reference.
 * Times are given in milliseconds of vehicle time; stamps are what the sensor reports (its clock offset included).
 */
final class AlignerRig {
    static final int LIDAR = 0;
    static final int CAMERA = 1;
    static final int GNSS = 2;
    static final int IMU = 3;
    static final long MS = 1_000_000L;
    static final int POOL_SIZE = 64;

    static final AlignmentConfig DEFAULT_ALIGNMENT = RuntimeConfig.defaults().alignment();

    final TimeAligner aligner;
    final BufferPool<PointCloud> clouds = new BufferPool<>("lidar_top.clouds", () -> new PointCloud(4), POOL_SIZE,
            POOL_SIZE);
    final BufferPool<CameraImage> images = new BufferPool<>("camera_front.images", () -> new CameraImage(2, 2),
            POOL_SIZE, POOL_SIZE);
    /** Every buffer ever handed out (by identity), for the leak check. */
    final Set<PooledPayload> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
    private final long[] sequence = new long[4];

    AlignerRig() {
        this(0, 0);
    }

    AlignerRig(double lidarOffsetMillis, double cameraOffsetMillis) {
        this(List.of(
                new AlignerSensor(new SensorId("lidar_top", SensorKind.LIDAR), Math.round(lidarOffsetMillis * MS),
                        300 * MS),
                new AlignerSensor(new SensorId("camera_front", SensorKind.CAMERA),
                        Math.round(cameraOffsetMillis * MS), 500 * MS),
                new AlignerSensor(new SensorId("gnss", SensorKind.GNSS), 0, 500 * MS),
                new AlignerSensor(new SensorId("imu", SensorKind.IMU), 0, 100 * MS)), DEFAULT_ALIGNMENT);
    }

    AlignerRig(List<AlignerSensor> sensors, AlignmentConfig config) {
        aligner = new TimeAligner(sensors, LIDAR, config);
    }

    private FrameHeader header(int sensor, long stampNanos) {
        SensorId id = switch (sensor) {
            case LIDAR -> new SensorId("lidar_top", SensorKind.LIDAR);
            case CAMERA -> new SensorId("camera_front", SensorKind.CAMERA);
            case GNSS -> new SensorId("gnss", SensorKind.GNSS);
            default -> new SensorId("imu", SensorKind.IMU);
        };
        return new FrameHeader(id, stampNanos, sequence[sensor]++);
    }

    /** A sweep stamped {@code stampNanos} (sensor clock) arrives at {@code arrivalNanos}. Returns false when the pool is dry. */
    boolean lidarNanos(long stampNanos, long arrivalNanos) {
        PointCloud cloud = clouds.acquire();
        if (cloud == null) {
            return false;
        }
        handedOut.add(cloud);
        cloud.add(1f, 2f, 3f, 0f, 0, 0);
        aligner.onFrame(LIDAR, header(LIDAR, stampNanos), cloud, arrivalNanos, arrivalNanos);
        cloud.release(); // the sink is done with it: the aligner retained what it keeps
        return true;
    }

    /** A sweep whose points span {@code spanNanos} from its stamp (first point) to its last point. */
    void lidarSweep(long stampNanos, long spanNanos, long arrivalNanos) {
        PointCloud cloud = clouds.acquire();
        handedOut.add(cloud);
        cloud.add(1f, 2f, 3f, 0f, 0, 0);
        cloud.add(1f, -2f, 3f, 0f, (int) spanNanos, 0);
        aligner.onFrame(LIDAR, header(LIDAR, stampNanos), cloud, arrivalNanos, arrivalNanos);
        cloud.release();
    }

    /** A sweep whose points carry no times (a PCD file's), declared complete {@code spanNanos} after its stamp. */
    void lidarSweepWithoutTimes(long stampNanos, long spanNanos, long arrivalNanos) {
        PointCloud cloud = clouds.acquire();
        handedOut.add(cloud);
        cloud.add(1f, 2f, 3f, 0f, 0, 0);
        cloud.add(1f, -2f, 3f, 0f, 0, 0);
        cloud.declareCompleteAfterNanos((int) spanNanos);
        aligner.onFrame(LIDAR, header(LIDAR, stampNanos), cloud, arrivalNanos, arrivalNanos);
        cloud.release();
    }

    /** A sweep stored as one laser of KITTI's {@code .bin}: from straight ahead (mid-sweep) round to it. */
    void lidarSweepLaserByLaser(long stampNanos, long spanNanos, long arrivalNanos) {
        PointCloud cloud = clouds.acquire();
        handedOut.add(cloud);
        cloud.add(1f, 0f, 3f, 0f, (int) (spanNanos / 2), 0);
        cloud.add(-1f, 0f, 3f, 0f, (int) spanNanos, 0);
        cloud.add(-1f, 0.1f, 3f, 0f, 0, 0);
        cloud.add(1f, 0.1f, 3f, 0f, (int) (spanNanos / 2) - 1_000_000, 0);
        aligner.onFrame(LIDAR, header(LIDAR, stampNanos), cloud, arrivalNanos, arrivalNanos);
        cloud.release();
    }

    boolean cameraNanos(long stampNanos, long arrivalNanos) {
        CameraImage image = images.acquire();
        if (image == null) {
            return false;
        }
        handedOut.add(image);
        image.prepare(1, 1);
        aligner.onFrame(CAMERA, header(CAMERA, stampNanos), image, arrivalNanos, arrivalNanos);
        image.release();
        return true;
    }

    void gnssNanos(long stampNanos, long arrivalNanos, double speed, double lat, double lon) {
        GnssFix fix = new GnssFix(GnssFix.UNKNOWN_TIME, lat, lon, 100.0, speed, 0.0, FixMode.FIX_3D, 0.9, 9);
        aligner.onFrame(GNSS, header(GNSS, stampNanos), fix, arrivalNanos, arrivalNanos);
    }

    void imuNanos(long stampNanos, long arrivalNanos, double yawRate) {
        aligner.onFrame(IMU, header(IMU, stampNanos), new ImuSample(0, 0, yawRate, 0, 0, 9.81), arrivalNanos,
                arrivalNanos);
    }

    void lidar(double stampMs, double arrivalMs) {
        lidarNanos(ns(stampMs), ns(arrivalMs));
    }

    void camera(double stampMs, double arrivalMs) {
        cameraNanos(ns(stampMs), ns(arrivalMs));
    }

    void gnss(double stampMs, double arrivalMs, double speed) {
        gnssNanos(ns(stampMs), ns(arrivalMs), speed, 48.0, 11.0);
    }

    void gnss(double stampMs, double arrivalMs, double speed, double lat, double lon) {
        gnssNanos(ns(stampMs), ns(arrivalMs), speed, lat, lon);
    }

    void imu(double stampMs, double arrivalMs, double yawRate) {
        imuNanos(ns(stampMs), ns(arrivalMs), yawRate);
    }

    /** GNSS and IMU samples stamped and arriving at {@code ms}: enough for a set at or before it to be complete. */
    void pose(double ms) {
        gnss(ms, ms, 5.0);
        imu(ms, ms, 0.0);
    }

    void clock(double ms) {
        aligner.onClock(ns(ms), ns(ms));
    }

    /** Polls one set; null when none is ready. The caller releases it. */
    AlignedSet poll() {
        AlignedSet set = new AlignedSet(4);
        return aligner.pollReady(set) ? set : null;
    }

    /** Every set ready now, released after they were collected (their stamps are kept). */
    List<AlignedSet> drain() {
        List<AlignedSet> out = new ArrayList<>();
        for (AlignedSet s = poll(); s != null; s = poll()) {
            out.add(s);
        }
        return out;
    }

    static long ns(double ms) {
        return Math.round(ms * MS);
    }

    static double ms(long nanos) {
        return nanos / (double) MS;
    }

    /** After every set was released and the aligner closed: every buffer is back in its pool. */
    String leakReport() {
        StringBuilder leaks = new StringBuilder();
        for (PooledPayload p : handedOut) {
            if (p.referenceCount() != 0) {
                leaks.append(p.getClass().getSimpleName()).append(" with ").append(p.referenceCount())
                        .append(" references; ");
            }
        }
        if (clouds.freeCount() != POOL_SIZE) {
            leaks.append("cloud pool has ").append(clouds.freeCount()).append(" of ").append(POOL_SIZE).append(" free; ");
        }
        if (images.freeCount() != POOL_SIZE) {
            leaks.append("image pool has ").append(images.freeCount()).append(" of ").append(POOL_SIZE).append(" free; ");
        }
        return leaks.toString();
    }
}
