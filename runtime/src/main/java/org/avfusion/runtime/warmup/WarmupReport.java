package org.avfusion.runtime.warmup;

/**
 * What warm-up did and how long it took.
 *
 * @param wallNanos            whole warm-up, wall clock
 * @param cpuNanos             whole warm-up, CPU time of the warming thread (the load-independent figure)
 * @param sweeps               synthetic sweeps run through segmentation, grid, obstacles and decision
 * @param firstSweepMillis     the first of them (cold: interpreter, class loading), segmentation to decision
 * @param lastSweepMillis      the last of them (warm), segmentation to decision
 * @param inferences           detector inferences run (0 without a model)
 * @param firstInferenceMillis the first inference (session initialisation, allocator), NaN without a model
 * @param warmInferenceMillis  the fastest of the later inferences: the per-image cost the budget check uses, NaN
 *                             without a model or with fewer than two inferences
 */
public record WarmupReport(long wallNanos, long cpuNanos, int sweeps, double firstSweepMillis, double lastSweepMillis,
        int inferences, double firstInferenceMillis, double warmInferenceMillis) {
    public WarmupReport {
        if (wallNanos < 0 || cpuNanos < 0 || sweeps < 0 || inferences < 0) {
            throw new IllegalArgumentException("warm-up figures must be >= 0");
        }
    }

    public double wallMillis() {
        return wallNanos / 1e6;
    }

    public double cpuMillis() {
        return cpuNanos / 1e6;
    }

    /** One console line, e.g. {@code warm-up: 30 sweeps + 3 inferences in 812 ms (cpu 640 ms); ...}. */
    public String consoleLine() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "warm-up: %d sweeps + %d inferences in %.0f ms (cpu %.0f ms); sweep %.1f ms cold, %.1f ms warm",
                sweeps, inferences, wallMillis(), cpuMillis(), firstSweepMillis, lastSweepMillis));
        if (inferences > 0) {
            b.append(String.format(java.util.Locale.ROOT, "; inference %.1f ms first", firstInferenceMillis));
            if (!Double.isNaN(warmInferenceMillis)) {
                b.append(String.format(java.util.Locale.ROOT, ", %.1f ms warm", warmInferenceMillis));
            }
        }
        return b.toString();
    }
}
