package org.avfusion.runtime.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking wait strategy that also blocks, instead of polling, while a stage waits for the stage before it.
 *
 * <p>Disruptor's {@code BlockingWaitStrategy} blocks on a lock only while the producers' cursor is behind; once the
 * event is published, a stage waiting for an upstream stage (say, decide waiting for fuse to finish a sweep) spins on
 * the upstream sequence. With five stages on a two-core computer those spinning threads starve the stages doing the
 * work: the 120 s benchmark drive replayed at 6 to 7x real time with it, 14 to 17x with parks instead of spins (2
 * cores, see docs/PERFORMANCE.md). Parking still polls: a stage waiting 15 ms for the cluster stage woke about 300
 * times to look. This strategy blocks for both, on two conditions of one lock: the producers signal the first when they
 * publish (as in {@code BlockingWaitStrategy}), and every stage signals the second when it has finished a batch
 * ({@link ProgressSignallingHandler}, which {@link FrameRing} puts around each stage: it stores the stage's sequence,
 * then signals), so a stage's progress does not wake the idle stages waiting for new events. A waiting stage spins {@value #SPIN_TRIES} times (a stage about to finish), then blocks until a
 * signal; an idle pipeline costs no CPU, and a stage hop costs one wake-up.
 *
 * <p>No lost wake-up: a waiter checks the sequences while holding the lock and a signaller takes the lock after its
 * store, so either the waiter sees the store or it is already waiting when the signal comes. Progress that nobody
 * signals (a stage whose handler threw on the last event of a batch: Disruptor stores its sequence after the
 * exception handler, without a signal) is seen at the next signal of any stage or producer, or after
 * {@code backstopNanos} at the latest.
 *
 * <p>Thread-safe, as every wait strategy shared by a ring's consumers must be.
 */
public final class StageBlockingWaitStrategy implements WaitStrategy {
    /** Spins before blocking: a few microseconds, for a stage before this one that is about to finish. */
    static final int SPIN_TRIES = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final long backstopNanos;

    /**
     * @param backstopNanos longest a stage blocks without looking at the stage before it again, in [10 us, 1 s]: only
     *                      progress that nobody signals waits this long (see the class comment), e.g. 1 ms
     */
    public StageBlockingWaitStrategy(long backstopNanos) {
        if (backstopNanos < TimeUnit.MICROSECONDS.toNanos(10) || backstopNanos > TimeUnit.SECONDS.toNanos(1)) {
            throw new IllegalArgumentException("backstopNanos must be in [10,000, 1,000,000,000], was " + backstopNanos);
        }
        this.backstopNanos = backstopNanos;
    }

    private StageBlockingWaitStrategy() {
        this.backstopNanos = Long.MAX_VALUE;
    }

    /** For tests: a strategy whose stages see the stage before them only when it signals. */
    static StageBlockingWaitStrategy withoutBackstop() {
        return new StageBlockingWaitStrategy();
    }

    /** Threads blocked in {@link #waitFor} now. */
    int waitingThreads() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(published) + lock.getWaitQueueLength(progressed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        if (cursor.get() < sequence) {
            lock.lock();
            try {
                while (cursor.get() < sequence) {
                    barrier.checkAlert();
                    published.await();
                }
            } finally {
                lock.unlock();
            }
        }
        long available = dependentSequence.get();
        for (int tries = 0; available < sequence && tries < SPIN_TRIES; tries++) {
            barrier.checkAlert();
            Thread.onSpinWait();
            available = dependentSequence.get();
        }
        if (available < sequence) {
            lock.lock();
            try {
                while ((available = dependentSequence.get()) < sequence) {
                    barrier.checkAlert();
                    progressed.awaitNanos(backstopNanos);
                }
            } finally {
                lock.unlock();
            }
        }
        return available;
    }

    /** Wakes every waiting stage: called by the producers on publish and by barrier alerts (halt). */
    @Override
    public void signalAllWhenBlocking() {
        lock.lock();
        try {
            published.signalAll();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes the stages waiting for a stage before them (not those waiting for new events): called by a stage after it
     * stored its sequence ({@link ProgressSignallingHandler}).
     */
    public void signalProgress() {
        lock.lock();
        try {
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
