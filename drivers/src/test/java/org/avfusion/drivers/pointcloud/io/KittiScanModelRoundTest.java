package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link KittiScanModel}'s rounding of time offsets gives {@code (int) Math.round} for every value it can meet. */
class KittiScanModelRoundTest {
    private static void assertRoundsAsMath(double v) {
        assertEquals((int) Math.round(v), KittiScanModel.roundNonNegative(v), () -> "round(" + v + ")");
    }

    @Test
    void tiesAndTheValuesBesideThemRoundAsMathRound() {
        for (int k = 0; k <= 100_000_000; k += k < 1000 ? 1 : 999_983) {
            double tie = k + 0.5;
            assertRoundsAsMath(tie);
            assertRoundsAsMath(Math.nextDown(tie));
            assertRoundsAsMath(Math.nextUp(tie));
            assertRoundsAsMath(k);
            assertRoundsAsMath(Math.nextUp((double) k));
            if (k > 0) {
                assertRoundsAsMath(Math.nextDown((double) k));
            }
        }
        assertRoundsAsMath(0.49999999999999994); // where floor(v + 0.5) is wrong
        assertRoundsAsMath(0.0);
        assertRoundsAsMath(1e8);
    }

    @Test
    void everyAzimuthGivesMathRoundsTimeOffset() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 1_000_000; i++) {
            double azimuth = rng.nextDouble(-Math.PI, Math.PI);
            double v = (Math.PI - azimuth) / (2 * Math.PI) * KittiScanModel.SWEEP_NANOS;
            assertEquals((int) Math.round(v), KittiScanModel.timeOffsetNanosOfAzimuth(azimuth), "azimuth " + azimuth);
        }
        assertEquals(0, KittiScanModel.timeOffsetNanosOfAzimuth(Math.PI));
        assertEquals((int) Math.round(2 * Math.PI / (2 * Math.PI) * KittiScanModel.SWEEP_NANOS),
                KittiScanModel.timeOffsetNanosOfAzimuth(-Math.PI));
    }
}
