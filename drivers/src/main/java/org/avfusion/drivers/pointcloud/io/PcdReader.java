package org.avfusion.drivers.pointcloud.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Reads Point Cloud Library PCD files (v0.7, and v0.5/0.6 headers that carry the same keys) in all three encodings
 * into a pooled {@link PointCloud}.
 *
 * <p><b>Field mapping</b>, by name, whatever the TYPE/SIZE (each must have COUNT 1): {@code x}, {@code y}, {@code z}
 * (required, metres), {@code intensity} (sensor units; absent: 0), {@code ring} (an integral value in [-1, 32767];
 * absent: -1 = unknown), and the first of {@code t} or {@code time} in FIELDS order as the per-point time offset:
 * a floating-point field is in seconds (the ROS velodyne driver's {@code time}), an integer field in nanoseconds
 * (Ouster's {@code t}); absent: 0. The offset must fit an int of nanoseconds (about +-2.1 s). Every other field
 * (normals, rgb, padding {@code _}) is skipped. Points are stored in file order; an organized cloud
 * (HEIGHT > 1) is read row after row.
 *
 * <p><b>Non-finite values</b> (NaN or infinite x, y, z, intensity, or floating-point time) follow the
 * {@link NonFinitePolicy}: by default the point is skipped and counted, as PCL marks the invalid cells of organized
 * clouds with NaN. ASCII accepts PCL's spellings {@code nan}, {@code inf}, {@code -inf} as well as Java's.
 *
 * <p><b>Errors</b>: any bad input throws {@link PointCloudFormatException} (never another exception), naming the
 * source, the byte offset and the header or point field, and is counted in {@link #stats()}: truncated bodies,
 * header/size mismatches, unknown DATA kinds, corrupt LZF streams, unparsable or out-of-range values. A binary body
 * may be followed by extra bytes (some writers pad the file), an ASCII body may not hold extra points.
 *
 * <p><b>Ownership and threading</b>: the caller acquires the cloud (empty) from its pool and keeps ownership; when a
 * read fails the cloud may hold some of the file's points and should be released. Not thread-safe: one instance
 * per reading thread; it reuses its file and decompression buffers, so steady-state binary reads allocate only the
 * header strings and the result.
 */
public final class PcdReader {
    private static final String[] SLOT_NAMES = {"x", "y", "z", "intensity", "ring", "time"};
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;
    private static final int INTENSITY = 3;
    private static final int RING = 4;
    private static final int TIME = 5;
    /** LZF emits at most 264 output bytes per 2 input bytes (a long back reference). */
    private static final long LZF_MAX_RATIO = 132;

    /**
     * What one file held.
     *
     * @param header                 the parsed header
     * @param pointsRead             points added to the cloud
     * @param nonFinitePointsSkipped points left out under {@link NonFinitePolicy#SKIP_POINT}
     * @param skippedFields          the names of fields not mapped to the cloud, in file order
     */
    public record Result(PcdHeader header, int pointsRead, int nonFinitePointsSkipped, List<String> skippedFields) {
        public Result {
            Objects.requireNonNull(header, "header");
            skippedFields = List.copyOf(skippedFields);
        }
    }

    private final NonFinitePolicy nonFinitePolicy;
    private final ReadCounters counters = new ReadCounters();
    private final FileBuffer fileBuffer = new FileBuffer();
    private byte[] inflateBuffer = new byte[0];
    private final int[] slotField = new int[SLOT_NAMES.length];
    private final char[] slotType = new char[SLOT_NAMES.length];
    private final int[] slotSize = new int[SLOT_NAMES.length];
    private final long[] slotBase = new long[SLOT_NAMES.length];
    private final long[] slotStride = new long[SLOT_NAMES.length];
    private final double[] values = new double[SLOT_NAMES.length];
    private final String[] slotFieldName = new String[SLOT_NAMES.length];

    /** A reader that skips non-finite points. */
    public PcdReader() {
        this(NonFinitePolicy.SKIP_POINT);
    }

    public PcdReader(NonFinitePolicy nonFinitePolicy) {
        this.nonFinitePolicy = Objects.requireNonNull(nonFinitePolicy, "nonFinitePolicy");
    }

    /**
     * The POINTS of {@code file}'s header, read from its first 4 KiB (a header is a few hundred bytes), or from its
     * first 128 KiB when the header goes on past that (its lines may be up to 64 KiB), or -1 when the file cannot be
     * read or its header is not a valid PCD header (reading the file reports why). For sizing buffers before the
     * sweeps are read.
     */
    public static int pointsInHeader(Path file) {
        int points = pointsInHeader(file, 4096);
        return points >= 0 ? points : pointsInHeader(file, 2 * PcdHeaderParser.MAX_LINE_BYTES);
    }

    private static int pointsInHeader(Path file, int window) {
        byte[] head = new byte[window];
        int n = 0;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
            return PcdHeaderParser.parse(head, n, file.toString()).points();
        } catch (java.io.IOException | RuntimeException e) { // PointCloudFormatException is an IOException
            return -1;
        }
    }

    /** Counts of files accepted and rejected so far. */
    public PointCloudReadStats stats() {
        return counters.snapshot();
    }

    /**
     * Reads {@code file} into {@code into}.
     *
     * @param into an empty cloud with room for the file's valid points
     * @throws PointCloudFormatException for unreadable or bad input, naming the file and offset or field
     */
    public Result read(Path file, PointCloud into) throws PointCloudFormatException {
        int length;
        try {
            length = fileBuffer.readWhole(file);
        } catch (PointCloudFormatException e) {
            throw reject(e);
        }
        return read(fileBuffer.bytes(), length, file.toString(), into);
    }

    /**
     * Reads a PCD file held in {@code bytes[0, length)}.
     *
     * @param source names the bytes in messages, e.g. the file they came from
     * @throws PointCloudFormatException for bad input, naming {@code source} and the offset or field
     * @throws IllegalArgumentException  when {@code into} is not empty (a caller bug, not bad input)
     */
    public Result read(byte[] bytes, int length, String source, PointCloud into) throws PointCloudFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        if (into.size() != 0) {
            throw new IllegalArgumentException("the destination cloud must be empty, holds " + into.size());
        }
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside [0, " + bytes.length + "]");
        }
        try {
            PcdHeader header = PcdHeaderParser.parse(bytes, length, source);
            List<String> skipped = mapFields(header, source);
            int[] counts;
            switch (header.encoding()) {
                case ASCII -> counts = readAscii(bytes, length, header, source, into);
                case BINARY -> counts = readBinary(bytes, length, header, source, into);
                default -> counts = readCompressed(bytes, length, header, source, into);
            }
            counters.accepted(counts[0], counts[1]);
            return new Result(header, counts[0], counts[1], skipped);
        } catch (PointCloudFormatException e) {
            throw reject(e);
        } catch (RuntimeException e) {
            // A defect here must still surface as the documented type, with the input named.
            throw reject(new PointCloudFormatException(source, -1, "", RejectReason.BAD_VALUE,
                    "unexpected " + e));
        }
    }

    private PointCloudFormatException reject(PointCloudFormatException e) {
        counters.rejected(e);
        return e;
    }

    private List<String> mapFields(PcdHeader header, String source) throws PointCloudFormatException {
        java.util.Arrays.fill(slotField, -1);
        List<String> skipped = new ArrayList<>();
        List<PcdField> fields = header.fields();
        for (int f = 0; f < fields.size(); f++) {
            PcdField field = fields.get(f);
            int slot = slotOf(field.name());
            if (slot < 0 || (slot == TIME && slotField[TIME] >= 0)) {
                skipped.add(field.name()); // the first of t/time in FIELDS order is the time offset
                continue;
            }
            if (slotField[slot] >= 0) {
                throw new PointCloudFormatException(source, -1, field.name(), RejectReason.BAD_HEADER,
                        "FIELDS names " + field.name() + " twice");
            }
            if (field.count() != 1) {
                throw new PointCloudFormatException(source, -1, field.name(), RejectReason.BAD_HEADER,
                        "field " + field.name() + " must have COUNT 1, has " + field.count());
            }
            slotField[slot] = f;
            slotType[slot] = field.type();
            slotSize[slot] = field.sizeBytes();
            slotFieldName[slot] = field.name();
        }
        for (int s = X; s <= Z; s++) {
            if (slotField[s] < 0) {
                throw new PointCloudFormatException(source, -1, "FIELDS", RejectReason.BAD_HEADER,
                        "no field named " + SLOT_NAMES[s] + " (FIELDS are " + names(fields) + ")");
            }
        }
        return skipped;
    }

    private static int slotOf(String name) {
        return switch (name) {
            case "x" -> X;
            case "y" -> Y;
            case "z" -> Z;
            case "intensity" -> INTENSITY;
            case "ring" -> RING;
            case "t", "time" -> TIME;
            default -> -1;
        };
    }

    private static String names(List<PcdField> fields) {
        StringBuilder b = new StringBuilder();
        for (PcdField f : fields) {
            b.append(b.length() == 0 ? "" : " ").append(f.name());
        }
        return PcdHeaderParser.abbreviate(b.toString());
    }

    private int[] readBinary(byte[] bytes, int length, PcdHeader header, String source, PointCloud into)
            throws PointCloudFormatException {
        long step = header.pointStepBytes();
        long needed = step * header.points();
        long available = length - (long) header.dataOffsetBytes();
        if (needed > available) {
            throw new PointCloudFormatException(source, length, "POINTS", RejectReason.TRUNCATED,
                    "binary body needs " + needed + " bytes from offset " + header.dataOffsetBytes() + " (POINTS "
                            + header.points() + " x " + step + " bytes), the file has " + available);
        }
        for (int s = 0; s < SLOT_NAMES.length; s++) {
            if (slotField[s] >= 0) {
                slotBase[s] = header.dataOffsetBytes() + fieldOffset(header, slotField[s]);
                slotStride[s] = step;
            }
        }
        return decodeRows(ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN), 0, header, source,
                into);
    }

    private static long fieldOffset(PcdHeader header, int fieldIndex) {
        long offset = 0;
        for (int f = 0; f < fieldIndex; f++) {
            offset += header.fields().get(f).bytesPerPoint();
        }
        return offset;
    }

    private int[] readCompressed(byte[] bytes, int length, PcdHeader header, String source, PointCloud into)
            throws PointCloudFormatException {
        int start = header.dataOffsetBytes();
        if (length - (long) start < 8) {
            throw new PointCloudFormatException(source, length, "DATA", RejectReason.TRUNCATED,
                    "binary_compressed body needs 8 size bytes from offset " + start + ", the file has "
                            + (length - start));
        }
        ByteBuffer sizes = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        long compressed = sizes.getInt(start) & 0xffffffffL;
        long uncompressed = sizes.getInt(start + 4) & 0xffffffffL;
        // PCL stores only the non-padding fields, column after column.
        long columnsBytes = 0;
        for (PcdField f : header.fields()) {
            if (!f.name().equals("_")) {
                columnsBytes += f.bytesPerPoint();
            }
        }
        long expected = columnsBytes * header.points();
        if (uncompressed != expected) {
            throw new PointCloudFormatException(source, start + 4, "POINTS", RejectReason.SIZE_MISMATCH,
                    "uncompressed size " + uncompressed + " != POINTS " + header.points() + " x " + columnsBytes
                            + " bytes of fields");
        }
        if (compressed > length - (long) start - 8) {
            throw new PointCloudFormatException(source, length, "DATA", RejectReason.TRUNCATED,
                    "compressed body of " + compressed + " bytes from offset " + (start + 8) + ", the file has "
                            + (length - start - 8L));
        }
        if (uncompressed > compressed * LZF_MAX_RATIO || uncompressed > Integer.MAX_VALUE - 16) {
            throw new PointCloudFormatException(source, start, "DATA", RejectReason.CORRUPT_COMPRESSION,
                    "uncompressed size " + uncompressed + " cannot come from " + compressed + " LZF bytes");
        }
        if (inflateBuffer.length < uncompressed) {
            inflateBuffer = new byte[(int) uncompressed];
        }
        try {
            Lzf.decompress(bytes, start + 8, (int) compressed, inflateBuffer, 0, (int) uncompressed);
        } catch (Lzf.CorruptStreamException e) {
            throw new PointCloudFormatException(source, start + 8 + e.inputOffset(), "DATA",
                    RejectReason.CORRUPT_COMPRESSION, "corrupt LZF stream: " + e.getMessage());
        }
        long columnStart = 0;
        List<PcdField> fields = header.fields();
        for (int f = 0; f < fields.size(); f++) {
            PcdField field = fields.get(f);
            if (field.name().equals("_")) {
                continue;
            }
            for (int s = 0; s < SLOT_NAMES.length; s++) {
                if (slotField[s] == f) {
                    slotBase[s] = columnStart;
                    slotStride[s] = field.bytesPerPoint();
                }
            }
            columnStart += field.bytesPerPoint() * (long) header.points();
        }
        // Byte offsets in errors refer to the decompressed body, reported past the compressed one.
        return decodeRows(ByteBuffer.wrap(inflateBuffer, 0, (int) uncompressed).order(ByteOrder.LITTLE_ENDIAN),
                start + 8 + compressed, header, source, into);
    }

    /**
     * Decodes all points from {@code buf} using {@link #slotBase} and {@link #slotStride}.
     *
     * @param errorOffsetBase added to buffer positions in error messages (0 when the buffer is the file)
     */
    private int[] decodeRows(ByteBuffer buf, long errorOffsetBase, PcdHeader header, String source,
            PointCloud into) throws PointCloudFormatException {
        int n = header.points();
        int skipped = 0;
        for (int i = 0; i < n; i++) {
            boolean finite = true;
            for (int s = 0; s < SLOT_NAMES.length; s++) {
                if (slotField[s] < 0) {
                    continue;
                }
                int pos = (int) (slotBase[s] + i * slotStride[s]);
                double v = value(buf, pos, slotType[s], slotSize[s]);
                values[s] = v;
                if (slotType[s] == 'F' && s != RING && !Double.isFinite(v)) {
                    if (nonFinitePolicy == NonFinitePolicy.REJECT_FILE) {
                        throw new PointCloudFormatException(source, errorOffsetBase + pos, slotFieldName[s],
                                RejectReason.NON_FINITE, "point " + i + " has " + slotFieldName[s] + " = " + v);
                    }
                    finite = false;
                }
            }
            if (!finite) {
                skipped++;
                continue;
            }
            add(into, i, source, errorOffsetBase + slotBase[X] + i * slotStride[X]);
        }
        return new int[] {n - skipped, skipped};
    }

    private static double value(ByteBuffer buf, int pos, char type, int size) {
        if (type == 'F') {
            return size == 4 ? buf.getFloat(pos) : buf.getDouble(pos);
        }
        boolean unsigned = type == 'U';
        return switch (size) {
            case 1 -> unsigned ? buf.get(pos) & 0xff : buf.get(pos);
            case 2 -> unsigned ? buf.getShort(pos) & 0xffff : buf.getShort(pos);
            case 4 -> unsigned ? buf.getInt(pos) & 0xffffffffL : buf.getInt(pos);
            default -> unsigned ? unsignedToDouble(buf.getLong(pos)) : buf.getLong(pos);
        };
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }

    /** Adds the point held in {@link #values}, after range checks on ring and time. */
    private void add(PointCloud into, int index, String source, long offset) throws PointCloudFormatException {
        int ring = -1;
        if (slotField[RING] >= 0) {
            double r = values[RING];
            if (r != Math.rint(r) || r < -1 || r > Short.MAX_VALUE) {
                throw new PointCloudFormatException(source, offset, "ring", RejectReason.BAD_VALUE,
                        "point " + index + " has ring " + r + " (expected an integer in [-1, " + Short.MAX_VALUE
                                + "])");
            }
            ring = (int) r;
        }
        int timeNanos = 0;
        if (slotField[TIME] >= 0) {
            double nanos = slotType[TIME] == 'F' ? Math.rint(values[TIME] * 1e9) : values[TIME];
            if (nanos < Integer.MIN_VALUE || nanos > Integer.MAX_VALUE) {
                throw new PointCloudFormatException(source, offset, slotFieldName[TIME], RejectReason.BAD_VALUE,
                        "point " + index + " has a time offset of " + values[TIME]
                                + (slotType[TIME] == 'F' ? " s" : " ns") + ", beyond +-2.1 s");
            }
            timeNanos = (int) nanos;
        }
        if (into.size() == into.capacity()) {
            throw new PointCloudFormatException(source, offset, "POINTS", RejectReason.CAPACITY,
                    "point " + index + " does not fit the cloud's capacity of " + into.capacity());
        }
        float intensity = slotField[INTENSITY] >= 0 ? (float) values[INTENSITY] : 0f;
        into.add((float) values[X], (float) values[Y], (float) values[Z], intensity, timeNanos, ring);
    }

    private int[] readAscii(byte[] bytes, int length, PcdHeader header, String source, PointCloud into)
            throws PointCloudFormatException {
        List<PcdField> fields = header.fields();
        int elements = 0;
        for (PcdField f : fields) {
            elements += f.count();
        }
        // For each element index on a line: the slot it fills, or -1.
        int[] elementSlot = new int[elements];
        int e = 0;
        for (int f = 0; f < fields.size(); f++) {
            int slot = -1;
            for (int s = 0; s < SLOT_NAMES.length; s++) {
                if (slotField[s] == f) {
                    slot = s;
                }
            }
            for (int c = 0; c < fields.get(f).count(); c++) {
                elementSlot[e++] = slot;
            }
        }
        int n = header.points();
        int read = 0;
        int skipped = 0;
        int pos = header.dataOffsetBytes();
        while (pos < length) {
            int lineStart = pos;
            int lineEnd = pos;
            while (lineEnd < length && bytes[lineEnd] != '\n') {
                lineEnd++;
            }
            pos = lineEnd + 1;
            int t = lineStart;
            int token = 0;
            boolean finite = true;
            while (true) {
                while (t < lineEnd && isBlank(bytes[t])) {
                    t++;
                }
                if (t >= lineEnd) {
                    break;
                }
                int tokenStart = t;
                while (t < lineEnd && !isBlank(bytes[t])) {
                    t++;
                }
                if (token == 0 && read == n) {
                    throw new PointCloudFormatException(source, lineStart, "POINTS", RejectReason.SIZE_MISMATCH,
                            "the body holds more than POINTS " + n + " points");
                }
                if (token >= elements) {
                    throw new PointCloudFormatException(source, tokenStart, "FIELDS", RejectReason.SIZE_MISMATCH,
                            "point " + read + " has more than the " + elements + " values FIELDS/COUNT declare");
                }
                int slot = elementSlot[token];
                if (slot >= 0) {
                    double v = parse(bytes, tokenStart, t, slotType[slot], slotSize[slot], source, slotFieldName[slot], read);
                    values[slot] = v;
                    if (slotType[slot] == 'F' && slot != RING && !Double.isFinite(v)) {
                        if (nonFinitePolicy == NonFinitePolicy.REJECT_FILE) {
                            throw new PointCloudFormatException(source, tokenStart, slotFieldName[slot],
                                    RejectReason.NON_FINITE, "point " + read + " has " + slotFieldName[slot] + " = " + v);
                        }
                        finite = false;
                    }
                }
                token++;
            }
            if (token == 0) {
                continue; // blank line
            }
            if (token != elements) {
                throw new PointCloudFormatException(source, lineStart, "FIELDS", RejectReason.SIZE_MISMATCH,
                        "point " + read + " has " + token + " values, FIELDS/COUNT declare " + elements);
            }
            if (finite) {
                add(into, read, source, lineStart);
            } else {
                skipped++;
            }
            read++;
        }
        if (read != n) {
            throw new PointCloudFormatException(source, length, "POINTS", RejectReason.TRUNCATED,
                    "the body ends after " + read + " of POINTS " + n + " points");
        }
        return new int[] {n - skipped, skipped};
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static double parse(byte[] bytes, int from, int to, char type, int size, String source, String field,
            int point) throws PointCloudFormatException {
        String token = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            if (type == 'F') {
                switch (token.toLowerCase(java.util.Locale.ROOT)) {
                    case "nan", "-nan", "+nan":
                        return Double.NaN;
                    case "inf", "+inf", "infinity", "+infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        // float fields parse straight to float: via double would round twice
                        return size == 4 ? Float.parseFloat(token) : Double.parseDouble(token);
                }
            }
            if (type == 'U' && !token.startsWith("-")) {
                return unsignedToDouble(Long.parseUnsignedLong(token));
            }
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new PointCloudFormatException(source, from, field, RejectReason.BAD_VALUE,
                    "point " + point + ": '" + PcdHeaderParser.abbreviate(token) + "' is not a "
                            + (type == 'F' ? "number" : "integer"));
        }
    }
}
