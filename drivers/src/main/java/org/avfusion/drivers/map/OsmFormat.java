package org.avfusion.drivers.map;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The OpenStreetMap encodings a {@link RoadNetwork} reads, told apart by their first bytes (the name is only
 * consulted where GraphHopper needs it). Detecting the format ourselves, before GraphHopper starts its reader
 * threads, turns a wrong or corrupt file into one clear sentence instead of a parser stack trace.
 */
public enum OsmFormat {
    /** OSM XML ({@code .osm}, {@code .xml}). */
    XML,
    /** Gzip-compressed OSM XML ({@code .osm.gz}). */
    XML_GZIP,
    /** The protocol-buffer binary format ({@code .osm.pbf}): a BlobHeader of type {@code OSMHeader} first. */
    PBF;

    private static final int SNIFF_BYTES = 64;
    private static final byte[] PBF_HEADER_TYPE = "OSMHeader".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads the first bytes of {@code file} and names its format.
     *
     * @throws MapLoadException when the file is missing, not a regular file, unreadable, empty, or none of the
     *                          formats above; the message names the file (and the offending bytes at offset 0)
     */
    public static OsmFormat detect(Path file) {
        if (!Files.exists(file)) {
            throw new MapLoadException(file, "map file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new MapLoadException(file, "map file is not a regular file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (AccessDeniedException e) {
            throw new MapLoadException(file, "map file is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new MapLoadException(file, "map file is not readable (" + e + ")", e);
        }
        if (head.length == 0) {
            throw new MapLoadException(file, "map file is empty");
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            requireGzippedXml(file);
            return XML_GZIP;
        }
        if (isPbf(head)) {
            return PBF;
        }
        if (startsLikeXml(head)) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".osm") && !name.endsWith(".xml")) {
                throw new MapLoadException(file, "OSM XML map file must be named *.osm or *.xml "
                        + "(GraphHopper chooses its XML reader by name); rename it");
            }
            return XML;
        }
        throw new MapLoadException(file, "not an OpenStreetMap file (expected OSM XML, gzip-compressed OSM XML or PBF): "
                + "bytes at offset 0 are " + hex(head, 8));
    }

    /** PBF: 4-byte big-endian BlobHeader length, then field 1 (type, length-delimited) holding "OSMHeader". */
    private static boolean isPbf(byte[] head) {
        if (head.length < 6 + PBF_HEADER_TYPE.length || head[0] != 0 || head[1] != 0 || head[2] != 0) {
            return false;
        }
        if (head[4] != 0x0a || head[5] != PBF_HEADER_TYPE.length) {
            return false;
        }
        for (int i = 0; i < PBF_HEADER_TYPE.length; i++) {
            if (head[6 + i] != PBF_HEADER_TYPE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsLikeXml(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }

    private static void requireGzippedXml(Path file) {
        byte[] inner;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            inner = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new MapLoadException(file, "gzip map file is corrupt (" + e.getMessage() + ")", e);
        }
        if (!startsLikeXml(inner)) {
            throw new MapLoadException(file, "gzip map file does not hold OSM XML: decompressed bytes at offset 0 are "
                    + hex(inner, 8));
        }
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }
}
