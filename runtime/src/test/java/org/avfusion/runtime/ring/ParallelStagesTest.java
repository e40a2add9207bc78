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

/** Stages beside each other ({@link FrameRing.Stage#besidePrevious}): both see every slot, the next waits for both. */
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

    @Test
    void theStageAfterTwoBesideEachOtherWaitsForBoth() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Recorder fast = new Recorder(null);
        Recorder slow = new Recorder(held);
        Recorder after = new Recorder(null);
        FrameRing ring = new FrameRing(new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4, List.of(
                new FrameRing.Stage("fast", fast), new FrameRing.Stage("slow", slow, true),
                new FrameRing.Stage("after", after)));
        RingFrameSink sink = new RingFrameSink(ring, List.of(IMU), List.of(RingFullPolicy.BLOCK), () -> 0L);
        for (long i = 0; i < 5; i++) {
            sink.publish(new FrameHeader(IMU, i, i), new ImuSample(0, 0, 0, 0, 0, 9.81));
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (fast.seen.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), fast.seen, "the first stage does not wait for the one beside it");
        assertEquals(List.of(), after.seen, "the next stage waits for the held one beside the first");
        held.countDown();
        ring.drainAndStop(5_000);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), slow.seen);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), after.seen);
        assertTrue(ring.stageErrors().containsKey("slow"), ring.stageErrors().toString());
    }

    @Test
    void theFirstStageCannotBeBesideAnother() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameRing(
                new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4,
                List.of(new FrameRing.Stage("detect", new Recorder(null), true))));
        assertTrue(e.getMessage().contains("detect"), e.getMessage());
    }
}
