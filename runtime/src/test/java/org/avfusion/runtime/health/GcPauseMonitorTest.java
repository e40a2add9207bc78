package org.avfusion.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcPauseMonitorTest {

    /** Pauses at 100-110, 200-250 (System.gc()), 300-305 ms uptime. */
    private static GcPauseMonitor threePauses() {
        GcPauseMonitor m = new GcPauseMonitor();
        m.record(new GcPauseMonitor.Pause(100, 10, "G1 Young Generation", "G1 Evacuation Pause"));
        m.record(new GcPauseMonitor.Pause(200, 50, "G1 Old Generation", "System.gc()"));
        m.record(new GcPauseMonitor.Pause(300, 5, "G1 Young Generation", "G1 Evacuation Pause"));
        return m;
    }

    @ParameterizedTest(name = "[{0}, {1}] -> {2} pauses, {3} ms, max {4} ms")
    @CsvSource({
        "0,   1000, 3, 65, 50",
        "105, 210,  2, 60, 50",   // overlaps the end of the first and the start of the second
        "111, 199,  0, 0,  0",
        "250, 250,  1, 50, 50",   // touches the end of the second
        "301, 400,  1, 5,  5"})
    void summarisesThePausesOverlappingTheWindow(long from, long to, long count, long total, long max) {
        GcPauseMonitor.Summary s = threePauses().summary(from, to);
        assertEquals(count, s.count());
        assertEquals(total, s.totalMillis());
        assertEquals(max, s.maxMillis());
    }

    @Test
    void countsByCause() {
        assertEquals(Map.of("G1 Evacuation Pause", 2L, "System.gc()", 1L), threePauses().summary(0, 1000).byCause());
    }

    @Test
    void hearsARealCollection() throws InterruptedException {
        try (GcPauseMonitor m = GcPauseMonitor.start()) {
            System.gc();
            for (int i = 0; i < 50 && m.pauses().isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertFalse(m.pauses().isEmpty(), "no GC notification within 5 s of System.gc()");
            assertTrue(m.summary(0, GcPauseMonitor.uptimeMillis()).count() >= 1);
        }
    }

    @ParameterizedTest
    @CsvSource({"ZGC Cycles, true", "ZGC Pauses, false", "G1 Young Generation, false", "Shenandoah Cycles, true"})
    void concurrentCycleBeansAreNotPauses(String bean, boolean concurrent) {
        assertEquals(concurrent, GcPauseMonitor.isConcurrentCycleBean(bean));
    }
}
