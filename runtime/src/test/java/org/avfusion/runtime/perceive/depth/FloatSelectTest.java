package org.avfusion.runtime.perceive.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection against the slow reference: sort a copy and index it. */
class FloatSelectTest {
    @Test
    void selectMatchesSortingOnRandomRangesWithTies() {
        Random random = new Random(DepthFixtures.SEED);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            float[] a = new float[n + 4];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(12) * 0.5f;
            }
            int from = 2, to = 2 + n;
            float[] sorted = Arrays.copyOfRange(a, from, to);
            Arrays.sort(sorted);
            double q = random.nextDouble();
            int rank = (int) Math.round(q * (n - 1));
            assertEquals(sorted[rank], FloatSelect.quantile(a, from, to, q), "seed " + DepthFixtures.SEED
                    + " trial " + trial + " n " + n + " q " + q);
        }
    }

    @Test
    void anEmptyRangeHasNoQuantile() {
        assertTrue(Float.isNaN(FloatSelect.quantile(new float[3], 1, 1, 0.5)));
    }
}
