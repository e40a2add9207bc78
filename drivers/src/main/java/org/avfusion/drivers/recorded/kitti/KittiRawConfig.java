package org.avfusion.drivers.recorded.kitti;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.recorded.RecordedTimeBase;

/**
 * What to replay from a KITTI raw drive and how. A null sensor leaves its stream out.
 *
 * @param gnss           sensor for the OXTS position fixes, kind GNSS, or null
 * @param imu            sensor for the OXTS inertial samples, kind IMU, or null
 * @param camera         sensor for {@code image_02} (left colour camera), kind CAMERA, or null
 * @param lidar          sensor for {@code velodyne_points}, kind LIDAR, or null
 * @param timeBase       maps KITTI timestamps onto the vehicle time base; with
 *                       {@link RecordedTimeBase#firstStampAt(long)} the earliest stamp of any replayed stream is
 *                       the origin
 * @param timestampZone  time zone of the timestamps files (KITTI does not say; UTC by default)
 * @param maxImageWidthPixels  widest image a pooled buffer holds
 * @param maxImageHeightPixels tallest image a pooled buffer holds
 * @param imageBuffers   most image buffers alive at once
 * @param maxCloudPoints most points a pooled cloud holds
 * @param cloudBuffers   most cloud buffers alive at once
 * @param scanOptions    how {@link KittiBinReader} fills each point's ring and time offset and treats non-finite
 *                       values ({@link KittiBinReader.Options#DEFAULT}: rings from scan order, times from azimuth)
 * @param decodeImagePixels true (the default): each PNG is decoded into its frame's pixels; false: each camera
 *                       frame carries the size read from the PNG's header only ({@link
 *                       org.avfusion.drivers.camera.PngHeader}), without pixels ({@link
 *                       org.avfusion.drivers.frame.CameraImage#hasPixels()} false), for replays where nothing reads
 *                       pixels
 * @param laserRunCheck  the laser runs a whole scan shows, fewer rejecting it as cut short
 *                       ({@link KittiBinReader.LaserRunCheck#HDL64} for KITTI's HDL-64E, as {@link #defaults()} and
 *                       the {@code kitti-raw} recording format use; the shorter constructors leave it
 *                       {@link KittiBinReader.LaserRunCheck#NONE})
 */
public record KittiRawConfig(
        SensorId gnss,
        SensorId imu,
        SensorId camera,
        SensorId lidar,
        RecordedTimeBase timeBase,
        ZoneId timestampZone,
        int maxImageWidthPixels,
        int maxImageHeightPixels,
        int imageBuffers,
        int maxCloudPoints,
        int cloudBuffers,
        KittiBinReader.Options scanOptions,
        boolean decodeImagePixels,
        KittiBinReader.LaserRunCheck laserRunCheck) {

    public KittiRawConfig {
        requireKind("gnss", gnss, SensorKind.GNSS);
        requireKind("imu", imu, SensorKind.IMU);
        requireKind("camera", camera, SensorKind.CAMERA);
        requireKind("lidar", lidar, SensorKind.LIDAR);
        Objects.requireNonNull(timeBase, "timeBase");
        Objects.requireNonNull(timestampZone, "timestampZone");
        requirePositive("maxImageWidthPixels", maxImageWidthPixels);
        requirePositive("maxImageHeightPixels", maxImageHeightPixels);
        requirePositive("imageBuffers", imageBuffers);
        requirePositive("maxCloudPoints", maxCloudPoints);
        requirePositive("cloudBuffers", cloudBuffers);
        Objects.requireNonNull(scanOptions, "scanOptions");
        Objects.requireNonNull(laserRunCheck, "laserRunCheck");
    }

    /** As the canonical constructor, any number of laser runs accepted. */
    public KittiRawConfig(SensorId gnss, SensorId imu, SensorId camera, SensorId lidar, RecordedTimeBase timeBase,
            ZoneId timestampZone, int maxImageWidthPixels, int maxImageHeightPixels, int imageBuffers,
            int maxCloudPoints, int cloudBuffers, KittiBinReader.Options scanOptions, boolean decodeImagePixels) {
        this(gnss, imu, camera, lidar, timeBase, timestampZone, maxImageWidthPixels, maxImageHeightPixels,
                imageBuffers, maxCloudPoints, cloudBuffers, scanOptions, decodeImagePixels,
                KittiBinReader.LaserRunCheck.NONE);
    }

    /** As the canonical constructor, images decoded. */
    public KittiRawConfig(SensorId gnss, SensorId imu, SensorId camera, SensorId lidar, RecordedTimeBase timeBase,
            ZoneId timestampZone, int maxImageWidthPixels, int maxImageHeightPixels, int imageBuffers,
            int maxCloudPoints, int cloudBuffers, KittiBinReader.Options scanOptions) {
        this(gnss, imu, camera, lidar, timeBase, timestampZone, maxImageWidthPixels, maxImageHeightPixels,
                imageBuffers, maxCloudPoints, cloudBuffers, scanOptions, true);
    }

    /** As the canonical constructor, scans read with {@link KittiBinReader.Options#DEFAULT}, images decoded. */
    public KittiRawConfig(SensorId gnss, SensorId imu, SensorId camera, SensorId lidar, RecordedTimeBase timeBase,
            ZoneId timestampZone, int maxImageWidthPixels, int maxImageHeightPixels, int imageBuffers,
            int maxCloudPoints, int cloudBuffers) {
        this(gnss, imu, camera, lidar, timeBase, timestampZone, maxImageWidthPixels, maxImageHeightPixels,
                imageBuffers, maxCloudPoints, cloudBuffers, KittiBinReader.Options.DEFAULT);
    }

    /**
     * Every stream, sensors {@code gnss_oxts}, {@code imu_oxts}, {@code camera_02}, {@code lidar_velodyne}; first
     * stamp at vehicle time 0; UTC; buffers for full-size KITTI raw images (1392x512) and HDL-64E scans (150,000
     * points) read with rings from scan order and times from azimuth, a scan with fewer than the 64 lasers' runs
     * rejected as cut short.
     */
    public static KittiRawConfig defaults() {
        return new KittiRawConfig(new SensorId("gnss_oxts", SensorKind.GNSS), new SensorId("imu_oxts", SensorKind.IMU),
                new SensorId("camera_02", SensorKind.CAMERA), new SensorId("lidar_velodyne", SensorKind.LIDAR),
                RecordedTimeBase.firstStampAt(0), ZoneOffset.UTC, 1392, 512, 4, 150_000, 2)
                .withLaserRunCheck(KittiBinReader.LaserRunCheck.HDL64);
    }

    /** This config with images decoded ({@code true}) or read as their PNG header's size only ({@code false}). */
    public KittiRawConfig withDecodeImagePixels(boolean decode) {
        return new KittiRawConfig(gnss, imu, camera, lidar, timeBase, timestampZone, maxImageWidthPixels,
                maxImageHeightPixels, imageBuffers, maxCloudPoints, cloudBuffers, scanOptions, decode, laserRunCheck);
    }

    /** This config with scans showing fewer laser runs than {@code check} accepts rejected as cut short. */
    public KittiRawConfig withLaserRunCheck(KittiBinReader.LaserRunCheck check) {
        return new KittiRawConfig(gnss, imu, camera, lidar, timeBase, timestampZone, maxImageWidthPixels,
                maxImageHeightPixels, imageBuffers, maxCloudPoints, cloudBuffers, scanOptions, decodeImagePixels,
                check);
    }

    private static void requireKind(String key, SensorId sensor, SensorKind kind) {
        if (sensor != null && sensor.kind() != kind) {
            throw new IllegalArgumentException(key + ": sensor " + sensor + " is of kind " + sensor.kind()
                    + ", must be " + kind);
        }
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, was " + value);
        }
    }
}
