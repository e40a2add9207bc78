package org.avfusion.runtime.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.avfusion.runtime.health.GcPauseMonitor;
import org.avfusion.runtime.health.JitCompileTime;
import org.avfusion.runtime.health.LatencyRecorder;
import org.avfusion.runtime.health.LatencySummary;

/**
 * The console form of a run's latency budget: p50/p99/p99.9/max per stage and end to end over the whole run, the
 * decisions' way to the MQTT broker and back, the GC pauses that overlapped the run and the JIT's compilation during
 * it. The same figures are in the replay summary JSON ({@code stageMillis}, {@code latencyMillis},
 * {@code decisionAckMillis}, {@code gcPauses}, {@code jitCompileMillis}).
 */
final class LatencyBudget {
    private LatencyBudget() {
    }

    /**
     * @param decisionAck each decision handed to the MQTT client to the broker's acknowledgement
     *                    ({@code MqttOutput.decisionAckLatency}), or null without MQTT: printed below end to end,
     *                    which ends where it begins
     */
    static void print(PrintStream out, Pipeline pipeline, LatencySummary decisionAck, GcPauseMonitor.Summary gc,
                      long jitRunMillis) {
        out.println("  latency budget (ms)      count      p50      p99    p99.9      max");
        for (Map.Entry<String, LatencyRecorder> e : pipeline.stageLatencies().entrySet()) {
            line(out, "stage " + e.getKey(), e.getValue().summary());
        }
        line(out, "ring to decision", pipeline.pipelineLatency().summary());
        line(out, "end to end", pipeline.endToEndLatency().summary());
        if (decisionAck != null) {
            line(out, "+ broker ack", decisionAck);
        }
        out.printf(Locale.ROOT, "  GC pauses during the run: %d, total %d ms, longest %d ms %s%n", gc.count(),
                gc.totalMillis(), gc.maxMillis(), gc.byCause().isEmpty() ? "" : gc.byCause());
        if (jitRunMillis != JitCompileTime.UNMEASURED) {
            out.printf(Locale.ROOT, "  JIT compilation during the run: %d ms (compiler threads, beside the stages)%n",
                    jitRunMillis);
        }
    }

    private static void line(PrintStream out, String name, LatencySummary s) {
        out.printf(Locale.ROOT, "  %-22s %8d %8.2f %8.2f %8.2f %8.2f%n", name, s.count(), s.p50Millis(),
                s.p99Millis(), s.p999Millis(), s.maxMillis());
        if (s.anyOutOfRange()) {
            out.printf(Locale.ROOT, "  %-22s %s%n", "", outOfRange(s));
        }
    }

    /** What the line above it holds beyond the histogram's range (1 us to 1 hour), e.g. stamps on another clock. */
    static String outOfRange(LatencySummary s) {
        StringBuilder b = new StringBuilder("(");
        if (s.aboveRangeCount() > 0) {
            b.append(s.aboveRangeCount()).append(" over 1 hour, counted as 1 hour in the quantiles; max as recorded");
        }
        if (s.negativeCount() > 0) {
            b.append(b.length() > 1 ? "; " : "").append(s.negativeCount())
                    .append(" negative (stamped after they were measured), counted as 0");
        }
        return b.append(')').toString();
    }
}
