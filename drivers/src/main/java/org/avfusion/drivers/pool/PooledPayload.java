package org.avfusion.drivers.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference-counted buffer that returns to its {@link BufferPool} when the last reference is released.
 * See the package documentation for the ownership rule.
 *
 * <p>Thread-safety: {@code retain}/{@code release} may be called from any thread; the content is written by
 * one owner before it is published and only read afterwards (publication through the ring or a pool queue
 * gives the happens-before edge).
 */
public abstract class PooledPayload {
    private final AtomicInteger references = new AtomicInteger();
    private BufferPool<? extends PooledPayload> pool;

    /** Called by the pool on hand-out. */
    final void onAcquire(BufferPool<? extends PooledPayload> owner) {
        this.pool = owner;
        references.set(1);
    }

    /** Adds one reference; the caller must {@link #release()} it later. */
    public final void retain() {
        int before = references.getAndIncrement();
        if (before <= 0) {
            references.getAndDecrement();
            throw new IllegalStateException(getClass().getSimpleName() + " retained after its last release");
        }
    }

    /** Drops one reference; the last one returns the buffer to its pool. */
    public final void release() {
        int after = references.decrementAndGet();
        if (after == 0) {
            if (pool != null) {
                pool.giveBack(this);
            }
        } else if (after < 0) {
            references.incrementAndGet();
            throw new IllegalStateException(getClass().getSimpleName() + " released more often than acquired");
        }
    }

    /** Current number of references (for tests and health reports). */
    public final int referenceCount() {
        return references.get();
    }

    /** Resets content before the buffer is handed out again; must not allocate. */
    protected abstract void clear();
}
