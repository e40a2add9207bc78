package org.avfusion.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The compiler threads' time: measured on HotSpot, never negative between two readings, unmeasured passed on. */
class JitCompileTimeTest {
    @Test
    void hotSpotMeasuresItAndItOnlyGrows() {
        long before = JitCompileTime.totalMillis();
        assertTrue(before > 0, "HotSpot has compiled for a JUnit run already: " + before);
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) { // something to compile
            sum += Long.numberOfTrailingZeros(i * 31L + sum);
        }
        long after = JitCompileTime.totalMillis();
        assertTrue(after >= before, before + " then " + after + " (" + sum + ")");
        assertEquals(after - before, JitCompileTime.between(before, after));
    }

    @Test
    void unmeasuredReadingsGiveUnmeasuredAndABackwardsPairGivesZero() {
        assertEquals(JitCompileTime.UNMEASURED, JitCompileTime.between(JitCompileTime.UNMEASURED, 100));
        assertEquals(JitCompileTime.UNMEASURED, JitCompileTime.between(100, JitCompileTime.UNMEASURED));
        assertEquals(0, JitCompileTime.between(100, 90));
        assertEquals(25, JitCompileTime.between(100, 125));
    }
}
