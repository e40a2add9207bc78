package org.avfusion.runtime.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecisionWatchdogTest {
    private static final long PERIOD_MILLIS = 200;

    /**
     * The watchdog's clock is the test's (it takes any monotonic clock: the vehicle's, a replay's), advanced by hand:
     * decisions 20 ms apart on it, then a stage that blocks while the clock goes on. The watchdog's own thread still
     * polls in real time; nothing here depends on how promptly the machine schedules it (with the wall clock, a
     * stage thread started 200 ms late on a loaded machine was a stall).
     */
    @Test
    void aPipelineThreadBlockedForeverGetsTheFailSafeStopFromTheWatchdog() throws Exception {
        BlockingQueue<String> published = new LinkedBlockingQueue<>();
        AtomicLong clockNanos = new AtomicLong(1_000_000_000L);
        long stepNanos = 20_000_000L;
        try (DecisionWatchdog watchdog = new DecisionWatchdog("car", PERIOD_MILLIS * 1_000_000L, clockNanos::get,
                payload -> published.add(new String(payload, StandardCharsets.UTF_8))).start()) {
            for (int i = 0; i < 20; i++) { // the publish stage decides every 20 ms of the clock
                clockNanos.addAndGet(stepNanos);
                watchdog.decisionMade();
                Thread.sleep(20); // the watchdog looks in between (every 50 ms)
            }
            assertEquals(0, watchdog.failSafes(), "a fail-safe while decisions were flowing");

            clockNanos.addAndGet(250_000_000L); // the stage blocks: 250 ms pass without a decision
            String stop = published.poll(10, TimeUnit.SECONDS);
            assertNotNull(stop, "no fail-safe from the watchdog");
            assertTrue(stop.contains("\"kind\":\"STOP\"") && stop.contains("\"reason\":\"WATCHDOG_NO_DECISION\""),
                    stop);
            assertTrue(stop.contains("\"stalledMillis\":250.0"), stop);
            clockNanos.addAndGet(PERIOD_MILLIS * 1_000_000L); // still blocked one period later
            assertNotNull(published.poll(10, TimeUnit.SECONDS), "the fail-safe is not repeated while stalled");
            assertEquals(1, watchdog.stalls());

            clockNanos.addAndGet(stepNanos);
            watchdog.decisionMade(); // the pipeline resumes
            Thread.sleep(PERIOD_MILLIS / 2);
            published.clear();
            long before = watchdog.failSafes();
            for (int i = 0; i < 10; i++) {
                clockNanos.addAndGet(stepNanos);
                watchdog.decisionMade();
                Thread.sleep(20);
            }
            assertEquals(before, watchdog.failSafes(), "fail-safe after the pipeline resumed");
            assertEquals(1, watchdog.stalls());
        }
    }

    /**
     * A silence before the first decision (a run whose sensors have sent nothing yet) gets its fail-safe STOP too, but
     * its log line does not send the operator looking for a deadlock: it says no set has come yet. A silence after
     * decisions says the pipeline stalled.
     */
    @Test
    void aSilenceBeforeTheFirstDecisionIsNotCalledAStall() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(DecisionWatchdog.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        BlockingQueue<String> published = new LinkedBlockingQueue<>();
        try (DecisionWatchdog watchdog = new DecisionWatchdog("car", PERIOD_MILLIS * 1_000_000L, System::nanoTime,
                payload -> published.add(new String(payload, StandardCharsets.UTF_8))).start()) {
            assertNotNull(published.poll(10, TimeUnit.SECONDS), "no fail-safe before the first decision");
            watchdog.decisionMade();
            published.clear();
            assertNotNull(published.poll(10, TimeUnit.SECONDS), "no fail-safe after the decisions stopped");
        } finally {
            log.detachAppender(lines);
        }
        java.util.List<String> errors = lines.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertTrue(errors.size() >= 2, errors.toString());
        assertTrue(errors.get(0).contains("no first decision") && errors.get(0).contains("no sensor has delivered")
                && !errors.get(0).contains("deadlock"), errors.get(0));
        assertTrue(errors.get(1).contains("pipeline stalled (GC pause, deadlock or a blocked stage)"), errors.get(1));
    }

    @Test
    void rejectsAPeriodOutsideTheRange() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DecisionWatchdog("car", 1_000_000L, System::nanoTime, p -> true));
    }
}
