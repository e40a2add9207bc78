package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.deadline.DeadlineConfig;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.scenarios.expect.MqttRecorder;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.junit.jupiter.api.Test;

/**
 * The latency budget and the watchdog in the running pipeline (issue #15, "How it is checked"): the first seconds of
 * the pedestrian-crossing drive replayed in real time (the vehicle clock is the recording's time as it plays) through
 * every real stage into an in-memory output, with the perceive stage's camera detector as the test hook (the
 * pipeline's own {@link ObjectDetector} seam): a detector that sleeps makes perceive slow; one that never returns
 * blocks the perceive thread for good. The watchdog's STOP is checked on an in-memory output and over MQTT.
 */
class DeadlineInPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** About 2 s of the drive (lidar 10, camera 15, GNSS 10, IMU 100 Hz). */
    private static final long FRAMES = 270;

    /** Sleeps {@code millis} on every image: the perceive stage takes at least that long per set. */
    static final class SlowDetector implements ObjectDetector {
        private final long millis;

        SlowDetector(long millis) {
            this.millis = millis;
        }

        @Override
        public void detect(CameraImage image, long stampNanos, DetectionList out) {
            out.clear();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
        }
    }

    /**
     * Detects nothing, quickly, until image {@code blockAt}: there it runs {@code onBlock} (the test stops feeding
     * frames: the blocked stage holds the camera's pooled images) and waits until released (a stuck stage).
     */
    static final class BlockingDetector implements ObjectDetector {
        private final int blockAt;
        volatile Runnable onBlock = () -> { };
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile long blockedAtNanos;
        private int images;

        BlockingDetector(int blockAt) {
            this.blockAt = blockAt;
        }

        @Override
        public void detect(CameraImage image, long stampNanos, DetectionList out) {
            out.clear();
            if (++images == blockAt) {
                blockedAtNanos = System.nanoTime();
                onBlock.run();
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.MINUTES); // "forever" for the test; released when it is done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    /** An in-memory output that also notes when each decision arrived (wall clock); thread-safe. */
    static final class TimedChannel implements OutputChannel {
        final List<byte[]> decisions = new ArrayList<>();
        final List<Long> decisionArrivalNanos = new ArrayList<>();
        final List<byte[]> health = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean decision(byte[] json) {
            synchronized (decisions) {
                decisionArrivalNanos.add(System.nanoTime());
                return decisions.add(json);
            }
        }

        @Override
        public boolean occupancy(byte[] json) {
            return true;
        }

        @Override
        public boolean objects(byte[] json) {
            return true;
        }

        @Override
        public boolean health(byte[] json) {
            return health.add(json);
        }

        @Override
        public void close() {
        }
    }

    private static RuntimeConfig config(SimulatedDrive drive, double budgetMillis, double watchdogMillis) {
        return ReplayJob.adaptToRig(new ConfigLoader().loadDefault(), drive)
                .withDeadline(new DeadlineConfig(budgetMillis, watchdogMillis));
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

    private static JsonNode lastHealth(List<byte[]> healthPayloads) throws Exception {
        List<JsonNode> health = parsed(healthPayloads);
        return health.get(health.size() - 1);
    }

    @Test
    void aSlowPerceiveStageTurnsLateDecisionsIntoDeadlineMissedStopsAndHealthNamesIt() throws Exception {
        double budgetMillis = 150;
        PipelineTest.RecordingChannel channel = new PipelineTest.RecordingChannel();
        Pipeline pipeline;
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            RuntimeConfig config = config(drive, budgetMillis, 60_000);
            ReplayPacer pacer = new ReplayPacer(1.0, config.ring().tickPeriodNanos());
            pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                    (d, set, latency) -> { }, new SlowDetector(250), null, "slow (test)", null,
                    Supervision.ENFORCED);
            try (pipeline) {
                pipeline.start();
                pacer.run(drive, pipeline.sink(), pipeline::tick, FRAMES);
                pipeline.finish(120_000);
            }
        }
        List<JsonNode> decisions = parsed(channel.decisions);
        assertTrue(decisions.size() >= 5, "decisions: " + decisions.size());
        long deadlineStops = 0;
        for (JsonNode d : decisions) {
            double age = d.get("referenceAgeMillis").asDouble();
            String kind = d.get("kind").asText();
            if ("DEADLINE_MISSED".equals(d.get("reason").asText())) {
                deadlineStops++;
                assertEquals("STOP", kind, d.toString());
                assertTrue(age > budgetMillis, "a DEADLINE_MISSED within the budget: " + d);
            }
            if ("PROCEED".equals(kind) || "SLOW".equals(kind)) {
                assertTrue(age <= budgetMillis, "a " + kind + " older than the " + budgetMillis + " ms budget: " + d);
            }
        }
        // 250 ms in perceive per set: every set is older than 150 ms when published, so every PROCEED became a STOP
        assertTrue(deadlineStops > 0, "no STOP DEADLINE_MISSED among " + decisions.size() + " decisions");
        assertEquals(deadlineStops, pipeline.deadlineStopCount());
        assertEquals(decisions.size(), pipeline.deadlineMissedCount(), "every decision was late");

        JsonNode deadline = lastHealth(channel.health).get("deadline");
        assertTrue(deadline.get("enforced").asBoolean(), deadline.toString());
        assertEquals(budgetMillis, deadline.get("budgetMillis").asDouble(), deadline.toString());
        assertEquals(decisions.size(), deadline.get("missed").asLong(), deadline.toString());
        assertEquals(deadlineStops, deadline.get("convertedToStop").asLong(), deadline.toString());
        assertEquals("perceive", deadline.get("lastSlowStage").asText(), deadline.toString());
        JsonNode byStage = deadline.get("missedBySlowestStage");
        assertTrue(byStage.path("perceive").asLong() > decisions.size() / 2,
                "perceive should be the slow stage on most late sets: " + deadline);
    }

    @Test
    void aPipelineThreadBlockedForeverGetsTheWatchdogsFailSafeStopWithinItsPeriod() throws Exception {
        double periodMillis = 300;
        TimedChannel channel = new TimedChannel();
        BlockingDetector detector = new BlockingDetector(5);
        Pipeline pipeline;
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            RuntimeConfig config = config(drive, 10_000, periodMillis);
            ReplayPacer pacer = new ReplayPacer(1.0, config.ring().tickPeriodNanos());
            pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                    (d, set, latency) -> { }, detector, null, "blocking (test)", null, Supervision.ENFORCED);
            detector.onBlock = pacer::stop;
            try (pipeline) {
                try {
                    pipeline.start();
                    pacer.run(drive, pipeline.sink(), pipeline::tick, FRAMES);
                    assertWatchdogStop(detector, channel, periodMillis);
                } finally {
                    detector.release.countDown();
                }
                pipeline.finish(120_000);
            }
        }
        assertTrue(pipeline.watchdogFailSafeCount() >= 1);
        JsonNode deadline = lastHealth(channel.health).get("deadline");
        assertTrue(deadline.get("watchdogStalls").asLong() >= 1, deadline.toString());
        assertTrue(deadline.get("watchdogFailSafes").asLong() >= 1, deadline.toString());
        assertEquals(periodMillis, deadline.get("watchdogPeriodMillis").asDouble(), deadline.toString());
    }

    /**
     * The same stall with the production output: MQTT through an embedded broker on a free port, watched by a
     * subscriber that reads decisions the way the scenario checks do ({@code MqttRecorder}): the watchdog's STOP
     * arrives there as a well-formed decision.
     */
    @Test
    void theWatchdogsFailSafeStopReachesAnMqttSubscriberAsADecision() throws Exception {
        double periodMillis = 300;
        BlockingDetector detector = new BlockingDetector(5);
        Pipeline pipeline;
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn("pedestrian-crossing"))) {
            RuntimeConfig config = ReplayJob.adaptToRig(new ConfigLoader().loadYaml("mqtt:\n  embeddedPort: 0\n",
                    "port0.yaml"), drive).withDeadline(new DeadlineConfig(10_000, periodMillis));
            ReplayPacer pacer = new ReplayPacer(1.0, config.ring().tickPeriodNanos());
            try (MqttOutputChannel channel = MqttOutputChannel.open(config.mqtt(), config.vehicle().id());
                    MqttRecorder subscriber = MqttRecorder.subscribe(channel.brokerUri(), config.vehicle().id())) {
                pipeline = new Pipeline(config, channel, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                        (d, set, latency) -> { }, detector, null, "blocking (test)", null, Supervision.ENFORCED);
                detector.onBlock = pacer::stop;
                try (pipeline) {
                    try {
                        pipeline.start();
                        pacer.run(drive, pipeline.sink(), pipeline::tick, FRAMES);
                        assertTrue(detector.blocked.await(30, TimeUnit.SECONDS), "the detector was never called 5 "
                                + "times");
                        long deadline = detector.blockedAtNanos + TimeUnit.MILLISECONDS.toNanos((long) periodMillis)
                                + TimeUnit.SECONDS.toNanos(10);
                        RecordedDecision stop = null;
                        while (stop == null && System.nanoTime() < deadline) {
                            stop = subscriber.decisions().stream()
                                    .filter(d -> "WATCHDOG_NO_DECISION".equals(d.reason())).findFirst().orElse(null);
                            Thread.sleep(20);
                        }
                        assertTrue(stop != null, "no WATCHDOG_NO_DECISION on MQTT within " + periodMillis
                                + " ms + 10 s of the perceive thread blocking: " + subscriber.decisions().size()
                                + " decisions, " + subscriber.malformedCount() + " malformed");
                        assertEquals("STOP", stop.kind());
                        assertEquals(0.0, stop.targetSpeedMetersPerSecond());
                        assertEquals(0, subscriber.malformedCount(), "messages the subscriber could not read");
                    } finally {
                        detector.release.countDown();
                    }
                    pipeline.finish(120_000);
                }
            }
        }
        assertTrue(pipeline.watchdogFailSafeCount() >= 1);
    }

    /** The fail-safe arrived after the block, within the period plus generous slack, and not while decisions came. */
    private static void assertWatchdogStop(BlockingDetector detector, TimedChannel channel, double periodMillis)
            throws Exception {
        long slackNanos = TimeUnit.SECONDS.toNanos(10); // a loaded machine: the bound is the mechanism's, not speed
        assertTrue(detector.blocked.await(30, TimeUnit.SECONDS), "the detector was never called 5 times");
        long deadline = detector.blockedAtNanos + TimeUnit.MILLISECONDS.toNanos((long) periodMillis)
                + slackNanos;
        int failSafe = -1;
        while (failSafe < 0 && System.nanoTime() < deadline) {
            failSafe = indexOfWatchdogStop(channel, detector.blockedAtNanos);
            if (failSafe < 0) {
                Thread.sleep(20);
            }
        }
        assertTrue(failSafe >= 0, "no WATCHDOG_NO_DECISION within " + periodMillis + " ms + "
                + slackNanos / 1_000_000 + " ms of the perceive thread blocking");
        JsonNode stop;
        long arrived;
        long lastDecision;
        synchronized (channel.decisions) {
            stop = JSON.readTree(channel.decisions.get(failSafe));
            arrived = channel.decisionArrivalNanos.get(failSafe);
            lastDecision = failSafe > 0 ? channel.decisionArrivalNanos.get(failSafe - 1) : Long.MIN_VALUE;
        }
        assertEquals("STOP", stop.get("kind").asText(), stop.toString());
        assertEquals("watchdog", stop.get("source").asText(), stop.toString());
        assertTrue(stop.get("referenceStampNanos").isIntegralNumber(), "consumers read it as a decision: " + stop);
        assertEquals(0.0, stop.get("targetSpeedMetersPerSecond").asDouble(), stop.toString());
        assertTrue(stop.get("stalledMillis").asDouble() >= periodMillis, stop.toString());
        assertTrue(arrived - detector.blockedAtNanos <= deadline - detector.blockedAtNanos,
                "fail-safe " + (arrived - detector.blockedAtNanos) / 1_000_000 + " ms after the block");
        if (failSafe > 0) {
            assertTrue(arrived - lastDecision >= TimeUnit.MILLISECONDS.toNanos((long) periodMillis) / 2,
                    "the watchdog fired while decisions were still coming");
        }
    }

    /** The first watchdog STOP that arrived at or after {@code notBeforeNanos}, or -1. */
    private static int indexOfWatchdogStop(TimedChannel channel, long notBeforeNanos) throws Exception {
        List<byte[]> copy;
        List<Long> arrivals;
        synchronized (channel.decisions) {
            copy = new ArrayList<>(channel.decisions);
            arrivals = new ArrayList<>(channel.decisionArrivalNanos);
        }
        for (int i = 0; i < copy.size(); i++) {
            if (arrivals.get(i) - notBeforeNanos >= 0
                    && "WATCHDOG_NO_DECISION".equals(JSON.readTree(copy.get(i)).path("reason").asText())) {
                return i;
            }
        }
        return -1;
    }
}
