package org.avfusion.drivers.pointcloud.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Writes a {@link PointCloud} as a PCD v0.7 file that PCL and {@link PcdReader} read back to the same values.
 *
 * <p>Fields, in this order: {@code x y z intensity} (F 4), {@code ring} (U 2, or I 2 when some ring is -1 =
 * unknown) and {@code t} (I 4, the time offset in nanoseconds, so it survives exactly). WIDTH is the point count,
 * HEIGHT 1. The header has PCL's own layout. ASCII writes floats with Java's shortest round-tripping decimal
 * ({@code nan}, {@code inf}, {@code -inf} spelled as PCL does); binary is little-endian, row by row;
 * binary_compressed is PCL's column-wise layout through {@link Lzf}.
 *
 * <p>Stateless and thread-safe; the cloud is only read (the caller keeps its reference).
 */
public final class PcdWriter {
    private PcdWriter() {
    }

    /** Writes {@code cloud} to {@code file} (created or replaced). */
    public static void write(Path file, PointCloud cloud, PcdEncoding encoding, PcdViewpoint viewpoint)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, cloud, encoding, viewpoint);
        }
    }

    /** Writes {@code cloud} to {@code file} with the identity viewpoint. */
    public static void write(Path file, PointCloud cloud, PcdEncoding encoding) throws IOException {
        write(file, cloud, encoding, PcdViewpoint.IDENTITY);
    }

    /** The bytes of the PCD file for {@code cloud}. */
    public static byte[] toBytes(PointCloud cloud, PcdEncoding encoding) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(out, cloud, encoding, PcdViewpoint.IDENTITY);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("in-memory stream failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the PCD file for {@code cloud} to {@code out} (not closed). */
    public static void write(OutputStream out, PointCloud cloud, PcdEncoding encoding, PcdViewpoint viewpoint)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(viewpoint, "viewpoint");
        int n = cloud.size();
        boolean unknownRing = false;
        for (int i = 0; i < n && !unknownRing; i++) {
            unknownRing = cloud.ring(i) < 0;
        }
        String header = "# .PCD v0.7 - Point Cloud Data file format\n"
                + "VERSION 0.7\n"
                + "FIELDS x y z intensity ring t\n"
                + "SIZE 4 4 4 4 2 4\n"
                + "TYPE F F F F " + (unknownRing ? 'I' : 'U') + " I\n"
                + "COUNT 1 1 1 1 1 1\n"
                + "WIDTH " + n + "\n"
                + "HEIGHT 1\n"
                + "VIEWPOINT " + number(viewpoint.txMeters()) + " " + number(viewpoint.tyMeters()) + " "
                + number(viewpoint.tzMeters()) + " " + number(viewpoint.qw()) + " " + number(viewpoint.qx()) + " "
                + number(viewpoint.qy()) + " " + number(viewpoint.qz()) + "\n"
                + "POINTS " + n + "\n"
                + "DATA " + encoding.keyword() + "\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        switch (encoding) {
            case ASCII -> writeAscii(out, cloud);
            case BINARY -> writeBinary(out, cloud);
            default -> writeCompressed(out, cloud);
        }
        out.flush();
    }

    private static final int POINT_BYTES = 4 + 4 + 4 + 4 + 2 + 4;

    private static void writeAscii(OutputStream out, PointCloud cloud) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < cloud.size(); i++) {
            line.setLength(0);
            line.append(number(cloud.x(i))).append(' ').append(number(cloud.y(i))).append(' ')
                    .append(number(cloud.z(i))).append(' ').append(number(cloud.intensity(i))).append(' ')
                    .append(cloud.ring(i)).append(' ').append(cloud.timeOffsetNanos(i)).append('\n');
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void writeBinary(OutputStream out, PointCloud cloud) throws IOException {
        ByteBuffer row = ByteBuffer.allocate(POINT_BYTES * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < cloud.size(); i++) {
            if (row.remaining() < POINT_BYTES) {
                out.write(row.array(), 0, row.position());
                row.clear();
            }
            row.putFloat(cloud.x(i)).putFloat(cloud.y(i)).putFloat(cloud.z(i)).putFloat(cloud.intensity(i))
                    .putShort((short) cloud.ring(i)).putInt(cloud.timeOffsetNanos(i));
        }
        out.write(row.array(), 0, row.position());
    }

    private static void writeCompressed(OutputStream out, PointCloud cloud) throws IOException {
        int n = cloud.size();
        ByteBuffer columns = ByteBuffer.allocate(POINT_BYTES * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            columns.putFloat(cloud.x(i));
        }
        for (int i = 0; i < n; i++) {
            columns.putFloat(cloud.y(i));
        }
        for (int i = 0; i < n; i++) {
            columns.putFloat(cloud.z(i));
        }
        for (int i = 0; i < n; i++) {
            columns.putFloat(cloud.intensity(i));
        }
        for (int i = 0; i < n; i++) {
            columns.putShort((short) cloud.ring(i));
        }
        for (int i = 0; i < n; i++) {
            columns.putInt(cloud.timeOffsetNanos(i));
        }
        byte[] packed = new byte[8 + Lzf.maxCompressedLength(columns.capacity())];
        int compressed = Lzf.compress(columns.array(), 0, columns.capacity(), packed, 8);
        ByteBuffer.wrap(packed, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(compressed).putInt(columns.capacity());
        out.write(packed, 0, 8 + compressed);
    }

    private static String number(float v) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Float.toString(v);
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
