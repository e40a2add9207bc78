package org.avfusion.runtime.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * Stages beside each other ({@link FrameRing.Placement#BESIDE_PREVIOUS}): both see every slot, the next waits for both;
 * a stage beside the chain ({@link FrameRing.Placement#BESIDE_CHAIN}) holds up nothing but the clearing of slots.
 */
class ParallelStagesTest {
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);

    /** Records the frame sequences it sees; optionally held at a gate first. */
    static final class Recorder implements EventHandler<FrameEvent> {
        final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;

        Recorder(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) throws InterruptedException {
            if (gate != null) {
                gate.await();
            }
            if (event.type() == FrameEvent.Type.FRAME) {
                seen.add(event.header().sequence());
            }
        }
    }

    /** A ring of 16 slots running {@code first}, then {@code second} placed as given, then {@code third}. */
    private static FrameRing ring(Recorder first, Recorder second, FrameRing.Placement placement, Recorder third) {
        return new FrameRing(new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4, List.of(
                new FrameRing.Stage("first", first), new FrameRing.Stage("second", second, placement),
                new FrameRing.Stage("third", third)));
    }

    /** Publishes IMU samples 0 .. {@code count - 1}. */
    private static void publish(RingFrameSink sink, int count) {
        for (long i = 0; i < count; i++) {
            sink.publish(new FrameHeader(IMU, i, i), new ImuSample(0, 0, 0, 0, 0, 9.81));
        }
    }

    /** Waits up to 5 s for {@code recorder} to have seen {@code count} frames. */
    private static void awaitSeen(Recorder recorder, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (recorder.seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void theStageAfterTwoBesideEachOtherWaitsForBoth() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Recorder fast = new Recorder(null);
        Recorder slow = new Recorder(held);
        Recorder after = new Recorder(null);
        FrameRing ring = ring(fast, slow, FrameRing.Placement.BESIDE_PREVIOUS, after);
        RingFrameSink sink = new RingFrameSink(ring, List.of(IMU), List.of(RingFullPolicy.BLOCK), () -> 0L);
        publish(sink, 5);
        awaitSeen(fast, 5);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), fast.seen, "the first stage does not wait for the one beside it");
        assertEquals(List.of(), after.seen, "the next stage waits for the held one beside the first");
        held.countDown();
        ring.drainAndStop(5_000);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), slow.seen);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), after.seen);
        assertTrue(ring.stageErrors().containsKey("second"), ring.stageErrors().toString());
    }

    @Test
    void theFirstStageCannotBeBesideAnother() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameRing(
                new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4,
                List.of(new FrameRing.Stage("detect", new Recorder(null), FrameRing.Placement.BESIDE_PREVIOUS))));
        assertTrue(e.getMessage().contains("detect"), e.getMessage());
    }

    @Test
    void aStageBesideTheChainHoldsUpOnlyTheClearingOfSlots() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Recorder first = new Recorder(null);
        Recorder side = new Recorder(held);
        Recorder last = new Recorder(null);
        FrameRing ring = ring(first, side, FrameRing.Placement.BESIDE_CHAIN, last);
        RingFrameSink sink = new RingFrameSink(ring, List.of(IMU), List.of(RingFullPolicy.DROP_NEWEST), () -> 0L);
        publish(sink, 20);
        awaitSeen(last, 16);
        List<Long> sixteen = java.util.stream.LongStream.range(0, 16).boxed().toList();
        assertEquals(sixteen, last.seen, "the chain's last stage is not held by the stage beside the chain");
        assertEquals(List.of(), side.seen);
        assertEquals(4, sink.droppedCount(0), "the held stage keeps the 16 slots from being cleared: 4 frames find none");
        held.countDown();
        ring.drainAndStop(5_000);
        assertEquals(sixteen, side.seen, "then it sees every slot in order");
    }

    @Test
    void aChainOfStagesBesideItOnlyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameRing(
                new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4,
                List.of(new FrameRing.Stage("detect", new Recorder(null), FrameRing.Placement.BESIDE_CHAIN))));
        assertTrue(e.getMessage().contains("chain"), e.getMessage());
    }

    @Test
    void aStageBesideOneThatIsBesideTheChainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameRing(
                new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4, List.of(
                        new FrameRing.Stage("align", new Recorder(null)),
                        new FrameRing.Stage("detect", new Recorder(null), FrameRing.Placement.BESIDE_CHAIN),
                        new FrameRing.Stage("cluster", new Recorder(null), FrameRing.Placement.BESIDE_PREVIOUS))));
        assertTrue(e.getMessage().contains("cluster") && e.getMessage().contains("detect"), e.getMessage());
    }
}
