package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.plan.DecisionKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a short simulated drive (pedestrian-crossing, first 300 frames, as fast as possible), with an
 * in-memory output channel that keeps every payload: what it publishes, in what order, and that nothing leaks.
 */
class PipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FRAMES = 300;

    /** A real OutputChannel that keeps the payloads in memory, in publication order. */
    static final class RecordingChannel implements OutputChannel {
        final List<byte[]> decisions = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> objects = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> occupancy = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> health = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        @Override
        public boolean decision(byte[] json) {
            return decisions.add(json);
        }

        @Override
        public boolean occupancy(byte[] json) {
            return occupancy.add(json);
        }

        @Override
        public boolean objects(byte[] json) {
            return objects.add(json);
        }

        @Override
        public boolean health(byte[] json) {
            return health.add(json);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Forwards to the pipeline and remembers every pooled buffer handed over, to check they all come back. */
    record PoolWatchingSink(FrameSink target, Set<PooledPayload> seen) implements FrameSink {
        @Override
        public boolean publish(FrameHeader header, Payload payload) {
            if (payload instanceof PooledPayload p) {
                seen.add(p);
            }
            return target.publish(header, payload);
        }
    }

    private static RecordingChannel channel;
    private static RuntimeConfig config;
    private static long frames;
    private static long listenerCalls;
    private static long decided;
    private static java.util.Map<String, Long> stageErrors;
    private static final Set<PooledPayload> POOLED = Collections.newSetFromMap(new IdentityHashMap<>());
    private static boolean closedBeforeClose;

    @BeforeAll
    static void replayAShortDrive() {
        channel = new RecordingChannel();
        AtomicLong calls = new AtomicLong();
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            config = ReplayJob.adaptToRig(new ConfigLoader().loadDefault(), drive);
            ReplayPacer pacer = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, config.ring().tickPeriodNanos());
            try (Pipeline pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                    (d, set, latency) -> calls.incrementAndGet(), "off (test)", null)) {
                FrameSink sink = new PoolWatchingSink(pipeline.sink(), POOLED);
                frames = pacer.run(drive, sink, pipeline::tick, FRAMES);
                pipeline.finish(60_000);
                closedBeforeClose = channel.closed;
                for (DecisionKind k : DecisionKind.values()) {
                    decided += pipeline.decisionCount(k);
                }
                stageErrors = pipeline.stageErrors();
            }
        }
        listenerCalls = calls.get();
    }

    private static List<JsonNode> parsed(List<byte[]> payloads) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        synchronized (payloads) {
            for (byte[] p : payloads) {
                nodes.add(JSON.readTree(p));
            }
        }
        return nodes;
    }

    @Test
    void replaysTheRequestedFramesWithoutStageErrors() {
        assertEquals(FRAMES, frames);
        stageErrors.forEach((stage, n) -> assertEquals(0L, n, "errors in stage " + stage));
        assertTrue(decided > 0, "no decisions");
        assertEquals(decided, channel.decisions.size(), "one published decision per decision made");
        assertEquals(decided, listenerCalls, "the listener saw every decision");
        assertEquals(decided, channel.objects.size(), "an obstacle list with every decision");
    }

    @Test
    void decisionsArePublishedInIncreasingReferenceStampOrder() throws Exception {
        long last = Long.MIN_VALUE;
        for (JsonNode d : parsed(channel.decisions)) {
            long stamp = d.get("referenceStampNanos").asLong();
            assertTrue(stamp > last, "decision at " + stamp + " after one at " + last);
            last = stamp;
        }
    }

    @Test
    void eachDecisionCarriesItsInputsStampsAndLatency() throws Exception {
        List<String> names = config.sensors().stream().map(SensorConfig::name).toList();
        String reference = config.alignment().referenceSensor();
        for (JsonNode d : parsed(channel.decisions)) {
            assertEquals("sim01", d.get("vehicleId").asText());
            JsonNode inputs = d.get("inputs");
            assertEquals(names.size(), inputs.size(), d.toString());
            int ok = 0;
            for (String name : names) {
                JsonNode in = inputs.get(name);
                assertTrue(in != null, name + " missing from inputs: " + d);
                if ("OK".equals(in.get("status").asText())) {
                    ok++;
                    assertTrue(in.get("stampNanos").isIntegralNumber(), d.toString());
                } else {
                    assertTrue(in.get("stampNanos").isNull(), d.toString());
                }
            }
            if ("OK".equals(inputs.get(reference).get("status").asText())) {
                assertEquals(d.get("referenceStampNanos").asLong(), inputs.get(reference).get("stampNanos").asLong(),
                        "the reference input's stamp is the decision's reference stamp");
            }
            assertEquals(names.size() - ok, d.get("missing").size(), d.toString());
            assertEquals(ok < names.size(), d.get("partial").asBoolean(), d.toString());
            assertTrue(d.get("latencyMillis").isNumber(), d.toString());
            assertTrue(d.get("latencyMillis").asDouble() >= 0, d.toString());
            assertTrue(d.get("decidedAtNanos").asLong() >= d.get("referenceStampNanos").asLong(), d.toString());
        }
        long complete = parsed(channel.decisions).stream().filter(d -> !d.get("partial").asBoolean()).count();
        assertTrue(complete > 0, "no decision had every input");
    }

    @Test
    void healthIsPublishedAtStartAndAtFinishWithCounters() throws Exception {
        List<JsonNode> health = parsed(channel.health);
        assertTrue(health.size() >= 2, "health reports: " + health.size());
        JsonNode last = health.get(health.size() - 1);
        assertEquals("online", last.get("state").asText());
        long published = 0;
        for (SensorConfig s : config.sensors()) {
            published += last.get("sensors").get(s.name()).get("published").asLong();
        }
        assertEquals(frames, published + last.get("sensors").get("camera_front").get("droppedRingFull").asLong()
                + last.get("sensors").get("imu").get("droppedRingFull").asLong(), last.toString());
        long decisions = 0;
        for (JsonNode n : last.get("decisions")) {
            decisions += n.asLong();
        }
        assertEquals(decided, decisions);
        last.get("stageErrors").forEach(n -> assertEquals(0, n.asLong()));
        long previous = Long.MIN_VALUE;
        for (JsonNode h : health) {
            assertTrue(h.get("vehicleNanos").asLong() >= previous, "health in vehicle-time order");
            previous = h.get("vehicleNanos").asLong();
        }
    }

    /**
     * The health report's layout byte for byte with its numbers masked (digits become N): key order, nesting,
     * which values are numbers and how many decimals they carry. Captured before the move to Jackson; the {@code ego}
     * object added since (issue #10), and {@code deadline} (issue #15; off in a replay as fast as possible).
     */
    @Test
    void healthLayoutIsAsBefore() {
        byte[] last;
        synchronized (channel.health) {
            last = channel.health.get(channel.health.size() - 1);
        }
        String masked = new String(last, java.nio.charset.StandardCharsets.UTF_8).replaceAll("[0-9]+", "N");
        assertEquals(HEALTH_LAYOUT, masked);
    }

    static final String HEALTH_LAYOUT = "{\"vehicleId\":\"simN\",\"state\":\"online\",\"vehicleNanos\":N,\"cameraDetection\":\"off (test)\","
            + "\"uptimeSeconds\":N.N,\"sensors\":{\"lidar_top\":{\"published\":N,\"droppedRingFull\":N,\"stalledRing"
            + "Full\":N,\"rejected\":N,\"aligned\":N,\"outOfOrder\":N,\"late\":N,\"silent\":false},\"camera_front\""
            + ":{\"published\":N,\"droppedRingFull\":N,\"stalledRingFull\":N,\"rejected\":N,\"aligned\":N,\"outOfOr"
            + "der\":N,\"late\":N,\"silent\":false},\"gnss\":{\"published\":N,\"droppedRingFull\":N,\"stalledRingFu"
            + "ll\":N,\"rejected\":N,\"aligned\":N,\"outOfOrder\":N,\"late\":N,\"silent\":false},\"imu\":{\"publish"
            + "ed\":N,\"droppedRingFull\":N,\"stalledRingFull\":N,\"rejected\":N,\"aligned\":N,\"outOfOrder\":N,\"l"
            + "ate\":N,\"silent\":false}},\"unknownSensorFrames\":N,\"sets\":{\"total\":N,\"partial\":N,\"withoutRe"
            + "ference\":N,\"perceptionSkipped\":N,\"gridSnapshotsMissed\":N,\"trackSnapshotsMissed\":N},"
            + "\"tracking\":{\"fusedObjects\":N,\"cameraMatched\":N,\"tracksConfirmed\":N,\"clusteredOnArrival\":N,"
            + "\"clusterStageSkipped\":N},\"cameraDetections\":{\"images\":N,\""
            + "detections\":N},\"decisions\":{\"PROCEED\":N,\"SLOW\":N,\"STOP\":N,\"REROUTE\":N},\"stageErrors\":{"
            + "\"align\":N,\"cluster\":N,\"perceive\":N,\"fuse\":N,\"track\":N,\"decide\":N,\"publish\":N,\"clear\":N},\"ring\":{\"size\":N,\""
            + "remainingCapacity\":N,\"droppedTicks\":N},\"ego\":{\"filterEnabled\":true,\"quality\":\"FUSED\",\"st"
            + "ampNanos\":N,\"speedMetersPerSecond\":N.N,\"yawRateRadPerSec\":N.N,\"headingDeg\":N.N,\"gnssFixAgeSe"
            + "conds\":N.N,\"sourcesInUse\":{\"IMU\":N.N,\"GNSS_POSITION\":N.N,\"GNSS_VELOCITY\":N.N},\"covarianceD"
            + "iagonal\":{\"east\":N.N,\"north\":N.N,\"heading\":N.N,\"speed\":N.N,\"yawRate\":N.N},\"perSource\":{"
            + "\"IMU\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrder\":N,\"stuck\":N},\"VE"
            + "HICLE_SPEED\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrder\":N,\"stuck\":N"
            + "},\"WHEEL_SPEEDS\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrder\":N,\"stuc"
            + "k\":N},\"GNSS_POSITION\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrder\":N,"
            + "\"stuck\":N},\"GNSS_VELOCITY\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrde"
            + "r\":N,\"stuck\":N},\"ODOMETRY\":{\"fused\":N,\"gated\":N,\"timeBackwards\":N,\"tooOld\":N,\"outOfOrd"
            + "er\":N,\"stuck\":N}},\"reanchors\":N,\"rejectedValues\":N,\"gnssWithoutEpoch\":N,"
            + "\"gnssPosition\":{\"status\":\"OK\",\"consecutiveGated\":N,\"rejections\":N},\"decisionsByQualit"
            + "y\":{\"FUSED\":N,\"DEAD_RECKONED\":N,\"UNKNOWN\":N}},\"latencyMillis\":{\"pN\":N.N,\"pN\":N.N},"
            + "\"deadline\":{\"enforced\":false}}";

    @Test
    void occupancyGoesOutEveryNthDecisionAndDecodesToTheGrid() throws Exception {
        List<JsonNode> grids = parsed(channel.occupancy);
        int every = config.mqtt().occupancyEverySets();
        assertEquals((decided + every - 1) / every, grids.size(), "one grid every " + every + " decisions");
        OccupancyGrid geometry = new OccupancyGrid(config.occupancy());
        boolean sawOccupied = false;
        for (JsonNode g : grids) {
            byte[] cells = Base64.getDecoder().decode(g.get("cells").asText());
            assertEquals(geometry.cols() * geometry.rows(), cells.length);
            assertEquals(geometry.cols(), g.get("cols").asInt());
            for (byte b : cells) {
                sawOccupied |= b > config.occupancy().occupiedLogOdds() * 10;
            }
        }
        assertTrue(sawOccupied, "the drive's lidar returns marked no cell occupied");
    }

    @Test
    void noPooledBufferLeaksAfterFinish() {
        assertFalse(POOLED.isEmpty(), "the drive handed over no pooled buffers");
        for (PooledPayload p : POOLED) {
            assertEquals(0, p.referenceCount(), p.getClass().getSimpleName() + " still referenced after finish()");
        }
    }

    @Test
    void warmUpAfterStartIsRefused() {
        // the warm-up's track stage borrows the cluster stage's obstacle pipeline: only before the ring runs on frames
        try (Pipeline pipeline = new Pipeline(config, new RecordingChannel(), () -> 0L, () -> 0L,
                (d, set, latency) -> { }, "off (test)", null)) {
            pipeline.warmUp(0, 0);
            pipeline.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline.warmUp(0, 0));
            assertTrue(e.getMessage().contains("after start()"), e.getMessage());
        }
    }

    @Test
    void finishLeavesTheChannelOpenAndCloseClosesIt() {
        assertFalse(closedBeforeClose, "finish() must not close the output");
        assertTrue(channel.closed, "close() closes the output");
    }
}
