package org.avfusion.runtime.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking wait strategy that also stops burning CPU while a stage waits for the stage before it.
 *
 * <p>Disruptor's {@code BlockingWaitStrategy} blocks on a lock only while the producers' cursor is behind; once the
 * event is published, a stage waiting for an upstream stage (say, decide waiting for fuse to finish a sweep) spins on
 * the upstream sequence. With five stages on a two-core computer those spinning threads starve the stages doing the
 * work: the 120 s benchmark drive replayed at 6 to 7x real time with it, 14 to 17x with this one (2 cores, see
 * docs/PERFORMANCE.md). This strategy blocks on the lock for the cursor like
 * {@code BlockingWaitStrategy}, and waits for upstream stages by spinning briefly, then yielding, then parking for
 * {@code parkNanos} at a time. An idle pipeline costs no CPU; a stage hop costs at most about one park period.
 *
 * <p>Thread-safe, as every wait strategy shared by a ring's consumers must be.
 */
public final class StageBlockingWaitStrategy implements WaitStrategy {
    private static final int SPIN_TRIES = 100;
    private static final int YIELD_TRIES = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final long parkNanos;

    /** @param parkNanos how long one park lasts while an upstream stage is busy, e.g. 50,000 (50 us) */
    public StageBlockingWaitStrategy(long parkNanos) {
        if (parkNanos <= 0) {
            throw new IllegalArgumentException("parkNanos must be > 0, was " + parkNanos);
        }
        this.parkNanos = parkNanos;
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
        long available;
        int tries = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (tries < SPIN_TRIES) {
                tries++;
                Thread.onSpinWait();
            } else if (tries < SPIN_TRIES + YIELD_TRIES) {
                tries++;
                Thread.yield();
            } else {
                LockSupport.parkNanos(parkNanos);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        lock.lock();
        try {
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
