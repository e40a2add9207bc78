package org.avfusion.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.junit.jupiter.api.Test;

/** Building and starting live sources: what cannot start is a start-up error naming the source and the field. */
class LiveSourcesTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Frames are not expected here; a sink that takes and releases them keeps pooled buffers flowing if any come. */
    private static final FrameSink SINK = (header, payload) -> {
        if (payload instanceof org.avfusion.drivers.pool.PooledPayload p) {
            p.release();
        }
        return true;
    };

    private static RuntimeConfig profile(String sources) {
        return new ConfigLoader().loadYaml("live:\n  sources:\n" + sources, "test.yaml");
    }

    private static List<LiveSource> build(String sources) {
        return LiveSources.build(profile(sources), SINK, VehicleClock.SYSTEM);
    }

    @Test
    void aUdpPortInUseIsAStartUpErrorNamingTheSourceAndTheField() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = taken.getLocalPort();
            List<LiveSource> sources = build("    - {sensor: lidar_top, driver: VELODYNE_UDP, bindAddress: 127.0.0.1, "
                    + "port: " + port + "}\n");
            LiveSourceException e = assertThrows(LiveSourceException.class, () -> LiveSources.startAll(sources));
            assertTrue(e.getMessage().startsWith("live.sources[0] (sensor lidar_top, driver VELODYNE_UDP): "
                    + "live.sources[0].port: cannot listen on udp 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void whenALaterSourceCannotStartTheStartedOnesAreClosed() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            List<LiveSource> sources = build("""
                        - {sensor: lidar_top, driver: VELODYNE_UDP, bindAddress: 127.0.0.1, port: 0}
                        - {sensor: gnss, driver: NMEA_UDP, bindAddress: 127.0.0.1, port: %d}
                    """.formatted(taken.getLocalPort()));
            LiveSourceException e = assertThrows(LiveSourceException.class, () -> LiveSources.startAll(sources));
            assertTrue(e.getMessage().contains("live.sources[1].port"), e.getMessage());
            int lidarPort = ((LidarUdpLiveSource) sources.get(0)).localPort();
            assertTrue(lidarPort > 0, "the lidar had started");
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, lidarPort))) {
                assertEquals(lidarPort, again.getLocalPort(), "the lidar's port is free again: it was closed");
            }
        }
    }

    @Test
    void aMissingSerialDeviceNamesTheDeviceField() {
        List<LiveSource> sources = build("    - {sensor: gnss, driver: NMEA_SERIAL, device: /dev/avfusion-no-such-tty, "
                + "baud: 9600}\n");
        LiveSourceException e = assertThrows(LiveSourceException.class, () -> LiveSources.startAll(sources));
        assertTrue(e.getMessage().contains("live.sources[0].device: '/dev/avfusion-no-such-tty' does not exist"),
                e.getMessage());
    }

    @Test
    void aMissingCameraDeviceNamesTheInputField() {
        List<LiveSource> sources = build("    - {sensor: camera_front, driver: FFMPEG, input: /dev/avfusion-no-video9, "
                + "format: video4linux2}\n");
        LiveSourceException e = assertThrows(LiveSourceException.class, () -> LiveSources.startAll(sources));
        assertTrue(e.getMessage().contains("(sensor camera_front, driver FFMPEG): live.sources[0].input: "
                + "'/dev/avfusion-no-video9' does not exist"), e.getMessage());
    }

    @Test
    void anUnreadableOusterMetadataFileNamesTheMetadataFileField() {
        LiveSourceException e = assertThrows(LiveSourceException.class, () -> build(
                "    - {sensor: lidar_top, driver: OUSTER_UDP, metadataFile: /avfusion-no-such/os1.json}\n"));
        assertTrue(e.getMessage().contains("live.sources[0].metadataFile: cannot read"), e.getMessage());
    }

    @Test
    void aTcpPeerThatIsNotThereYetIsRetriedAndReportedInHealth() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        List<LiveSource> sources = build("    - {sensor: gnss, driver: NMEA_TCP, host: 127.0.0.1, port: " + port + "}\n");
        LiveSources.startAll(sources);
        try {
            JsonNode health = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                health = new ObjectMapper().readTree(LiveSources.healthLine(sources.get(0)));
                if (health.path("reconnects").asLong() >= 1) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(health.path("reconnects").asLong() >= 1, "retried: " + health);
            assertEquals("gnss", health.path("source").asText());
            assertEquals("NMEA_TCP", health.path("driver").asText());
            assertEquals(0, health.path("frames").asLong());
            assertTrue(health.path("lastError").asText().contains("127.0.0.1:" + port), health.toString());
        } finally {
            LiveSources.closeAll(sources);
        }
    }
}
