package org.avfusion.drivers.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StampMappingTest {
    private static final long U = StampMapping.UNKNOWN_PTS;
    private static final long MS = 1_000_000L;

    private static long[] map(StampMapping mapping, long[] ptsMicros, long[] arrivalNanos) {
        long[] out = new long[ptsMicros.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mapping.toVehicleNanos(ptsMicros[i], arrivalNanos[i]);
        }
        return out;
    }

    @Test
    void firstPtsMapsToTheBaseAndLaterFramesKeepTheirSpacing() {
        FirstPtsStampMapping mapping = new FirstPtsStampMapping(1_000 * MS, 40 * MS);
        long[] stamps = map(mapping, new long[] {120_000, 160_000, 200_033, 240_000}, new long[4]);
        assertArrayEquals(new long[] {1_000 * MS, 1_040 * MS, 1_080 * MS + 33_000, 1_120 * MS}, stamps);
        assertEquals(0, mapping.repairedCount());
    }

    @Test
    void firstPtsRepairsMissingAndBackwardPtsOneFramePeriodOn() {
        FirstPtsStampMapping mapping = new FirstPtsStampMapping(0, 40 * MS);
        long[] stamps = map(mapping, new long[] {0, 40_000, U, 40_000, 200_000}, new long[5]);
        assertArrayEquals(new long[] {0, 40 * MS, 80 * MS, 120 * MS, 200 * MS}, stamps);
        assertEquals(2, mapping.repairedCount());
    }

    @Test
    void firstPtsIgnoresTheArrivalClock() {
        FirstPtsStampMapping mapping = new FirstPtsStampMapping(7, 40 * MS);
        assertArrayEquals(new long[] {7, 7 + 40 * MS},
                map(mapping, new long[] {0, 40_000}, new long[] {999 * MS, 3 * MS}));
    }

    @Test
    void liveStampsAreFirstArrivalPlusPtsDeltas() {
        ArrivalStampMapping mapping = new ArrivalStampMapping(40 * MS, 500 * MS);
        // transport jitter of 0..9 ms on top of the first frame's latency does not move the stamps
        long[] stamps = map(mapping, new long[] {0, 40_000, 80_000, 120_000},
                new long[] {1_000 * MS, 1_049 * MS, 1_081 * MS, 1_125 * MS});
        assertArrayEquals(new long[] {1_000 * MS, 1_040 * MS, 1_080 * MS, 1_120 * MS}, stamps);
        assertEquals(0, mapping.resyncCount());
    }

    @Test
    void liveMappingKeepsTheSmallestLatencySoNoFrameIsStampedAfterItArrived() {
        ArrivalStampMapping mapping = new ArrivalStampMapping(40 * MS, 500 * MS);
        // the first frame came 15 ms late: frame 1 arrives 15 ms before its mapped stamp and re-bases the anchor
        long[] stamps = map(mapping, new long[] {0, 40_000, 80_000},
                new long[] {1_015 * MS, 1_040 * MS, 1_081 * MS});
        assertArrayEquals(new long[] {1_015 * MS, 1_040 * MS, 1_080 * MS}, stamps);
        assertEquals(0, mapping.resyncCount());
    }

    @Test
    void liveMappingReanchorsWhenArrivalDriftsBeyondTheTolerance() {
        ArrivalStampMapping mapping = new ArrivalStampMapping(40 * MS, 100 * MS);
        // frames stall for 300 ms (lag beyond the 100 ms tolerance): re-anchor on the late frame
        long[] stamps = map(mapping, new long[] {0, 40_000, 80_000, 120_000},
                new long[] {0, 40 * MS, 380 * MS, 420 * MS});
        assertArrayEquals(new long[] {0, 40 * MS, 380 * MS, 420 * MS}, stamps);
        assertEquals(1, mapping.resyncCount());
    }

    @Test
    void liveMappingReanchorsWhenThePtsRestarts() {
        ArrivalStampMapping mapping = new ArrivalStampMapping(40 * MS, 100 * MS);
        long[] stamps = map(mapping, new long[] {5_000_000, 5_040_000, 0, 40_000},
                new long[] {10 * MS, 50 * MS, 90 * MS, 130 * MS});
        assertArrayEquals(new long[] {10 * MS, 50 * MS, 90 * MS, 130 * MS}, stamps);
        assertEquals(1, mapping.resyncCount());
    }

    @Test
    void liveMappingStampsAFrameWithoutPtsAtItsArrival() {
        ArrivalStampMapping mapping = new ArrivalStampMapping(40 * MS, 100 * MS);
        long[] stamps = map(mapping, new long[] {U, 0, 40_000}, new long[] {10 * MS, 52 * MS, 90 * MS});
        assertArrayEquals(new long[] {10 * MS, 52 * MS, 90 * MS}, stamps);
        assertEquals(1, mapping.repairedCount());
    }

    @Test
    void rejectsNonPositivePeriodsAndTolerances() {
        assertThrows(IllegalArgumentException.class, () -> new FirstPtsStampMapping(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalStampMapping(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalStampMapping(1, 0));
    }
}
