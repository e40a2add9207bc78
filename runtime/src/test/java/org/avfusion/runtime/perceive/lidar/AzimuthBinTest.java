package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The polynomial sector is the atan2 sector wherever it answers, and it answers for almost every direction. */
class AzimuthBinTest {
    private static final long SEED = 9L;

    /** The sector PolarGroundGrid computed before: atan2 into [0, 2 pi), times sectors per radian, truncated. */
    private static int exact(double dx, double dy, double binsPerRad) {
        double a = Math.atan2(dy, dx);
        if (a < 0) {
            a += 2 * Math.PI;
        }
        return (int) (a * binsPerRad);
    }

    @Test
    void equalsTheAtan2SectorForRandomDirectionsAtEverySectorCount() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int bins : new int[] {8, 90, 360, 361, 1000, 7200}) {
            double binsPerRad = bins / (2 * Math.PI);
            int answered = 0;
            int n = 400_000;
            for (int i = 0; i < n; i++) {
                // ranges from centimetres to kilometres, all four quadrants, axis-aligned ones too
                double scale = Math.pow(10, rng.nextDouble(-2, 3));
                double dx = i % 97 == 0 ? 0 : rng.nextGaussian() * scale;
                double dy = i % 89 == 0 ? 0 : rng.nextGaussian() * scale;
                int sector = AzimuthBin.sectorOrMinusOne(dx, dy, binsPerRad);
                if (sector >= 0) {
                    answered++;
                    assertEquals(exact(dx, dy, binsPerRad), sector, "seed " + SEED + ", " + bins + " sectors, ("
                            + dx + ", " + dy + ")");
                }
            }
            // the axis-aligned directions (one in about 45 here) lie on sector boundaries when 4 divides the count
            assertTrue(answered > 0.97 * n, bins + " sectors: only " + answered + " of " + n + " answered");
        }
    }

    @Test
    void directionsOnAndNextToSectorBoundariesGoToTheExactPath() {
        int bins = 360;
        double binsPerRad = bins / (2 * Math.PI);
        for (int k = 0; k < bins; k++) {
            double boundary = k / binsPerRad;
            for (double off : new double[] {0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-7, -1e-7}) {
                double a = boundary + off;
                double dx = 30 * Math.cos(a), dy = 30 * Math.sin(a);
                int sector = AzimuthBin.sectorOrMinusOne(dx, dy, binsPerRad);
                assertEquals(-1, sector, "sector " + k + " offset " + off + " rad");
            }
            double mid = (k + 0.5) / binsPerRad;
            assertEquals(exact(Math.cos(mid), Math.sin(mid), binsPerRad),
                    AzimuthBin.sectorOrMinusOne(Math.cos(mid), Math.sin(mid), binsPerRad), "middle of sector " + k);
        }
    }

    @Test
    void noDirectionIsNoAnswer() {
        double binsPerRad = 360 / (2 * Math.PI);
        assertEquals(-1, AzimuthBin.sectorOrMinusOne(0, 0, binsPerRad));
        assertEquals(-1, AzimuthBin.sectorOrMinusOne(-0.0, -0.0, binsPerRad));
        assertEquals(-1, AzimuthBin.sectorOrMinusOne(Double.NaN, 1, binsPerRad));
        assertEquals(-1, AzimuthBin.sectorOrMinusOne(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, binsPerRad));
    }

    @Test
    void theGridsCellIsUnchangedForTheHdl64eSweepGeometry() {
        PolarGroundGrid grid = new PolarGroundGrid(360, 80, 1.0);
        SplittableRandom rng = new SplittableRandom(SEED);
        double binsPerRad = 360 / (2 * Math.PI);
        for (int i = 0; i < 200_000; i++) {
            double r = rng.nextDouble(0, 79.9), a = rng.nextDouble(-Math.PI, Math.PI);
            double dx = r * Math.cos(a), dy = r * Math.sin(a);
            int ring = (int) (Math.sqrt(dx * dx + dy * dy) / 1.0);
            int az = exact(dx, dy, binsPerRad);
            // cells ring by ring (PolarGroundGrid's layout)
            assertEquals(ring * 360 + (az >= 360 ? 0 : az), grid.cellOf(dx, dy), "(" + dx + ", " + dy + ")");
        }
    }
}
