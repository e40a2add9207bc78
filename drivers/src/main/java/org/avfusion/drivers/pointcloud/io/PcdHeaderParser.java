package org.avfusion.drivers.pointcloud.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the text header of a PCD file, following PCL's {@code PCDReader::readHeader}: comment lines
 * start with {@code #}, empty lines are skipped, keys may come in any order but each at most once, COUNT defaults
 * to 1, HEIGHT to 1, a missing WIDTH/HEIGHT pair means {@code WIDTH = POINTS}, and the body starts right after the
 * DATA line. Stricter than PCL where PCL would go on with a broken cloud: unknown keys, size/field count
 * mismatches, WIDTH x HEIGHT != POINTS and unknown DATA kinds are errors here.
 */
final class PcdHeaderParser {
    /** Longest header line accepted (FIELDS lines of wide descriptors stay far below). */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Largest point accepted, in bytes. */
    static final long MAX_POINT_STEP_BYTES = 1 << 20;

    private static final List<String> KEYS = List.of("VERSION", "FIELDS", "SIZE", "TYPE", "COUNT", "WIDTH",
            "HEIGHT", "VIEWPOINT", "POINTS", "DATA");

    private PcdHeaderParser() {
    }

    private record Line(String[] tokens, int offset) {
    }

    static PcdHeader parse(byte[] bytes, int length, String source) throws PointCloudFormatException {
        Map<String, Line> lines = new HashMap<>();
        int pos = 0;
        int dataOffset = -1;
        while (dataOffset < 0) {
            if (pos >= length) {
                throw new PointCloudFormatException(source, length, "DATA", RejectReason.TRUNCATED,
                        "the header ends without a DATA line");
            }
            int lineStart = pos;
            int lineEnd = pos;
            while (lineEnd < length && bytes[lineEnd] != '\n') {
                int c = bytes[lineEnd] & 0xff;
                if ((c < 0x20 && c != '\t' && c != '\r') || c > 0x7e) {
                    throw new PointCloudFormatException(source, lineEnd, "", RejectReason.BAD_HEADER,
                            String.format("non-text byte 0x%02x in the header", c));
                }
                if (lineEnd - lineStart >= MAX_LINE_BYTES) {
                    throw new PointCloudFormatException(source, lineStart, "", RejectReason.BAD_HEADER,
                            "header line longer than " + MAX_LINE_BYTES + " bytes");
                }
                lineEnd++;
            }
            pos = lineEnd < length ? lineEnd + 1 : length;
            String text = new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII).trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] tokens = text.split("[ \t\r]+");
            String key = tokens[0].equals("COLUMNS") ? "FIELDS" : tokens[0];
            if (!KEYS.contains(key)) {
                throw new PointCloudFormatException(source, lineStart, key, RejectReason.BAD_HEADER,
                        "unknown header line '" + abbreviate(text) + "' (expected one of " + KEYS + ")");
            }
            if (lines.containsKey(key)) {
                throw new PointCloudFormatException(source, lineStart, key, RejectReason.BAD_HEADER,
                        "duplicate " + key + " line (first at byte " + lines.get(key).offset() + ")");
            }
            lines.put(key, new Line(tokens, lineStart));
            if (key.equals("DATA")) {
                dataOffset = pos;
            }
        }
        return validate(lines, dataOffset, source);
    }

    private static PcdHeader validate(Map<String, Line> lines, int dataOffset, String source)
            throws PointCloudFormatException {
        Line data = lines.get("DATA");
        if (data.tokens().length != 2) {
            throw new PointCloudFormatException(source, data.offset(), "DATA", RejectReason.BAD_HEADER,
                    "DATA needs exactly one word (ascii, binary or binary_compressed), has "
                            + (data.tokens().length - 1));
        }
        PcdEncoding encoding = PcdEncoding.ofKeyword(data.tokens()[1]);
        if (encoding == null) {
            throw new PointCloudFormatException(source, data.offset(), "DATA", RejectReason.UNKNOWN_ENCODING,
                    "unknown DATA kind '" + abbreviate(data.tokens()[1])
                            + "' (expected ascii, binary or binary_compressed)");
        }
        Line fieldsLine = require(lines, "FIELDS", source);
        int n = fieldsLine.tokens().length - 1;
        if (n < 1) {
            throw new PointCloudFormatException(source, fieldsLine.offset(), "FIELDS", RejectReason.BAD_HEADER,
                    "FIELDS names no field");
        }
        int[] sizes = ints(require(lines, "SIZE", source), n, source);
        Line typeLine = require(lines, "TYPE", source);
        checkArity(typeLine, "TYPE", n, source);
        Line countLine = lines.get("COUNT");
        int[] counts = countLine == null ? null : ints(countLine, n, source);
        List<PcdField> fields = new ArrayList<>(n);
        long step = 0;
        for (int i = 0; i < n; i++) {
            String name = fieldsLine.tokens()[i + 1];
            String type = typeLine.tokens()[i + 1];
            if (type.length() != 1) {
                throw new PointCloudFormatException(source, typeLine.offset(), "TYPE", RejectReason.BAD_HEADER,
                        "field " + name + ": TYPE must be one letter F, U or I, was '" + abbreviate(type) + "'");
            }
            try {
                PcdField field = new PcdField(name, sizes[i], type.charAt(0), counts == null ? 1 : counts[i]);
                fields.add(field);
                step += field.bytesPerPoint();
            } catch (IllegalArgumentException e) {
                throw new PointCloudFormatException(source, fieldsLine.offset(), name, RejectReason.BAD_HEADER,
                        e.getMessage());
            }
        }
        if (step > MAX_POINT_STEP_BYTES) {
            throw new PointCloudFormatException(source, fieldsLine.offset(), "SIZE", RejectReason.BAD_HEADER,
                    "a point of " + step + " bytes exceeds the " + MAX_POINT_STEP_BYTES + " bytes accepted");
        }
        Line widthLine = lines.get("WIDTH");
        Line heightLine = lines.get("HEIGHT");
        Line pointsLine = lines.get("POINTS");
        long points = pointsLine == null ? -1 : nonNegativeInt(pointsLine, "POINTS", source);
        long width;
        long height;
        if (widthLine == null && heightLine == null) {
            if (pointsLine == null) {
                throw new PointCloudFormatException(source, dataOffset, "POINTS", RejectReason.BAD_HEADER,
                        "the header has neither POINTS nor WIDTH");
            }
            width = points;
            height = 1;
        } else if (widthLine == null) {
            throw new PointCloudFormatException(source, heightLine.offset(), "WIDTH", RejectReason.BAD_HEADER,
                    "HEIGHT is given but WIDTH is missing");
        } else {
            width = nonNegativeInt(widthLine, "WIDTH", source);
            height = heightLine == null ? 1 : nonNegativeInt(heightLine, "HEIGHT", source);
        }
        if (points < 0) {
            points = width * height;
            if (points > Integer.MAX_VALUE) {
                throw new PointCloudFormatException(source, widthLine.offset(), "WIDTH", RejectReason.SIZE_MISMATCH,
                        "WIDTH " + width + " x HEIGHT " + height + " exceeds " + Integer.MAX_VALUE + " points");
            }
        } else if (width * height != points) {
            throw new PointCloudFormatException(source, pointsLine.offset(), "POINTS", RejectReason.SIZE_MISMATCH,
                    "POINTS " + points + " != WIDTH " + width + " x HEIGHT " + height);
        }
        PcdViewpoint viewpoint = PcdViewpoint.IDENTITY;
        Line vp = lines.get("VIEWPOINT");
        if (vp != null) {
            viewpoint = viewpoint(vp, source);
        }
        Line versionLine = lines.get("VERSION");
        String version = versionLine == null ? "" : String.join(" ", java.util.Arrays.copyOfRange(
                versionLine.tokens(), 1, versionLine.tokens().length));
        return new PcdHeader(version, fields, (int) width, (int) height, viewpoint, (int) points, encoding,
                dataOffset);
    }

    private static Line require(Map<String, Line> lines, String key, String source)
            throws PointCloudFormatException {
        Line line = lines.get(key);
        if (line == null) {
            throw new PointCloudFormatException(source, -1, key, RejectReason.BAD_HEADER,
                    "the header has no " + key + " line");
        }
        return line;
    }

    private static void checkArity(Line line, String key, int n, String source) throws PointCloudFormatException {
        if (line.tokens().length - 1 != n) {
            throw new PointCloudFormatException(source, line.offset(), key, RejectReason.BAD_HEADER,
                    key + " has " + (line.tokens().length - 1) + " values but FIELDS names " + n + " fields");
        }
    }

    private static int[] ints(Line line, int n, String source) throws PointCloudFormatException {
        String key = line.tokens()[0];
        checkArity(line, key, n, source);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            String t = line.tokens()[i + 1];
            try {
                values[i] = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new PointCloudFormatException(source, line.offset(), key, RejectReason.BAD_HEADER,
                        key + " value " + (i + 1) + " is not an integer: '" + abbreviate(t) + "'");
            }
        }
        return values;
    }

    private static long nonNegativeInt(Line line, String key, String source) throws PointCloudFormatException {
        if (line.tokens().length != 2) {
            throw new PointCloudFormatException(source, line.offset(), key, RejectReason.BAD_HEADER,
                    key + " needs exactly one value, has " + (line.tokens().length - 1));
        }
        try {
            int v = Integer.parseInt(line.tokens()[1]);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new PointCloudFormatException(source, line.offset(), key, RejectReason.BAD_HEADER,
                    key + " must be an integer in [0, " + Integer.MAX_VALUE + "], was '"
                            + abbreviate(line.tokens()[1]) + "'");
        }
    }

    private static PcdViewpoint viewpoint(Line line, String source) throws PointCloudFormatException {
        if (line.tokens().length != 8) {
            throw new PointCloudFormatException(source, line.offset(), "VIEWPOINT", RejectReason.BAD_HEADER,
                    "VIEWPOINT needs 7 values (tx ty tz qw qx qy qz), has " + (line.tokens().length - 1));
        }
        double[] v = new double[7];
        for (int i = 0; i < 7; i++) {
            String t = line.tokens()[i + 1];
            try {
                v[i] = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
            if (!Double.isFinite(v[i])) {
                throw new PointCloudFormatException(source, line.offset(), "VIEWPOINT", RejectReason.BAD_HEADER,
                        "VIEWPOINT value " + (i + 1) + " is not a finite number: '" + abbreviate(t) + "'");
            }
        }
        return new PcdViewpoint(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
