package org.avfusion.drivers.recorded.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The manifest of a drive folder ({@code drive.yaml}): which logger files make up the drive and how their clocks
 * relate. Every stream is optional, but at least one must be given; unknown keys are refused.
 * <pre>
 * lidar:  {file: front.pcap, sensor: lidar_top, model: HDL32, clockOffsetMillis: 0}
 * gnss:   {file: fixes.nmea, sensor: gnss, clockOffsetMillis: 0}
 * camera: {file: front.mp4,  sensor: camera_front, clockOffsetMillis: 0}
 * </pre>
 * Time: the lidar's own GPS time (Velodyne data packets count microseconds past the hour; the hour comes from the
 * GPRMC sentences of its position packets). The NMEA log is timed by its fixes' UTC times, the video starts at the
 * lidar's first sweep. {@code clockOffsetMillis} is what the stream's clock reads minus GPS time: it is subtracted
 * from that stream's stamps and arrivals.
 *
 * @param lidar  a Velodyne pcap ({@code model}: VLP16 or HDL32), or null
 * @param gnss   an NMEA 0183 log, or null
 * @param camera a video file FFmpeg reads, or null
 */
public record DriveManifest(Stream lidar, Stream gnss, Stream camera) {
    /** The manifest's file name in a drive folder. */
    public static final String FILE = "drive.yaml";

    /**
     * One logger's file.
     *
     * @param file              relative to the drive folder
     * @param sensor            the sensor its frames are published as (a rig/profile sensor of the stream's kind)
     * @param model             lidar model (VLP16, HDL32); ignored for other streams
     * @param clockOffsetMillis the file's clock minus GPS time, finite
     */
    public record Stream(@JsonProperty(value = "file", required = true) String file,
            @JsonProperty(value = "sensor", required = true) String sensor,
            @JsonProperty("model") String model,
            @JsonProperty("clockOffsetMillis") double clockOffsetMillis) {
        public Stream {
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("file: name the logger's file, relative to the drive folder");
            }
            if (sensor == null || sensor.isBlank()) {
                throw new IllegalArgumentException("sensor: name the sensor this file's frames are published as");
            }
            if (!Double.isFinite(clockOffsetMillis) || Math.abs(clockOffsetMillis) > 86_400_000) {
                throw new IllegalArgumentException("clockOffsetMillis must be finite and within one day, was "
                        + clockOffsetMillis);
            }
        }

        long clockOffsetNanos() {
            return Math.round(clockOffsetMillis * 1e6);
        }
    }

    public DriveManifest {
        if (lidar == null && gnss == null && camera == null) {
            throw new IllegalArgumentException("name at least one of lidar, gnss, camera");
        }
    }

    /** Reads and checks {@code drive.yaml}. @throws RecordingFormatException naming the file and the key */
    public static DriveManifest read(Path file) throws RecordingFormatException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(Files.readAllBytes(file), DriveManifest.class);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : cause.getMessage();
            throw new RecordingFormatException(file + ": " + message + " (expected lidar/gnss/camera entries with "
                    + "file, sensor, model (lidar), clockOffsetMillis)", e);
        }
    }
}
