package org.avfusion.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List entries with a field left out, and {@code liveDefaults} that no source uses: each is a start-up error whose one
 * line names the source, the entry (index and name), the field and, where there is one, an example or the range.
 * Before, a missing field said {@code sensors[0].clockOffsetMillis: bad value 'null'; write a number} (the first
 * primitive, not the field left out), and a bad {@code liveDefaults} value passed until a source used the driver.
 */
class ConfigEntryFieldsTest {
    private final ConfigLoader loader = new ConfigLoader();

    /** what, profile, the whole message. */
    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of("a sensor without timeoutMillis", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, ringFullPolicy: BLOCK, critical: true}
                        """, "p.yaml: sensors[0] (lidar_top): timeoutMillis is required, e.g. 300"),
                Arguments.of("a sensor with only a name and a kind", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR}
                        """, "p.yaml: sensors[0] (lidar_top): clockOffsetMillis, timeoutMillis, ringFullPolicy and "
                        + "critical are required, e.g. clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: "
                        + "BLOCK, critical: true"),
                Arguments.of("a sensor without kind", """
                        sensors:
                          - {name: lidar_top, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: BLOCK, critical: true}
                        """, "p.yaml: sensors[0] (lidar_top): kind is required, e.g. LIDAR"),
                Arguments.of("the second sensor without a name", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: BLOCK, critical: true}
                          - {kind: GNSS, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: BLOCK, critical: false}
                        """, "p.yaml: sensors[1]: name is required, e.g. lidar_top"),
                Arguments.of("a sensor whose time-out is written null", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: ~, ringFullPolicy: BLOCK, critical: true}
                        """, "p.yaml: sensors[0] (lidar_top): timeoutMillis is required, e.g. 300"),
                Arguments.of("a live source whose number is written null", """
                        live:
                          sources:
                            - {sensor: gnss, driver: GPSD, port: ~}
                        """, "p.yaml: live.sources[0] (gnss): port is required, e.g. 2947"),
                Arguments.of("a live source whose default was nulled", """
                        liveDefaults: {FFMPEG: {maxWidthPixels: ~}}
                        """, "p.yaml: liveDefaults.FFMPEG.maxWidthPixels is required, e.g. 1920 (it cannot be null)"),
                Arguments.of("a Velodyne default port beyond 65535, no Velodyne source", """
                        liveDefaults: {VELODYNE_UDP: {port: 99999}}
                        """, "p.yaml: liveDefaults.VELODYNE_UDP.port must be in [0, 65535], was 99999"),
                Arguments.of("an Ouster default pool of no clouds, no Ouster source", """
                        liveDefaults: {OUSTER_UDP: {pooledClouds: 0}}
                        """, "p.yaml: liveDefaults.OUSTER_UDP.pooledClouds must be in [2, 64] clouds, was 0"),
                Arguments.of("a Velodyne default pool of no clouds", """
                        liveDefaults: {VELODYNE_UDP: {pooledClouds: 0}}
                        """, "p.yaml: liveDefaults.VELODYNE_UDP.pooledClouds must be in [2, 64] clouds, was 0"),
                Arguments.of("a default receive buffer of 1 KiB", """
                        liveDefaults: {VELODYNE_UDP: {receiveBufferBytes: 1024}}
                        """, "p.yaml: liveDefaults.VELODYNE_UDP.receiveBufferBytes must be in [65536, 268435456] "
                        + "bytes, was 1024"),
                Arguments.of("a default cut angle of a full turn", """
                        liveDefaults: {OUSTER_UDP: {cutAzimuthDeg: 360}}
                        """, "p.yaml: liveDefaults.OUSTER_UDP.cutAzimuthDeg must be in [0, 360), was 360.0"),
                Arguments.of("a default bind address that is no address", """
                        liveDefaults: {NMEA_UDP: {bindAddress: 192.168.1.300}}
                        """, "p.yaml: liveDefaults.NMEA_UDP.bindAddress must be an IP address or a host name of this "
                        + "machine (e.g. 0.0.0.0, 127.0.0.1 or this computer's address on the sensor network), was "
                        + "'192.168.1.300'"),
                Arguments.of("a default gpsd port of 0", """
                        liveDefaults: {GPSD: {port: 0}}
                        """, "p.yaml: liveDefaults.GPSD.port must be in [1, 65535], was 0"),
                Arguments.of("a default camera width of 100k pixels", """
                        liveDefaults: {FFMPEG: {maxWidthPixels: 100000}}
                        """, "p.yaml: liveDefaults.FFMPEG.maxWidthPixels must be in [1, 8192] pixels, was 100000"),
                Arguments.of("a default NCOM port as text", """
                        liveDefaults: {NCOM_UDP: {port: "3000"}}
                        """, "p.yaml: liveDefaults.NCOM_UDP.port: value '3000' is not valid; write a whole number"),
                Arguments.of("a bad default that a source also uses: named where it is written", """
                        liveDefaults: {VELODYNE_UDP: {port: 99999}}
                        live:
                          sources:
                            - {sensor: lidar_top, driver: VELODYNE_UDP}
                        """, "p.yaml: liveDefaults.VELODYNE_UDP.port must be in [0, 65535], was 99999"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incomplete")
    void aMissingFieldOrBadDriverDefaultIsNamedWithItsEntry(String what, String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadYaml(yaml, "p.yaml"), what);
        assertEquals(message, e.getMessage(), what);
    }

    @Test
    void everyBuiltInDriverDefaultAndEveryChangeWithinRangeLoads() {
        RuntimeConfig c = loader.loadYaml("""
                liveDefaults:
                  VELODYNE_UDP: {port: 0, pooledClouds: 64, receiveBufferBytes: 65536, cutAzimuthDeg: 359.9}
                  OUSTER_UDP: {port: 65535, pooledClouds: 2, receiveBufferBytes: 268435456}
                  GPSD: {host: localhost, port: 1}
                  FFMPEG: {maxWidthPixels: 8192, maxHeightPixels: 1}
                  NCOM_UDP: {bindAddress: "::1", port: 0, gnssSensor: gnss}
                """, "edges.yaml");
        assertEquals(0, c.live().sources().size(), "liveDefaults make no source");
    }

    /** FFmpeg's demuxer options are the user's keys: a default for them loads and reaches the camera's source. */
    @Test
    void ffmpegOptionsCanBeGivenAsADriverDefault() {
        RuntimeConfig c = loader.loadYaml("""
                liveDefaults:
                  FFMPEG: {options: {video_size: 1280x720, rtsp_transport: tcp}}
                live:
                  sources:
                    - {sensor: camera_front, driver: FFMPEG, input: /dev/video0}
                """, "p.yaml");
        LiveSourceConfig.Ffmpeg camera = (LiveSourceConfig.Ffmpeg) c.live().sources().get(0);
        assertEquals(java.util.Map.of("video_size", "1280x720", "rtsp_transport", "tcp"), camera.options());
        // still a mapping
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadYaml("liveDefaults:\n  FFMPEG: {options: 1280x720}\n", "p.yaml"));
        assertTrue(e.getMessage().contains("liveDefaults.FFMPEG.options") && e.getMessage().contains("mapping"),
                e.getMessage());
    }
}
