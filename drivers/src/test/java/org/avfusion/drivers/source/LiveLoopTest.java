package org.avfusion.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveLoopTest {

    @Test
    void stopEndsALoopPausingForAMinuteAtOnceAndRunsTheUnblockFirst() throws InterruptedException {
        CountDownLatch pausing = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<LiveLoop> self = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        LiveLoop loop = new LiveLoop("test-loop", () -> {
            thread.set(Thread.currentThread());
            while (!self.get().stopping()) {
                rounds.incrementAndGet();
                pausing.countDown();
                self.get().pause(60_000);
            }
        });
        self.set(loop);
        assertFalse(loop.stopping());
        loop.start();
        assertTrue(pausing.await(10, TimeUnit.SECONDS));
        assertEquals("test-loop", thread.get().getName());
        assertTrue(thread.get().isDaemon());
        AtomicInteger unblocked = new AtomicInteger();
        long before = System.nanoTime();
        loop.stop(unblocked::incrementAndGet, 10_000);
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(9), "stop did not wait out the pause");
        assertFalse(thread.get().isAlive());
        assertTrue(loop.stopping());
        assertEquals(1, unblocked.get());
        assertEquals(1, rounds.get());
    }

    @Test
    void startingTwiceIsRefusedNamingTheThread() {
        LiveLoop loop = new LiveLoop("gnss-tcp-host:1", () -> { });
        loop.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::start);
        assertEquals("gnss-tcp-host:1 already started", e.getMessage());
        loop.stop(() -> { }, 1_000);
    }

    @Test
    void stopBeforeStartOnlyUnblocksAndPauseThenReturnsAtOnce() {
        LiveLoop loop = new LiveLoop("never-started", () -> { });
        AtomicInteger unblocked = new AtomicInteger();
        loop.stop(unblocked::incrementAndGet, 1_000);
        assertEquals(1, unblocked.get());
        long before = System.nanoTime();
        loop.pause(60_000);
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void pauseSleepsItsTimeWhileRunning() {
        LiveLoop loop = new LiveLoop("sleeper", () -> { });
        long before = System.nanoTime();
        loop.pause(60);
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(60));
    }
}
