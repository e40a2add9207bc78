package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/** {@link StampGaps}: recorded frames stamped far from their arrival are counted per sensor and named. */
class StampGapsTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);
    private static final long MS = 1_000_000L;

    @Test
    void framesWithinASecondOfTheirArrivalPassSilentlyAndFartherOnesAreCountedPerSensor() {
        List<FrameHeader> passed = new ArrayList<>();
        long[] arrival = {0};
        StampGaps gaps = new StampGaps((h, p) -> passed.add(h), () -> arrival[0]);
        // a sweep arrives a period after its stamp, a fix 40 ms after: fine
        for (int i = 0; i < 10; i++) {
            arrival[0] = (i + 1) * 100 * MS;
            gaps.publish(new FrameHeader(LIDAR, i * 100 * MS, i), null);
            gaps.publish(new FrameHeader(GNSS, arrival[0] - 40 * MS, i), null);
        }
        assertEquals(List.of(), gaps.warnings());
        // then the lidar's stamps jump 3 minutes ahead of the recording's clock
        for (int i = 10; i < 13; i++) {
            arrival[0] = (i + 1) * 100 * MS;
            gaps.publish(new FrameHeader(LIDAR, arrival[0] + 180_000 * MS, i), null);
        }
        assertEquals(23, passed.size(), "every frame goes on, unchanged");
        List<String> w = gaps.warnings();
        assertEquals(1, w.size(), "" + w);
        assertTrue(w.get(0).startsWith("lidar_top: 3 of 13 frames stamped more than 1 s from when the recording"
                + " received them (the first by 3.0 min, stamped after)"), w.get(0));
        assertTrue(w.get(0).contains("clockOffsetMillis"), "within a rig's offset range: says how to correct it");
    }

    @Test
    void aGapBeyondARigsOffsetSaysTheStampsAreOnAnotherClock() {
        StampGaps gaps = new StampGaps((h, p) -> true, () -> 2 * 86_400_000 * MS);
        gaps.publish(new FrameHeader(LIDAR, 0, 0), null);
        String w = gaps.warnings().get(0);
        assertTrue(w.contains("the first by 2.0 days, stamped before") && w.contains("on another clock"), w);
    }

    @Test
    void durationsReadInTheirUnit() {
        assertEquals("1.5 s", StampGaps.duration(1_500 * MS));
        assertEquals("2.5 min", StampGaps.duration(150_000 * MS));
        assertEquals("3.0 h", StampGaps.duration(3 * 3_600_000 * MS));
        assertEquals("245.3 days", StampGaps.duration((long) (245.3 * 86_400_000) * MS));
    }
}
