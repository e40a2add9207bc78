package org.avfusion.drivers.lidar.ouster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The parts of an Ouster sensor's metadata JSON (firmware 2.x, {@code get_sensor_info} plus
 * {@code get_beam_intrinsics} plus {@code get_lidar_data_format}) that decoding needs.
 *
 * @param beamAltitudeDeg            {@code beam_altitude_angles}: elevation of each beam (row), degrees
 * @param beamAzimuthDeg             {@code beam_azimuth_angles}: azimuth offset of each beam, degrees
 * @param lidarOriginToBeamOriginMm  {@code lidar_origin_to_beam_origin_mm}
 * @param lidarToSensorTransform     {@code lidar_to_sensor_transform}: 4x4 row-major, translation in mm
 * @param columnsPerFrame            {@code data_format.columns_per_frame} (or from {@code lidar_mode})
 * @param columnsPerPacket           {@code data_format.columns_per_packet} (16 when absent)
 * @param pixelsPerColumn            {@code data_format.pixels_per_column} (the beam count when absent)
 * @param lidarMode                  {@code lidar_mode}, e.g. {@code 1024x10}
 */
public record OusterMetadata(double[] beamAltitudeDeg, double[] beamAzimuthDeg, double lidarOriginToBeamOriginMm,
                             double[] lidarToSensorTransform, int columnsPerFrame, int columnsPerPacket,
                             int pixelsPerColumn, String lidarMode) {
    public OusterMetadata {
        if (beamAltitudeDeg == null || beamAltitudeDeg.length == 0) {
            throw new IllegalArgumentException("beam_altitude_angles must list one angle per beam");
        }
        if (beamAzimuthDeg == null || beamAzimuthDeg.length != beamAltitudeDeg.length) {
            throw new IllegalArgumentException("beam_azimuth_angles must have as many entries as "
                    + "beam_altitude_angles (" + beamAltitudeDeg.length + ")");
        }
        for (int i = 0; i < beamAltitudeDeg.length; i++) {
            if (!(Math.abs(beamAltitudeDeg[i]) <= 90) || !(Math.abs(beamAzimuthDeg[i]) <= 180)) {
                throw new IllegalArgumentException("beam " + i + ": altitude " + beamAltitudeDeg[i] + " or azimuth "
                        + beamAzimuthDeg[i] + " degrees out of range");
            }
        }
        if (!(lidarOriginToBeamOriginMm >= 0 && lidarOriginToBeamOriginMm < 1000)) {
            throw new IllegalArgumentException("lidar_origin_to_beam_origin_mm must be in [0, 1000), was "
                    + lidarOriginToBeamOriginMm);
        }
        if (lidarToSensorTransform == null || lidarToSensorTransform.length != 16) {
            throw new IllegalArgumentException("lidar_to_sensor_transform must have 16 entries (4x4 row-major)");
        }
        if (columnsPerFrame != 512 && columnsPerFrame != 1024 && columnsPerFrame != 2048) {
            throw new IllegalArgumentException("columns_per_frame must be 512, 1024 or 2048, was " + columnsPerFrame);
        }
        if (columnsPerPacket < 1 || columnsPerPacket > columnsPerFrame) {
            throw new IllegalArgumentException("columns_per_packet must be in [1, " + columnsPerFrame + "], was "
                    + columnsPerPacket);
        }
        if (pixelsPerColumn != beamAltitudeDeg.length) {
            throw new IllegalArgumentException("pixels_per_column " + pixelsPerColumn + " differs from the "
                    + beamAltitudeDeg.length + " beams of beam_altitude_angles");
        }
        beamAltitudeDeg = beamAltitudeDeg.clone();
        beamAzimuthDeg = beamAzimuthDeg.clone();
        lidarToSensorTransform = lidarToSensorTransform.clone();
    }

    @Override
    public double[] beamAltitudeDeg() {
        return beamAltitudeDeg.clone();
    }

    @Override
    public double[] beamAzimuthDeg() {
        return beamAzimuthDeg.clone();
    }

    @Override
    public double[] lidarToSensorTransform() {
        return lidarToSensorTransform.clone();
    }

    /** Bytes of one legacy-profile packet: per column a 16-byte header, 12 bytes per pixel, a 4-byte status. */
    public int packetBytes() {
        return columnsPerPacket * columnBytes();
    }

    /** Bytes of one column in a legacy-profile packet. */
    public int columnBytes() {
        return OusterLegacyPacket.COLUMN_HEADER_BYTES + pixelsPerColumn * OusterLegacyPacket.PIXEL_BYTES
                + OusterLegacyPacket.COLUMN_FOOTER_BYTES;
    }

    /**
     * Reads a metadata file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and the field when its content is wrong
     */
    public static OusterMetadata read(Path file) throws IOException {
        String json = Files.readString(file);
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses metadata JSON text.
     *
     * @throws IllegalArgumentException naming the field when a field is missing or wrong
     */
    public static OusterMetadata parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Ouster metadata is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Ouster metadata must be a JSON object");
        }
        double[] altitude = doubles(root, "beam_altitude_angles", -1);
        double[] azimuth = doubles(root, "beam_azimuth_angles", altitude.length);
        JsonNode origin = root.get("lidar_origin_to_beam_origin_mm");
        if (origin == null || !origin.isNumber()) {
            throw new IllegalArgumentException("field lidar_origin_to_beam_origin_mm is missing or not a number");
        }
        double[] transform = root.has("lidar_to_sensor_transform")
                ? doubles(root, "lidar_to_sensor_transform", 16)
                : new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 36.18, 0, 0, 0, 1};
        JsonNode modeNode = root.get("lidar_mode");
        String mode = modeNode == null ? "" : modeNode.asText();
        int columnsFromMode = columnsOfMode(mode);
        JsonNode format = root.get("data_format");
        int columns = columnsFromMode;
        int perPacket = 16;
        int pixels = altitude.length;
        if (format != null && format.isObject()) {
            columns = intField(format, "columns_per_frame", columnsFromMode);
            perPacket = intField(format, "columns_per_packet", 16);
            pixels = intField(format, "pixels_per_column", altitude.length);
        }
        if (columns <= 0) {
            throw new IllegalArgumentException("lidar_mode '" + mode + "' names no column count (write e.g. "
                    + "1024x10) and data_format.columns_per_frame is absent");
        }
        return new OusterMetadata(altitude, azimuth, origin.asDouble(), transform, columns, perPacket, pixels, mode);
    }

    private static int columnsOfMode(String mode) {
        int x = mode.indexOf('x');
        if (x <= 0) {
            return -1;
        }
        try {
            return Integer.parseInt(mode.substring(0, x));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int intField(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("field data_format." + field + " must be an integer, was " + v);
        }
        return v.asInt();
    }

    private static double[] doubles(JsonNode root, String field, int expectedLength) {
        JsonNode v = root.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a non-empty array");
        }
        if (expectedLength >= 0 && v.size() != expectedLength) {
            throw new IllegalArgumentException("field " + field + " has " + v.size() + " entries, expected "
                    + expectedLength);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("field " + field + "[" + i + "] is not a number: " + v.get(i));
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OusterMetadata m && Arrays.equals(beamAltitudeDeg, m.beamAltitudeDeg)
                && Arrays.equals(beamAzimuthDeg, m.beamAzimuthDeg)
                && lidarOriginToBeamOriginMm == m.lidarOriginToBeamOriginMm
                && Arrays.equals(lidarToSensorTransform, m.lidarToSensorTransform)
                && columnsPerFrame == m.columnsPerFrame && columnsPerPacket == m.columnsPerPacket
                && pixelsPerColumn == m.pixelsPerColumn && lidarMode.equals(m.lidarMode);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(beamAltitudeDeg) * 31 + columnsPerFrame;
    }

    @Override
    public String toString() {
        return "OusterMetadata[" + pixelsPerColumn + " beams, " + lidarMode + ", " + columnsPerPacket
                + " columns/packet]";
    }
}
