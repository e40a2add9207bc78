package org.avfusion.runtime.watchdog;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the fail-safe STOP when the pipeline stops making decisions. The publish stage calls {@link #decisionMade()}
 * for every decision it publishes (one volatile write); a daemon thread of its own, outside the ring, checks every
 * {@code periodNanos / 4} and, when no decision came for {@code periodNanos}, hands {@link #stopPayload} to the
 * output (repeated every period while the stall lasts), counts it and logs once per stall. The output it calls must
 * be thread-safe ({@code MqttOutput} is): it runs on the watchdog's thread, not the pipeline's.
 *
 * <p>This covers a stalled or deadlocked stage and a long GC pause of the other threads; it cannot cover the whole
 * process dying or a stop-the-world pause (the watchdog is paused too): for that the vehicle runs a separate
 * watchdog process that listens to the retained {@code avfusion/<id>/health} and the decisions (see
 * {@code docs/MQTT.md}, "Watchdog").
 */
public final class DecisionWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWatchdog.class);

    private final String vehicleId;
    private final long periodNanos;
    private final LongSupplier clockNanos;
    private final Predicate<byte[]> output;
    private final AtomicLong lastDecisionNanos = new AtomicLong();
    private final AtomicLong failSafes = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean armed;
    /** A decision was made since the start: a silence after it is a stall, before it a start without a set yet. */
    private volatile boolean decided;
    private long lastFailSafeNanos;

    /**
     * @param periodNanos how long without a decision before the fail-safe, in [10 ms, 60 s]
     * @param clockNanos  a monotonic clock ({@code System::nanoTime}, or a replay's vehicle clock); while it reads
     *                    {@link Long#MIN_VALUE} (not started) nothing is checked, and the period starts when it starts
     * @param output      publishes a payload (a decision); returns false when it was dropped
     */
    public DecisionWatchdog(String vehicleId, long periodNanos, LongSupplier clockNanos, Predicate<byte[]> output) {
        this.vehicleId = Objects.requireNonNull(vehicleId, "vehicleId");
        if (periodNanos < 10_000_000L || periodNanos > 60_000_000_000L) {
            throw new IllegalArgumentException("watchdog period must be in [10, 60000] ms: " + periodNanos / 1e6
                    + " ms");
        }
        this.periodNanos = periodNanos;
        this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
        this.output = Objects.requireNonNull(output, "output");
        this.thread = new Thread(this::watch, "avfusion-decision-watchdog");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching; the period starts now (the first decision is awaited for one period), or when the clock starts.
     */
    public DecisionWatchdog start() {
        lastDecisionNanos.set(clockNanos.getAsLong());
        armed = true;
        thread.start();
        return this;
    }

    /** Called by the publish stage for every decision it published. */
    public void decisionMade() {
        lastDecisionNanos.set(clockNanos.getAsLong());
        decided = true;
    }

    /** Fail-safe STOPs issued. */
    public long failSafes() {
        return failSafes.get();
    }

    /** Stalls seen (a stall may issue several fail-safes). */
    public long stalls() {
        return stalls.get();
    }

    /**
     * The fail-safe decision: a STOP with reason {@code WATCHDOG_NO_DECISION}, shaped like the pipeline's decisions
     * where a consumer needs it ({@code referenceStampNanos} and {@code decidedAtNanos} are the clock at issue: the STOP
     * holds from then on), plus {@code "source":"watchdog"}, the clock at the last decision and how long it has been.
     */
    public byte[] stopPayload(long nowNanos, long stalledNanos) {
        String stalled = String.format(java.util.Locale.ROOT, "%.1f", stalledNanos / 1e6);
        return ("{\"vehicleId\":\"" + vehicleId + "\",\"kind\":\"STOP\",\"reason\":\"WATCHDOG_NO_DECISION\","
                + "\"source\":\"watchdog\",\"referenceStampNanos\":" + nowNanos + ",\"decidedAtNanos\":" + nowNanos
                + ",\"lastDecisionNanos\":" + lastDecisionNanos.get() + ",\"stalledMillis\":" + stalled
                + ",\"targetSpeedMetersPerSecond\":0.0,\"detail\":\"no decision for " + stalled
                + " ms: pipeline stalled (fail-safe from the watchdog)\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void watch() {
        long checkMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(periodNanos) / 4);
        boolean stalled = false;
        while (running) {
            try {
                Thread.sleep(checkMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (!armed) {
                continue;
            }
            long now = clockNanos.getAsLong();
            if (now == Long.MIN_VALUE) {
                continue; // the clock has not started yet (a replay before its first frame)
            }
            long last = lastDecisionNanos.get();
            if (last == Long.MIN_VALUE) {
                lastDecisionNanos.compareAndSet(Long.MIN_VALUE, now); // the period starts with the clock
                continue;
            }
            long since = now - last;
            if (since < periodNanos) {
                if (stalled) {
                    LOG.info("watchdog: decisions resumed");
                }
                stalled = false;
                continue;
            }
            if (!stalled) {
                stalled = true;
                stalls.incrementAndGet();
                if (decided) {
                    LOG.error("watchdog: no decision for {} ms (period {} ms): publishing fail-safe STOP; pipeline "
                            + "stalled (GC pause, deadlock or a blocked stage)", since / 1_000_000,
                            periodNanos / 1_000_000);
                } else {
                    // at the start, before the first decision: most often no sensor has completed a set yet
                    LOG.error("watchdog: no first decision {} ms after the start (period {} ms): publishing fail-safe "
                            + "STOP; no sensor has delivered a set to decide on yet, or the pipeline is stalled",
                            since / 1_000_000, periodNanos / 1_000_000);
                }
            } else if (now - lastFailSafeNanos < periodNanos) {
                continue;
            }
            lastFailSafeNanos = now;
            failSafes.incrementAndGet();
            try {
                output.test(stopPayload(now, since));
            } catch (RuntimeException e) {
                LOG.warn("watchdog: publishing the fail-safe failed: {}", e.toString());
            }
        }
    }

    /** Stops watching (before the pipeline is shut down on purpose). Idempotent. */
    @Override
    public void close() {
        running = false;
        armed = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
