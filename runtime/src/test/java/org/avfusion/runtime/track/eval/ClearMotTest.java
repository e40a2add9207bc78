package org.avfusion.runtime.track.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CLEAR MOT on a hand-made table of three frames, threshold 2 m:
 *
 * <pre>
 *  frame  labels (id: x, y)             hypotheses (id: x, y)                      outcome
 *  1      1: (0, 0)   2: (10, 0)        100: (0.5, 0)   200: (10, 0.3)             2 matches (0.5, 0.3)
 *  2      1: (1, 0)   2: (11, 0)        100: (1, 0.4)   300: (11, 0.2)  400: (30, 30)
 *                                                                                  2 matches (0.4, 0.2), label 2
 *                                                                                  switches 200 -&gt; 300, 400 is FP
 *  3      1: (2, 0)   2: (12, 0)        100: (2, 0)     500: (50, 0.5)             1 match (0), label 2 missed,
 *         3: (50, 0) ignored                                                       500 sits on an ignored label
 * </pre>
 *
 * GT 6, matches 5, FP 1, FN 1, switches 1: MOTA = 1 - 3/6 = 0.5; MOTP = 1.4 / 5 = 0.28 m.
 */
class ClearMotTest {
    @Test
    void computesTheHandMadeTable() {
        ClearMot mot = new ClearMot(2.0);
        mot.addFrame(new long[] {1, 2}, new double[] {0, 10}, new double[] {0, 0}, null, 2,
                new long[] {100, 200}, new double[] {0.5, 10}, new double[] {0, 0.3}, 2);
        mot.addFrame(new long[] {1, 2}, new double[] {1, 11}, new double[] {0, 0}, null, 2,
                new long[] {100, 300, 400}, new double[] {1, 11, 30}, new double[] {0.4, 0.2, 30}, 3);
        mot.addFrame(new long[] {1, 2, 3}, new double[] {2, 12, 50}, new double[] {0, 0, 0},
                new boolean[] {false, false, true}, 3,
                new long[] {100, 500}, new double[] {2, 50}, new double[] {0, 0.5}, 2);
        ClearMotResult r = mot.result();
        assertEquals(3, r.frames());
        assertEquals(6, r.groundTruth());
        assertEquals(5, r.matches());
        assertEquals(1, r.falsePositives());
        assertEquals(1, r.falseNegatives());
        assertEquals(1, r.idSwitches());
        assertEquals(1, r.ignoredHypotheses());
        assertEquals(0.5, r.mota(), 1e-12);
        assertEquals(0.28, r.motpMeters(), 1e-12);
    }

    @Test
    void keepsLastFramesMatchOverACloserNewcomer() {
        // label 1 had hypothesis 7; in frame 2 hypothesis 8 is nearer but 7 is still within the threshold: no switch
        ClearMot mot = new ClearMot(2.0);
        mot.addFrame(new long[] {1}, new double[] {0}, new double[] {0}, null, 1, new long[] {7},
                new double[] {0.1}, new double[] {0}, 1);
        mot.addFrame(new long[] {1}, new double[] {0}, new double[] {0}, null, 1, new long[] {7, 8},
                new double[] {1.5, 0.05}, new double[] {0, 0}, 2);
        ClearMotResult r = mot.result();
        assertEquals(0, r.idSwitches());
        assertEquals(1, r.falsePositives());
        assertEquals(0.8, r.motpMeters(), 1e-12);
    }
}
