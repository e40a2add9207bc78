package org.avfusion.runtime.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.health.GcPauseMonitor;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.plan.Decision;

/**
 * {@code run}'s time to its first decision (issue #17, "start-up"): how long after the JVM started, and after the
 * run's clock started (the broker connected, the stages warmed up, the sources started), the vehicle had its first
 * decision. Wraps the console's decision listener; on the first decision it prints one line and keeps the figures for
 * the run's end line. Called on the decide stage's thread; after the first decision it only hands on.
 */
final class FirstDecisionClock implements DecisionListener {
    private final DecisionListener next;
    private final PrintStream out;
    private volatile long clockStartNanos;
    private volatile boolean clockStarted;
    /** Decide stage thread only. */
    private boolean seen;
    private volatile double afterJvmSeconds = Double.NaN;
    private volatile double afterClockSeconds = Double.NaN;

    FirstDecisionClock(DecisionListener next, PrintStream out) {
        this.next = next;
        this.out = out;
    }

    /** The run's clock started at {@code nanos} ({@link System#nanoTime()}), before its sources. */
    void clockStarted(long nanos) {
        clockStartNanos = nanos;
        clockStarted = true;
    }

    @Override
    public void onDecision(Decision decision, AlignedSet set, double latencyMillis) {
        if (!seen) {
            seen = true;
            long now = System.nanoTime();
            afterClockSeconds = clockStarted ? (now - clockStartNanos) / 1e9 : Double.NaN;
            afterJvmSeconds = GcPauseMonitor.uptimeMillis() / 1e3; // last: describe() reads it first
            out.println("  " + describe());
        }
        next.onDecision(decision, set, latencyMillis);
    }

    /** "first decision 1.93 s after the JVM started (0.21 s after the run's clock)", or that there was none yet. */
    String describe() {
        double jvm = afterJvmSeconds;
        if (Double.isNaN(jvm)) {
            return "no decision yet";
        }
        double clock = afterClockSeconds;
        return String.format(Locale.ROOT, "first decision %.2f s after the JVM started", jvm)
                + (Double.isNaN(clock) ? "" : String.format(Locale.ROOT, " (%.2f s after the run's clock)", clock));
    }

    /** Seconds from the JVM's start to the first decision; NaN before it. */
    double afterJvmSeconds() {
        return afterJvmSeconds;
    }
}
