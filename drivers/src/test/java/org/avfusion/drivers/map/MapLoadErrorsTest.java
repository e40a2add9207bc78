package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad map files are rejected at load with a {@link MapLoadException} naming the file and what is wrong, never
 * with another exception, a hang, or a half-written graph left in the cache.
 */
class MapLoadErrorsTest {

    private static final String NO_HIGHWAYS = """
            <?xml version='1.0' encoding='UTF-8'?>
            <osm version="0.6" generator="avfusion test">
              <node id="1" lat="51.0000" lon="14.0000"/>
              <node id="2" lat="51.0010" lon="14.0000"/>
              <node id="3" lat="51.0010" lon="14.0010"/>
              <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/></way>
              <way id="11"><nd ref="1"/><nd ref="3"/><tag k="waterway" v="stream"/></way>
            </osm>
            """;

    @TempDir
    Path dir;

    private MapConfig config() {
        return MapConfig.defaults().withCacheRoot(dir.resolve("cache"));
    }

    private MapLoadException rejects(Path file, String expected) {
        MapLoadException e = assertThrows(MapLoadException.class, () -> RoadNetwork.load(file, config()).close());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
        assertEquals(file.toAbsolutePath().normalize(), e.file());
        assertNoStagingLeft();
        return e;
    }

    private void assertNoStagingLeft() {
        Path cache = dir.resolve("cache");
        if (Files.isDirectory(cache)) {
            try (var entries = Files.list(cache)) {
                List<Path> left = entries.filter(p -> p.getFileName().toString().contains(".importing-")).toList();
                assertTrue(left.isEmpty(), "staging folders left behind: " + left);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Test
    void missingFileIsNotFound() {
        rejects(dir.resolve("nowhere.osm.pbf"), "map file not found");
    }

    @Test
    void folderIsNotARegularFile() throws IOException {
        rejects(Files.createDirectory(dir.resolve("folder.osm")), "not a regular file");
    }

    @Test
    void unreadableFileIsNotReadable() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.osm"), NO_HIGHWAYS);
        try {
            Files.setPosixFilePermissions(file, java.util.Set.of());
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("no POSIX permissions on this file system");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file),
                "this user (root?) reads files without read permission; cannot test an unreadable map");
        rejects(file, "map file is not readable");
    }

    @Test
    void emptyFileIsEmpty() throws IOException {
        rejects(Files.createFile(dir.resolve("empty.osm")), "map file is empty");
    }

    @Test
    void mapWithNodesButNoHighwaysHasNoRoads() throws IOException {
        Path file = Files.writeString(dir.resolve("no-highways.osm"), NO_HIGHWAYS);
        rejects(file, "map has no roads a car may use");
    }

    @Test
    void gzippedMapWithNoHighwaysHasNoRoads() throws IOException {
        Path file = dir.resolve("no-highways.osm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(NO_HIGHWAYS.getBytes(StandardCharsets.UTF_8));
        }
        rejects(file, "map has no roads a car may use");
    }

    @Test
    void xmlWithAnotherSuffixIsToldToBeRenamed() throws IOException {
        rejects(Files.writeString(dir.resolve("roads.txt"), NO_HIGHWAYS), "must be named *.osm or *.xml");
    }

    @Test
    void gzipOfSomethingElseIsNotOsmXml() throws IOException {
        Path file = dir.resolve("binary.osm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        }
        rejects(file, "does not hold OSM XML: decompressed bytes at offset 0 are 7f 45 4c 46");
    }

    @Test
    void truncatedPbfIsCorrupt() throws IOException {
        byte[] pbf = Files.readAllBytes(SharedOsm.file("andorra.osm.pbf"));
        Path file = Files.write(dir.resolve("half-andorra.osm.pbf"), Arrays.copyOf(pbf, pbf.length / 2));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rejects(file, "corrupt or truncated"));
    }

    @Test
    void truncatedGzipXmlIsCorrupt() throws IOException {
        byte[] gz = Files.readAllBytes(SharedOsm.file("monaco.osm.gz"));
        Path file = Files.write(dir.resolve("half-monaco.osm.gz"), Arrays.copyOf(gz, gz.length / 3));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rejects(file, "corrupt or truncated"));
    }

    /** Random bytes under every name a map may have: rejected before GraphHopper sees them, naming offset 0. */
    @ParameterizedTest(name = "seed {0}: random bytes named {1}")
    @CsvSource({
        "1, random.osm",
        "2, random.osm.pbf",
        "3, random.osm.gz",
        "4, random.bin",
        "5, random.xml",
    })
    void randomBytesAreNotOpenStreetMap(long seed, String name) throws IOException {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0x9c; // neither '<', a gzip magic, nor a PBF length byte, whatever the seed
        Path file = Files.write(dir.resolve(name), bytes);
        rejects(file, "not an OpenStreetMap file (expected OSM XML, gzip-compressed OSM XML or PBF): bytes at offset 0 "
                + "are 9c ");
    }

    /**
     * Mutated real maps (bytes overwritten with random values after the header, fixed seeds): each either loads or
     * is rejected with a {@link MapLoadException}; nothing else escapes and nothing hangs.
     */
    @ParameterizedTest(name = "seed {0}: mutated {1}")
    @CsvSource({
        "11, bautzen.osm",
        "12, bautzen.osm",
        "13, bautzen.osm",
        "14, andorra.osm.pbf",
        "15, andorra.osm.pbf",
        "16, monaco.osm.gz",
    })
    void mutatedMapLoadsOrIsRejectedCleanly(long seed, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedOsm.file(name));
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            bytes[64 + random.nextInt(bytes.length - 64)] = (byte) random.nextInt(256);
        }
        Path file = Files.write(dir.resolve("mutated-" + seed + "-" + name), bytes);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (RoadNetwork network = RoadNetwork.load(file, config())) {
                assertTrue(network.edgeCount() > 0, "seed " + seed + ": a loaded network has roads");
            } catch (MapLoadException e) {
                assertTrue(e.getMessage().contains(file.getFileName().toString()),
                        "seed " + seed + ": names the file: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + name + " escaped as " + e, e);
            }
        }, "seed " + seed + ": " + name + " hung");
        assertNoStagingLeft();
    }

    @ParameterizedTest(name = "cache root {0} that is a file")
    @ValueSource(strings = {"cache-is-a-file"})
    void unwritableCacheRootNamesTheSetting(String name) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve(name), "x");
        Path map = Files.copy(SharedOsm.file("bautzen.osm"), dir.resolve("bautzen.osm"));
        MapLoadException e = assertThrows(MapLoadException.class,
                () -> RoadNetwork.load(map, MapConfig.defaults().withCacheRoot(notAFolder)).close());
        assertTrue(e.getMessage().contains("cacheRoot"), e.getMessage());
        assertTrue(e.getMessage().contains(notAFolder.toString()), e.getMessage());
    }
}
