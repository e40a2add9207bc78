package org.avfusion.drivers.gnss.source;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Start/stop plumbing shared by the live sources: one daemon thread, a stop flag, interruptible back-off sleeps. */
final class LiveLoop {
    private final String threadName;
    private final Runnable body;
    private volatile boolean stopping;
    private Thread thread;

    LiveLoop(String threadName, Runnable body) {
        this.threadName = threadName;
        this.body = body;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(threadName + " already started");
        }
        thread = new Thread(body, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    boolean stopping() {
        return stopping;
    }

    /** Asks the loop to stop, runs {@code unblock} (closes its socket or channel) and waits up to the timeout. */
    void stop(Runnable unblock, long timeoutMillis) {
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

    /** Sleeps, returning early when stopping. */
    void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }
}
