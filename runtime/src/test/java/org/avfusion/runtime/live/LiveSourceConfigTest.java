package org.avfusion.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.LiveDriver;
import org.avfusion.runtime.config.LiveSourceConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code live.sources} in a profile: what loads (with the drivers' defaults) and what is refused, and how. */
class LiveSourceConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private RuntimeConfig load(String sources) {
        return loader.loadYaml("live:\n  sources:\n" + sources, "test.yaml");
    }

    @Test
    void theDefaultProfileHasNoLiveSources() {
        assertEquals(List.of(), loader.loadDefault().live().sources());
    }

    @Test
    void theExampleOfTheDefaultProfileLoadsWithEachDriversDefaults() {
        RuntimeConfig c = load("""
                    - {sensor: lidar_top,    driver: VELODYNE_UDP, bindAddress: 0.0.0.0, port: 2368, cutAzimuthDeg: 180}
                    - {sensor: gnss,         driver: GPSD,         host: 127.0.0.1, port: 2947}
                    - {sensor: camera_front, driver: FFMPEG,       input: /dev/video0, format: video4linux2}
                """);
        List<LiveSourceConfig> s = c.live().sources();
        assertEquals(3, s.size());
        LiveSourceConfig.VelodyneUdp lidar = (LiveSourceConfig.VelodyneUdp) s.get(0);
        assertEquals(LiveDriver.VELODYNE_UDP, lidar.driver());
        assertEquals(180.0, lidar.cutAzimuthDeg());
        assertEquals(4 << 20, lidar.receiveBufferBytes(), "liveDefaults.VELODYNE_UDP in default.yaml");
        assertNull(lidar.model(), "model detected from the first packet");
        assertEquals("udp 0.0.0.0:2368", lidar.endpoint());
        assertEquals("tcp 127.0.0.1:2947", s.get(1).endpoint());
        LiveSourceConfig.Ffmpeg camera = (LiveSourceConfig.Ffmpeg) s.get(2);
        assertEquals("video4linux2", camera.format());
        assertEquals(1920, camera.maxWidthPixels());
        assertEquals(1080, camera.maxHeightPixels());
        assertEquals(Map.of(), camera.options());
    }

    @Test
    void leftOutFieldsTakeTheDriversRegisteredPortsAndListenOnLoopbackOnly() {
        RuntimeConfig c = load("""
                    - {sensor: lidar_top, driver: OUSTER_UDP, metadataFile: /etc/os1.json}
                    - {sensor: gnss,      driver: GPSD}
                """);
        assertEquals("udp 127.0.0.1:7502", c.live().sources().get(0).endpoint());
        assertEquals("tcp 127.0.0.1:2947", c.live().sources().get(1).endpoint());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a sensor that is not configured",
                        "    - {sensor: lidar_roof, driver: VELODYNE_UDP}\n",
                        List.of("live.sources[0].sensor 'lidar_roof' is not among sensors", "lidar_top")),
                Arguments.of("a driver of another kind than its sensor",
                        "    - {sensor: lidar_top, driver: VELODYNE_UDP}\n    - {sensor: camera_front, driver: GPSD}\n",
                        List.of("live.sources[1].sensor 'camera_front' is a CAMERA", "GPSD feeds a GNSS")),
                Arguments.of("an Ouster without its metadata",
                        "    - {sensor: lidar_top, driver: OUSTER_UDP, port: 7502}\n",
                        List.of("live.sources[0].metadataFile is missing")),
                Arguments.of("a field of another driver",
                        "    - {sensor: lidar_top, driver: VELODYNE_UDP, host: 10.0.0.2}\n",
                        List.of("live.sources[0].host (value '10.0.0.2') does not apply to driver VELODYNE_UDP",
                                "cutAzimuthDeg")),
                Arguments.of("a port out of range",
                        "    - {sensor: gnss, driver: NMEA_TCP, host: gnss.local, port: 0}\n",
                        List.of("live.sources[0].port must be in [1, 65535], was 0")),
                Arguments.of("a cut angle of a full turn",
                        "    - {sensor: lidar_top, driver: VELODYNE_UDP, cutAzimuthDeg: 360}\n",
                        List.of("live.sources[0].cutAzimuthDeg must be in [0, 360), was 360.0")),
                Arguments.of("an unknown key",
                        "    - {sensor: gnss, driver: NMEA_UDP, port: 10110, prot: 1}\n",
                        List.of("unknown key 'live.sources[0].prot'", "fields of driver NMEA_UDP", "bindAddress")),
                Arguments.of("an unknown driver",
                        "    - {sensor: gnss, driver: UBLOX_USB}\n",
                        List.of("live.sources[0].driver: value 'UBLOX_USB'", "NMEA_SERIAL", "GPSD")),
                Arguments.of("no driver",
                        "    - {sensor: gnss}\n",
                        List.of("live.sources[0].driver is missing for sensor 'gnss'")),
                Arguments.of("a serial line without its rate",
                        "    - {sensor: gnss, driver: NMEA_SERIAL, device: /dev/ttyUSB0}\n",
                        List.of("live.sources[0].baud is missing")),
                Arguments.of("a serial rate that is not standard",
                        "    - {sensor: gnss, driver: NMEA_SERIAL, device: /dev/ttyUSB0, baud: 4000}\n",
                        List.of("live.sources[0].baud 4000 is not a standard rate", "4800")),
                Arguments.of("a TCP source without its host",
                        "    - {sensor: gnss, driver: NMEA_TCP, port: 10110}\n",
                        List.of("live.sources[0].host is missing")),
                Arguments.of("a port that is not a number",
                        "    - {sensor: gnss, driver: GPSD, port: gpsd}\n",
                        List.of("live.sources[0].port: value 'gpsd'")),
                Arguments.of("two sources for one sensor",
                        "    - {sensor: gnss, driver: GPSD}\n    - {sensor: gnss, driver: NMEA_UDP, port: 10110}\n",
                        List.of("live.sources[1].sensor 'gnss' already has a source (live.sources[0])")),
                Arguments.of("a camera without input",
                        "    - {sensor: camera_front, driver: FFMPEG, format: video4linux2}\n",
                        List.of("live.sources[0].input is missing")),
                Arguments.of("an element that is not a mapping",
                        "    - lidar_top\n",
                        List.of("live.sources[0] must be a mapping")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedSourcesNameTheElementTheFieldAndTheValue(String name, String sources, List<String> expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(sources));
        assertTrue(e.getMessage().startsWith("test.yaml: "), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void anUnknownKeyUnderLiveIsRefusedAgainstTheDefaultProfile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadYaml("live:\n  source: []\n", "test.yaml"));
        assertTrue(e.getMessage().contains("unknown key 'live.source'") && e.getMessage().contains("[sources]"),
                e.getMessage());
    }
}
