package org.avfusion.runtime.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link StageBlockingWaitStrategy} with {@link ProgressSignallingHandler}: a stage blocked on the stage before it
 * wakes on that stage's signal (not on a timer), never sees a slot before the stage before it is done with it, and
 * still sees progress that nobody signals.
 */
class StageBlockingWaitStrategyTest {
    private static final long ONE_SECOND = 1_000_000_000L;

    /** A barrier that only answers {@link #checkAlert}. */
    private static final class Barrier implements SequenceBarrier {
        volatile boolean alerted;

        @Override
        public long waitFor(long sequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAlerted() {
            return alerted;
        }

        @Override
        public void alert() {
            alerted = true;
        }

        @Override
        public void clearAlert() {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException {
            if (alerted) {
                throw AlertException.INSTANCE;
            }
        }
    }

    @Test
    void aStageWaitingForTheOneBeforeWakesOnItsSignalNotOnTheBackstop() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // no backstop: a lost signal leaves the waiter blocked and the test times out
            StageBlockingWaitStrategy strategy = StageBlockingWaitStrategy.withoutBackstop();
            Sequence cursor = new Sequence(100); // every round's slot is published: only the stage before is waited for
            Sequence upstream = new Sequence(4);
            Barrier barrier = new Barrier();
            for (int round = 0; round < 20; round++) {
                long wanted = 5 + round;
                CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                    try {
                        return strategy.waitFor(wanted, cursor, upstream, barrier);
                    } catch (AlertException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (!waiter.isDone() && !blocked(strategy)) {
                    Thread.onSpinWait(); // the waiter is spinning or taking the lock
                }
                upstream.setVolatile(wanted);
                strategy.signalProgress();
                assertEquals(wanted, waiter.join());
            }
        });
    }

    @Test
    void anAlertWakesAStageWaitingForTheOneBefore() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StageBlockingWaitStrategy strategy = StageBlockingWaitStrategy.withoutBackstop();
            Barrier barrier = new Barrier();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    strategy.waitFor(5, new Sequence(9), new Sequence(4), barrier);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiter.start();
            while (!blocked(strategy)) {
                Thread.onSpinWait();
            }
            barrier.alert();
            strategy.signalAllWhenBlocking(); // what Disruptor's barrier does on halt
            waiter.join();
            assertTrue(thrown.get() instanceof AlertException, String.valueOf(thrown.get()));
        });
    }

    @Test
    void everySettingIsRangeChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StageBlockingWaitStrategy(50_000, 20, 5_000));
        assertTrue(e.getMessage().contains("backstopNanos") && e.getMessage().contains("5000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StageBlockingWaitStrategy(50_000, 20, 2 * ONE_SECOND));
        e = assertThrows(IllegalArgumentException.class, () -> new StageBlockingWaitStrategy(500, 20, ONE_SECOND));
        assertTrue(e.getMessage().contains("parkNanos") && e.getMessage().contains("500"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StageBlockingWaitStrategy(50_000, -1, ONE_SECOND));
        assertTrue(e.getMessage().contains("parks") && e.getMessage().contains("-1"), e.getMessage());
    }

    /**
     * Four chained stages, each taking a random few microseconds and stamping the slot's sequence into its own column:
     * a stage that saw a slot before the stage before it had stamped it (a sequence stored too early) is counted.
     */
    @Test
    void noStageSeesASlotBeforeTheStageBeforeItIsDoneWithIt() throws Exception {
        int events = 20_000;
        int stages = 4;
        AtomicLongArray stamped = new AtomicLongArray(stages * 64); // per stage: the last sequence it finished
        AtomicLong early = new AtomicLong();
        List<FrameRing.Stage> chain = new java.util.ArrayList<>();
        for (int s = 0; s < stages; s++) {
            int stage = s;
            EventHandler<FrameEvent> handler = (event, sequence, endOfBatch) -> {
                if (stage > 0 && stamped.get((stage - 1) * 64) < sequence) {
                    early.incrementAndGet();
                }
                int spins = ThreadLocalRandom.current().nextInt(200);
                for (int i = 0; i < spins; i++) {
                    Thread.onSpinWait();
                }
                stamped.set(stage * 64, sequence);
            };
            chain.add(new FrameRing.Stage("s" + s, handler));
        }
        FrameRing ring = new FrameRing(new RingConfig(64, WaitStrategyKind.BLOCKING, 10), 1, 4, chain);
        for (int i = 0; i < events; i++) {
            ring.publishTickWaiting(i);
        }
        ring.drainAndStop(60_000);
        assertEquals(0, early.get(), "slots seen before the stage before had finished them");
        assertEquals(events - 1, stamped.get((stages - 1) * 64), "the last stage saw every slot");
    }

    /**
     * A stage that throws on the last slot of a batch stores its sequence only after the exception handler, without a
     * signal; with nothing published after it, the stage after it sees the slot by the backstop.
     */
    @Test
    void progressThatNobodySignalsIsSeenByTheBackstop() throws Exception {
        AtomicLong seenAfter = new AtomicLong(-1);
        EventHandler<FrameEvent> throwing = (event, sequence, endOfBatch) -> {
            throw new IllegalStateException("fails on purpose, sequence " + sequence);
        };
        EventHandler<FrameEvent> after = (event, sequence, endOfBatch) -> seenAfter.set(sequence);
        FrameRing ring = new FrameRing(new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4,
                List.of(new FrameRing.Stage("throws", throwing), new FrameRing.Stage("after", after)));
        ring.publishTick(1);
        long deadline = System.nanoTime() + 30 * ONE_SECOND;
        while (seenAfter.get() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(0, seenAfter.get(), "the stage after the one that threw saw the slot");
        assertEquals(1L, ring.stageErrors().get("throws"));
        ring.drainAndStop(5_000);
    }

    /** Whether a thread is blocked in the strategy's conditions. */
    private static boolean blocked(StageBlockingWaitStrategy strategy) {
        return strategy.waitingThreads() > 0;
    }
}
