package org.avfusion.runtime.perceive.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassAwareNmsTest {
    private static DetectionList list(float[][] rows) {
        DetectionList l = new DetectionList(64);
        for (float[] r : rows) {
            l.add(r[0], r[1], r[2], r[3], r[4], (int) r[5]);
        }
        return l;
    }

    @Test
    void suppressesOverlappingBoxesOfTheSameClassKeepingTheBest() {
        DetectionList in = list(new float[][]{
            //  x1   y1   x2   y2  score class
            {0, 0, 100, 100, 0.6f, 2},
            {5, 5, 105, 105, 0.9f, 2},     // IoU 0.82 with the first: the first goes
            {200, 0, 300, 100, 0.5f, 2},   // apart: kept
            {5, 5, 105, 105, 0.7f, 0},     // same place, other class: kept
        });
        DetectionList out = new DetectionList(64);
        ClassAwareNms.suppress(in, 0.45f, 100, out);
        assertEquals(3, out.size());
        assertEquals(0.9f, out.score(0));
        assertEquals(0.7f, out.score(1));
        assertEquals(0, out.cocoClass(1));
        assertEquals(0.5f, out.score(2));
    }

    @Test
    void keepsAtMostMaxDetections() {
        DetectionList in = list(new float[][]{{0, 0, 10, 10, 0.3f, 1}, {20, 0, 30, 10, 0.8f, 1},
            {40, 0, 50, 10, 0.5f, 1}});
        DetectionList out = new DetectionList(64);
        ClassAwareNms.suppress(in, 0.5f, 2, out);
        assertEquals(2, out.size());
        assertEquals(0.8f, out.score(0));
        assertEquals(0.5f, out.score(1));
    }

    @Test
    void matchesABruteForceReferenceOnRandomBoxes() {
        long seed = 20260501L;
        Random random = new Random(seed);
        ClassAwareNms nms = new ClassAwareNms(64);
        for (int round = 0; round < 200; round++) {
            DetectionList in = new DetectionList(64);
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                float x = random.nextFloat() * 200;
                float y = random.nextFloat() * 200;
                in.add(x, y, x + 5 + random.nextFloat() * 60, y + 5 + random.nextFloat() * 60,
                        random.nextInt(1000) / 1000f, random.nextInt(3));
            }
            DetectionList out = new DetectionList(64);
            nms.apply(in, 0.4f, 100, out);
            List<float[]> expected = reference(in, 0.4f);
            assertEquals(expected.size(), out.size(), "seed " + seed + " round " + round);
            for (int i = 0; i < out.size(); i++) {
                assertEquals(expected.get(i)[4], out.score(i), "seed " + seed + " round " + round + " #" + i);
                assertEquals(expected.get(i)[0], out.x1(i), "seed " + seed + " round " + round + " #" + i);
            }
        }
    }

    /** Slow reference: sort copies by score (stable), keep a box unless a kept one of its class overlaps it. */
    private static List<float[]> reference(DetectionList in, float iou) {
        List<float[]> all = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            all.add(new float[]{in.x1(i), in.y1(i), in.x2(i), in.y2(i), in.score(i), in.cocoClass(i)});
        }
        all.sort(Comparator.comparingDouble((float[] r) -> -r[4]));
        List<float[]> kept = new ArrayList<>();
        for (float[] r : all) {
            boolean keep = true;
            for (float[] k : kept) {
                if (k[5] == r[5] && BoxMath.iou(k[0], k[1], k[2], k[3], r[0], r[1], r[2], r[3]) > iou) {
                    keep = false;
                }
            }
            if (keep) {
                kept.add(r);
            }
        }
        return kept;
    }

    @Test
    void fullListCountsWhatItDrops() {
        DetectionList l = new DetectionList(1);
        assertTrue(l.add(0, 0, 1, 1, 0.5f, 0));
        assertTrue(!l.add(0, 0, 1, 1, 0.5f, 0));
        assertEquals(1, l.overflowCount());
    }
}
