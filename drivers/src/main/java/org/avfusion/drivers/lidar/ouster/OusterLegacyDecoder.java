package org.avfusion.drivers.lidar.ouster;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.avfusion.drivers.lidar.LidarModel;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;

/**
 * Decodes Ouster OS1 legacy-profile lidar packets (firmware 2.x, UDP port 7502) with the sensor's
 * {@link OusterMetadata}.
 *
 * <p><b>Geometry</b> (Ouster software user manual v2.x, "Lidar Range to XYZ", and the SDK's
 * {@code make_xyz_lut}): for a pixel of beam {@code i} in the column with measurement id {@code m} of {@code W},
 * with range {@code r} and beam origin offset {@code n} (both mm), {@code te = 2 pi (1 - m / W)},
 * {@code ta = -2 pi azimuth_i / 360}, {@code phi = 2 pi altitude_i / 360}:
 * {@code x = (r - n) cos(te + ta) cos(phi) + n cos(te)}, {@code y = (r - n) sin(te + ta) cos(phi) + n sin(te)},
 * {@code z = (r - n) sin(phi)}, in the lidar frame; then {@code lidar_to_sensor_transform} takes the point to the
 * sensor frame (x forward, y left, z up), which is what this decoder emits, in metres.
 *
 * <p><b>Per point</b>: time = the column's timestamp (ns); azimuth = clockwise angle of the beam in the sensor frame;
 * rotation = clockwise rotor angle of the column in the sensor frame; intensity = reflectivity; ring = rank by
 * altitude (0 = lowest). Pixels with range 0 have no return and are counted, not emitted.
 *
 * <p><b>Bad input</b>: a packet of the wrong size, or with a valid column whose measurement id is outside the
 * frame, is rejected whole; a column whose status is not {@code 0xFFFFFFFF} is skipped and counted
 * ({@link LidarRejectReason#BAD_COLUMN}). Nothing is allocated per packet. Not thread-safe.
 */
public final class OusterLegacyDecoder implements LidarPacketDecoder {
    /** Default UDP port of lidar packets. */
    public static final int DATA_PORT = 7502;

    private final OusterMetadata metadata;
    private final LidarStats stats;
    private final int width;
    private final int pixels;
    private final int columnsPerPacket;
    private final int columnBytes;
    private final int packetBytes;
    private final float beamOriginMm;
    private final float[] cosAltitude;
    private final float[] sinAltitude;
    private final float[] altitudeDeg;
    private final float[] cosBeamAz;
    private final float[] sinBeamAz;
    private final float[] beamAzDeg;
    private final int[] ring;
    private final float[] cosEncoder;
    private final float[] sinEncoder;
    private final float[] columnRotationDeg;
    private final float[] rotation = new float[9];
    private final float[] translationMeters = new float[3];
    private int lastFrameId = -1;

    public OusterLegacyDecoder(OusterMetadata metadata, LidarStats stats) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.stats = Objects.requireNonNull(stats, "stats");
        width = metadata.columnsPerFrame();
        pixels = metadata.pixelsPerColumn();
        columnsPerPacket = metadata.columnsPerPacket();
        columnBytes = metadata.columnBytes();
        packetBytes = metadata.packetBytes();
        beamOriginMm = (float) metadata.lidarOriginToBeamOriginMm();
        double[] alt = metadata.beamAltitudeDeg();
        double[] az = metadata.beamAzimuthDeg();
        double[] t = metadata.lidarToSensorTransform();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                rotation[r * 3 + c] = (float) t[r * 4 + c];
            }
            translationMeters[r] = (float) (t[r * 4 + 3] / 1000.0);
        }
        double yawDeg = Math.toDegrees(Math.atan2(t[4], t[0]));
        cosAltitude = new float[pixels];
        sinAltitude = new float[pixels];
        altitudeDeg = new float[pixels];
        cosBeamAz = new float[pixels];
        sinBeamAz = new float[pixels];
        beamAzDeg = new float[pixels];
        ring = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            double phi = Math.toRadians(alt[i]);
            double ta = -Math.toRadians(az[i]);
            cosAltitude[i] = (float) Math.cos(phi);
            sinAltitude[i] = (float) Math.sin(phi);
            altitudeDeg[i] = (float) alt[i];
            cosBeamAz[i] = (float) Math.cos(ta);
            sinBeamAz[i] = (float) Math.sin(ta);
            beamAzDeg[i] = (float) az[i];
            int rank = 0;
            for (int j = 0; j < pixels; j++) {
                if (alt[j] < alt[i] || (alt[j] == alt[i] && j < i)) {
                    rank++;
                }
            }
            ring[i] = rank;
        }
        cosEncoder = new float[width];
        sinEncoder = new float[width];
        columnRotationDeg = new float[width];
        for (int m = 0; m < width; m++) {
            double te = 2 * Math.PI * (1 - (double) m / width);
            cosEncoder[m] = (float) Math.cos(te);
            sinEncoder[m] = (float) Math.sin(te);
            columnRotationDeg[m] = (float) normalizeDeg(360.0 * m / width - yawDeg);
        }
    }

    private static double normalizeDeg(double deg) {
        double d = deg % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    public OusterMetadata metadata() {
        return metadata;
    }

    @Override
    public LidarModel model() {
        return LidarModel.OS1;
    }

    @Override
    public LidarStats stats() {
        return stats;
    }

    @Override
    public int maxPointsPerRevolution() {
        return width * pixels;
    }

    /** Rotor angle (clockwise, sensor frame) of measurement id 0, where a frame begins: the natural scan cut. */
    public float frameStartRotationDeg() {
        return columnRotationDeg[0];
    }

    /** Frame id of the last valid column decoded, or -1. */
    public int lastFrameId() {
        return lastFrameId;
    }

    @Override
    public int decode(ByteBuffer p, int offset, int length, LidarPointConsumer out) {
        if (length != packetBytes || offset < 0 || offset + length > p.capacity()) {
            stats.reject(LidarRejectReason.WRONG_SIZE, "Ouster legacy packet of " + length + " bytes, expected "
                    + packetBytes + " (" + columnsPerPacket + " columns of " + pixels + " pixels)");
            return REJECTED;
        }
        for (int c = 0; c < columnsPerPacket; c++) {
            int col = offset + c * columnBytes;
            if (OusterLegacyPacket.status(p, col, pixels) != OusterLegacyPacket.VALID_STATUS) {
                continue;
            }
            int m = OusterLegacyPacket.measurementId(p, col);
            if (m >= width) {
                stats.reject(LidarRejectReason.BAD_AZIMUTH, "column " + c + " measurement id " + m
                        + " is outside the " + width + "-column frame");
                return REJECTED;
            }
        }
        int emitted = 0;
        int noReturn = 0;
        float n = beamOriginMm;
        float[] rot = rotation;
        for (int c = 0; c < columnsPerPacket; c++) {
            int col = offset + c * columnBytes;
            if (OusterLegacyPacket.status(p, col, pixels) != OusterLegacyPacket.VALID_STATUS) {
                stats.reject(LidarRejectReason.BAD_COLUMN, "column " + c + " (offset " + (c * columnBytes)
                        + ") status is not 0xffffffff");
                continue;
            }
            int m = OusterLegacyPacket.measurementId(p, col);
            lastFrameId = OusterLegacyPacket.frameId(p, col);
            long stamp = OusterLegacyPacket.timestampNanos(p, col);
            float cosE = cosEncoder[m];
            float sinE = sinEncoder[m];
            float rotationDeg = columnRotationDeg[m];
            for (int i = 0; i < pixels; i++) {
                int rangeMm = OusterLegacyPacket.rangeMillimeters(p, col, i);
                if (rangeMm == 0) {
                    noReturn++;
                    continue;
                }
                float cosEA = cosE * cosBeamAz[i] - sinE * sinBeamAz[i];
                float sinEA = sinE * cosBeamAz[i] + cosE * sinBeamAz[i];
                float beam = (rangeMm - n) * cosAltitude[i];
                float lx = (beam * cosEA + n * cosE) * 0.001f;
                float ly = (beam * sinEA + n * sinE) * 0.001f;
                float lz = (rangeMm - n) * sinAltitude[i] * 0.001f;
                float x = rot[0] * lx + rot[1] * ly + rot[2] * lz + translationMeters[0];
                float y = rot[3] * lx + rot[4] * ly + rot[5] * lz + translationMeters[1];
                float z = rot[6] * lx + rot[7] * ly + rot[8] * lz + translationMeters[2];
                float azDeg = rotationDeg + beamAzDeg[i];
                if (azDeg >= 360f) {
                    azDeg -= 360f;
                } else if (azDeg < 0f) {
                    azDeg += 360f;
                }
                out.accept(stamp, x, y, z, rangeMm * 0.001f, azDeg, altitudeDeg[i],
                        OusterLegacyPacket.reflectivity(p, col, i), ring[i], rotationDeg);
                emitted++;
            }
        }
        stats.packetDecoded(emitted, noReturn);
        return emitted;
    }
}
