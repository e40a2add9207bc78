package org.avfusion.runtime.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.ring.RingFullPolicy;
import org.avfusion.runtime.ring.WaitStrategyKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ring under a full-ring condition: a 16-slot ring whose only stage waits on a gate (a latch) until the test opens
 * it, so the ring fills deterministically (16 frames fit while the stage holds the first one).
 */
class RingFrameSinkTest {
    private static final int RING = 16;
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);
    private static final ImuSample STILL = new ImuSample(0, 0, 0, 0, 0, 9.81);

    private final BufferPool<PointCloud> clouds = new BufferPool<>("test.clouds", () -> new PointCloud(8), 0, 256);
    private final List<PointCloud> handedOut = new ArrayList<>();
    private GatedRecorder recorder;
    private FrameRing ring;

    /** Records (sensor index, sequence) of every frame it sees, after the gate opens. */
    static final class GatedRecorder implements EventHandler<FrameEvent> {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> sensors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ticks = new AtomicLong();

        @Override
        public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) throws InterruptedException {
            gate.await();
            if (event.type() == FrameEvent.Type.FRAME) {
                sequences.add(event.header().sequence());
                sensors.add(event.sensorIndex());
            } else if (event.type() == FrameEvent.Type.TICK) {
                ticks.incrementAndGet();
            }
        }
    }

    private RingFrameSink sink(List<RingFullPolicy> policies, List<EventHandler<FrameEvent>> stages) {
        List<FrameRing.Stage> list = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            list.add(new FrameRing.Stage("stage" + i, stages.get(i)));
        }
        ring = new FrameRing(new RingConfig(RING, WaitStrategyKind.BLOCKING, 10), 2, 4, list);
        return new RingFrameSink(ring, List.of(LIDAR, IMU).subList(0, policies.size()), policies, () -> 42L);
    }

    private RingFrameSink gatedSink(RingFullPolicy lidarPolicy) {
        recorder = new GatedRecorder();
        return sink(List.of(lidarPolicy, RingFullPolicy.DROP_NEWEST), List.of(recorder));
    }

    private PointCloud cloud() {
        PointCloud c = clouds.acquire();
        if (c == null) {
            throw new AssertionError("test pool exhausted");
        }
        handedOut.add(c);
        return c;
    }

    /** Acquires n clouds up front, so that a released one is not handed out again during the test. */
    private List<PointCloud> clouds(int n) {
        List<PointCloud> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(cloud());
        }
        return list;
    }

    private static FrameHeader lidar(long seq) {
        return new FrameHeader(LIDAR, 1_000_000L * seq, seq);
    }

    private void drain() throws Exception {
        if (recorder != null) {
            recorder.gate.countDown();
        }
        ring.drainAndStop(5_000);
    }

    private void assertNoLeakedClouds() {
        assertEquals(clouds.createdCount(), clouds.freeCount(), "every point cloud back in its pool");
        for (PointCloud c : handedOut) {
            assertEquals(0, c.referenceCount(), "a cloud still referenced");
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.gate.countDown();
        }
        if (ring != null) {
            ring.close();
        }
    }

    @Test
    void dropNewestDropsFramesThatDoNotFitAndCountsThem() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_NEWEST);
        List<PointCloud> frames = clouds(RING + 5);
        int accepted = 0;
        for (int s = 0; s < RING + 5; s++) {
            if (sink.publish(lidar(s), frames.get(s))) {
                accepted++;
            }
        }
        assertEquals(RING, accepted);
        assertEquals(RING, sink.publishedCount(0));
        assertEquals(5, sink.droppedCount(0));
        assertEquals(0, sink.stalledCount(0));
        assertEquals(5, clouds.freeCount(), "the five dropped clouds were released at once");
        for (int s = RING; s < RING + 5; s++) {
            assertEquals(0, frames.get(s).referenceCount());
        }
        drain();
        assertEquals(LongStream.range(0, RING).boxed().toList(), recorder.sequences);
        assertNoLeakedClouds();
    }

    @Test
    void dropOldestKeepsTheNewestWaitingFrameAndPublishesItOnFlush() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_OLDEST);
        List<PointCloud> frames = clouds(RING + 3);
        for (int s = 0; s < RING; s++) {
            assertTrue(sink.publish(lidar(s), frames.get(s)));
        }
        // ring full: 16 waits, 17 replaces it, 18 replaces 17
        assertTrue(sink.publish(lidar(16), frames.get(16)));
        assertEquals(0, sink.droppedCount(0));
        assertEquals(0, clouds.freeCount());
        assertTrue(sink.publish(lidar(17), frames.get(17)));
        assertTrue(sink.publish(lidar(18), frames.get(18)));
        assertEquals(0, frames.get(16).referenceCount());
        assertEquals(0, frames.get(17).referenceCount());
        assertEquals(1, frames.get(18).referenceCount(), "the newest waits, still owned by the sink");
        assertEquals(2, sink.replacedCount(0));
        assertEquals(2, sink.droppedCount(0));
        assertEquals(2, clouds.freeCount(), "the two replaced clouds were released");
        assertEquals(RING, sink.publishedCount(0));

        recorder.gate.countDown();
        await(() -> ring.remainingCapacity() == RING, "the ring drained");
        sink.flushPending();
        assertEquals(RING + 1, sink.publishedCount(0));
        sink.flushPending();
        assertEquals(RING + 1, sink.publishedCount(0), "a flushed frame is not published twice");
        drain();
        List<Long> expected = new ArrayList<>(LongStream.range(0, RING).boxed().toList());
        expected.add(18L);
        assertEquals(expected, recorder.sequences);
        assertNoLeakedClouds();
    }

    @Test
    void dropOldestWaitingFrameGoesOutBeforeTheNextOneOnceThereIsRoom() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_OLDEST);
        for (long s = 0; s <= RING; s++) {
            sink.publish(lidar(s), cloud());
        }
        recorder.gate.countDown();
        await(() -> ring.remainingCapacity() == RING, "the ring drained");
        assertTrue(sink.publish(lidar(RING + 1), cloud()));
        drain();
        assertEquals(LongStream.rangeClosed(0, RING + 1).boxed().toList(), recorder.sequences,
                "the waiting frame went first, nothing was lost");
        assertEquals(0, sink.droppedCount(0));
        assertNoLeakedClouds();
    }

    @Test
    void discardPendingReleasesTheWaitingFrame() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_OLDEST);
        List<PointCloud> frames = clouds(RING + 1);
        for (int s = 0; s <= RING; s++) {
            sink.publish(lidar(s), frames.get(s));
        }
        assertEquals(0, clouds.freeCount());
        sink.discardPending();
        assertEquals(1, clouds.freeCount());
        drain();
        assertEquals(RING, recorder.sequences.size());
        assertNoLeakedClouds();
    }

    @Test
    void blockNeverLosesAFrameAndCountsStalls() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.BLOCK);
        int total = 100;
        for (long s = 0; s < RING; s++) {
            assertTrue(sink.publish(lidar(s), cloud()));
        }
        List<PointCloud> rest = new ArrayList<>();
        for (int s = RING; s < total; s++) {
            rest.add(cloud());
        }
        Thread producer = new Thread(() -> {
            for (int s = RING; s < total; s++) {
                sink.publish(lidar(s), rest.get(s - RING));
            }
        }, "test-producer");
        producer.start();
        await(() -> sink.stalledCount(0) >= 1, "the producer found the ring full");
        assertTrue(producer.isAlive(), "the producer waits for a slot");
        assertEquals(RING, sink.publishedCount(0));
        recorder.gate.countDown();
        producer.join(5_000);
        assertFalse(producer.isAlive());
        drain();
        assertEquals(LongStream.range(0, total).boxed().toList(), recorder.sequences, "all frames, in order");
        assertEquals(total, sink.publishedCount(0));
        assertEquals(0, sink.droppedCount(0));
        assertNoLeakedClouds();
    }

    @Test
    void unknownSensorIsCountedAndItsPayloadReleased() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.BLOCK);
        SensorId stranger = new SensorId("lidar_rear", SensorKind.LIDAR);
        List<PointCloud> frames = clouds(2);
        assertFalse(sink.publish(new FrameHeader(stranger, 5, 0), frames.get(0)));
        SensorId sameNameOtherKind = new SensorId("lidar_top", SensorKind.CAMERA);
        assertFalse(sink.publish(new FrameHeader(sameNameOtherKind, 5, 0), frames.get(1)));
        assertEquals(2, sink.unknownSensorCount());
        assertEquals(0, sink.publishedCount(0));
        assertEquals(2, clouds.freeCount());
        drain();
        assertTrue(recorder.sequences.isEmpty());
        assertNoLeakedClouds();
    }

    @Test
    void payloadOfTheWrongKindIsRejectedAndReleased() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.BLOCK);
        assertFalse(sink.publish(new FrameHeader(IMU, 5, 0), cloud()));
        assertFalse(sink.publish(new FrameHeader(LIDAR, 5, 0), STILL));
        assertEquals(1, sink.rejectedCount(0));
        assertEquals(1, sink.rejectedCount(1));
        drain();
        assertNoLeakedClouds();
    }

    @Test
    void framesAfterTheRingStoppedAreRejectedAndReleased() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.BLOCK);
        drain();
        assertFalse(sink.publish(lidar(0), cloud()));
        assertEquals(1, sink.rejectedCount(0));
        assertNoLeakedClouds();
    }

    @Test
    void framesFromSeveralProducersAllArriveInPerSensorOrder() throws Exception {
        recorder = new GatedRecorder();
        recorder.gate.countDown();
        RingFrameSink sink = sink(List.of(RingFullPolicy.BLOCK, RingFullPolicy.BLOCK), List.of(recorder));
        int n = 500;
        Thread lidarThread = new Thread(() -> {
            for (int s = 0; s < n; s++) {
                sink.publish(lidar(s), cloud());
            }
        });
        Thread imuThread = new Thread(() -> {
            for (int s = 0; s < n; s++) {
                sink.publish(new FrameHeader(IMU, s, s), STILL);
            }
        });
        lidarThread.start();
        imuThread.start();
        lidarThread.join(10_000);
        imuThread.join(10_000);
        drain();
        List<Long> lidarSeq = new ArrayList<>();
        List<Long> imuSeq = new ArrayList<>();
        synchronized (recorder.sequences) {
            for (int i = 0; i < recorder.sequences.size(); i++) {
                (recorder.sensors.get(i) == 0 ? lidarSeq : imuSeq).add(recorder.sequences.get(i));
            }
        }
        assertEquals(LongStream.range(0, n).boxed().toList(), lidarSeq);
        assertEquals(LongStream.range(0, n).boxed().toList(), imuSeq);
        assertEquals(n, handedOut.size(), "every lidar frame carried its own cloud");
        assertNoLeakedClouds();
    }

    @Test
    void ticksAreDroppedAndCountedWhenTheRingIsFull() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_NEWEST);
        for (long s = 0; s < RING; s++) {
            sink.publish(lidar(s), cloud());
        }
        ring.publishTick(1);
        ring.publishTick(2);
        assertEquals(2, ring.droppedTickCount());
        recorder.gate.countDown();
        await(() -> ring.remainingCapacity() == RING, "the ring drained");
        ring.publishTick(3);
        drain();
        assertEquals(1, recorder.ticks.get());
        assertEquals(2, ring.droppedTickCount());
        assertNoLeakedClouds();
    }

    @Test
    void aStageThatThrowsOnOneEventIsCountedAndTheRingGoesOn() throws Exception {
        recorder = new GatedRecorder();
        recorder.gate.countDown();
        AtomicLong seen = new AtomicLong();
        EventHandler<FrameEvent> failsOnThird = (event, sequence, endOfBatch) -> {
            seen.incrementAndGet();
            if (event.type() == FrameEvent.Type.FRAME && event.header().sequence() == 3) {
                throw new IllegalStateException("injected failure on frame 3");
            }
        };
        RingFrameSink sink = sink(List.of(RingFullPolicy.BLOCK, RingFullPolicy.DROP_NEWEST), List.of(failsOnThird, recorder));
        int n = 40;
        for (long s = 0; s < n; s++) {
            assertTrue(sink.publish(lidar(s), cloud()));
        }
        drain();
        assertEquals(n, seen.get(), "the failing stage went on with the events after the failure");
        assertEquals(LongStream.range(0, n).boxed().toList(), recorder.sequences, "later stages saw every event");
        assertEquals(1L, ring.stageErrors().get("stage0"));
        assertEquals(0L, ring.stageErrors().get("stage1"));
        assertEquals(0L, ring.stageErrors().get("clear"));
        assertNoLeakedClouds();
    }

    @Test
    void stageExceptionHandlerCountsEveryFailureEvenWhenItsLogIsRateLimited() {
        StageExceptionHandler handler = new StageExceptionHandler("perceive");
        FrameEvent event = new FrameEvent(2, 4);
        event.setFrame(0, lidar(7), null, 1, 2);
        for (int i = 0; i < 1000; i++) {
            handler.handleEventException(new IllegalStateException("boom " + i), i, event);
        }
        handler.handleEventException(new IllegalStateException("no event"), 1001, null);
        assertEquals(1001, handler.errorCount());
        assertEquals("perceive", handler.stage());
        assertTrue(event.describe().contains("sensor=lidar_top") && event.describe().contains("seq=7"), event.describe());
    }

    @Test
    void clearingHandlerReleasesEverySlotSoNothingLeaksAfterDrainAndStop() throws Exception {
        recorder = new GatedRecorder();
        recorder.gate.countDown();
        RingFrameSink sink = sink(List.of(RingFullPolicy.BLOCK, RingFullPolicy.DROP_NEWEST), List.of(recorder));
        int n = 10 * RING;
        for (long s = 0; s < n; s++) {
            assertTrue(sink.publish(lidar(s), cloud()));
            if (s % 7 == 0) {
                ring.publishTick(s);
            }
        }
        drain();
        assertEquals(n, recorder.sequences.size());
        assertTrue(clouds.createdCount() <= RING + 1, "clouds were reused: " + clouds.createdCount());
        assertNoLeakedClouds();
    }

    @Test
    void clearingHandlerEmptiesTheSlot() {
        PointCloud c = cloud();
        FrameEvent event = new FrameEvent(2, 4);
        event.setFrame(0, lidar(1), c, 10, 20);
        new ClearingHandler().onEvent(event, 0, true);
        assertEquals(FrameEvent.Type.EMPTY, event.type());
        assertEquals(null, event.payload());
        assertEquals(null, event.header());
        assertEquals(0, c.referenceCount());
        assertEquals(1, clouds.freeCount());
    }

    /** Regression: Disruptor.shutdown skipped stage threads not started yet and lost what was published. */
    @Test
    void drainAndStopRightAfterConstructionStillProcessesEveryPublishedEvent() throws Exception {
        for (int round = 0; round < 25; round++) {
            recorder = new GatedRecorder();
            recorder.gate.countDown();
            RingFrameSink sink = sink(List.of(RingFullPolicy.BLOCK, RingFullPolicy.DROP_NEWEST), List.of(recorder));
            List<PointCloud> frames = clouds(4);
            for (int s = 0; s < 4; s++) {
                assertTrue(sink.publish(lidar(s), frames.get(s)));
            }
            ring.drainAndStop(5_000);
            assertEquals(List.of(0L, 1L, 2L, 3L), recorder.sequences, "round " + round);
            assertNoLeakedClouds();
        }
    }

    @Test
    void flushPendingAfterTheRingStoppedLeavesTheFrameForDiscardPending() throws Exception {
        RingFrameSink sink = gatedSink(RingFullPolicy.DROP_OLDEST);
        List<PointCloud> frames = clouds(RING + 1);
        for (int s = 0; s <= RING; s++) {
            sink.publish(lidar(s), frames.get(s));
        }
        drain();
        sink.flushPending();
        assertEquals(RING, sink.publishedCount(0), "nothing is published into a stopped ring");
        sink.discardPending();
        assertNoLeakedClouds();
    }
}
