package org.avfusion.runtime.config;

import static org.avfusion.calibration.yaml.Bounds.requireInHalfOpenRange;
import static org.avfusion.calibration.yaml.Bounds.requireInRange;
import static org.avfusion.calibration.yaml.Bounds.requireNonBlank;

import java.util.List;
import org.avfusion.calibration.yaml.BoundsException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;

/**
 * One live sensor source ({@code live.sources[i]}): which configured sensor it feeds and how its driver reads it.
 * One record per {@link LiveDriver}, chosen by the entry's {@code driver} field; each holds exactly the fields its
 * driver reads, so a field of another driver is refused at load. Fields an entry leaves out are filled from
 * {@code liveDefaults} in {@code config/default.yaml} (the one place defaults live) before the record is built;
 * fields without a default there are required, except {@code model} and {@code maxPointsPerScan}, which may stay
 * null (detected from the sensor). Compact constructors check every number against its range; their messages name
 * the field ({@code port must be in [1, 65535], was 0}) and the loader puts {@code live.sources[i].} in front.
 * Whether {@code sensor} is one of {@code sensors[]} with the driver's kind is checked by {@link RuntimeConfig}.
 */
public sealed interface LiveSourceConfig {
    /** Standard serial line rates (8N1). */
    Set<Integer> BAUD_RATES = Set.of(4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);
    /** Largest UDP receive buffer asked for: 256 MiB (Linux caps it at net.core.rmem_max anyway). */
    int MAX_RECEIVE_BUFFER_BYTES = 1 << 28;
    /** Largest lidar cloud: 2^21 points, four times an Ouster 128x2048 dual-return revolution (524,288). */
    int MAX_POINTS_PER_SCAN = 1 << 21;
    /** Widest and tallest camera frame the image pool takes (8K). */
    int MAX_IMAGE_PIXELS_PER_SIDE = 8192;

    /** Name of the sensor in {@code sensors[]} whose frames this source produces. */
    String sensor();

    /** The driver that reads it. */
    LiveDriver driver();

    /** The endpoint in words, for console lines and health: {@code udp 0.0.0.0:2368}, {@code tcp host:port}... */
    String endpoint();

    /** The fields {@code driver} reads, sorted, {@code sensor} and {@code driver} first (messages, documentation). */
    static List<String> fieldsOf(LiveDriver driver) {
        List<String> names = new java.util.ArrayList<>(List.of("sensor", "driver"));
        for (java.lang.reflect.RecordComponent c : driver.configType().getRecordComponents()) {
            if (!c.getName().equals("sensor")) {
                names.add(c.getName());
            }
        }
        names.subList(2, names.size()).sort(null);
        return List.copyOf(names);
    }

    /** A lidar whose packets arrive over UDP (Velodyne, Ouster). */
    sealed interface UdpLidar extends LiveSourceConfig {
        String bindAddress();

        int port();

        int receiveBufferBytes();

        double cutAzimuthDeg();

        /** Cloud capacity, or null for the decoder's bound (the model's largest revolution). */
        Integer maxPointsPerScan();

        /** Lidar clouds in the driver's pool: sweeps held downstream at once plus the one filling. */
        int pooledClouds();

        @Override
        default String endpoint() {
            return "udp " + bindAddress() + ":" + port();
        }
    }

    /**
     * Velodyne VLP-16 / HDL-32E data packets over UDP.
     *
     * @param model the Velodyne model, or null to detect it from the product byte of the first packet
     */
    record VelodyneUdp(String sensor, String bindAddress, int port, int receiveBufferBytes, double cutAzimuthDeg,
            Integer maxPointsPerScan, int pooledClouds, VelodyneModel model) implements UdpLidar {
        public VelodyneUdp {
            udpLidar(bindAddress, port, receiveBufferBytes, cutAzimuthDeg, maxPointsPerScan, pooledClouds);
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.VELODYNE_UDP;
        }
    }

    /** Ouster legacy-profile packets over UDP, with the sensor's metadata JSON (beam angles). */
    record OusterUdp(String sensor, String bindAddress, int port, int receiveBufferBytes, double cutAzimuthDeg,
            Integer maxPointsPerScan, int pooledClouds, String metadataFile) implements UdpLidar {
        public OusterUdp {
            udpLidar(bindAddress, port, receiveBufferBytes, cutAzimuthDeg, maxPointsPerScan, pooledClouds);
            required("metadataFile", metadataFile,
                    "the sensor's metadata JSON (beam angles), e.g. /etc/avfusion/os1.metadata.json");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.OUSTER_UDP;
        }
    }

    /** NMEA 0183 read from a TCP server; reconnects with backoff. */
    record NmeaTcp(String sensor, String host, Integer port) implements LiveSourceConfig {
        public NmeaTcp {
            required("host", host, "the NMEA server's name or address");
            requireInRange("port", required("port", port, "the NMEA server's TCP port"), 1, 65_535, "");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.NMEA_TCP;
        }

        @Override
        public String endpoint() {
            return "tcp " + host + ":" + port;
        }
    }

    /** An IMU sending avfusion IMU datagrams (docs/HIL.md, "IMU over UDP") to a UDP port. */
    record ImuUdp(String sensor, String bindAddress, Integer port) implements LiveSourceConfig {
        public ImuUdp {
            address(bindAddress);
            requireInRange("port", required("port", port, "the UDP port the IMU datagrams arrive on, e.g. 10120"), 0,
                    65_535, "");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.IMU_UDP;
        }

        @Override
        public String endpoint() {
            return "udp " + bindAddress + ":" + port;
        }
    }

    /** NMEA 0183 datagrams received on a UDP port. */
    record NmeaUdp(String sensor, String bindAddress, Integer port) implements LiveSourceConfig {
        public NmeaUdp {
            address(bindAddress);
            requireInRange("port", required("port", port, "the UDP port the NMEA datagrams arrive on, e.g. 10110"), 0,
                    65_535, "");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.NMEA_UDP;
        }

        @Override
        public String endpoint() {
            return "udp " + bindAddress + ":" + port;
        }
    }

    /** NMEA 0183 from a serial device, 8N1. */
    record NmeaSerial(String sensor, String device, Integer baud) implements LiveSourceConfig {
        public NmeaSerial {
            required("device", device, "the tty, e.g. /dev/ttyUSB0");
            required("baud", baud, "the line rate, e.g. 4800 (NMEA 0183) or 9600");
            if (!BAUD_RATES.contains(baud)) {
                throw new BoundsException("baud", baud + " is not a standard rate; one of "
                        + new TreeSet<>(BAUD_RATES));
            }
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.NMEA_SERIAL;
        }

        @Override
        public String endpoint() {
            return device + " at " + baud + " baud";
        }
    }

    /** A gpsd daemon's JSON reports; reconnects with backoff. */
    record Gpsd(String sensor, String host, int port) implements LiveSourceConfig {
        public Gpsd {
            requireNonBlank("host", host, "127.0.0.1");
            requireInRange("port", port, 1, 65_535, "");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.GPSD;
        }

        @Override
        public String endpoint() {
            return "tcp " + host + ":" + port;
        }
    }

    /**
     * A camera decoded by FFmpeg: a V4L2 device, an RTSP/HTTP stream or a file.
     *
     * @param format  FFmpeg input format to force ({@code video4linux2}), or null to probe
     * @param options FFmpeg demuxer options ({@code video_size: 1280x720}, {@code rtsp_transport: tcp})
     */
    record Ffmpeg(String sensor, String input, String format, Map<String, String> options, int maxWidthPixels,
            int maxHeightPixels) implements LiveSourceConfig {
        public Ffmpeg {
            required("input", input, "/dev/video0, rtsp://HOST/PATH, http://... or a video file");
            options = options == null ? Map.of() : Map.copyOf(options);
            requireInRange("maxWidthPixels", maxWidthPixels, 1, MAX_IMAGE_PIXELS_PER_SIDE, "pixels");
            requireInRange("maxHeightPixels", maxHeightPixels, 1, MAX_IMAGE_PIXELS_PER_SIDE, "pixels");
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.FFMPEG;
        }

        @Override
        public String endpoint() {
            return input + (format == null ? "" : " (" + format + ")");
        }
    }

    /**
     * An OxTS GNSS/INS sending NCOM packets over UDP: its inertial samples feed {@code sensor} (an IMU), its INS
     * position, speed and course feed {@code gnssSensor} (a GNSS; empty: none).
     *
     * @param bindAddress local address to listen on (default 0.0.0.0: the INS is another box on the vehicle network)
     * @param port        UDP port, 0..65535 (OxTS default 3000)
     * @param gnssSensor  name of a GNSS sensor in {@code sensors[]} for the INS fixes, or empty
     */
    record NcomUdp(String sensor, String bindAddress, Integer port, String gnssSensor) implements LiveSourceConfig {
        public NcomUdp {
            address(bindAddress);
            requireInRange("port", required("port", port, "the UDP port the NCOM packets arrive on, e.g. 3000"), 0,
                    65_535, "");
            gnssSensor = gnssSensor == null ? "" : gnssSensor;
        }

        @Override
        public LiveDriver driver() {
            return LiveDriver.NCOM_UDP;
        }

        @Override
        public String endpoint() {
            return "udp " + bindAddress + ":" + port;
        }
    }

    private static void udpLidar(String bindAddress, int port, int receiveBufferBytes, double cutAzimuthDeg,
            Integer maxPointsPerScan, int pooledClouds) {
        address(bindAddress);
        requireInRange("port", port, 0, 65_535, "");
        requireInRange("receiveBufferBytes", receiveBufferBytes, 65_536, MAX_RECEIVE_BUFFER_BYTES, "bytes");
        requireInHalfOpenRange("cutAzimuthDeg", cutAzimuthDeg, 0, 360, "");
        if (maxPointsPerScan != null) {
            requireInRange("maxPointsPerScan", maxPointsPerScan, 1, MAX_POINTS_PER_SCAN, "points");
        }
        requireInRange("pooledClouds", pooledClouds, 2, 64, "clouds");
    }

    private static void address(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new BoundsException("bindAddress", "must not be blank: write e.g. 0.0.0.0 or 127.0.0.1");
        }
        if (!isAddressOrKnownHost(bindAddress.strip())) {
            // the socket's bind failed later with an UnresolvedAddressException and no message ("avfusion: null")
            throw new BoundsException("bindAddress", "must be an IP address or a host name of this machine (e.g. "
                    + "0.0.0.0, 127.0.0.1 or this computer's address on the sensor network), was '" + bindAddress
                    + "'");
        }
    }

    /**
     * An IPv4 or IPv6 literal, or a host name this machine resolves (e.g. {@code localhost}). Only names are looked
     * up: a literal is checked by its form, so `config check` of a vehicle's profile on another computer accepts the
     * vehicle's sensor-network address (whether it belongs to the machine is the bind's to say, at `run`).
     */
    private static boolean isAddressOrKnownHost(String a) {
        if (a.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return a.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        }
        if (a.indexOf(':') >= 0) {
            if (!a.chars().allMatch(c -> c == ':' || c == '.' || c == '%' || Character.isLetterOrDigit(c))) {
                return false;
            }
        }
        try {
            java.net.InetAddress.getByName(a); // a literal with ':' is parsed, not looked up
            return true;
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static <T> T required(String field, T value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new BoundsException(field, "is missing: " + what);
        }
        return value;
    }
}
