package org.avfusion.fleet.drive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.health.LatencySummary;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.replay.DecisionRecord;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;
import org.avfusion.runtime.replay.ReplayOutcome;

/**
 * Replays one drive under each configuration with {@link Replay#inProcess} (no broker, no port: many run side by
 * side in one executor JVM) and compares the candidate with the baseline. Never throws for a bad drive: a drive that
 * cannot be replayed (missing, unsupported format, corrupt, rig without its sensors) gives a failed
 * {@link RunSummary} with the reason. Deterministic: the same drive and configurations give the same result but for
 * the wall-clock fields, so a retried task writes the same rows.
 */
public final class DriveReplay {
    private DriveReplay() {
    }

    /** Replays {@code task} under {@code configurations} (baseline first). */
    public static DriveResult run(DriveTask task, List<ReplayConfiguration> configurations) {
        List<RunSummary> runs = new ArrayList<>();
        Map<String, List<DecisionRecord>> decisions = new LinkedHashMap<>();
        for (ReplayConfiguration c : configurations) {
            try {
                ReplayInput input = input(task, c);
                RuntimeConfig profile = c.loadProfile();
                ReplayOutcome outcome = Replay.inProcess(input, profile, c.detection());
                runs.add(summary(c.name(), outcome));
                decisions.put(c.name(), outcome.decisions());
            } catch (RuntimeException | LinkageError e) {
                runs.add(RunSummary.failed(c.name(), reason(e)));
                decisions.put(c.name(), List.of());
            }
        }
        DriveComparison comparison = null;
        if (runs.size() == 2 && runs.get(0).ok() && runs.get(1).ok()) {
            comparison = DriveComparison.of(decisions.get(runs.get(0).config()), decisions.get(runs.get(1).config()));
        }
        return new DriveResult(task, runs, decisions, comparison);
    }

    static ReplayInput input(DriveTask task, ReplayConfiguration c) {
        if (task.isScenario()) {
            return ReplayInput.scenario(task.input().substring(DriveTask.SCENARIO_PREFIX.length()));
        }
        return ReplayInput.recording(Path.of(task.input())).withRig(c.rig() == null ? null : Path.of(c.rig()));
    }

    private static RunSummary summary(String config, ReplayOutcome o) {
        ReplayJob.Result r = o.summary();
        Map<String, Long> notOk = new TreeMap<>();
        double minGap = Double.NaN;
        for (DecisionRecord d : o.decisions()) {
            for (Map.Entry<String, String> s : d.sensors().entrySet()) {
                notOk.merge(s.getKey(), "OK".equals(s.getValue()) ? 0L : 1L, Long::sum);
            }
            double gap = d.obstacleDistanceMeters();
            if (Double.isFinite(gap) && !(gap >= minGap)) {
                minGap = gap;
            }
        }
        LatencySummary latency = r.endToEnd();
        long errors = r.stageErrors().values().stream().mapToLong(Long::longValue).sum();
        return new RunSummary(config, RunSummary.OK, null, r.frames(), o.decisions().size(),
                r.decisions().getOrDefault(DecisionKind.PROCEED, 0L), r.decisions().getOrDefault(DecisionKind.SLOW, 0L),
                r.decisions().getOrDefault(DecisionKind.STOP, 0L), r.decisions().getOrDefault(DecisionKind.REROUTE, 0L),
                minGap, latency.p50Millis(), latency.p99Millis(), latency.maxMillis(), r.droppedFrames(),
                r.skippedFrames(), errors, notOk, r.missing(), r.wallSeconds());
    }

    /** The exception as one message: its type and text, with the causes' texts, at most 2000 characters. */
    static String reason(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
                b.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage())
                        .append(')');
            }
        }
        return b.length() > 2000 ? b.substring(0, 2000) : b.toString();
    }
}
