package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.ego.EgoConfig;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ego-motion filter in the ring (issue #10), at the stage level: the clear-road drive (10 m/s, nothing in the
 * lane) through the whole pipeline, with bad ego input injected between the simulator and the ring, on this
 * timeline (vehicle seconds):
 * <pre>
 *   1.5 - 2.0  every GNSS fix 50 m north of the truth (multipath jump)   gated, counted; decisions go on, FUSED
 *   2.5 - 3.5  every 4th IMU sample stamped 200 ms early (time backwards)   dropped, counted; decisions go on
 *   4.0 -      no GNSS (lost)           DEAD_RECKONED after 1 s; STOP EGO_DEAD_RECKONED_TOO_LONG after 2 s
 *   6.0 -      no IMU either: nothing at all                           STOP EGO_MOTION_UNKNOWN after 2 s
 * </pre>
 */
class EgoFilterInPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long S = 1_000_000_000L;
    private static final double METERS_PER_DEG_LAT = 111_320.0;
    private static final long FRAMES = 1_250; // about 9.2 s of the drive (lidar 10, camera 15, GNSS 10, IMU 100 Hz)

    private static final List<JsonNode> decisions = new ArrayList<>();
    private static JsonNode lastHealth;
    private static long imuSentBackwards;
    private static long gnssJumped;

    /** Injects the faults of the timeline into what the simulator publishes. */
    static final class FaultySink implements FrameSink {
        private final FrameSink target;

        FaultySink(FrameSink target) {
            this.target = target;
        }

        @Override
        public boolean publish(FrameHeader header, Payload payload) {
            long t = header.stampNanos();
            SensorKind kind = header.sensor().kind();
            if (kind == SensorKind.GNSS && t >= 4 * S) {
                return true; // lost
            }
            if (kind == SensorKind.IMU && t >= 6 * S) {
                return true; // lost
            }
            if (payload instanceof GnssFix f && t >= 3 * S / 2 && t < 2 * S) {
                gnssJumped++;
                payload = new GnssFix(f.utcEpochMillis(), f.latitudeDeg() + 50 / METERS_PER_DEG_LAT,
                        f.longitudeDeg(), f.altitudeMslMeters(), f.speedMetersPerSecond(), f.trackDeg(), f.mode(),
                        f.hdop(), f.satellitesUsed());
            }
            if (kind == SensorKind.IMU && t >= 5 * S / 2 && t < 7 * S / 2 && header.sequence() % 4 == 0) {
                imuSentBackwards++;
                header = new FrameHeader(header.sensor(), t - S / 5, header.sequence());
            }
            return target.publish(header, payload);
        }
    }

    @BeforeAll
    static void drive() throws Exception {
        PipelineTest.RecordingChannel channel = new PipelineTest.RecordingChannel();
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("clear-road"))) {
            RuntimeConfig base = ReplayJob.adaptToRig(new ConfigLoader().loadDefault(), drive);
            EgoConfig ego = base.ego();
            RuntimeConfig config = base.withEgo(new EgoConfig(true, false, 2000, ego.filter()));
            ReplayPacer pacer = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, config.ring().tickPeriodNanos());
            try (Pipeline pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                    (d, set, latency) -> { }, "off (test)", null)) {
                pacer.run(drive, new FaultySink(pipeline.sink()), pipeline::tick, FRAMES);
                pipeline.finish(60_000);
                pipeline.stageErrors().forEach((stage, n) -> assertEquals(0L, n, "errors in stage " + stage));
            }
        }
        synchronized (channel.decisions) {
            for (byte[] d : channel.decisions) {
                decisions.add(JSON.readTree(d));
            }
        }
        synchronized (channel.health) {
            lastHealth = JSON.readTree(channel.health.get(channel.health.size() - 1));
        }
    }

    private static List<JsonNode> between(double fromSeconds, double toSeconds) {
        return decisions.stream().filter(d -> d.path("referenceStampNanos").asLong() >= fromSeconds * S
                && d.path("referenceStampNanos").asLong() < toSeconds * S).toList();
    }

    private static Map<String, Long> tally(List<JsonNode> ds) {
        Map<String, Long> m = new TreeMap<>();
        for (JsonNode d : ds) {
            m.merge(d.path("kind").asText() + " " + d.path("reason").asText() + " " + d.path("egoQuality").asText(),
                    1L, Long::sum);
        }
        return m;
    }

    @Test
    void healthyFilterDrivesDecisionsWithTheSimulatorsSpeed() {
        List<JsonNode> healthy = between(0.5, 1.5);
        assertTrue(healthy.size() >= 8, "decisions 0.5-1.5 s: " + healthy.size());
        for (JsonNode d : healthy) {
            assertEquals("PROCEED PATH_CLEAR FUSED", d.path("kind").asText() + " " + d.path("reason").asText() + " "
                    + d.path("egoQuality").asText(), "healthy decision: " + d);
            assertEquals(10.0, d.path("speedMetersPerSecond").asDouble(), 0.3, "fused speed: " + d);
            assertTrue(d.path("ego").path("sources").toString().contains("IMU"), "sources in use: " + d);
            assertTrue(d.path("ego").path("sources").toString().contains("GNSS_POSITION"), "sources in use: " + d);
        }
    }

    @Test
    void aFiftyMetreGnssJumpIsGatedAndCountedAndDecisionsGoOn() {
        assertTrue(gnssJumped >= 4, "fixes jumped: " + gnssJumped);
        long gated = lastHealth.path("ego").path("perSource").path("GNSS_POSITION").path("gated").asLong();
        assertTrue(gated >= gnssJumped - 1, "GNSS positions gated: " + gated + " of " + gnssJumped + " jumped; "
                + lastHealth.path("ego"));
        assertEquals(0, lastHealth.path("ego").path("reanchors").asLong(), "no re-anchoring on a short jump");
        System.out.println("GNSS fixes jumped 50 m: " + gnssJumped + ", gated: " + gated);
        List<JsonNode> during = between(1.6, 2.3);
        assertEquals(Map.of("PROCEED PATH_CLEAR FUSED", (long) during.size()), tally(during), "decisions in the jump");
        // the estimate did not follow the jump: its latitude moves by the drive's own motion only (< 1 m north)
        double lat0 = between(1.3, 1.5).get(0).path("ego").path("latitudeDeg").asDouble();
        for (JsonNode d : during) {
            double north = (d.path("ego").path("latitudeDeg").asDouble() - lat0) * METERS_PER_DEG_LAT;
            assertTrue(Math.abs(north) < 3.0, "estimate moved " + north + " m north during the jump: " + d);
        }
    }

    @Test
    void imuTimeGoingBackwardsIsDroppedAndCounted() {
        assertTrue(imuSentBackwards >= 20, "IMU samples sent backwards: " + imuSentBackwards);
        long backwards = lastHealth.path("ego").path("perSource").path("IMU").path("timeBackwards").asLong();
        assertEquals(imuSentBackwards, backwards, "IMU time-backwards count in health: " + lastHealth.path("ego"));
        System.out.println("IMU samples sent 200 ms back: " + imuSentBackwards + ", counted timeBackwards: " + backwards);
        List<JsonNode> during = between(2.5, 3.6);
        assertEquals(Map.of("PROCEED PATH_CLEAR FUSED", (long) during.size()), tally(during),
                "decisions while IMU time jumps back");
    }

    @Test
    void gnssLostIsDeadReckonedForABoundedTimeThenStops() {
        List<JsonNode> grace = between(4.1, 5.5);
        assertTrue(grace.stream().allMatch(d -> "PROCEED".equals(d.path("kind").asText())),
                "within 2 s of the last fix the estimate still drives: " + tally(grace));
        assertTrue(grace.stream().anyMatch(d -> "DEAD_RECKONED".equals(d.path("egoQuality").asText())),
                "quality DEAD_RECKONED once the fix is older than 1 s: " + tally(grace));
        List<JsonNode> stopped = between(6.3, 7.9);
        assertTrue(stopped.size() >= 10, "decisions 6.3-7.9 s: " + stopped.size());
        assertEquals(Map.of("STOP EGO_DEAD_RECKONED_TOO_LONG DEAD_RECKONED", (long) stopped.size()), tally(stopped),
                "GNSS lost for more than ego.deadReckonedMaxMillis (2000)");
    }

    @Test
    void nothingAtAllIsUnknownAndStops() {
        List<JsonNode> unknown = between(8.3, 10);
        assertTrue(unknown.size() >= 3, "decisions after 8.3 s: " + unknown.size());
        assertEquals(Map.of("STOP EGO_MOTION_UNKNOWN UNKNOWN", (long) unknown.size()), tally(unknown),
                "no ego source for more than unknownAfterSeconds (2 s)");
        assertEquals("UNKNOWN", lastHealth.path("ego").path("quality").asText(), "health: " + lastHealth.path("ego"));
        assertTrue(lastHealth.path("ego").path("decisionsByQuality").path("UNKNOWN").asLong() >= unknown.size());
    }
}
