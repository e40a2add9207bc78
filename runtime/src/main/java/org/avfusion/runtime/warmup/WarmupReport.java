package org.avfusion.runtime.warmup;

/**
 * What warm-up did and how long it took.
 *
 * @param wallNanos            whole warm-up, wall clock
 * @param cpuNanos             whole warm-up, CPU time of the warming thread (the load-independent figure)
 * @param sweeps               synthetic sweeps run through segmentation, grid, obstacles and decision
 * @param firstSweepMillis     the first of them (cold: interpreter, class loading): ego filter when configured,
 *                             segmentation, grid, obstacles and decision (the track stage is timed apart)
 * @param lastSweepMillis      the last of them (warm), likewise
 * @param inferences           detector inferences run (0 without a model)
 * @param firstInferenceMillis the first inference (session initialisation, allocator), NaN without a model
 * @param warmInferenceMillis  the fastest of the later inferences: the per-image cost the budget check uses, NaN
 *                             without a model or with fewer than two inferences
 * @param firstTrackMillis     the track stage's work (clustering, association, tracker) on the first sweep, NaN when
 *                             the track stage was not warmed
 * @param lastTrackMillis      likewise on the last sweep
 * @param firstPublishMillis   the publish path's encoding (decision, objects, occupancy, health, decisions file) on
 *                             the first sweep, NaN when not warmed
 * @param lastPublishMillis    likewise on the last sweep
 * @param trackTotalMillis     the track stage's work over all sweeps (its share of the warm-up), 0 when not warmed
 * @param publishTotalMillis   the publish path's encoding over all sweeps, 0 when not warmed
 * @param encodedBytes         payload bytes encoded (and discarded) by the publish path's warm-up
 * @param recordedImages       the recording's camera images the detector ran on (its first inference is then on
 *                             the first of them), 0 without a model or images
 * @param recordedDetections   detections the track stage received with the recording's sweeps (their images'
 *                             detections, summed over the recorded sweeps), 0 without a model or images
 */
public record WarmupReport(long wallNanos, long cpuNanos, int sweeps, double firstSweepMillis, double lastSweepMillis,
        int inferences, double firstInferenceMillis, double warmInferenceMillis, double firstTrackMillis,
        double lastTrackMillis, double firstPublishMillis, double lastPublishMillis, double trackTotalMillis,
        double publishTotalMillis, long encodedBytes, int recordedImages, long recordedDetections) {
    public WarmupReport {
        if (wallNanos < 0 || cpuNanos < 0 || sweeps < 0 || inferences < 0 || encodedBytes < 0
                || !(trackTotalMillis >= 0) || !(publishTotalMillis >= 0) || recordedImages < 0
                || recordedDetections < 0) {
            throw new IllegalArgumentException("warm-up figures must be >= 0");
        }
    }

    /** Algorithms and inferences only: no track stage, no publish path. */
    public WarmupReport(long wallNanos, long cpuNanos, int sweeps, double firstSweepMillis, double lastSweepMillis,
            int inferences, double firstInferenceMillis, double warmInferenceMillis) {
        this(wallNanos, cpuNanos, sweeps, firstSweepMillis, lastSweepMillis, inferences, firstInferenceMillis,
                warmInferenceMillis, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0);
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
        if (!Double.isNaN(firstTrackMillis)) {
            b.append(String.format(java.util.Locale.ROOT, "; track %.1f ms cold, %.1f ms warm (%.0f ms in all)",
                    firstTrackMillis, lastTrackMillis, trackTotalMillis));
        }
        if (!Double.isNaN(firstPublishMillis)) {
            b.append(String.format(java.util.Locale.ROOT, "; publish %.1f ms cold, %.1f ms warm (%.0f ms in all)",
                    firstPublishMillis, lastPublishMillis, publishTotalMillis));
        }
        if (inferences > 0) {
            b.append(String.format(java.util.Locale.ROOT, "; inference %.1f ms first", firstInferenceMillis));
            if (!Double.isNaN(warmInferenceMillis)) {
                b.append(String.format(java.util.Locale.ROOT, ", %.1f ms warm", warmInferenceMillis));
            }
            if (recordedImages > 0) {
                b.append(String.format(java.util.Locale.ROOT, "; %d recorded images, %d detections to the track stage",
                        recordedImages, recordedDetections));
            }
        }
        return b.toString();
    }
}
