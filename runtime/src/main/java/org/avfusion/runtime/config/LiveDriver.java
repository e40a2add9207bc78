package org.avfusion.runtime.config;

import org.avfusion.drivers.frame.SensorKind;

/**
 * The real sensor drivers a {@code live.sources[]} entry can name, each with the sensor kind it feeds and the record
 * its entry binds to.
 */
public enum LiveDriver {
    /** Velodyne VLP-16 / HDL-32E data packets over UDP (model from the product byte unless {@code model} is set). */
    VELODYNE_UDP(SensorKind.LIDAR, LiveSourceConfig.VelodyneUdp.class),
    /** Ouster legacy-profile packets over UDP; needs the sensor's {@code metadataFile}. */
    OUSTER_UDP(SensorKind.LIDAR, LiveSourceConfig.OusterUdp.class),
    /** NMEA 0183 read from a TCP server ({@code host:port}); reconnects with backoff. */
    NMEA_TCP(SensorKind.GNSS, LiveSourceConfig.NmeaTcp.class),
    /** NMEA 0183 datagrams received on a UDP port. */
    NMEA_UDP(SensorKind.GNSS, LiveSourceConfig.NmeaUdp.class),
    /** NMEA 0183 from a serial device ({@code device}, {@code baud}). */
    NMEA_SERIAL(SensorKind.GNSS, LiveSourceConfig.NmeaSerial.class),
    /** A gpsd daemon's JSON reports ({@code host:port}); reconnects with backoff. */
    GPSD(SensorKind.GNSS, LiveSourceConfig.Gpsd.class),
    /** A camera decoded by FFmpeg: a V4L2 device, an RTSP/HTTP stream or a file ({@code input}, {@code format}). */
    FFMPEG(SensorKind.CAMERA, LiveSourceConfig.Ffmpeg.class),
    /** An IMU sending avfusion IMU datagrams (44 bytes, docs/HIL.md) to a UDP port. */
    IMU_UDP(SensorKind.IMU, LiveSourceConfig.ImuUdp.class),
    /**
     * An OxTS GNSS/INS's NCOM packets over UDP: inertial samples to {@code sensor} (IMU), INS fixes to
     * {@code gnssSensor} (GNSS, optional).
     */
    NCOM_UDP(SensorKind.IMU, LiveSourceConfig.NcomUdp.class);

    private final SensorKind kind;
    private final Class<? extends LiveSourceConfig> configType;

    LiveDriver(SensorKind kind, Class<? extends LiveSourceConfig> configType) {
        this.kind = kind;
        this.configType = configType;
    }

    /** The kind of sensor this driver feeds. */
    public SensorKind kind() {
        return kind;
    }

    /** The record a {@code live.sources[]} entry with this driver binds to. */
    public Class<? extends LiveSourceConfig> configType() {
        return configType;
    }
}
