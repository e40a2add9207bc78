package org.avfusion.drivers.pool;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded pool of preallocated buffers.
 *
 * <p>{@link #acquire()} never blocks: it hands out a free buffer, creates a new one while fewer than
 * {@code maxBuffers} exist (counted as growth), or returns {@code null} when all {@code maxBuffers} are in
 * use, so a driver can count the lost frame instead of stalling its socket. The queue is an
 * {@link ArrayBlockingQueue}: no allocation per acquire or release.
 *
 * <p><b>Back-pressure.</b> A replay at full speed must lose nothing: {@link #waitWhenExhausted(long)} makes
 * {@link #acquire()} wait (up to the given time, so a buffer that is never released cannot hang the replay) for a
 * buffer to come back instead of returning {@code null} at once. Live drivers keep the default (never wait).
 *
 * @param <T> buffer type
 */
public final class BufferPool<T extends PooledPayload> {
    private final String name;
    private final Supplier<T> factory;
    private final ArrayBlockingQueue<T> free;
    private final int maxBuffers;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();
    private final AtomicLong waited = new AtomicLong();
    private volatile long maxWaitNanos;

    /**
     * @param name        for health reports, e.g. {@code lidar_top.clouds}
     * @param factory     makes one empty buffer
     * @param initialBuffers buffers created up front
     * @param maxBuffers  hard bound on buffers alive at once
     */
    public BufferPool(String name, Supplier<T> factory, int initialBuffers, int maxBuffers) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        if (maxBuffers < 1) {
            throw new IllegalArgumentException("pool " + name + ": maxBuffers must be >= 1, was " + maxBuffers);
        }
        if (initialBuffers < 0 || initialBuffers > maxBuffers) {
            throw new IllegalArgumentException("pool " + name + ": initialBuffers must be in [0, maxBuffers="
                    + maxBuffers + "], was " + initialBuffers);
        }
        this.maxBuffers = maxBuffers;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        for (int i = 0; i < initialBuffers; i++) {
            free.add(newBuffer());
        }
    }

    private T newBuffer() {
        created.incrementAndGet();
        return Objects.requireNonNull(factory.get(), "pool factory returned null");
    }

    /**
     * Hands out a buffer with reference count 1, or {@code null} when {@code maxBuffers} are in use.
     */
    public T acquire() {
        T buffer = free.poll();
        if (buffer == null) {
            long n = created.get();
            while (n < maxBuffers) {
                if (created.compareAndSet(n, n + 1)) {
                    buffer = Objects.requireNonNull(factory.get(), "pool factory returned null");
                    break;
                }
                n = created.get();
            }
            if (buffer == null && maxWaitNanos > 0) {
                waited.incrementAndGet();
                try {
                    buffer = free.poll(maxWaitNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (buffer == null) {
                exhausted.incrementAndGet();
                return null;
            }
        }
        buffer.clear();
        buffer.onAcquire(this);
        return buffer;
    }

    /**
     * Creates buffers now, into the pool, until {@code buffers} exist (never more than {@code maxBuffers}): for an
     * owner that knows, before its clock starts, how many it will hold at once. Counted as {@link #createdCount()};
     * thread-safe.
     *
     * @return buffers this call created
     * @throws IllegalArgumentException when {@code buffers} is negative
     */
    public int preallocate(int buffers) {
        if (buffers < 0) {
            throw new IllegalArgumentException("pool " + name + ": buffers must be >= 0, was " + buffers);
        }
        int target = Math.min(buffers, maxBuffers);
        int made = 0;
        long n = created.get();
        while (n < target) {
            if (created.compareAndSet(n, n + 1)) {
                free.add(Objects.requireNonNull(factory.get(), "pool factory returned null"));
                made++;
            }
            n = created.get();
        }
        return made;
    }

    @SuppressWarnings("unchecked")
    void giveBack(PooledPayload buffer) {
        if (!free.offer((T) buffer)) {
            throw new IllegalStateException("pool " + name + " got back more buffers than it created");
        }
    }

    /**
     * From now on {@link #acquire()} waits up to {@code maxWaitNanos} for a buffer when all are in use (0: never
     * waits, the default). Thread-safe; meant to be set once, before the source runs.
     */
    public void waitWhenExhausted(long maxWaitNanos) {
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("pool " + name + ": maxWaitNanos must be >= 0, was " + maxWaitNanos);
        }
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Times {@link #acquire()} found every buffer in use and waited for one (with {@link #waitWhenExhausted}). */
    public long waitedCount() {
        return waited.get();
    }

    public String name() {
        return name;
    }

    /** Buffers created so far (initial plus growth). */
    public long createdCount() {
        return created.get();
    }

    /** Times {@link #acquire()} found every buffer in use. */
    public long exhaustedCount() {
        return exhausted.get();
    }

    /** Buffers idle in the pool now. */
    public int freeCount() {
        return free.size();
    }
}
