package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.lidar.ouster.OusterLegacyDecoder;
import org.avfusion.drivers.lidar.ouster.OusterLegacyPacket;
import org.avfusion.drivers.lidar.ouster.OusterMetadata;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The HDL-32E and Ouster captures, end to end through {@link PcapLidarSource} and the scan assembler. */
class RealCaptureScanTest {
    static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    static final SensorId GNSS = new SensorId("lidar_gps", SensorKind.GNSS);

    record Frame(FrameHeader header, Payload payload) {
    }

    static List<Frame> replay(PcapLidarSource source) {
        List<Frame> frames = new ArrayList<>();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source,
                (h, p) -> frames.add(new Frame(h, p)), t -> { }, Long.MAX_VALUE);
        return frames;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdl32-sample-a.pcap", "hdl32-sample-b.pcap"})
    void hdl32CapturesDecodeAsHdl32FromTheFactoryByteWithPlausibleGeometry(String name) throws IOException {
        Path pcap = LidarTestData.file(name);
        LidarStats stats = new LidarStats("hdl32");
        VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
        LidarTestData.Collector points = new LidarTestData.Collector();
        for (byte[] p : LidarTestData.payloads(pcap, VelodyneDecoder.DATA_PORT)) {
            decoder.decode(ByteBuffer.wrap(p), 0, p.length, points);
        }
        assertEquals(LidarModel.HDL32, decoder.model(), name + ": model from factory byte 0x21");
        assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
        assertTrue(points.points.size() > 10_000, name + ": " + points.points.size() + " points");
        for (LidarTestData.Point p : points.points) {
            assertTrue(p.elevationDeg() >= -30.67f && p.elevationDeg() <= 10.67f, "elevation " + p);
            assertTrue(p.distance() > 0 && p.distance() < 131, "distance within the 2 mm x 65535 range " + p);
            assertTrue(p.ring() >= 0 && p.ring() < 32, "ring " + p);
            double r = Math.sqrt(p.x() * p.x() + p.y() * p.y() + p.z() * p.z());
            assertEquals(p.distance(), r, 1e-3 * p.distance() + 1e-4, "|xyz| = distance " + p);
            assertEquals(p.distance() * Math.sin(Math.toRadians(p.elevationDeg())), p.z(), 1e-3, "z " + p);
        }
        // a vehicle-mounted HDL-32E sees the ground below: the lowest ring's median height is negative
        double[] low = points.points.stream().filter(p -> p.ring() == 0).mapToDouble(p -> p.z()).sorted().toArray();
        assertTrue(low.length > 0 && low[low.length / 2] < -0.5, "ring 0 median z " + low[low.length / 2]);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"hdl32-sample-a.pcap, 16, 0", "hdl32-sample-b.pcap, 9, 9"})
    void hdl32PositionPacketsAndScansCutAtTheConfiguredAzimuth(String name, long positionPackets, long sentences)
            throws IOException {
        Path pcap = LidarTestData.file(name);
        LidarStats stats = new LidarStats("hdl32");
        VelodyneDecoder decoder = new VelodyneDecoder(null, stats);
        List<Frame> frames;
        try (PcapLidarSource source = PcapLidarSource.open(pcap, decoder,
                ScanAssemblerConfig.of(LIDAR, 90.0, decoder.maxPointsPerRevolution()), VelodyneDecoder.DATA_PORT,
                VelodyneDecoder.POSITION_PORT, GNSS)) {
            frames = replay(source);
            assertEquals(0, stats.snapshot().rejectedTotal(), stats.lastError());
            assertEquals(positionPackets, stats.snapshot().positionPackets(), "position packets parsed");
            // sample-a's sensor had no GPS receiver attached: its position packets carry zeros, no sentence
            assertEquals(positionPackets - sentences, source.positionDecoder().sentencesMissing(), "no sentence");
            assertEquals(sentences, source.positionDecoder().nmea().stats().accepted(),
                    "every $GPRMC accepted: " + source.positionDecoder().nmea().stats());
        }
        long scans = frames.stream().filter(f -> f.payload() instanceof PointCloud).count();
        assertTrue(scans >= 1, "scans " + scans);
        long previousArrival = Long.MIN_VALUE;
        int total = 0;
        for (Frame f : frames) {
            if (f.payload() instanceof PointCloud cloud) {
                total += cloud.size();
                assertTrue(f.header().stampNanos() > 1_300_000_000_000_000_000L, "stamp on the capture clock");
                assertTrue(f.header().stampNanos() >= previousArrival, "stamps in order: " + frames);
                previousArrival = f.header().stampNanos();
                for (int i = 1; i < cloud.size(); i++) {
                    assertTrue(cloud.timeOffsetNanos(i) >= cloud.timeOffsetNanos(i - 1), "offsets grow");
                }
                cloud.release();
            }
        }
        assertEquals(stats.points(), total, "every decoded point lands in exactly one scan");
    }

    @Test
    void ousterCaptureAssemblesOneFull1024x32FrameMatchingTheSdkDigest() throws IOException,
            NoSuchAlgorithmException {
        Path pcap = LidarTestData.file("ouster-os1-32-1024x10.pcap");
        OusterMetadata meta = OusterMetadata.read(LidarTestData.file("ouster-os1-32-1024x10.metadata.json"));
        assertEquals(1024, meta.columnsPerFrame());
        assertEquals(6464, meta.packetBytes());
        LidarStats stats = new LidarStats("os1");
        OusterLegacyDecoder decoder = new OusterLegacyDecoder(meta, stats);
        List<Frame> frames;
        try (PcapLidarSource source = PcapLidarSource.open(pcap, decoder,
                ScanAssemblerConfig.of(LIDAR, decoder.frameStartRotationDeg(), decoder.maxPointsPerRevolution()),
                OusterLegacyDecoder.DATA_PORT, 0, null)) {
            frames = replay(source);
        }
        LidarHealth h = stats.snapshot();
        assertEquals(0, h.rejectedTotal(), h.lastError());
        assertEquals(64, h.packets());
        assertEquals(1, frames.size(), "one frame");
        PointCloud cloud = (PointCloud) frames.get(0).payload();
        assertEquals(1024 * 32, cloud.size() + h.noReturnPoints(), "1024 x 32 pixels, returns plus no-returns");
        assertTrue(cloud.size() > 20_000, "most pixels have a return: " + cloud.size());
        for (int i = 0; i < cloud.size(); i++) {
            double r = Math.sqrt(cloud.x(i) * cloud.x(i) + cloud.y(i) * cloud.y(i) + cloud.z(i) * cloud.z(i));
            assertTrue(r > 0.2 && r < 250, "range " + r + " at " + i);
        }
        assertTrue(cloud.timeOffsetNanos(cloud.size() - 1) > 90_000_000 && cloud.timeOffsetNanos(cloud.size() - 1)
                < 110_000_000, "a 10 Hz frame spans about 100 ms: " + cloud.timeOffsetNanos(cloud.size() - 1));
        assertEquals(638, decoder.lastFrameId(), "FRAME_ID of the SDK digest");
        cloud.release();

        // The SDK's digest: MD5 of each staggered field in its numpy layout (row-major, little endian)
        int w = 1024;
        int hgt = 32;
        ByteBuffer ts = le(w * 8);
        ByteBuffer mid = le(w * 2);
        ByteBuffer range = le(w * hgt * 4);
        ByteBuffer signal = le(w * hgt * 2);
        ByteBuffer nearIr = le(w * hgt * 2);
        for (byte[] p : LidarTestData.payloads(pcap, OusterLegacyDecoder.DATA_PORT)) {
            ByteBuffer b = ByteBuffer.wrap(p);
            for (int c = 0; c < 16; c++) {
                int col = c * meta.columnBytes();
                int m = OusterLegacyPacket.measurementId(b, col);
                ts.putLong(m * 8, OusterLegacyPacket.timestampNanos(b, col));
                mid.putShort(m * 2, (short) m);
                for (int px = 0; px < hgt; px++) {
                    range.putInt((px * w + m) * 4, OusterLegacyPacket.rangeMillimeters(b, col, px));
                    signal.putShort((px * w + m) * 2, (short) OusterLegacyPacket.signal(b, col, px));
                    nearIr.putShort((px * w + m) * 2, (short) OusterLegacyPacket.nearIr(b, col, px));
                }
            }
        }
        assertEquals("9d15c098fc03ac07c607c9cf6d314b2d", md5(ts), "TIMESTAMP");
        assertEquals("ab4e111268cce8326714d9308aafd5fe", md5(mid), "MEASUREMENT_ID");
        assertEquals("78ec93ed29a99d3bff828f11bed6f540", md5(range), "RANGE");
        assertEquals("857382fae45ac43557b095169b5c5e77", md5(signal), "SIGNAL");
        assertEquals("2d3f8f74c44a6471e22ae1b68760d900", md5(nearIr), "NEAR_IR");
    }

    @Test
    void ousterMetadataErrorsNameTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OusterMetadata.parse("{\"beam_altitude_angles\": [1, 2], \"beam_azimuth_angles\": [1],"
                        + " \"lidar_origin_to_beam_origin_mm\": 15.8, \"lidar_mode\": \"1024x10\"}"));
        assertTrue(e.getMessage().contains("beam_azimuth_angles"), e.getMessage());
        assertNotNull(OusterMetadata.parse("{\"beam_altitude_angles\": [1, 2], \"beam_azimuth_angles\": [1, 2],"
                + " \"lidar_origin_to_beam_origin_mm\": 15.8, \"lidar_mode\": \"512x20\"}"));
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static String md5(ByteBuffer b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b.array()));
    }
}
