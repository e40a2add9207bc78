package org.avfusion.runtime.track.eval;

import java.util.HashMap;
import java.util.Map;
import org.avfusion.runtime.assign.HungarianAssignment;

/**
 * CLEAR MOT metrics (Bernardin and Stiefelhagen, "Evaluating Multiple Object Tracking Performance: The CLEAR MOT
 * Metrics", 2008), class-agnostic, on ground-plane distance. Per frame: a labelled object keeps last frame's
 * hypothesis when that one is still within {@code thresholdMeters}; the rest are matched by the Hungarian method on
 * distance (pairs farther than the threshold forbidden); a labelled object matched to another hypothesis than the
 * last one it had is an id switch. Unmatched labels are misses (FN), unmatched hypotheses false positives (FP),
 * except hypotheses within the threshold of an <em>ignored</em> label (one a benchmark does not score: too few
 * points, too far), which count as neither (as KITTI's devkit does for DontCare and filtered objects).
 *
 * <p>Allocates per frame (an evaluation tool, not a stage). Not thread-safe.
 */
public final class ClearMot {
    private final double threshold;
    private final HungarianAssignment hungarian = new HungarianAssignment();
    private final Map<Long, Long> lastMatch = new HashMap<>();
    private int frames, gt, matches, fp, fn, switches, ignored;
    private double distanceSum;

    /** @param thresholdMeters largest distance of a match, in (0, 100] */
    public ClearMot(double thresholdMeters) {
        if (!(thresholdMeters > 0 && thresholdMeters <= 100)) {
            throw new IllegalArgumentException("match threshold must be in (0, 100] m, was " + thresholdMeters);
        }
        this.threshold = thresholdMeters;
    }

    /**
     * Adds one frame: labels {@code gtIds, gtX, gtY} (with {@code gtIgnored} flags, or null for none ignored) and
     * hypotheses {@code hypIds, hypX, hypY}, in one frame of reference, metres.
     */
    public void addFrame(long[] gtIds, double[] gtX, double[] gtY, boolean[] gtIgnored, int nGt, long[] hypIds,
            double[] hypX, double[] hypY, int nHyp) {
        frames++;
        int[] gtToHyp = new int[nGt];
        boolean[] hypUsed = new boolean[nHyp];
        java.util.Arrays.fill(gtToHyp, -1);
        // 1: keep last frame's correspondences that still hold
        for (int g = 0; g < nGt; g++) {
            if (ignoredAt(gtIgnored, g)) {
                continue;
            }
            Long prev = lastMatch.get(gtIds[g]);
            if (prev == null) {
                continue;
            }
            for (int h = 0; h < nHyp; h++) {
                if (!hypUsed[h] && hypIds[h] == prev && dist(gtX[g], gtY[g], hypX[h], hypY[h]) <= threshold) {
                    gtToHyp[g] = h;
                    hypUsed[h] = true;
                    break;
                }
            }
        }
        // 2: Hungarian over the rest
        int[] rows = new int[nGt];
        int[] cols = new int[nHyp];
        int nr = 0, nc = 0;
        for (int g = 0; g < nGt; g++) {
            if (gtToHyp[g] < 0 && !ignoredAt(gtIgnored, g)) {
                rows[nr++] = g;
            }
        }
        for (int h = 0; h < nHyp; h++) {
            if (!hypUsed[h]) {
                cols[nc++] = h;
            }
        }
        if (nr > 0 && nc > 0) {
            double[] cost = new double[nr * nc];
            for (int i = 0; i < nr; i++) {
                for (int j = 0; j < nc; j++) {
                    cost[i * nc + j] = dist(gtX[rows[i]], gtY[rows[i]], hypX[cols[j]], hypY[cols[j]]);
                }
            }
            int[] rowToCol = new int[nr];
            hungarian.solve(cost, nr, nc, threshold, rowToCol);
            for (int i = 0; i < nr; i++) {
                if (rowToCol[i] >= 0) {
                    int g = rows[i], h = cols[rowToCol[i]];
                    gtToHyp[g] = h;
                    hypUsed[h] = true;
                    Long prev = lastMatch.get(gtIds[g]);
                    if (prev != null && prev != hypIds[h]) {
                        switches++;
                    }
                }
            }
        }
        for (int g = 0; g < nGt; g++) {
            if (ignoredAt(gtIgnored, g)) {
                continue;
            }
            gt++;
            int h = gtToHyp[g];
            if (h < 0) {
                fn++;
            } else {
                matches++;
                distanceSum += dist(gtX[g], gtY[g], hypX[h], hypY[h]);
                lastMatch.put(gtIds[g], hypIds[h]);
            }
        }
        // 3: hypotheses on ignored labels are neither right nor wrong
        for (int h = 0; h < nHyp; h++) {
            if (hypUsed[h]) {
                continue;
            }
            boolean onIgnored = false;
            for (int g = 0; g < nGt && !onIgnored; g++) {
                onIgnored = ignoredAt(gtIgnored, g) && dist(gtX[g], gtY[g], hypX[h], hypY[h]) <= threshold;
            }
            if (onIgnored) {
                ignored++;
            } else {
                fp++;
            }
        }
    }

    private static boolean ignoredAt(boolean[] flags, int i) {
        return flags != null && flags[i];
    }

    private static double dist(double ax, double ay, double bx, double by) {
        return Math.hypot(ax - bx, ay - by);
    }

    /** The metrics so far; MOTA is NaN without labels, MOTP NaN without matches. */
    public ClearMotResult result() {
        double mota = gt == 0 ? Double.NaN : 1.0 - (double) (fn + fp + switches) / gt;
        double motp = matches == 0 ? Double.NaN : distanceSum / matches;
        return new ClearMotResult(frames, gt, matches, fp, fn, switches, ignored, mota, motp);
    }
}
