package org.avfusion.runtime.perceive.detect;

/**
 * Greedy non-maximum suppression per class: candidates are visited by descending score, and one is kept unless a
 * kept box of the same COCO class overlaps it with IoU above the threshold. Boxes of different classes never
 * suppress each other. Ties keep the earlier candidate, so the result is deterministic.
 *
 * <p>Scratch arrays are sized once for {@code capacity} candidates; {@link #apply} allocates nothing. Not
 * thread-safe: one instance per detector.
 */
public final class ClassAwareNms {
    private final int[] order;
    private final boolean[] suppressed;

    /** @param capacity the most candidates one call will see (the candidate list's capacity) */
    public ClassAwareNms(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        order = new int[capacity];
        suppressed = new boolean[capacity];
    }

    /** One-shot convenience for tests and tools: allocates its scratch. */
    public static void suppress(DetectionList candidates, float iouThreshold, int maxDetections, DetectionList out) {
        new ClassAwareNms(Math.max(1, candidates.size())).apply(candidates, iouThreshold, maxDetections, out);
    }

    /**
     * Clears {@code out} and writes into it, best first, the at most {@code maxDetections} candidates that survive.
     *
     * @param iouThreshold a candidate is suppressed when its IoU with a kept box of its class exceeds this (0..1)
     */
    public void apply(DetectionList candidates, float iouThreshold, int maxDetections, DetectionList out) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("iouThreshold must be in [0, 1], was " + iouThreshold);
        }
        int n = candidates.size();
        if (n > order.length) {
            throw new IllegalArgumentException(n + " candidates exceed the NMS capacity " + order.length);
        }
        out.clear();
        float[] x1 = candidates.x1s();
        float[] y1 = candidates.y1s();
        float[] x2 = candidates.x2s();
        float[] y2 = candidates.y2s();
        float[] score = candidates.scores();
        int[] cls = candidates.classes();
        for (int i = 0; i < n; i++) {
            order[i] = i;
            suppressed[i] = false;
        }
        sortByScoreDescending(order, score, n);
        int kept = 0;
        for (int a = 0; a < n && kept < maxDetections; a++) {
            int i = order[a];
            if (suppressed[i]) {
                continue;
            }
            out.add(x1[i], y1[i], x2[i], y2[i], score[i], cls[i]);
            kept++;
            for (int b = a + 1; b < n; b++) {
                int j = order[b];
                if (!suppressed[j] && cls[j] == cls[i]
                        && BoxMath.iou(x1[i], y1[i], x2[i], y2[i], x1[j], y1[j], x2[j], y2[j]) > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
    }

    /** Stable insertion sort of indices by descending key: candidate counts after thresholding are small. */
    static void sortByScoreDescending(int[] idx, float[] key, int n) {
        for (int i = 1; i < n; i++) {
            int v = idx[i];
            float k = key[v];
            int j = i - 1;
            while (j >= 0 && key[idx[j]] < k) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }
}
