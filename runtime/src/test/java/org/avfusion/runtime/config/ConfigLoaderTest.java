package org.avfusion.runtime.config;

import org.avfusion.runtime.ring.WaitStrategyKind;
import org.avfusion.runtime.ring.RingFullPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.runtime.plan.DecisionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ConfigLoader: the built-in default, merging a profile over it, and one row per way a profile is refused. */
class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Path profile(String yaml) throws IOException {
        Path file = dir.resolve("profile.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void builtInDefaultLoadsWithTheDocumentedValues() {
        RuntimeConfig c = loader.loadDefault();
        assertEquals("sim01", c.vehicle().id());
        assertEquals(4096, c.ring().size());
        assertEquals(WaitStrategyKind.BLOCKING, c.ring().waitStrategy());
        assertEquals(List.of("lidar_top", "camera_front", "gnss", "imu"),
                c.sensors().stream().map(SensorConfig::name).toList());
        assertEquals(List.of(RingFullPolicy.BLOCK, RingFullPolicy.DROP_OLDEST, RingFullPolicy.BLOCK,
                RingFullPolicy.DROP_NEWEST), c.sensors().stream().map(SensorConfig::ringFullPolicy).toList());
        assertEquals(0, c.referenceIndex());
        assertEquals(SensorKind.LIDAR, c.sensors().get(c.referenceIndex()).kind());
        assertTrue(c.mqtt().embedded());
    }

    @Test
    void fusionTrackerAndTrafficSectionsBindToTheirDefaults() {
        RuntimeConfig c = new ConfigLoader().loadDefault();
        assertEquals(org.avfusion.runtime.fusion.FusionConfig.DEFAULTS, c.fusion());
        assertEquals(org.avfusion.runtime.track.TrackerConfig.DEFAULTS, c.tracker());
        assertEquals(org.avfusion.runtime.plan.TrafficConfig.DEFAULTS, c.traffic());
    }

    @Test
    void derivedBodyDimensionsFollowTheVehicleSection() {
        RuntimeConfig c = loader.loadDefault();
        assertEquals(c.vehicle().widthMeters(), c.decision().vehicleWidthMeters());
        assertEquals(c.vehicle().lengthMeters() - c.vehicle().rearOverhangMeters(), c.decision().frontOverhangMeters(),
                1e-12);
        assertEquals(c.vehicle().lengthMeters(), c.perception().egoLengthMeters());
        assertEquals(c.vehicle().widthMeters(), c.perception().egoWidthMeters());
        assertEquals(c.vehicle().rearOverhangMeters(), c.perception().egoRearOverhangMeters());
    }

    @Test
    void overridingOneValueChangesOnlyThatValue() throws IOException {
        RuntimeConfig base = loader.loadDefault();
        RuntimeConfig c = loader.load(profile("decision:\n  standoffMeters: 8.5\n"));
        DecisionConfig d = base.decision();
        assertEquals(new DecisionConfig(d.vehicleWidthMeters(), d.frontOverhangMeters(), d.corridorMarginMeters(),
                d.lookaheadMeters(), d.comfortDecelMetersPerSec2(), d.reactionTimeMillis(), 8.5,
                d.slowHeadwaySeconds(), d.releaseMillis(), d.egoMotionMaxAgeMillis(), d.maxCurvaturePerMeter(),
                d.minCorridorCells()), c.decision());
        assertEquals(base.vehicle(), c.vehicle());
        assertEquals(base.ring(), c.ring());
        assertEquals(base.sensors(), c.sensors());
        assertEquals(base.alignment(), c.alignment());
        assertEquals(base.perception(), c.perception());
        assertEquals(base.occupancy(), c.occupancy());
        assertEquals(base.mqtt(), c.mqtt());
    }

    @Test
    void vehicleOverrideMovesTheDerivedKeysWithIt() throws IOException {
        RuntimeConfig c = loader.load(profile("vehicle:\n  widthMeters: 2.1\n  lengthMeters: 5.0\n"));
        assertEquals(2.1, c.decision().vehicleWidthMeters());
        assertEquals(5.0 - 0.9, c.decision().frontOverhangMeters(), 1e-12);
        assertEquals(5.0, c.perception().egoLengthMeters());
        assertEquals("sim01", c.vehicle().id());
    }

    @Test
    void aListInAProfileReplacesTheDefaultListWhole() throws IOException {
        RuntimeConfig c = loader.load(profile("""
                sensors:
                  - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: BLOCK, critical: true}
                  - {name: imu, kind: IMU, clockOffsetMillis: 1.5, timeoutMillis: 100, ringFullPolicy: DROP_NEWEST, critical: false}
                """));
        assertEquals(List.of("lidar_top", "imu"), c.sensors().stream().map(SensorConfig::name).toList());
        assertEquals(1_500_000L, c.sensors().get(1).clockOffsetNanos());
    }

    @Test
    void anEmptyProfileMeansTheDefaults() throws IOException {
        assertEquals(loader.loadDefault(), loader.load(profile("# nothing differs\n")));
    }

    /** name, profile text, substrings the message must contain (the file name is always checked too). */
    static Stream<Arguments> refusedProfiles() {
        return Stream.of(
                Arguments.of("unknown top-level key", "vehicel:\n  id: car7\n", List.of("'vehicel'", "unknown key")),
                Arguments.of("unknown nested key (typo)", "decision:\n  standofMeters: 8\n",
                        List.of("'decision.standofMeters'", "unknown key", "standoffMeters")),
                Arguments.of("derived key written by hand", "decision:\n  vehicleWidthMeters: 2.0\n",
                        List.of("decision.vehicleWidthMeters", "2.0", "vehicle.")),
                Arguments.of("enum typo", "ring:\n  waitStrategy: BLOKING\n",
                        List.of("ring.waitStrategy", "BLOKING", "BLOCKING")),
                Arguments.of("string for a number", "ring:\n  size: big\n", List.of("ring.size", "big")),
                Arguments.of("string for a double", "vehicle:\n  lengthMeters: long\n",
                        List.of("vehicle.lengthMeters", "long")),
                Arguments.of("a mapping where a number belongs", "ring:\n  size: {slots: 16}\n", List.of("ring.size")),
                Arguments.of("a scalar where a section belongs", "ring: 4096\n", List.of("'ring'", "mapping", "4096")),
                Arguments.of("reference sensor is not a lidar", "alignment:\n  referenceSensor: gnss\n",
                        List.of("alignment.referenceSensor", "gnss", "LIDAR")),
                Arguments.of("reference sensor not configured", "alignment:\n  referenceSensor: lidar_rear\n",
                        List.of("alignment.referenceSensor", "lidar_rear")),
                Arguments.of("ring size not a power of two", "ring:\n  size: 100\n", List.of("ring.size", "100")),
                Arguments.of("negative sensor timeout", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: -5, ringFullPolicy: BLOCK, critical: true}
                        """, List.of("lidar_top", "timeoutMillis", "-5")),
                Arguments.of("negative MQTT timeout", "mqtt:\n  connectTimeoutMillis: -1\n",
                        List.of("mqtt.connectTimeoutMillis", "-1")),
                Arguments.of("unknown key inside a list element", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: BLOCK, critical: true, rate: 10}
                        """, List.of("sensors[0].rate", "unknown key")),
                Arguments.of("ring-full policy typo", """
                        sensors:
                          - {name: lidar_top, kind: LIDAR, clockOffsetMillis: 0.0, timeoutMillis: 300, ringFullPolicy: DROP, critical: true}
                        """, List.of("ringFullPolicy", "DROP", "DROP_OLDEST")),
                Arguments.of("invalid YAML", "ring:\n  size: [16, 32\n", List.of("not valid YAML", "line")),
                Arguments.of("duplicate key", "ring:\n  size: 16\n  size: 32\n", List.of("size")),
                Arguments.of("a list at the top level", "- ring\n- sensors\n", List.of("top level", "mapping")),
                Arguments.of("time gap out of range", "traffic:\n  timeGapSeconds: 0\n",
                        List.of("traffic.timeGapSeconds", "0")),
                Arguments.of("tracker birth hits out of range", "tracker:\n  birthHits: 0\n",
                        List.of("tracker.birthHits", "0")),
                Arguments.of("fusion IoU out of range", "fusion:\n  minIou: 1.5\n", List.of("fusion.minIou", "1.5")),
                Arguments.of("fusion method typo", "fusion:\n  method: HUNGRY\n",
                        List.of("fusion.method", "HUNGRY", "HUNGARIAN")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedProfiles")
    void refusedProfileNamesFileKeyAndValue(String name, String yaml, List<String> expected) throws IOException {
        Path file = profile(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file), name);
        String message = e.getMessage();
        assertTrue(message.contains("profile.yaml"), () -> name + ": message does not name the file: " + message);
        for (String part : expected) {
            assertTrue(message.contains(part), () -> name + ": message lacks '" + part + "': " + message);
        }
    }

    @Test
    void missingFileIsAConfigExceptionNamingTheFile() {
        Path missing = dir.resolve("no-such-profile.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing));
        assertTrue(e.getMessage().contains("no-such-profile.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void yamlTextIsRefusedUnderItsSourceName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadYaml("ring:\n  waitStrategy: BLOKING\n", "inline-test"));
        assertTrue(e.getMessage().startsWith("inline-test: "), e.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> loader.loadYaml("ring: [", "inline-test"));
        assertTrue(bad.getMessage().contains("inline-test") && bad.getMessage().contains("not valid YAML"),
                bad.getMessage());
    }

    /** The CI validates every profile in the repository this way: each must load over the default. */
    @Test
    void everyProfileInTheRepositoryConfigFolderLoads() throws IOException {
        Path folder = Path.of("..", "config");
        assertTrue(Files.isRegularFile(folder.resolve("default.yaml")),
                "repository config folder not found at " + folder.toAbsolutePath());
        List<Path> profiles;
        try (Stream<Path> files = Files.list(folder)) {
            profiles = files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        assertFalse(profiles.isEmpty());
        for (Path p : profiles) {
            RuntimeConfig c = loader.load(p);
            assertEquals(SensorKind.LIDAR, c.sensors().get(c.referenceIndex()).kind(), p.toString());
        }
    }
}
