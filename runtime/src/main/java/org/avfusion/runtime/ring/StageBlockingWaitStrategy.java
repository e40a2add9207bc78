package org.avfusion.runtime.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking wait strategy that also stops burning CPU while a stage waits for the stage before it, and blocks when
 * that wait is long.
 *
 * <p>Disruptor's {@code BlockingWaitStrategy} blocks on a lock only while the producers' cursor is behind; once the
 * event is published, a stage waiting for an upstream stage (say, decide waiting for fuse to finish a sweep) spins on
 * the upstream sequence. With five stages on a two-core computer those spinning threads starve the stages doing the
 * work: the 120 s benchmark drive replayed at 6 to 7x real time with it, 14 to 17x with parks instead of spins (2
 * cores, see docs/PERFORMANCE.md). This strategy blocks on the lock for the cursor like {@code BlockingWaitStrategy}
 * (the producers signal it when they publish), and waits for upstream stages in three steps:
 * <ol>
 *   <li>spinning {@value #SPIN_TRIES} times, then yielding {@value #YIELD_TRIES} times: a stage before it about to
 *       finish;</li>
 *   <li>parking {@code parkNanos} at a time, {@code parks} times: short waits, as for the small frames of a bag's IMU
 *       and GNSS, where the stage after catches up with several frames at once;</li>
 *   <li>then blocking on a second condition of the lock until the stage before signals that it has finished a batch
 *       ({@link ProgressSignallingHandler}, which {@link FrameRing} puts around each stage: it stores the stage's
 *       sequence, then calls {@link #signalProgress}): long waits, such as those for a lidar sweep's clustering, which
 *       parking alone polled a few hundred times each.</li>
 * </ol>
 * An idle pipeline costs no CPU; a stage hop costs at most one park period, or one wake-up after a long wait.
 *
 * <p>No lost wake-up: a stage blocks only after counting itself among the waiters and reading the stage before it
 * again, all under the lock; a stage that finished stores its sequence, then reads the count, and signals under the
 * lock when it is not zero. With a full fence between each one's store and load, either the waiter sees the new
 * sequence or the signaller sees the waiter, and then signals after the waiter has released the lock in its wait.
 * Progress that nobody signals (a stage whose handler threw on the last event of a batch: Disruptor stores its
 * sequence after the exception handler, without a signal) is seen at the next signal of any stage or producer, or
 * after {@code backstopNanos} at the latest.
 *
 * <p>Thread-safe, as every wait strategy shared by a ring's consumers must be.
 */
public final class StageBlockingWaitStrategy implements WaitStrategy {
    static final int SPIN_TRIES = 100;
    static final int YIELD_TRIES = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    /** Stages blocked (or about to block) on {@link #progressed}: progress takes the lock only if some are. */
    private final AtomicInteger progressWaiters = new AtomicInteger();
    private final long parkNanos;
    private final int parks;
    private final long backstopNanos;

    /**
     * @param parkNanos     how long one park lasts while an upstream stage is busy, in [1 us, 10 ms], e.g. 50 us
     * @param parks         parks before the stage blocks until the stage before signals, in [0, 100,000]
     * @param backstopNanos longest a blocked stage goes without looking at the stage before it again, in
     *                      [{@code parkNanos}, 1 s]: only progress that nobody signals waits this long (see the class
     *                      comment)
     */
    public StageBlockingWaitStrategy(long parkNanos, int parks, long backstopNanos) {
        if (parkNanos < TimeUnit.MICROSECONDS.toNanos(1) || parkNanos > TimeUnit.MILLISECONDS.toNanos(10)) {
            throw new IllegalArgumentException("parkNanos must be in [1,000, 10,000,000], was " + parkNanos);
        }
        if (parks < 0 || parks > 100_000) {
            throw new IllegalArgumentException("parks must be in [0, 100,000], was " + parks);
        }
        if (backstopNanos < parkNanos || backstopNanos > TimeUnit.SECONDS.toNanos(1)) {
            throw new IllegalArgumentException("backstopNanos must be in [parkNanos = " + parkNanos
                    + ", 1,000,000,000], was " + backstopNanos);
        }
        this.parkNanos = parkNanos;
        this.parks = parks;
        this.backstopNanos = backstopNanos;
    }

    private StageBlockingWaitStrategy(int parks) {
        this.parkNanos = TimeUnit.MICROSECONDS.toNanos(50);
        this.parks = parks;
        this.backstopNanos = Long.MAX_VALUE;
    }

    /** For tests: a strategy whose stages block at once and then see the stage before them only when it signals. */
    static StageBlockingWaitStrategy withoutBackstop() {
        return new StageBlockingWaitStrategy(0);
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
        int polls = SPIN_TRIES + YIELD_TRIES + parks;
        for (int tries = 0; available < sequence && tries < polls; tries++) {
            barrier.checkAlert();
            if (tries < SPIN_TRIES) {
                Thread.onSpinWait();
            } else if (tries < SPIN_TRIES + YIELD_TRIES) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(parkNanos);
            }
            available = dependentSequence.get();
        }
        if (available < sequence) {
            lock.lock();
            progressWaiters.incrementAndGet();
            try {
                // the count is stored before the sequence is read again, and a stage stores its sequence before it
                // reads the count (signalProgress): one of the two sees the other's store
                VarHandle.fullFence();
                while ((available = dependentSequence.get()) < sequence) {
                    barrier.checkAlert();
                    progressed.awaitNanos(backstopNanos);
                }
            } finally {
                progressWaiters.decrementAndGet();
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
     * Wakes the stages blocked on a stage before them (not those waiting for new events): called by a stage after it
     * stored its sequence ({@link ProgressSignallingHandler}). Takes the lock only when a stage is blocked on one.
     */
    public void signalProgress() {
        VarHandle.fullFence(); // the caller's sequence store before the count's load (see waitFor)
        if (progressWaiters.get() == 0) {
            return;
        }
        lock.lock();
        try {
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
