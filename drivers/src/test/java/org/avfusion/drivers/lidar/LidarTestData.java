package org.avfusion.drivers.lidar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared lidar captures and pulls UDP payloads out of them (through the reader under test). */
public final class LidarTestData {
    private LidarTestData() {
    }

    public static Path lidarDir() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "lidar");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data/lidar not found: " + dir.toAbsolutePath());
        return dir;
    }

    public static Path file(String name) {
        Path f = lidarDir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(f), "../shared/data/lidar/" + name + " not found: " + f);
        return f;
    }

    /**
     * The UDP payloads sent to {@code port} (0 = all), in capture order. A truncated last record is tolerated
     * (vlp16-scanparser.pcap ends with one); any other rejection fails.
     */
    public static List<byte[]> payloads(Path pcap, int port) throws IOException {
        List<byte[]> out = new ArrayList<>();
        LidarStats stats = new LidarStats("test");
        try (PcapReader reader = PcapReader.open(pcap, stats)) {
            while (reader.next()) {
                if (port == 0 || reader.destinationPort() == port) {
                    byte[] b = new byte[reader.payloadLength()];
                    ByteBuffer buf = reader.buffer();
                    for (int i = 0; i < b.length; i++) {
                        b[i] = buf.get(reader.payloadOffset() + i);
                    }
                    out.add(b);
                }
            }
        }
        LidarHealth h = stats.snapshot();
        if (h.rejectedTotal() != h.rejected(LidarRejectReason.PCAP_TRUNCATED_RECORD)) {
            throw new IllegalStateException(pcap + ": " + stats.lastError());
        }
        return out;
    }

    /** One decoded point, for comparisons in tests. */
    public record Point(long sensorNanos, float x, float y, float z, float distance, float azimuthDeg,
                        float elevationDeg, float intensity, int ring, float rotationDeg) {
    }

    /** A consumer that keeps every point (tests only: it allocates). */
    public static final class Collector implements LidarPointConsumer {
        public final List<Point> points = new ArrayList<>();

        @Override
        public void accept(long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
                           float azimuthDeg, float elevationDeg, float intensity, int ring, float rotationDeg) {
            points.add(new Point(sensorNanos, xMeters, yMeters, zMeters, distanceMeters, azimuthDeg, elevationDeg,
                    intensity, ring, rotationDeg));
        }
    }
}
