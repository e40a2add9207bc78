package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCL-style inputs the reader maps, and bad inputs it rejects naming the file and offset or field. */
class PcdReaderTest {

    private static final String XYZI_HEADER = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n"
            + "FIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\nWIDTH 2\nHEIGHT 1\n"
            + "VIEWPOINT 0 0 0 1 0 0 0\nPOINTS 2\n";

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static PointCloud read(byte[] bytes) throws PointCloudFormatException {
        PointCloud cloud = new PointCloud(16);
        new PcdReader().read(bytes, bytes.length, "test.pcd", cloud);
        return cloud;
    }

    private static PointCloudFormatException rejected(byte[] bytes, NonFinitePolicy policy) {
        PcdReader reader = new PcdReader(policy);
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> reader.read(bytes, bytes.length, "bad.pcd", new PointCloud(16)));
        assertTrue(e.getMessage().startsWith("bad.pcd"), e.getMessage());
        assertEquals(1, reader.stats().rejected(e.reason()), "counted under " + e.reason());
        assertEquals(e.getMessage(), reader.stats().lastError());
        return e;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void mapsFieldsByNameAndSkipsOthersIncludingPclPadding() throws Exception {
        // PCL's PointXYZINormal-like binary layout with a padding field and rgb, fields in another order
        String header = "VERSION .7\nFIELDS rgb _ intensity z y x ring time normal_x\nSIZE 4 1 4 4 4 4 2 4 4\n"
                + "TYPE U U F F F F U F F\nCOUNT 1 3 1 1 1 1 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA binary\n";
        ByteBuffer body = ByteBuffer.allocate(4 + 3 + 4 * 4 + 2 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(0xffffff).put(new byte[3]).putFloat(17f).putFloat(-1.5f).putFloat(2.5f).putFloat(10f)
                .putShort((short) 31).putFloat(0.0125f).putFloat(9f);
        byte[] bytes = concat(ascii(header), body.array());
        PointCloud cloud = new PointCloud(4);
        PcdReader.Result result = new PcdReader().read(bytes, bytes.length, "layout.pcd", cloud);
        assertEquals("(10.0, 2.5, -1.5, i=17.0, ring=31, t=12500000ns)", Clouds.describe(cloud, 0));
        assertEquals(List.of("rgb", "_", "normal_x"), result.skippedFields());
    }

    @Test
    void readsAsciiWithPclSpellingsAndIntegerTimeInNanoseconds() throws Exception {
        String text = "FIELDS x y z t\nSIZE 4 4 4 4\nTYPE F F F U\nWIDTH 3\nPOINTS 3\nDATA ascii\n"
                + "1 2 3 100\n\n nan 0 0 5\r\n4.5e-1 -0 1E3 7\n";
        PointCloud cloud = read(ascii(text));
        assertEquals(2, cloud.size(), "the nan point is skipped");
        assertEquals("(1.0, 2.0, 3.0, i=0.0, ring=-1, t=100ns)", Clouds.describe(cloud, 0));
        assertEquals("(0.45, -0.0, 1000.0, i=0.0, ring=-1, t=7ns)", Clouds.describe(cloud, 1));
    }

    @Test
    void organizedCloudWithNanCellsKeepsTheValidOnesInRowOrder() throws Exception {
        String text = "FIELDS x y z\nSIZE 8 8 8\nTYPE F F F\nWIDTH 2\nHEIGHT 2\nPOINTS 4\nDATA binary_compressed\n";
        double nan = Double.NaN;
        double[][] points = {{1, 2, 3}, {nan, nan, nan}, {4, 5, 6}, {7, 8, nan}};
        ByteBuffer columns = ByteBuffer.allocate(4 * 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 3; k++) {
            for (double[] p : points) {
                columns.putDouble(p[k]);
            }
        }
        byte[] packed = new byte[8 + Lzf.maxCompressedLength(96)];
        int n = Lzf.compress(columns.array(), 0, 96, packed, 8);
        ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).putInt(n).putInt(96);
        byte[] bytes = concat(ascii(text), Arrays.copyOf(packed, 8 + n));
        PcdReader reader = new PcdReader();
        PointCloud cloud = new PointCloud(4);
        PcdReader.Result result = reader.read(bytes, bytes.length, "organized.pcd", cloud);
        assertEquals(2, result.pointsRead());
        assertEquals(2, result.nonFinitePointsSkipped());
        assertEquals(6.0f, cloud.z(1));
        assertEquals(2, reader.stats().nonFinitePointsSkipped());
    }

    @Test
    void rejectsBadInputNamingOffsetFieldAndReason() {
        byte[] good = PcdWriter.toBytes(Clouds.random(5, 3, false), PcdEncoding.BINARY);
        int dataOffset = new String(good, StandardCharsets.ISO_8859_1).indexOf("DATA binary\n") + 12;
        byte[] compressed = PcdWriter.toBytes(Clouds.random(5, 300, false), PcdEncoding.BINARY_COMPRESSED);
        int cOffset = new String(compressed, StandardCharsets.ISO_8859_1).indexOf("binary_compressed\n") + 18;
        byte[] corrupt = compressed.clone();
        corrupt[cOffset + 8] = (byte) 0xe0; // first chunk becomes a back reference into nothing
        byte[] badSize = compressed.clone();
        badSize[cOffset + 4]++;
        record Case(String name, byte[] bytes, RejectReason reason, String field, long offset) {
        }
        List<Case> cases = List.of(
                new Case("binary body cut short", Arrays.copyOf(good, good.length - 5), RejectReason.TRUNCATED,
                        "POINTS", good.length - 5),
                new Case("compressed body cut short", Arrays.copyOf(compressed, compressed.length - 1),
                        RejectReason.TRUNCATED, "DATA", compressed.length - 1),
                new Case("no DATA line", ascii("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 0\n"),
                        RejectReason.TRUNCATED, "DATA", 44),
                new Case("POINTS disagrees with WIDTH x HEIGHT", ascii(XYZI_HEADER.replace("POINTS 2", "POINTS 3")
                        + "DATA ascii\n"), RejectReason.SIZE_MISMATCH, "POINTS", XYZI_HEADER.indexOf("POINTS")),
                new Case("SIZE has fewer values than FIELDS", ascii(XYZI_HEADER.replace("SIZE 4 4 4 4", "SIZE 4 4 4")
                        + "DATA ascii\n"), RejectReason.BAD_HEADER, "SIZE", XYZI_HEADER.indexOf("SIZE")),
                new Case("unknown DATA kind", ascii(XYZI_HEADER + "DATA binary_lz4\n"),
                        RejectReason.UNKNOWN_ENCODING, "DATA", XYZI_HEADER.length()),
                new Case("corrupt LZF stream", corrupt, RejectReason.CORRUPT_COMPRESSION, "DATA", cOffset + 8),
                new Case("uncompressed size disagrees with POINTS", badSize, RejectReason.SIZE_MISMATCH, "POINTS",
                        cOffset + 4),
                new Case("ascii line with a missing value", ascii(XYZI_HEADER + "DATA ascii\n1 2 3 4\n1 2 3\n"),
                        RejectReason.SIZE_MISMATCH, "FIELDS", XYZI_HEADER.length() + 19),
                new Case("ascii body with an extra point", ascii(XYZI_HEADER + "DATA ascii\n1 2 3 4\n1 2 3 4\n5 6 7 8\n"),
                        RejectReason.SIZE_MISMATCH, "POINTS", XYZI_HEADER.length() + 27),
                new Case("ascii body with too few points", ascii(XYZI_HEADER + "DATA ascii\n1 2 3 4\n"),
                        RejectReason.TRUNCATED, "POINTS", XYZI_HEADER.length() + 19),
                new Case("ascii value that is no number", ascii(XYZI_HEADER + "DATA ascii\n1 2 3 4\n1 two 3 4\n"),
                        RejectReason.BAD_VALUE, "y", XYZI_HEADER.length() + 21),
                new Case("no z field", ascii("FIELDS x y\nSIZE 4 4\nTYPE F F\nPOINTS 0\nDATA ascii\n"),
                        RejectReason.BAD_HEADER, "FIELDS", -1),
                new Case("unknown header key", ascii("FIELDS x y z\nSIZES 4 4 4\n"), RejectReason.BAD_HEADER, "SIZES",
                        13),
                new Case("TYPE F with SIZE 2", ascii(XYZI_HEADER.replace("SIZE 4 4 4 4", "SIZE 4 2 4 4")
                        + "DATA ascii\n"), RejectReason.BAD_HEADER, "y", XYZI_HEADER.indexOf("FIELDS")),
                new Case("ring out of range", ascii("FIELDS x y z ring\nSIZE 4 4 4 4\nTYPE F F F I\nPOINTS 1\n"
                        + "DATA ascii\n1 2 3 40000\n"), RejectReason.BAD_VALUE, "ring", 64),
                new Case("NaN under REJECT_FILE", ascii(XYZI_HEADER + "DATA ascii\n1 2 3 4\n1 2 nan 4\n"),
                        RejectReason.NON_FINITE, "z", XYZI_HEADER.length() + 23),
                new Case("binary NaN under REJECT_FILE", nanBinary(), RejectReason.NON_FINITE, "intensity", -2));
        for (Case c : cases) {
            PointCloudFormatException e = rejected(c.bytes(), NonFinitePolicy.REJECT_FILE);
            assertEquals(c.reason(), e.reason(), c.name() + ": " + e.getMessage());
            assertEquals(c.field(), e.field(), c.name() + ": " + e.getMessage());
            if (c.offset() != -2) {
                assertEquals(c.offset(), e.byteOffset(), c.name() + ": " + e.getMessage());
            }
        }
        assertEquals(nanBinary().length - 10, rejected(nanBinary(), NonFinitePolicy.REJECT_FILE).byteOffset(),
                "binary NaN: offset of the intensity of point 1");
    }

    private static byte[] nanBinary() {
        PointCloud cloud = new PointCloud(2);
        cloud.add(1, 2, 3, 4, 0, 0);
        cloud.add(1, 2, 3, Float.NaN, 0, 0);
        byte[] bytes = PcdWriter.toBytes(cloud, PcdEncoding.BINARY);
        return bytes;
    }

    @Test
    void rejectsMoreValidPointsThanTheCloudHolds() {
        byte[] bytes = PcdWriter.toBytes(Clouds.random(2, 20, false), PcdEncoding.BINARY);
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> new PcdReader().read(bytes, bytes.length, "big.pcd", new PointCloud(19)));
        assertEquals(RejectReason.CAPACITY, e.reason(), e.getMessage());
    }

    @Test
    void unreadableFileIsNamedAndCounted(@TempDir Path dir) throws Exception {
        PcdReader reader = new PcdReader();
        Path missing = dir.resolve("missing.pcd");
        PointCloudFormatException e = assertThrows(PointCloudFormatException.class,
                () -> reader.read(missing, new PointCloud(1)));
        assertEquals(RejectReason.UNREADABLE, e.reason());
        assertTrue(e.getMessage().contains("missing.pcd"), e.getMessage());
        Path file = dir.resolve("ok.pcd");
        Files.write(file, PcdWriter.toBytes(Clouds.random(1, 4, false), PcdEncoding.ASCII));
        reader.read(file, new PointCloud(4));
        assertEquals(1, reader.stats().filesAccepted());
        assertEquals(4, reader.stats().pointsAccepted());
        assertEquals(1, reader.stats().rejected());
    }
}
