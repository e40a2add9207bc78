package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.recorded.format.RecordingFormats;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.runtime.pipeline.RecordingProfile;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.scenarios.expect.MqttRecorder;
import org.avfusion.scenarios.expect.RecordedDecision;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost at {@code --speed max} on a loaded machine: two replays run at once (the simulated pedestrian drive and
 * the KITTI tracking sweeps, each as its own vehicle on one broker), and each subscriber receives every decision its
 * replay made, with no frame dropped by the ring.
 */
class ZeroLossReplayTest {
    private record Outcome(long made, long received, long dropped) {
    }

    private static Outcome withSubscriber(String broker, String vehicle, Callable<ReplayJob.Result> replay)
            throws Exception {
        try (MqttRecorder recorder = MqttRecorder.subscribe(broker, vehicle)) {
            ReplayJob.Result r = replay.call();
            long made = r.decisions().values().stream().mapToLong(Long::longValue).sum();
            // distinct decisions (by their stamp): delivery is at least once, so an acknowledgement that times out
            // on a loaded machine makes the output send again what the broker may already have passed on
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (distinct(recorder) < made && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return new Outcome(made, distinct(recorder), r.droppedFrames());
        }
    }

    private static long distinct(MqttRecorder recorder) {
        return recorder.decisions().stream().mapToLong(RecordedDecision::referenceStampNanos).distinct().count();
    }

    private static ReplayJob.Options fast() {
        return new ReplayJob.Options(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null, null,
                UnaryOperator.identity(), DecisionListener.NONE, null);
    }

    @Test
    void twoReplaysAtOnceAtFullSpeedLoseNoDecision() throws Exception {
        Path pcd = Recordings.sharedData("kitti/tracking/0000/pcd");
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            String uri = broker.uri();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Outcome> sim = pool.submit(() -> withSubscriber(uri, "sim-a", () -> ReplayJob.run(
                        ScenarioCatalog.loadBuiltIn("pedestrian-crossing"), Recordings.profile(uri, "sim-a"), fast())));
                Future<Outcome> kitti = pool.submit(() -> withSubscriber(uri, "pcd-b", () -> {
                    RuntimeConfig profile = Recordings.profile(uri, "pcd-b");
                    try (RecordingSource s = RecordingFormats.detect(pcd).open(pcd,
                            RecordingProfile.request(profile, null, 10, java.util.Map.of()))) {
                        return ReplayJob.run(s, profile, null, "none", fast());
                    }
                }));
                for (Outcome o : List.of(sim.get(5, TimeUnit.MINUTES), kitti.get(5, TimeUnit.MINUTES))) {
                    assertEquals(o.made(), o.received(), "subscriber got " + o.received() + " distinct of " + o.made()
                            + " decisions");
                    assertEquals(0, o.dropped(), "frames dropped by the ring");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
