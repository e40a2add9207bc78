package org.avfusion.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.runtime.route.MapProfileConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code map:} profile section: ranges at load, and the start-up checks of {@link MapStartup}. */
class MapProfileConfigTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultHasNoMap() {
        MapProfileConfig map = RuntimeConfig.defaults().map();
        assertFalse(map.enabled());
        assertEquals(null, map.destinationPoint());
        assertEquals(40.0, map.matcher().searchRadiusMeters());
        assertEquals(5000.0, map.route().rerouteAfterBlockedMillis());
    }

    @Test
    void aProfileSetsTheMapAndDestination() {
        RuntimeConfig c = new ConfigLoader().loadYaml("map: {file: maps/monaco.osm.gz, destination: \"43.7277,7.4192\","
                + " route: {rerouteAfterBlockedMillis: 3000}}", "test.yaml");
        assertTrue(c.map().enabled());
        assertEquals(new GeoPoint(43.7277, 7.4192), c.map().destinationPoint());
        assertEquals(3000.0, c.map().route().rerouteAfterBlockedMillis());
        assertEquals(10.0, c.map().matcher().betaMeters(), "the rest from the defaults");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "map: {matcher: {searchRadiusMeters: 0}}                 | map.matcher.searchRadiusMeters",
        "map: {matcher: {lagFixes: 101}}                         | map.matcher.lagFixes",
        "map: {route: {rerouteAfterBlockedMillis: 50}}           | map.route.rerouteAfterBlockedMillis",
        "map: {route: {avoidRadiusMeters: 51}}                   | map.route.avoidRadiusMeters",
        "map: {maxSnapDistanceMeters: -1}                        | map.maxSnapDistanceMeters",
        "map: {file: a.osm, destination: \"north pole\"}          | map.destination",
        "map: {file: a.osm, destination: \"95,7\"}                | map.destination",
        "map: {destination: \"43.7,7.4\"}                         | map.destination",
        "map: {lanelet2File: l.osm}                              | map.lanelet2File",
        "map: {fiel: a.osm}                                      | fiel",
    })
    void badValuesFailAtLoadNamingTheKey(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().loadYaml(yaml, "test.yaml"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aMissingMapFileIsAStartUpErrorNamingTheFile() {
        MapProfileConfig map = new ConfigLoader().loadYaml("map: {file: maps/nowhere.osm.pbf}", "t.yaml").map();
        ConfigException e = assertThrows(ConfigException.class, () -> MapStartup.load(map, tmp, null));
        assertTrue(e.getMessage().startsWith("map.file: map file not found: ") && e.getMessage().contains(
                tmp.resolve("maps/nowhere.osm.pbf").toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNotAMapIsAStartUpError() throws Exception {
        Files.writeString(tmp.resolve("notes.osm"), "hello");
        MapProfileConfig map = new ConfigLoader().loadYaml("map: {file: notes.osm, cacheFolder: cache}", "t.yaml")
                .map();
        ConfigException e = assertThrows(ConfigException.class, () -> MapStartup.load(map, tmp, null));
        assertTrue(e.getMessage().startsWith("map.file: ") && e.getMessage().contains("notes.osm"), e.getMessage());
    }

    @Test
    void aMapOfAnotherPlaceIsAStartUpErrorWithTheFixsDistance() {
        Path monaco = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "monaco.osm.gz")
                .toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(monaco), "not found: " + monaco);
        MapProfileConfig map = new ConfigLoader().loadYaml("map: {file: " + monaco + ", cacheFolder: " + tmp + "}",
                "t.yaml").map();
        GeoPoint cambridgeMa = new GeoPoint(42.3758, -71.1474); // the Husky bag's first fix, roughly
        ConfigException e = assertThrows(ConfigException.class, () -> MapStartup.load(map, tmp, cambridgeMa));
        assertTrue(e.getMessage().contains("monaco.osm.gz") && e.getMessage().contains("42.3758000,-71.1474000")
                && e.getMessage().matches("(?s).* is 6\\d\\d\\d\\.\\d km outside it.*"), e.getMessage());
        try (MapStartup.LoadedMap loaded = MapStartup.load(map, tmp, new GeoPoint(43.7307, 7.4213))) {
            assertNotNull(loaded.roads());
            assertEquals(null, loaded.lanelets());
        }
    }
}
