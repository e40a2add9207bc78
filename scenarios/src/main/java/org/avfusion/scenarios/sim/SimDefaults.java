package org.avfusion.scenarios.sim;

/**
 * Every default of a scenario in one place: a scenario file only says what differs. Units are in the names.
 * The sensor defaults describe the simulated rig: a 32-beam 10 Hz roof lidar, a 15 Hz 90-degree front camera,
 * a 10 Hz GNSS receiver and a 100 Hz IMU, each with its own clock offset, stamp jitter and transport latency.
 */
public final class SimDefaults {
    private SimDefaults() {
    }

    public static final double ORIGIN_LATITUDE_DEG = 48.137154;
    public static final double ORIGIN_LONGITUDE_DEG = 11.576124;
    public static final double ORIGIN_ALTITUDE_METERS = 520.0;
    public static final String START_UTC = "2024-06-03T10:00:00Z";

    public static final double ROAD_WIDTH_METERS = 7.0;

    public static final double EGO_FRONT_OVERHANG_METERS = 3.7;
    public static final double EGO_WIDTH_METERS = 1.85;

    public static final double PEDESTRIAN_LENGTH_METERS = 0.5;
    public static final double PEDESTRIAN_WIDTH_METERS = 0.5;
    public static final double PEDESTRIAN_HEIGHT_METERS = 1.75;
    public static final double CAR_LENGTH_METERS = 4.5;
    public static final double CYCLIST_LENGTH_METERS = 1.8;
    public static final double CYCLIST_WIDTH_METERS = 0.6;
    public static final double CYCLIST_HEIGHT_METERS = 1.7;
    /** Closed loop: time from a decision's reference stamp to the ego acting on it. */
    public static final double EGO_REACTION_DELAY_SECONDS = 0.3;
    public static final double EGO_MAX_DECEL_METERS_PER_SEC2 = 7.0;
    public static final double EGO_MAX_ACCEL_METERS_PER_SEC2 = 2.0;
    public static final double CAR_WIDTH_METERS = 1.8;
    public static final double CAR_HEIGHT_METERS = 1.5;
    public static final double WALL_THICKNESS_METERS = 0.3;
    public static final double WALL_HEIGHT_METERS = 2.0;

    public static final double LIDAR_RATE_HZ = 10;
    public static final double LIDAR_CLOCK_OFFSET_MILLIS = 2.0;
    public static final double LIDAR_STAMP_JITTER_MILLIS = 0.05;
    public static final double LIDAR_LATENCY_MILLIS = 8.0;
    public static final double LIDAR_MOUNT_X_METERS = 1.2;
    public static final double LIDAR_MOUNT_Z_METERS = 1.8;
    public static final int LIDAR_BEAMS = 32;
    public static final int LIDAR_AZIMUTHS = 1800;
    public static final double LIDAR_LOWEST_BEAM_DEG = -25;
    public static final double LIDAR_HIGHEST_BEAM_DEG = 15;
    public static final double LIDAR_MAX_RANGE_METERS = 100;
    public static final double LIDAR_RANGE_NOISE_METERS = 0.01;

    public static final double CAMERA_RATE_HZ = 15;
    public static final double CAMERA_CLOCK_OFFSET_MILLIS = -12.0;
    public static final double CAMERA_STAMP_JITTER_MILLIS = 0.5;
    public static final double CAMERA_LATENCY_MILLIS = 35.0;
    public static final double CAMERA_MOUNT_X_METERS = 1.5;
    public static final double CAMERA_MOUNT_Z_METERS = 1.4;
    public static final int CAMERA_WIDTH_PIXELS = 640;
    public static final int CAMERA_HEIGHT_PIXELS = 360;
    public static final double CAMERA_HORIZONTAL_FOV_DEG = 90;
    public static final double CAMERA_EXPOSURE_MILLIS = 5.0;

    public static final double GNSS_RATE_HZ = 10;
    public static final double GNSS_CLOCK_OFFSET_MILLIS = 1.0;
    public static final double GNSS_STAMP_JITTER_MILLIS = 2.0;
    public static final double GNSS_LATENCY_MILLIS = 60.0;
    public static final double GNSS_POSITION_NOISE_METERS = 0.02;
    public static final double GNSS_HDOP = 0.8;
    public static final int GNSS_SATELLITES_USED = 14;

    public static final double IMU_RATE_HZ = 100;
    public static final double IMU_CLOCK_OFFSET_MILLIS = 0.3;
    public static final double IMU_STAMP_JITTER_MILLIS = 0.02;
    public static final double IMU_LATENCY_MILLIS = 2.0;
    public static final double IMU_GYRO_NOISE_RAD_PER_SEC = 0.002;
    public static final double IMU_ACCEL_NOISE_METERS_PER_SEC2 = 0.02;
    public static final double GRAVITY_METERS_PER_SEC2 = 9.81;

    /** Pooled buffers per large-frame sensor (clouds, images) the drive may have out at once. */
    public static final int POOL_MAX_BUFFERS = 8;
    /** How long a recorded source waits for a free pooled buffer before giving up. */
    public static final long POOL_WAIT_LIMIT_NANOS = 5_000_000_000L;
    /** Pause between two tries for a free pooled buffer. */
    public static final long POOL_RETRY_PARK_NANOS = 50_000L;
}
