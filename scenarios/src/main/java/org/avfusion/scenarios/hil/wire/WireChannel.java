package org.avfusion.scenarios.hil.wire;

/** Where a rig's packet goes: which interface of the runtime under test, and which sensor it stands in for. */
public enum WireChannel {
    /** Velodyne data packets, UDP to the runtime's lidar port. */
    LIDAR_DATA,
    /** Velodyne position packets ($GPRMC inside), UDP to the position port. */
    LIDAR_POSITION,
    /** NMEA 0183 sentences of one epoch (GGA + RMC), over the rig's TCP server and/or UDP. */
    NMEA,
    /** One JPEG frame, served to the runtime's camera source as MJPEG over HTTP. */
    CAMERA_MJPEG,
    /** One avfusion IMU datagram (44 bytes), UDP to the runtime's IMU port. */
    IMU
}
