package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph cache is verified by content hash before each load, and lives in a folder of the user's own. */
class GraphCacheVerificationTest {

    @TempDir
    Path cache;

    private Path graphFolder() throws Exception {
        try (Stream<Path> list = Files.list(cache)) {
            List<Path> folders = list.filter(Files::isDirectory).toList();
            assertEquals(1, folders.size(), folders::toString);
            return folders.get(0);
        }
    }

    @Test
    void aTamperedGraphIsNotLoadedButImportedAgain() throws Exception {
        Path map = SharedOsm.file("bautzen.osm");
        MapConfig config = MapConfig.defaults().withCacheRoot(cache);
        int edges;
        try (RoadNetwork first = RoadNetwork.load(map, config)) {
            edges = first.edgeCount();
        }
        Path folder = graphFolder();
        String hash = GraphCache.contentHash(map);
        assertNull(GraphCache.verify(folder, hash), "a fresh import verifies");
        assertTrue(folder.getFileName().toString().startsWith(hash), folder.toString());

        Path victim;
        try (Stream<Path> files = Files.walk(folder)) {
            victim = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(GraphCache.MANIFEST)).findFirst().orElseThrow();
        }
        Files.write(victim, new byte[] {42}, StandardOpenOption.APPEND);
        assertEquals("files differ from " + GraphCache.MANIFEST, GraphCache.verify(folder, hash));

        try (RoadNetwork again = RoadNetwork.load(map, config)) {
            assertEquals(edges, again.edgeCount());
        }
        assertNull(GraphCache.verify(graphFolder(), hash), "imported again and verified");

        Files.delete(graphFolder().resolve(GraphCache.MANIFEST));
        assertEquals("no " + GraphCache.MANIFEST, GraphCache.verify(graphFolder(), hash));
    }

    @Test
    void aCacheRootOwnedByAnotherUserIsRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a folder away");
        Path map = SharedOsm.file("bautzen.osm"); // skips without ../shared/data: outside assertThrows, which would
                                                  // take the skip for the wrong exception
        Path foreign = Files.createDirectory(cache.resolve("foreign"));
        var nobody = foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(foreign, nobody);
        MapLoadException e = assertThrows(MapLoadException.class, () -> RoadNetwork.load(
                map, MapConfig.defaults().withCacheRoot(foreign)).close());
        assertTrue(e.getMessage().contains("belongs to 'nobody'"), e.getMessage());
    }

    @Test
    void theDefaultCacheIsPerUserNotInTheSharedTemporaryFolder() {
        Path root = MapConfig.defaults().cacheRoot();
        assertTrue(!root.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), root.toString());
        assertTrue(root.endsWith(Path.of("avfusion", "graph-cache")), root.toString());
    }
}
