package org.avfusion.runtime.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;

/**
 * One live sensor source ({@code live.sources[i]}): which configured sensor it feeds, which {@link LiveDriver} reads
 * it, and the fields that driver needs. Fields that do not apply to the driver must be left out; missing optional
 * fields get the driver's defaults here, so that every field a driver uses is non-null after construction.
 *
 * <table>
 * <caption>fields per driver (required in bold; defaults in brackets)</caption>
 * <tr><td>VELODYNE_UDP</td><td>bindAddress [0.0.0.0], port [2368], receiveBufferBytes [4 MiB], cutAzimuthDeg [0],
 *     maxPointsPerScan [the model's revolution], pooledClouds [8], model [detected: VLP16 | HDL32]</td></tr>
 * <tr><td>OUSTER_UDP</td><td><b>metadataFile</b>, bindAddress [0.0.0.0], port [7502], receiveBufferBytes,
 *     cutAzimuthDeg, maxPointsPerScan, pooledClouds</td></tr>
 * <tr><td>NMEA_TCP</td><td><b>host</b>, <b>port</b></td></tr>
 * <tr><td>NMEA_UDP</td><td><b>port</b>, bindAddress [0.0.0.0]</td></tr>
 * <tr><td>NMEA_SERIAL</td><td><b>device</b>, <b>baud</b></td></tr>
 * <tr><td>GPSD</td><td>host [127.0.0.1], port [2947]</td></tr>
 * <tr><td>FFMPEG</td><td><b>input</b>, format [probed], options [none], maxWidthPixels [1920],
 *     maxHeightPixels [1080]</td></tr>
 * </table>
 *
 * <p>Messages name the key as {@code live.sources[].field}; {@link LiveConfig} puts the element's index in.
 * Whether {@code sensor} is one of {@code sensors[]} with the driver's kind is checked by {@link RuntimeConfig}.
 *
 * @param sensor             name of the sensor in {@code sensors[]} whose frames this source produces
 * @param driver             the driver
 * @param bindAddress        local address a UDP socket binds (UDP drivers)
 * @param port               UDP port to bind (0..65535, 0 = any free port) or TCP port to connect to (1..65535)
 * @param receiveBufferBytes UDP lidar socket receive buffer, >= 65,536
 * @param cutAzimuthDeg      lidar rotor angle at which a sweep ends, [0, 360)
 * @param maxPointsPerScan   lidar cloud capacity, >= 1, or null for the decoder's bound
 * @param pooledClouds       lidar clouds in the driver's pool, >= 2: sweeps held downstream (aligner, stages) at
 *                           once plus the one filling; a sweep finding none free is dropped and counted
 * @param model              Velodyne model, or null to detect it from the first packet
 * @param metadataFile       Ouster sensor metadata JSON (beam angles)
 * @param host               TCP server or gpsd host
 * @param device             serial device, e.g. {@code /dev/ttyUSB0}
 * @param baud               serial line rate (a standard rate: 4800, 9600, ... 921600)
 * @param input              FFmpeg input: {@code /dev/video0}, {@code rtsp://...}, {@code http://...} or a file
 * @param format             FFmpeg input format to force ({@code video4linux2}), or null to probe
 * @param options            FFmpeg demuxer options ({@code video_size: 1280x720}, {@code rtsp_transport: tcp})
 * @param maxWidthPixels     widest camera frame the image buffers take
 * @param maxHeightPixels    tallest camera frame the image buffers take
 */
public record LiveSourceConfig(
        String sensor,
        LiveDriver driver,
        String bindAddress,
        Integer port,
        Integer receiveBufferBytes,
        Double cutAzimuthDeg,
        Integer maxPointsPerScan,
        Integer pooledClouds,
        VelodyneModel model,
        String metadataFile,
        String host,
        String device,
        Integer baud,
        String input,
        String format,
        Map<String, String> options,
        Integer maxWidthPixels,
        Integer maxHeightPixels) {

    /** Key prefix in messages; {@link LiveConfig} replaces the empty brackets with the element's index. */
    static final String KEY = "live.sources[].";

    private static final Set<Integer> BAUD_RATES = Set.of(4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800,
            921600);
    private static final Map<LiveDriver, Set<String>> FIELDS = new EnumMap<>(Map.of(
            LiveDriver.VELODYNE_UDP, Set.of("bindAddress", "port", "receiveBufferBytes", "cutAzimuthDeg",
                    "maxPointsPerScan", "pooledClouds", "model"),
            LiveDriver.OUSTER_UDP, Set.of("bindAddress", "port", "receiveBufferBytes", "cutAzimuthDeg",
                    "maxPointsPerScan", "pooledClouds", "metadataFile"),
            LiveDriver.NMEA_TCP, Set.of("host", "port"),
            LiveDriver.NMEA_UDP, Set.of("bindAddress", "port"),
            LiveDriver.NMEA_SERIAL, Set.of("device", "baud"),
            LiveDriver.GPSD, Set.of("host", "port"),
            LiveDriver.FFMPEG, Set.of("input", "format", "options", "maxWidthPixels", "maxHeightPixels")));

    /** Default lidar cloud pool: 8 sweeps (0.8 s at 10 Hz) may be held downstream before one is dropped. */
    public static final int DEFAULT_POOLED_CLOUDS = 8;
    /** Default UDP lidar receive buffer: 4 MiB. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public LiveSourceConfig {
        if (sensor == null || sensor.isBlank()) {
            throw new ConfigException(KEY + "sensor is missing: name one of sensors[]");
        }
        if (driver == null) {
            throw new ConfigException(KEY + "driver is missing for sensor '" + sensor + "'; one of "
                    + List.of(LiveDriver.values()));
        }
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("bindAddress", bindAddress);
        given.put("port", port);
        given.put("receiveBufferBytes", receiveBufferBytes);
        given.put("cutAzimuthDeg", cutAzimuthDeg);
        given.put("maxPointsPerScan", maxPointsPerScan);
        given.put("pooledClouds", pooledClouds);
        given.put("model", model);
        given.put("metadataFile", metadataFile);
        given.put("host", host);
        given.put("device", device);
        given.put("baud", baud);
        given.put("input", input);
        given.put("format", format);
        given.put("options", options);
        given.put("maxWidthPixels", maxWidthPixels);
        given.put("maxHeightPixels", maxHeightPixels);
        Set<String> allowed = FIELDS.get(driver);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !allowed.contains(e.getKey())) {
                throw new ConfigException(KEY + e.getKey() + " (value '" + e.getValue() + "') does not apply to driver "
                        + driver + "; its fields: " + new TreeSet<>(allowed));
            }
        }
        switch (driver) {
            case VELODYNE_UDP, OUSTER_UDP -> {
                bindAddress = address(bindAddress);
                port = port == null ? (driver == LiveDriver.VELODYNE_UDP ? 2368 : 7502) : port;
                checkPort(port, 0);
                receiveBufferBytes = receiveBufferBytes == null ? DEFAULT_RECEIVE_BUFFER_BYTES : receiveBufferBytes;
                if (receiveBufferBytes < 65_536) {
                    throw new ConfigException(KEY + "receiveBufferBytes must be >= 65536, was " + receiveBufferBytes);
                }
                cutAzimuthDeg = cutAzimuthDeg == null ? 0.0 : cutAzimuthDeg;
                if (!(cutAzimuthDeg >= 0 && cutAzimuthDeg < 360)) {
                    throw new ConfigException(KEY + "cutAzimuthDeg must be in [0, 360), was " + cutAzimuthDeg);
                }
                pooledClouds = pooledClouds == null ? DEFAULT_POOLED_CLOUDS : pooledClouds;
                if (pooledClouds < 2) {
                    throw new ConfigException(KEY + "pooledClouds must be >= 2, was " + pooledClouds);
                }
                if (maxPointsPerScan != null && maxPointsPerScan < 1) {
                    throw new ConfigException(KEY + "maxPointsPerScan must be >= 1, was " + maxPointsPerScan);
                }
                if (driver == LiveDriver.OUSTER_UDP) {
                    metadataFile = required("metadataFile", metadataFile,
                            "the sensor's metadata JSON (beam angles), e.g. /etc/avfusion/os1.metadata.json");
                }
            }
            case NMEA_TCP -> {
                host = required("host", host, "the NMEA server's name or address");
                checkPort(required("port", port, "the NMEA server's TCP port"), 1);
            }
            case NMEA_UDP -> {
                bindAddress = address(bindAddress);
                checkPort(required("port", port, "the UDP port the NMEA datagrams arrive on, e.g. 10110"), 0);
            }
            case NMEA_SERIAL -> {
                device = required("device", device, "the tty, e.g. /dev/ttyUSB0");
                required("baud", baud, "the line rate, e.g. 4800 (NMEA 0183) or 9600");
                if (!BAUD_RATES.contains(baud)) {
                    throw new ConfigException(KEY + "baud " + baud + " is not a standard rate; one of "
                            + new TreeSet<>(BAUD_RATES));
                }
            }
            case GPSD -> {
                host = host == null ? "127.0.0.1" : required("host", host, "gpsd's host");
                port = port == null ? 2947 : port;
                checkPort(port, 1);
            }
            case FFMPEG -> {
                input = required("input", input, "/dev/video0, rtsp://HOST/PATH, http://... or a video file");
                options = options == null ? Map.of() : Map.copyOf(options);
                maxWidthPixels = maxWidthPixels == null ? 1920 : maxWidthPixels;
                maxHeightPixels = maxHeightPixels == null ? 1080 : maxHeightPixels;
                if (maxWidthPixels < 1 || maxHeightPixels < 1) {
                    throw new ConfigException(KEY + "maxWidthPixels and maxHeightPixels must be >= 1, were "
                            + maxWidthPixels + "x" + maxHeightPixels);
                }
            }
            default -> throw new IllegalStateException("unhandled driver " + driver);
        }
    }

    private static String address(String bindAddress) {
        if (bindAddress == null) {
            return "0.0.0.0";
        }
        if (bindAddress.isBlank()) {
            throw new ConfigException(KEY + "bindAddress must not be blank: write e.g. 0.0.0.0 or 127.0.0.1");
        }
        return bindAddress;
    }

    private static void checkPort(int port, int min) {
        if (port < min || port > 65_535) {
            throw new ConfigException(KEY + "port must be in [" + min + ", 65535], was " + port);
        }
    }

    private static <T> T required(String field, T value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new ConfigException(KEY + field + " is missing: " + what);
        }
        return value;
    }

    /** The fields {@code driver} reads, sorted (for messages and documentation). */
    public static List<String> fieldsOf(LiveDriver driver) {
        List<String> names = new ArrayList<>(List.of("sensor", "driver"));
        names.addAll(new TreeSet<>(FIELDS.get(driver)));
        return List.copyOf(names);
    }

    /** The endpoint in words, for console lines and health: {@code udp 0.0.0.0:2368}, {@code tcp host:port}... */
    public String endpoint() {
        return switch (driver) {
            case VELODYNE_UDP, OUSTER_UDP, NMEA_UDP -> "udp " + bindAddress + ":" + port;
            case NMEA_TCP, GPSD -> "tcp " + host + ":" + port;
            case NMEA_SERIAL -> device + " at " + baud + " baud";
            case FFMPEG -> input + (format == null ? "" : " (" + format + ")");
        };
    }
}
