package org.avfusion.drivers.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Where an imported graph lives: {@code <cacheRoot>/<sha256 of the map file, 24 hex digits>-<layout>}, where the
 * layout names everything else that shapes the graph (GraphHopper's version, the encoded values and profile,
 * the minimum network size). Keyed by content, not by path or modification time, because GraphHopper loads
 * whatever graph is in its folder without checking the map file again: a path key would silently serve the
 * old roads after a map update, while a content key shares one import among every copy of the same file.
 * A graph is built in a private sibling folder and renamed into place only when complete, so a crash or a
 * concurrent import never leaves a half-written graph under the final name.
 *
 * <p><b>Verified.</b> Before the rename, a manifest {@value #MANIFEST} lists the SHA-256 of every file of the graph
 * (and the map's content hash); {@link #verify} recomputes them before each load, and a folder whose files do not
 * match (changed, truncated, added or missing, or no manifest) is not loaded: the caller deletes it and imports again.
 * The default cache root is per user ({@link MapConfig#defaults()}), and a cache root owned by another user is
 * refused, so that nobody else can plant a graph there.
 */
final class GraphCache {

    static final String MANIFEST = "avfusion-manifest.sha256";

    private GraphCache() {
    }

    /** Writes the manifest of {@code folder} (every regular file but the manifest, sorted by relative path). */
    static void writeManifest(Path folder, String mapHash) throws IOException {
        Files.writeString(folder.resolve(MANIFEST), manifest(folder, mapHash));
    }

    /**
     * Whether {@code folder} holds exactly the files its manifest lists, with those hashes, for {@code mapHash}.
     *
     * @return null when it does, else what differs (for the log)
     */
    static String verify(Path folder, String mapHash) {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return "no " + MANIFEST;
        }
        try {
            String expected = Files.readString(file);
            String actual = manifest(folder, mapHash);
            return expected.equals(actual) ? null : "files differ from " + MANIFEST;
        } catch (IOException | UncheckedIOException e) {
            return "cannot read: " + e;
        }
    }

    /** Refuses a cache root that exists and belongs to another user. */
    static void requireOwnRoot(Path root, Path mapFile) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            String owner = Files.getOwner(root).getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me)) {
                throw new MapLoadException(mapFile, "the graph cache " + root + " belongs to '" + owner + "', not to '"
                        + me + "': another user could plant a graph there; use a folder of your own "
                        + "(MapConfig.cacheRoot)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no owner information on this file system: nothing to check
        }
    }

    private static String manifest(Path folder, String mapHash) throws IOException {
        StringBuilder sb = new StringBuilder("map ").append(mapHash).append('\n');
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (!name.equals(MANIFEST)) {
                    sb.append(sha256(p)).append("  ").append(name).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static Path folderFor(Path mapFile, MapConfig config, String layout) {
        return config.cacheRoot().resolve(contentHash(mapFile) + "-" + layout);
    }

    static String contentHash(Path mapFile) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(mapFile)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new MapLoadException(mapFile, "map file is not readable (" + e + ")", e);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    /** A fresh private folder next to {@code target} to import into. */
    static Path newStagingFolder(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempDirectory(target.getParent(), target.getFileName() + ".importing-");
    }

    /**
     * Renames a complete {@code staging} folder to {@code target}. When another process published the same
     * graph first, its copy wins and {@code staging} is deleted.
     */
    static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteRecursively(staging);
        } catch (AtomicMoveNotSupportedException e) {
            // same parent folder, so this only happens on exotic file systems: a plain rename is the best left
            try {
                Files.move(staging, target);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
                deleteRecursively(staging);
            }
        }
        if (Files.exists(staging)) {
            deleteRecursively(staging);
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
