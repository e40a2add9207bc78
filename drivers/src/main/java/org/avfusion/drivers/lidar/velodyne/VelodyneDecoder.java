package org.avfusion.drivers.lidar.velodyne;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.avfusion.drivers.lidar.LidarModel;
import org.avfusion.drivers.lidar.LidarPacketDecoder;
import org.avfusion.drivers.lidar.LidarPointConsumer;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;

/**
 * Decodes Velodyne VLP-16 and HDL-32E data packets (1206-byte UDP payloads, port 2368).
 *
 * <p><b>Packet</b> (VLP-16 and HDL-32E manuals): 12 data blocks of 100 bytes, each a flag {@code 0xFFEE}, the
 * block's azimuth (uint16 LE, hundredths of a degree) and 32 measurements of 3 bytes (distance uint16 LE in 2 mm
 * units, 0 = no return; intensity uint8); then the time stamp (uint32 LE, microseconds past the hour, of the first
 * firing of the first block), the return-mode byte and the factory (product) byte.
 *
 * <p><b>Model</b>: fixed at construction, or detected from the first packet's factory byte (0x22 VLP-16,
 * 0x21 HDL-32E) and kept; a later packet of another product is rejected. With a fixed model a factory byte of 0
 * (early firmware) is accepted.
 *
 * <p><b>Azimuth</b> of each measurement: the block's azimuth plus the gap to the next block (the next pair in dual
 * mode) times the measurement's firing time over the block duration, as the manuals' "precision azimuth"
 * calculation. The last block(s) of a packet reuse the gap before them. A gap above 2 degrees (more than a block
 * can span at 20 Hz) is not a rotation but the edge of a restricted field of view, or lost packets: the nearest
 * plausible gap in the packet is used instead. A block whose azimuth is out of line with both neighbours (both gaps
 * to it above 2 degrees, the gap across it not above 4) was corrupted in transit: the packet is rejected
 * ({@code BAD_AZIMUTH}). <b>Timing</b>: the packet stamp plus the block's start
 * ({@code block x duration}, pairs share one start in dual mode) plus the firing offset from the timing table,
 * unwrapped across hours into a continuous sensor time.
 *
 * <p><b>Returns</b>: strongest and last modes emit every measurement with a return; dual mode emits the last-return
 * block whole and from the strongest block only the measurements that differ from the last return (the
 * {@code velodyne_pointcloud} rule), so one target is not counted twice.
 *
 * <p><b>Frame</b>: x forward, y left, z up; azimuth clockwise from x seen from above:
 * {@code x = d cos(e) cos(a)}, {@code y = -d cos(e) sin(a)}, {@code z = d sin(e)}.
 *
 * <p><b>Allocation and threading</b>: none per packet (trigonometry comes from tables built at construction;
 * the per-measurement azimuth offset is a small-angle rotation). Not thread-safe.
 */
public final class VelodyneDecoder implements LidarPacketDecoder {
    /** Size of a data packet's UDP payload. */
    public static final int PACKET_BYTES = 1206;
    /** Default UDP port of data packets. */
    public static final int DATA_PORT = 2368;
    /** Default UDP port of position packets. */
    public static final int POSITION_PORT = 8308;

    private static final int BLOCKS = 12;
    private static final int BLOCK_BYTES = 100;
    private static final int BLOCK_FLAG = 0xEEFF; // bytes FF EE read as uint16 LE
    private static final int STAMP_OFFSET = 1200;
    private static final int MODE_OFFSET = 1204;
    private static final int PRODUCT_OFFSET = 1205;
    private static final int MAX_GAP_CENTIDEG = 200;
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final float DISTANCE_UNIT_METERS = 0.002f;
    private static final double CENTIDEG_TO_RAD = Math.PI / 18000.0;

    private static final float[] COS_CENTIDEG = new float[36000];
    private static final float[] SIN_CENTIDEG = new float[36000];

    static {
        for (int i = 0; i < 36000; i++) {
            COS_CENTIDEG[i] = (float) Math.cos(i * CENTIDEG_TO_RAD);
            SIN_CENTIDEG[i] = (float) Math.sin(i * CENTIDEG_TO_RAD);
        }
    }

    /** Per-measurement tables of one model. */
    private static final class Geometry {
        final VelodyneModel model;
        final float[] cosElevation = new float[VelodyneModel.MEASUREMENTS_PER_BLOCK];
        final float[] sinElevation = new float[VelodyneModel.MEASUREMENTS_PER_BLOCK];
        final float[] elevationDeg = new float[VelodyneModel.MEASUREMENTS_PER_BLOCK];
        final int[] ring = new int[VelodyneModel.MEASUREMENTS_PER_BLOCK];
        final int[] firingNanos = new int[VelodyneModel.MEASUREMENTS_PER_BLOCK];
        final float[] gapFraction = new float[VelodyneModel.MEASUREMENTS_PER_BLOCK];

        Geometry(VelodyneModel model) {
            this.model = model;
            for (int m = 0; m < VelodyneModel.MEASUREMENTS_PER_BLOCK; m++) {
                int laser = model.laserOf(m);
                double e = Math.toRadians(model.verticalDeg(laser));
                cosElevation[m] = (float) Math.cos(e);
                sinElevation[m] = (float) Math.sin(e);
                elevationDeg[m] = (float) model.verticalDeg(laser);
                ring[m] = model.ringOf(laser);
                firingNanos[m] = model.firingOffsetNanos(m);
                gapFraction[m] = (float) model.firingOffsetNanos(m) / model.blockNanos();
            }
        }
    }

    private final LidarStats stats;
    private final VelodyneModel fixedModel;
    private final Geometry vlp16 = new Geometry(VelodyneModel.VLP16);
    private final Geometry hdl32 = new Geometry(VelodyneModel.HDL32);
    private Geometry geometry;

    private final int[] azimuth = new int[BLOCKS];
    private final int[] gap = new int[BLOCKS];
    private int lastGoodGap;
    private long hourBaseNanos;
    private long lastPastHourNanos = -1;

    /**
     * @param model the model, or {@code null} to detect it from the first packet's factory byte
     * @param stats where packets, points and rejections are counted
     */
    public VelodyneDecoder(VelodyneModel model, LidarStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.fixedModel = model;
        this.geometry = model == null ? null : geometryOf(model);
    }

    private Geometry geometryOf(VelodyneModel model) {
        return model == VelodyneModel.VLP16 ? vlp16 : hdl32;
    }

    @Override
    public LidarModel model() {
        return geometry == null ? null : geometry.model.model();
    }

    @Override
    public LidarStats stats() {
        return stats;
    }

    @Override
    public int maxPointsPerRevolution() {
        // dual returns at the slowest rotation (5 Hz): VLP-16 1508 packets/s, HDL-32E 3616 packets/s, 384 points each
        return geometry != null && geometry.model == VelodyneModel.VLP16 ? 116_000 : 278_000;
    }

    /** Reads the factory byte of a data packet: the model it names, or {@code null}. */
    public static LidarModel detectModel(ByteBuffer packet, int offset, int length) {
        if (length != PACKET_BYTES) {
            return null;
        }
        return LidarModel.fromVelodyneProductByte(packet.get(offset + PRODUCT_OFFSET) & 0xFF);
    }

    @Override
    public int decode(ByteBuffer p, int offset, int length, LidarPointConsumer out) {
        if (length != PACKET_BYTES || offset < 0 || offset + length > p.capacity()) {
            stats.reject(LidarRejectReason.WRONG_SIZE, "Velodyne data packet of " + length + " bytes, expected "
                    + PACKET_BYTES);
            return REJECTED;
        }
        Geometry g = resolveGeometry(p.get(offset + PRODUCT_OFFSET) & 0xFF);
        if (g == null) {
            return REJECTED;
        }
        int modeByte = p.get(offset + MODE_OFFSET) & 0xFF;
        VelodyneReturnMode mode = VelodyneReturnMode.of(modeByte);
        if (mode == null) {
            stats.reject(LidarRejectReason.BAD_RETURN_MODE, "return mode byte (offset 1204) 0x"
                    + Integer.toHexString(modeByte) + ", expected 0x37, 0x38 or 0x39");
            return REJECTED;
        }
        long pastHourMicros = u32(p, offset + STAMP_OFFSET);
        if (pastHourMicros >= 3_600_000_000L) {
            stats.reject(LidarRejectReason.BAD_TIMESTAMP, "time stamp (offset 1200) " + pastHourMicros
                    + " us is not within the hour");
            return REJECTED;
        }
        for (int b = 0; b < BLOCKS; b++) {
            int base = offset + b * BLOCK_BYTES;
            int flag = u16(p, base);
            if (flag != BLOCK_FLAG) {
                stats.reject(LidarRejectReason.BAD_BLOCK_FLAG, "block " + b + " (offset " + (b * BLOCK_BYTES)
                        + ") flag 0x" + Integer.toHexString(flag) + ", expected 0xeeff");
                return REJECTED;
            }
            int az = u16(p, base + 2);
            if (az >= 36000) {
                stats.reject(LidarRejectReason.BAD_AZIMUTH, "block " + b + " azimuth " + az
                        + " (hundredths of a degree) is not below 36000");
                return REJECTED;
            }
            azimuth[b] = az;
        }
        boolean dual = mode == VelodyneReturnMode.DUAL;
        if (dual) {
            for (int b = 0; b < BLOCKS; b += 2) {
                if (azimuth[b] != azimuth[b + 1]) {
                    stats.reject(LidarRejectReason.BAD_AZIMUTH, "dual-return blocks " + b + " and " + (b + 1)
                            + " differ in azimuth (" + azimuth[b] + ", " + azimuth[b + 1] + ")");
                    return REJECTED;
                }
            }
        }
        int step = dual ? 2 : 1;
        for (int b = step; b + step < BLOCKS; b += step) {
            // a block whose azimuth does not lie between its neighbours' (both gaps to it implausible, the gap across
            // it plausible) was corrupted on the way; taken as a rotation it would cut a sweep early
            if (forwardGap(azimuth[b - step], azimuth[b]) > MAX_GAP_CENTIDEG
                    && forwardGap(azimuth[b], azimuth[b + step]) > MAX_GAP_CENTIDEG
                    && forwardGap(azimuth[b - step], azimuth[b + step]) <= 2 * MAX_GAP_CENTIDEG) {
                stats.reject(LidarRejectReason.BAD_AZIMUTH, "block " + b + " azimuth " + azimuth[b]
                        + " (hundredths of a degree) is out of line with its neighbours' " + azimuth[b - step] + " and "
                        + azimuth[b + step]);
                return REJECTED;
            }
        }
        geometry = g;
        long stampNanos = unwrapHour(pastHourMicros * 1000L);
        interpolationGaps(dual ? 2 : 1);

        int emitted = 0;
        int noReturn = 0;
        float[] cosE = g.cosElevation;
        float[] sinE = g.sinElevation;
        float[] elev = g.elevationDeg;
        int[] ring = g.ring;
        int[] firing = g.firingNanos;
        float[] fraction = g.gapFraction;
        int blockNanos = g.model.blockNanos();
        for (int b = 0; b < BLOCKS; b++) {
            int base = offset + b * BLOCK_BYTES + 4;
            int az = azimuth[b];
            float blockGap = gap[b];
            float cosA = COS_CENTIDEG[az];
            float sinA = SIN_CENTIDEG[az];
            long blockStart = stampNanos + (long) (dual ? b >> 1 : b) * blockNanos;
            boolean strongestOfPair = dual && (b & 1) == 1;
            float rotationDeg = az * 0.01f;
            for (int m = 0; m < VelodyneModel.MEASUREMENTS_PER_BLOCK; m++) {
                int at = base + m * 3;
                int raw = (p.get(at) & 0xFF) | (p.get(at + 1) & 0xFF) << 8;
                if (raw == 0) {
                    noReturn++;
                    continue;
                }
                if (strongestOfPair) {
                    int lastAt = at - BLOCK_BYTES;
                    int lastRaw = (p.get(lastAt) & 0xFF) | (p.get(lastAt + 1) & 0xFF) << 8;
                    if (lastRaw == raw) {
                        continue;
                    }
                }
                float deltaCentideg = blockGap * fraction[m];
                float d = deltaCentideg * (float) CENTIDEG_TO_RAD;
                float d2 = d * d;
                float cosD = 1f - 0.5f * d2;
                float sinD = d - d * d2 * (1f / 6f);
                float cosAz = cosA * cosD - sinA * sinD;
                float sinAz = sinA * cosD + cosA * sinD;
                float distance = raw * DISTANCE_UNIT_METERS;
                float horizontal = distance * cosE[m];
                float azDeg = (az + deltaCentideg) * 0.01f;
                if (azDeg >= 360f) {
                    azDeg -= 360f;
                }
                out.accept(blockStart + firing[m], horizontal * cosAz, -horizontal * sinAz, distance * sinE[m],
                        distance, azDeg, elev[m], p.get(at + 2) & 0xFF, ring[m], rotationDeg);
                emitted++;
            }
        }
        stats.packetDecoded(emitted, noReturn);
        return emitted;
    }

    @Override
    public long packetStampNanos(ByteBuffer packet, int offset, int length) {
        if (length != PACKET_BYTES || offset < 0 || offset + length > packet.capacity()) {
            return NO_STAMP;
        }
        return u32(packet, offset + STAMP_OFFSET) * 1000L;
    }

    private Geometry resolveGeometry(int product) {
        LidarModel named = LidarModel.fromVelodyneProductByte(product);
        if (fixedModel != null) {
            if (product == 0 || named == fixedModel.model()) {
                return geometry;
            }
            stats.reject(LidarRejectReason.PRODUCT_MISMATCH, "factory byte (offset 1205) 0x"
                    + Integer.toHexString(product) + " is not " + fixedModel + " (0x"
                    + Integer.toHexString(fixedModel.model().velodyneProductByte()) + ")");
            return null;
        }
        if (named == null) {
            stats.reject(LidarRejectReason.UNKNOWN_PRODUCT, "factory byte (offset 1205) 0x"
                    + Integer.toHexString(product) + " names no supported model (0x22 VLP-16, 0x21 HDL-32E)");
            return null;
        }
        if (geometry == null) {
            return geometryOf(VelodyneModel.of(named)); // kept once the packet proves valid
        }
        if (geometry.model.model() != named) {
            stats.reject(LidarRejectReason.PRODUCT_MISMATCH, "factory byte (offset 1205) 0x"
                    + Integer.toHexString(product) + " names " + named + " but this stream is "
                    + geometry.model);
            return null;
        }
        return geometry;
    }

    /** The rotation from {@code fromCentideg} forward to {@code toCentideg}, hundredths of a degree in [0, 36000). */
    private static int forwardGap(int fromCentideg, int toCentideg) {
        int g = toCentideg - fromCentideg;
        return g < 0 ? g + 36000 : g;
    }

    /** Fills {@link #gap} with each block's azimuth gap to the next firing block, repairing implausible ones. */
    private void interpolationGaps(int step) {
        int firstGood = -1;
        for (int b = 0; b < BLOCKS; b++) {
            int next = b + step;
            int g = -1;
            if (next < BLOCKS) {
                g = azimuth[next] - azimuth[b];
                if (g < 0) {
                    g += 36000;
                }
                if (g > MAX_GAP_CENTIDEG) {
                    g = -1;
                }
            }
            gap[b] = g;
            if (g >= 0 && firstGood < 0) {
                firstGood = g;
            }
        }
        int carry = firstGood >= 0 ? firstGood : lastGoodGap;
        for (int b = 0; b < BLOCKS; b++) {
            if (gap[b] < 0) {
                gap[b] = carry;
            } else {
                carry = gap[b];
            }
        }
        lastGoodGap = carry;
    }

    private long unwrapHour(long pastHourNanos) {
        if (lastPastHourNanos >= 0 && pastHourNanos < lastPastHourNanos - HOUR_NANOS / 2) {
            hourBaseNanos += HOUR_NANOS;
        } else if (lastPastHourNanos >= 0 && pastHourNanos > lastPastHourNanos + HOUR_NANOS / 2
                && hourBaseNanos >= HOUR_NANOS) {
            hourBaseNanos -= HOUR_NANOS; // a late packet from before the wrap
        }
        lastPastHourNanos = pastHourNanos;
        return hourBaseNanos + pastHourNanos;
    }

    private static int u16(ByteBuffer p, int at) {
        return (p.get(at) & 0xFF) | (p.get(at + 1) & 0xFF) << 8;
    }

    private static long u32(ByteBuffer p, int at) {
        return ((long) u16(p, at)) | ((long) u16(p, at + 2)) << 16;
    }
}
