package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {
    private static final String VALID = """
            description: one pedestrian
            seed: 1
            durationSeconds: 5
            road:
              segments:
                - {type: straight, lengthMeters: 100}
            ego:
              speedProfile:
                - {atSeconds: 0, speedMetersPerSecond: 5}
            actors:
              - type: pedestrian
                id: p
                fromXMeters: 30
                fromYMeters: -5
                toXMeters: 30
                toYMeters: 5
                startSeconds: 1
                speedMetersPerSecond: 1.4
            """;

    @TempDir
    Path dir;

    @Test
    void everyBuiltInLoadsAndBuildsADrive() {
        assertEquals(List.of("car-ahead-braking", "clear-road", "cyclist-overtaking", "following-braking-lead",
                "ghost-detection", "lidar-dropout-following", "pedestrian-between-parked-cars", "pedestrian-crossing"),
                ScenarioCatalog.builtInNames());
        for (String name : ScenarioCatalog.builtInNames()) {
            ScenarioSpec spec = ScenarioCatalog.loadBuiltIn(name);
            assertEquals(name, spec.name());
            assertFalse(spec.description().isBlank(), name + " has a description");
            try (SimulatedDrive drive = new SimulatedDrive(spec)) {
                assertEquals(4, drive.sensors().size());
            }
        }
    }

    @Test
    void validFileLoadsWithDefaultsFilledIn() throws IOException {
        ScenarioSpec spec = ScenarioCatalog.load(write("ok.yaml", VALID));
        assertEquals("ok", spec.name());
        assertEquals(SimDefaults.ROAD_WIDTH_METERS, spec.road().widthMeters());
        assertEquals(SimDefaults.LIDAR_BEAMS, spec.sensors().lidar().beams());
        assertEquals(SimDefaults.PEDESTRIAN_HEIGHT_METERS,
                ((ScenarioSpec.Pedestrian) spec.actors().get(0)).heightMeters());
        assertEquals(spec, ScenarioCatalog.resolve(dir.resolve("ok.yaml").toString()));
    }

    @Test
    void unknownKeyNamesFileKeyPathAndKnownKeys() throws IOException {
        Path file = write("pedestrian-typo.yaml", VALID.replace("speedMetersPerSecond: 1.4", "speedMps: 1.4"));
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file)).getMessage();
        assertTrue(message.startsWith("pedestrian-typo.yaml: actors[0].speedMps: unknown key 'speedMps'"), message);
        assertTrue(message.contains("known keys:") && message.contains("speedMetersPerSecond"), message);
    }

    @Test
    void negativeSpeedNamesFileKeyAndValue() throws IOException {
        Path file = write("backwards.yaml", VALID.replace("speedMetersPerSecond: 1.4", "speedMetersPerSecond: -1.4"));
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file)).getMessage();
        assertTrue(message.startsWith("backwards.yaml: actors[0].speedMetersPerSecond: must be > 0, was -1.4"), message);
    }

    @Test
    void negativeEgoKeyframeSpeedNamesTheKeyframe() throws IOException {
        Path file = write("ego.yaml", VALID.replace("speedMetersPerSecond: 5}", "speedMetersPerSecond: -5}"));
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file)).getMessage();
        assertTrue(message.startsWith("ego.yaml: ego.speedProfile[0].speedMetersPerSecond: must be >= 0, was -5.0"),
                message);
    }

    @Test
    void missingFileNamesTheFile() {
        Path file = dir.resolve("nowhere.yaml");
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file)).getMessage();
        assertTrue(message.startsWith("nowhere.yaml: scenario file not found"), message);
    }

    @Test
    void unknownBuiltInListsTheNames() {
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.resolve("no-such-drive"))
                .getMessage();
        assertTrue(message.contains("'no-such-drive'") && message.contains("car-ahead-braking, clear-road, ")
                && message.contains("pedestrian-crossing"), message);
    }

    @Test
    void badTypesAndMissingKeysNameTheKey() throws IOException {
        String[][] table = {
            {"durationSeconds: 5", "durationSeconds: soon", "bad.yaml: durationSeconds: bad value 'soon'"},
            {"type: pedestrian", "type: dog", "bad.yaml: actors[0].type: unknown type 'dog'"},
            {"durationSeconds: 5\n", "", "bad.yaml: durationSeconds: missing"},
            {"{type: straight, lengthMeters: 100}", "{type: arc, radiusMeters: 80, turnDeg: 0}",
                "bad.yaml: road.segments[0].turnDeg: must not be 0"},
        };
        for (String[] row : table) {
            Path file = write("bad.yaml", VALID.replace(row[0], row[1]));
            String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file)).getMessage();
            assertTrue(message.startsWith(row[2]), "expected '" + row[2] + "...' but was: " + message);
        }
    }

    @Test
    void obstacleOverlappingTheEgoIsAnImpossibleScenario() throws IOException {
        ScenarioSpec spec = ScenarioCatalog.load(write("blocked.yaml",
                VALID + "  - {type: static, id: in-the-way, sMeters: 2, lateralMeters: 0}\n"));
        String message = assertThrows(ScenarioException.class, () -> new SimulatedDrive(spec)).getMessage();
        assertTrue(message.contains("actors[1] (id 'in-the-way') overlaps the ego at t = 0"), message);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
