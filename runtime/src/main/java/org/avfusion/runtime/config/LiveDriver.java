package org.avfusion.runtime.config;

import org.avfusion.drivers.frame.SensorKind;

/**
 * The real sensor drivers a {@code live.sources[]} entry can name, each with the sensor kind it feeds.
 */
public enum LiveDriver {
    /** Velodyne VLP-16 / HDL-32E data packets over UDP (model from the product byte unless {@code model} is set). */
    VELODYNE_UDP(SensorKind.LIDAR),
    /** Ouster legacy-profile packets over UDP; needs the sensor's {@code metadataFile}. */
    OUSTER_UDP(SensorKind.LIDAR),
    /** NMEA 0183 read from a TCP server ({@code host:port}); reconnects with backoff. */
    NMEA_TCP(SensorKind.GNSS),
    /** NMEA 0183 datagrams received on a UDP port. */
    NMEA_UDP(SensorKind.GNSS),
    /** NMEA 0183 from a serial device ({@code device}, {@code baud}). */
    NMEA_SERIAL(SensorKind.GNSS),
    /** A gpsd daemon's JSON reports ({@code host:port}); reconnects with backoff. */
    GPSD(SensorKind.GNSS),
    /** A camera decoded by FFmpeg: a V4L2 device, an RTSP/HTTP stream or a file ({@code input}, {@code format}). */
    FFMPEG(SensorKind.CAMERA);

    private final SensorKind kind;

    LiveDriver(SensorKind kind) {
        this.kind = kind;
    }

    /** The kind of sensor this driver feeds. */
    public SensorKind kind() {
        return kind;
    }
}
