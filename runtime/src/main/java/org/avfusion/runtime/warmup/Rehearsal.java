package org.avfusion.runtime.warmup;

/**
 * What a paced replay's rehearsal did before the clock started: the recording's first seconds replayed as fast as
 * possible through a throwaway pipeline built from the same profile (its output discarded), so that the real
 * pipeline's first sets run JIT-compiled code with the recording's own profile (ring, aligner, stages, encoders), not
 * interpreted code and code compiled on synthetic sweeps (issue #17: the first decisions of the KITTI sequence with
 * YOLOX-Nano at real time took 60-110 ms after {@link StageWarmup}, later ones 35-50 ms).
 *
 * @param recordedSeconds the recording's time rehearsed in one pass, seconds (0 when skipped)
 * @param passes          passes over it (a short recording is rehearsed again), 0 when skipped
 * @param frames          frames the rehearsal released, all passes
 * @param decisions       decisions its pipeline made (discarded)
 * @param wallMillis      its wall time, from opening the recording again to closing the throwaway pipeline
 * @param skipped         why it did not run, or null when it ran
 */
public record Rehearsal(double recordedSeconds, int passes, long frames, long decisions, double wallMillis,
        String skipped) {
    public Rehearsal {
        if (!(recordedSeconds >= 0) || passes < 0 || frames < 0 || decisions < 0 || !(wallMillis >= 0)) {
            throw new IllegalArgumentException("rehearsal figures must be >= 0: " + recordedSeconds + " s, " + passes
                    + " passes, " + frames + " frames, " + decisions + " decisions, " + wallMillis + " ms");
        }
    }

    /** No rehearsal was asked for (a scenario, a live run, a replay as fast as possible). */
    public static final Rehearsal NONE = new Rehearsal(0, 0, 0, 0, 0, "not asked for");

    /** A rehearsal that did not run, and why. */
    public static Rehearsal skipped(String why) {
        return new Rehearsal(0, 0, 0, 0, 0, java.util.Objects.requireNonNull(why, "why"));
    }

    public boolean ran() {
        return skipped == null;
    }

    /**
     * One console line, e.g. {@code rehearsal: the first 2.0 s of the recording, 2 passes (80 frames, 40 decisions,
     * discarded) through a throwaway pipeline in 3754 ms}.
     */
    public String consoleLine() {
        return ran() ? String.format(java.util.Locale.ROOT, "rehearsal: the first %.1f s of the recording, %d pass%s"
                + " (%d frames, %d decisions, discarded) through a throwaway pipeline in %.0f ms", recordedSeconds,
                passes, passes == 1 ? "" : "es", frames, decisions, wallMillis) : "rehearsal: skipped (" + skipped + ")";
    }
}
