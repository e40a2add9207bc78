package org.avfusion.drivers.source;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Start/stop plumbing shared by the live sources (GNSS over TCP, UDP and serial, gpsd): one daemon thread running
 * the source's receive loop, a stop flag the loop polls, and back-off sleeps that end early when stopping.
 *
 * <p>Threading: {@link #start()} and {@link #stop} may be called from any thread; {@link #stopping()} and
 * {@link #pause} are meant for the loop's own thread.
 */
public final class LiveLoop {
    private final String threadName;
    private final Runnable body;
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param threadName names the thread, and the loop in the message when it is started twice
     * @param body       the receive loop; it should return soon after {@link #stopping()} turns true
     */
    public LiveLoop(String threadName, Runnable body) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Starts the thread.
     *
     * @throws IllegalStateException when already started, naming the thread
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(threadName + " already started");
        }
        thread = new Thread(body, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether {@link #stop} was called. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Asks the loop to stop, runs {@code unblock} (closes its socket or channel), interrupts the thread and waits up
     * to {@code timeoutMillis} for it to end. Harmless before {@link #start()} and when called twice.
     */
    public void stop(Runnable unblock, long timeoutMillis) {
        stopping = true;
        unblock.run();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps {@code millis}, returning early (within 20 ms) when stopping. */
    public void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }
}
