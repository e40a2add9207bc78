package org.avfusion.drivers.pointcloud.io;

import java.util.List;
import java.util.Objects;

/**
 * A parsed and validated PCD v0.7 header.
 *
 * @param version         the VERSION value as written (e.g. {@code 0.7}), "" when absent
 * @param fields          the fields in file order
 * @param width           WIDTH (points per row)
 * @param height          HEIGHT (rows; 1 for an unorganized cloud)
 * @param viewpoint       VIEWPOINT, {@link PcdViewpoint#IDENTITY} when absent
 * @param points          POINTS, always {@code width * height}
 * @param encoding        the DATA encoding
 * @param dataOffsetBytes offset of the first body byte, just after the DATA line's newline
 */
public record PcdHeader(String version, List<PcdField> fields, int width, int height, PcdViewpoint viewpoint,
        int points, PcdEncoding encoding, int dataOffsetBytes) {

    public PcdHeader {
        Objects.requireNonNull(version, "version");
        fields = List.copyOf(fields);
        Objects.requireNonNull(viewpoint, "viewpoint");
        Objects.requireNonNull(encoding, "encoding");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a PCD header needs at least one field");
        }
        if (width < 0 || height < 0 || (long) width * height != points) {
            throw new IllegalArgumentException("WIDTH " + width + " x HEIGHT " + height + " != POINTS " + points);
        }
        if (dataOffsetBytes < 0) {
            throw new IllegalArgumentException("dataOffsetBytes must be >= 0, was " + dataOffsetBytes);
        }
    }

    /** Bytes of one point in the binary encoding: the sum of SIZE x COUNT over all fields. */
    public long pointStepBytes() {
        long step = 0;
        for (PcdField f : fields) {
            step += f.bytesPerPoint();
        }
        return step;
    }

    /** Index of the field named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
