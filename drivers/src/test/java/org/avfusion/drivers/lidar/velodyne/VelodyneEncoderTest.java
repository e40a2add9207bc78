package org.avfusion.drivers.lidar.velodyne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.lidar.LidarModel;
import org.avfusion.drivers.lidar.LidarStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the encoder writes, the runtime's own decoders read back: distances, lasers, azimuths, stamps, NMEA. */
class VelodyneEncoderTest {
    private static final long SEED = 20240603L;

    private record Point(double distance, double elevationDeg, double azimuthDeg, long sensorNanos) {
    }

    @ParameterizedTest(name = "{0}: encode -> decode keeps every return")
    @EnumSource(VelodyneModel.class)
    void decoderReadsBackWhatTheEncoderWrote(VelodyneModel model) {
        SplittableRandom rng = new SplittableRandom(SEED);
        int[] azimuths = new int[12];
        float[] distances = new float[12 * 32];
        for (int b = 0; b < 12; b++) {
            azimuths[b] = (35_900 + b * 20) % 36_000; // crosses 0 degrees, 0.2 degree steps
        }
        for (int i = 0; i < distances.length; i++) {
            distances[i] = i % 7 == 0 ? 0f : (float) (1 + rng.nextDouble() * 100);
        }
        long stampMicros = 3_599_999_000L;
        ByteBuffer packet = ByteBuffer.allocate(VelodyneDecoder.PACKET_BYTES);
        new VelodyneEncoder(model).encodeData(stampMicros, azimuths, distances, null, packet);
        assertEquals(VelodyneDecoder.PACKET_BYTES, packet.position());

        LidarStats stats = new LidarStats("round-trip");
        VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
        List<Point> points = new ArrayList<>();
        int emitted = decoder.decode(packet, 0, VelodyneDecoder.PACKET_BYTES,
                (t, x, y, z, d, az, el, intensity, ring, rot) -> points.add(new Point(d, el, az, t)));
        assertEquals(model.model(), decoder.model(), "model from the factory byte");
        assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
        long returns = 0;
        for (float d : distances) {
            returns += d > 0 ? 1 : 0;
        }
        assertEquals(returns, emitted);
        assertEquals(stampMicros * 1000L, decoder.packetStampNanos(packet, 0, VelodyneDecoder.PACKET_BYTES));
        int k = 0;
        for (int b = 0; b < 12; b++) {
            for (int m = 0; m < 32; m++) {
                float d = distances[b * 32 + m];
                if (d <= 0) {
                    continue;
                }
                Point p = points.get(k++);
                assertEquals(d, p.distance(), 0.001 + 1e-6, "distance of block " + b + " measurement " + m);
                assertEquals(model.verticalDeg(model.laserOf(m)), p.elevationDeg(), 1e-4, "elevation");
                double dAz = (p.azimuthDeg() - azimuths[b] / 100.0 + 540) % 360 - 180;
                assertEquals(0.1, dAz, 0.1 + 1e-3, "azimuth within the block's 0.2 degree gap");
                assertEquals(stampMicros * 1000L + (long) b * model.blockNanos() + model.firingOffsetNanos(m),
                        p.sensorNanos(), "firing time");
            }
        }
    }

    @ParameterizedTest(name = "{0}: the position packet's $GPRMC decodes to the fix")
    @EnumSource(VelodyneModel.class)
    void positionPacketCarriesTheSentence(VelodyneModel model) {
        String rmc = "$GPRMC,100000.00,A,5130.0000,N,00005.0000,W,15.552,90.0,030624,,,A*";
        int sum = 0;
        for (int i = 1; i < rmc.length() - 1; i++) {
            sum ^= rmc.charAt(i);
        }
        rmc = rmc + String.format("%02X", sum);
        ByteBuffer packet = ByteBuffer.allocate(VelodynePositionDecoder.PACKET_BYTES);
        VelodyneEncoder.encodePosition(36_000_000_000L % 3_600_000_000L, rmc, packet);
        VelodynePositionDecoder decoder = new VelodynePositionDecoder(new LidarStats("pos"));
        GnssFix fix = decoder.decode(packet, 0, VelodynePositionDecoder.PACKET_BYTES);
        if (fix == null) {
            fix = decoder.flush();
        }
        assertNotNull(fix, "fix from " + rmc + "; NMEA stats " + decoder.nmea().stats());
        assertEquals(51.5, fix.latitudeDeg(), 1e-9);
        assertEquals(-(5.0 / 60), fix.longitudeDeg(), 1e-9);
        assertEquals(15.552 * 0.514444, fix.speedMetersPerSecond(), 1e-3);
        assertEquals(LidarModel.fromVelodyneProductByte(model.model().velodyneProductByte()), model.model());
    }

    /**
     * | azimuths of the 12 blocks (centidegrees)       | decoded?                       |
     * | 0.2 degree steps                               | yes                            |
     * | one middle block overwritten (corrupt in transit) | no: BAD_AZIMUTH, counted    |
     * | one jump of 90 degrees (restricted field of view edge) | yes                    |
     */
    @ParameterizedTest(name = "{0}: a block azimuth out of line with its neighbours rejects the packet")
    @EnumSource(VelodyneModel.class)
    void aCorruptedBlockAzimuthRejectsThePacketButAFieldOfViewEdgeDoesNot(VelodyneModel model) {
        int[] steady = new int[12];
        for (int b = 0; b < 12; b++) {
            steady[b] = 10_000 + b * 20;
        }
        int[] corrupt = steady.clone();
        corrupt[5] = 31_337;
        int[] edge = steady.clone();
        for (int b = 6; b < 12; b++) {
            edge[b] += 9_000;
        }
        assertEquals(0, rejections(model, steady));
        assertEquals(1, rejections(model, corrupt));
        assertEquals(0, rejections(model, edge));
    }

    private static long rejections(VelodyneModel model, int[] azimuths) {
        float[] distances = new float[12 * 32];
        java.util.Arrays.fill(distances, 10f);
        ByteBuffer packet = ByteBuffer.allocate(VelodyneDecoder.PACKET_BYTES);
        new VelodyneEncoder(model).encodeData(1_000_000L, azimuths, distances, null, packet);
        LidarStats stats = new LidarStats("azimuths");
        new VelodyneDecoder(null, stats).decode(packet, 0, VelodyneDecoder.PACKET_BYTES,
                (t, x, y, z, d, az, el, intensity, ring, rot) -> { });
        long bad = stats.snapshot().rejectedTotal();
        if (bad > 0) {
            org.junit.jupiter.api.Assertions.assertTrue(stats.lastError().contains("out of line"), stats.lastError());
        }
        return bad;
    }
}
