package org.avfusion.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values a profile could set that were accepted and then crashed or hung the runtime (issue 8 "Bad input", issue 15
 * "Bounds on every number"): each is now a start-up error naming the source, the key, the value and the allowed range.
 */
class ConfigBoundsTest {
    private final ConfigLoader loader = new ConfigLoader();

    private static final String LIDAR = "  - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, ringFullPolicy: BLOCK, ";

    /** name, profile, substrings of the message (the source name is always checked). */
    static Stream<Arguments> absurd() {
        return Stream.of(
                Arguments.of("ring of 2^26 slots (6.5 GB, OutOfMemoryError)", "ring:\n  size: 67108864\n",
                        List.of("ring.size", "power of two in [16, 8192]", "67108864")),
                // each of these, inside the earlier documented ranges, ran out of the launcher's 96 MB heap
                Arguments.of("a bind address that is no address", "live:\n  sources:\n    - {sensor: imu, driver: "
                        + "NCOM_UDP, bindAddress: not.an.ip, port: 3000}\n",
                        List.of("live.sources[0].bindAddress", "'not.an.ip'", "IP address or a host name")),
                Arguments.of("a dotted address out of range", "live:\n  sources:\n    - {sensor: lidar_top, driver: "
                        + "VELODYNE_UDP, bindAddress: 192.168.1.300}\n",
                        List.of("live.sources[0].bindAddress", "'192.168.1.300'")),
                Arguments.of("a whole number past int", "ring:\n  size: 1000000000000\n",
                        List.of("ring.size", "1000000000000", "whole number within the setting's range")),
                Arguments.of("a port past int in a live source", "live:\n  sources:\n    - {sensor: imu, driver: "
                        + "IMU_UDP, port: 1000000000000}\n",
                        List.of("live.sources[0].port", "value 1000000000000 is too large")),
                Arguments.of("ring of 2^15 slots", "ring:\n  size: 32768\n",
                        List.of("ring.size", "power of two in [16, 8192]", "32768")),
                Arguments.of("10000 tracks", "tracker:\n  maxTracks: 10000\n",
                        List.of("tracker.maxTracks", "[1, 2048]", "10000")),
                Arguments.of("10000 measurements", "tracker:\n  maxMeasurements: 10000\n",
                        List.of("tracker.maxMeasurements", "[1, 2048]", "10000")),
                Arguments.of("a 2048 x 2048 cost matrix", "tracker:\n  maxTracks: 2048\n  maxMeasurements: 2048\n",
                        List.of("tracker.maxTracks x tracker.maxMeasurements", "1048576", "2048 x 2048")),
                Arguments.of("10^7 depth pixels a box", "fusion:\n  maxDepthPixelsPerBox: 10000000\n",
                        List.of("maxDepthPixelsPerBox", "1048576", "10000000")),
                Arguments.of("a grid 500 m to each side", "occupancy:\n  lateralMeters: 500\n",
                        List.of("occupancy.lateralMeters", "1280000", "400000")),
                Arguments.of("ring of 2^30 slots", "ring:\n  size: 1073741824\n", List.of("ring.size", "1073741824")),
                Arguments.of("time-out of 1e300 ms on a critical sensor",
                        "sensors:\n" + LIDAR + "timeoutMillis: 1e300, critical: true}\n",
                        List.of("sensors[lidar_top].timeoutMillis", "(0, 60000] ms", "1.0E300")),
                Arguments.of("clock offset of 1e15 ms", "sensors:\n" + LIDAR.replace("0.0", "1e15")
                        + "timeoutMillis: 300, critical: true}\n",
                        List.of("sensors[lidar_top].clockOffsetMillis", "[-3600000, 3600000] ms", "1.0E15")),
                Arguments.of("reaction time of 1e15 ms", "decision:\n  reactionTimeMillis: 1e15\n",
                        List.of("decision.reactionTimeMillis", "[0, 10000] ms", "1.0E15")),
                Arguments.of("alignment wait of 1e15 ms", "alignment:\n  maxWaitMillis: 1e15\n  historyMillis: 2e15\n",
                        List.of("alignment.maxWaitMillis", "(0, 10000] ms")),
                Arguments.of("health period that rounds to zero", "mqtt:\n  healthPeriodMillis: 1e-9\n",
                        List.of("mqtt.healthPeriodMillis", "[10, 3600000] ms")),
                Arguments.of("an outbox of a billion decisions", "mqtt:\n  outboxCapacity: 1000000000\n",
                        List.of("mqtt.outboxCapacity", "[1, 1000000] decisions")),
                Arguments.of("an acknowledgement deadline of a millisecond", "mqtt:\n  ackTimeoutMillis: 1\n",
                        List.of("mqtt.ackTimeoutMillis", "[100, 600000] ms")),
                Arguments.of("a CA file that is not there", "mqtt:\n  brokerUrl: ssl://127.0.0.1:8883\n"
                        + "  caFile: /nonexistent/ca.crt\n", List.of("mqtt.caFile", "cannot read", "/nonexistent/ca.crt")),
                Arguments.of("TLS files with a plain tcp broker", "mqtt:\n  brokerUrl: tcp://127.0.0.1:1883\n"
                        + "  caFile: /etc/hostname\n", List.of("mqtt.caFile", "ssl://HOST:PORT")),
                Arguments.of("a password variable with no user", "mqtt:\n  passwordEnv: AVFUSION_MQTT_PASSWORD\n",
                        List.of("mqtt.username")),
                Arguments.of("a password where a variable name goes", "mqtt:\n  username: car\n"
                        + "  passwordEnv: \"hunter2!\"\n", List.of("mqtt.passwordEnv", "never goes in the profile")),
                Arguments.of("tick period of a year", "ring:\n  tickPeriodMillis: 3.15e10\n",
                        List.of("ring.tickPeriodMillis", "[1, 1000] ms")),
                Arguments.of("polar grid of 2.6e9 cells", "perception:\n  rangeBinMeters: 0.01\n  maxRangeMeters: 500\n"
                        + "  azimuthBins: 7200\n", List.of("perception polar grid", "too large")),
                Arguments.of("occupancy cell of a micrometre", "occupancy:\n  cellSizeMeters: 1e-6\n",
                        List.of("occupancy.cellSizeMeters", "[0.01, 10] m")),
                Arguments.of("a bus-sized vehicle of 1e9 m", "vehicle:\n  lengthMeters: 1e9\n",
                        List.of("vehicle.lengthMeters", "(0, 30] m")),
                Arguments.of("a lidar cloud pool of a million", "live:\n  sources:\n"
                        + "    - {sensor: lidar_top, driver: VELODYNE_UDP, pooledClouds: 1000000}\n",
                        List.of("live.sources[0].pooledClouds must be in [2, 64] clouds, was 1000000")),
                Arguments.of("a receive buffer of 2 GiB", "live:\n  sources:\n"
                        + "    - {sensor: lidar_top, driver: VELODYNE_UDP, receiveBufferBytes: 2147483647}\n",
                        List.of("live.sources[0].receiveBufferBytes must be in [65536, 268435456] bytes")),
                Arguments.of("a camera frame of 100k pixels a side", "live:\n  sources:\n"
                        + "    - {sensor: camera_front, driver: FFMPEG, input: /dev/video0, maxWidthPixels: 100000}\n",
                        List.of("live.sources[0].maxWidthPixels must be in [1, 8192] pixels")),
                Arguments.of("a latency budget of a day", "deadline:\n  budgetMillis: 8.64e7\n",
                        List.of("deadline.budgetMillis", "[10, 10000] ms", "8.64E7")),
                Arguments.of("a latency budget of zero", "deadline:\n  budgetMillis: 0\n",
                        List.of("deadline.budgetMillis", "[10, 10000] ms")),
                Arguments.of("a watchdog period of a microsecond", "deadline:\n  watchdogPeriodMillis: 0.001\n",
                        List.of("deadline.watchdogPeriodMillis", "[10, 60000] ms")),
                Arguments.of("a watchdog period of 1e300 ms", "deadline:\n  watchdogPeriodMillis: 1e300\n",
                        List.of("deadline.watchdogPeriodMillis", "[10, 60000] ms", "1.0E300")),
                Arguments.of("dead reckoning allowed for 0 ms", "ego:\n  deadReckonedMaxMillis: 0\n",
                        List.of("ego.deadReckonedMaxMillis", "(0, 600000] ms")),
                Arguments.of("a gyro noise of 5 rad/s", "ego:\n  filter:\n    gyroNoiseRadPerSec: 5\n",
                        List.of("ego.filter: gyroNoiseRadPerSec must be in (0, 1], was 5")),
                Arguments.of("a depth histogram bin of -1 m", "fusion:\n  depth:\n    binMeters: -1\n",
                        List.of("fusion.depth: binMeters must be > 0, was -1.0")),
                Arguments.of("an IMU port beyond 65535", "live:\n  sources:\n"
                        + "    - {sensor: imu, driver: IMU_UDP, port: 70000}\n",
                        List.of("live.sources[0].port", "70000")),
                Arguments.of("a quoted number", "ring:\n  size: \"4096\"\n", List.of("ring.size", "4096", "whole number")),
                Arguments.of("a fraction for a whole number", "ring:\n  size: 4096.5\n", List.of("ring.size")),
                Arguments.of("a number for a flag", "sensors:\n" + LIDAR + "timeoutMillis: 300, critical: 1}\n",
                        List.of("critical", "true or false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absurd")
    void absurdValueIsAStartUpErrorNamingKeyValueAndRange(String name, String yaml, List<String> expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadYaml(yaml, "absurd.yaml"), name);
        assertTrue(e.getMessage().startsWith("absurd.yaml: "), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), () -> name + ": message lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void theDeadlineSectionHasItsDefaultsAndAProfileMayChangeThem() {
        assertEquals(new org.avfusion.runtime.deadline.DeadlineConfig(500, 500), loader.loadDefault().deadline());
        assertEquals(new org.avfusion.runtime.deadline.DeadlineConfig(250, 1000), loader.loadYaml(
                "deadline:\n  budgetMillis: 250\n  watchdogPeriodMillis: 1000\n", "deadline.yaml").deadline());
    }

    @Test
    void aVehicleUnderAnotherIdKeepsTheRestAndItsIdIsChecked() {
        VehicleConfig v = loader.loadDefault().vehicle();
        VehicleConfig other = v.withId("e2e-42");
        assertEquals("e2e-42", other.id());
        assertEquals(new VehicleConfig(v.id(), other.lengthMeters(), other.widthMeters(), other.rearOverhangMeters(),
                other.lidarMount(), other.rigFile()), v);
        ConfigException e = assertThrows(ConfigException.class, () -> v.withId("Not/A topic"));
        assertTrue(e.getMessage().contains("'Not/A topic'"), e.getMessage());
    }

    @Test
    void theLargestAllowedRingLoads() {
        assertEquals(1 << 13, loader.loadYaml("ring:\n  size: 8192\n", "max.yaml").ring().size());
    }

    @Test
    void bindAddressesOfEveryFormLoad() {
        for (String a : List.of("0.0.0.0", "192.168.1.100", "::1", "localhost")) {
            assertEquals(1, loader.loadYaml("live:\n  sources:\n    - {sensor: imu, driver: IMU_UDP, bindAddress: '" + a
                    + "', port: 0}\n", "ok.yaml").live().sources().size(), a);
        }
    }

    @Test
    void theLargestAllowedPreallocationsLoad() {
        // each ran a simulated drive in the launcher's 96 MB heap (2026-12)
        RuntimeConfig c = loader.loadYaml("tracker:\n  maxTracks: 1024\n  maxMeasurements: 1024\n"
                + "fusion:\n  maxDepthPixelsPerBox: 1048576\noccupancy:\n  lateralMeters: 150\n", "max.yaml");
        assertEquals(1024, c.tracker().maxTracks());
        assertEquals(1 << 20, c.fusion().maxDepthPixelsPerBox());
    }

    @Test
    void driverDefaultsComeFromDefaultYamlAndAProfileMayChangeThem() {
        RuntimeConfig c = loader.loadYaml("""
                liveDefaults:
                  VELODYNE_UDP: {port: 2370}
                live:
                  sources:
                    - {sensor: lidar_top, driver: VELODYNE_UDP}
                """, "defaults.yaml");
        assertEquals("udp 127.0.0.1:2370", c.live().sources().get(0).endpoint());
    }
}
