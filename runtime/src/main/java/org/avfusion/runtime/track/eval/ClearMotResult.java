package org.avfusion.runtime.track.eval;

/**
 * CLEAR MOT over a sequence (Bernardin and Stiefelhagen 2008): {@code mota = 1 - (fn + fp + idSwitches) / gt},
 * {@code motp} the mean distance of the matched pairs (metres; lower is better), and the counts behind them.
 */
public record ClearMotResult(int frames, int groundTruth, int matches, int falsePositives, int falseNegatives,
        int idSwitches, int ignoredHypotheses, double mota, double motpMeters) {
}
