package org.avfusion.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {
    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);

    /** Frames at the given arrival times. */
    private static RecordedSource table(long... arrivals) {
        return new RecordedSource() {
            private int next;

            @Override
            public long nextArrivalNanos() {
                return next < arrivals.length ? arrivals[next] : END;
            }

            @Override
            public void emitNext(FrameSink sink) {
                sink.publish(new FrameHeader(GNSS, arrivals[next], next),
                        new GnssFix(0, 1, 2, 3, 0, 0, FixMode.FIX_3D, 1, 5));
                next++;
            }

            @Override
            public String describe() {
                return "table";
            }
        };
    }

    /** {@code frames}, telling {@code prepared} each horizon the pacer asks to get ready. */
    private static RecordedSource preparing(RecordedSource frames, java.util.function.LongConsumer prepared) {
        return new RecordedSource() {
            @Override
            public long nextArrivalNanos() {
                return frames.nextArrivalNanos();
            }

            @Override
            public void prepareUntil(long horizonNanos) {
                prepared.accept(horizonNanos);
            }

            @Override
            public void emitNext(FrameSink sink) {
                frames.emitNext(sink);
            }

            @Override
            public String describe() {
                return "preparing " + frames.describe();
            }
        };
    }

    @Test
    void aHugeTickPeriodOverEpochStampsDoesNotWrapAround() {
        long epoch = 1_432_235_498_039_089_918L; // a ROS bag's absolute stamps
        List<Long> ticks = new ArrayList<>();
        long frames = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new ReplayPacer(
                ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE).run(table(epoch, epoch + 1_000_000, epoch + 2_000_000),
                        (h, p) -> true, ticks::add, Long.MAX_VALUE));
        assertEquals(3, frames);
        assertEquals(List.of(epoch), ticks, "one tick at the start, none after: the next would be past the end of time");
    }

    @Test
    void ticksFillOnlyTheQuietPeriods() {
        List<String> events = new ArrayList<>();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 10).run(table(0, 5, 40),
                (h, p) -> events.add("frame@" + h.stampNanos()), t -> events.add("tick@" + t), Long.MAX_VALUE);
        assertEquals(List.of("tick@0", "frame@0", "frame@5", "tick@20", "tick@30", "tick@40", "frame@40"), events,
                "no tick at 10: the frame at 5 carried the time; then a tick per quiet period");
    }

    @Test
    void eachFrameIsPreparedBeforeTheClockWaitsForItsArrival() {
        List<String> events = new ArrayList<>();
        RecordedSource preparing = preparing(table(0, 5, 40), h -> events.add("prepare<=" + h));
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 10).run(preparing,
                (h, p) -> events.add("frame@" + h.stampNanos()), t -> events.add("tick@" + t), Long.MAX_VALUE);
        assertEquals(List.of("prepare<=0", "tick@0", "frame@0", "prepare<=5", "frame@5", "prepare<=40", "tick@20",
                "tick@30", "tick@40", "frame@40"), events, "prepared before the ticks (the waits) that lead up to it; as "
                + "fast as possible up to the next frame only");
    }

    /**
     * In real time a source prepares its frames up to {@link ReplayPacer#PREPARE_LEAD_NANOS} past the next frame, a
     * lead before that frame is due: not as soon as the frame before was released, when the pipeline is busy with
     * it (a 200 ms replay: frames at 0, 200 ms and 210 ms, ticks every 25 ms).
     */
    @Test
    void inRealTimeTheNextFramesAreReadALeadBeforeTheyAreDue() {
        long ms = 1_000_000L;
        long lead = ReplayPacer.PREPARE_LEAD_NANOS / ms;
        assertEquals(50, lead, "the test's timeline below assumes a lead of 50 ms");
        List<String> events = new ArrayList<>();
        List<Long> preparedAtWall = new ArrayList<>();
        long start = System.nanoTime();
        RecordedSource preparing = preparing(table(0, 200 * ms, 210 * ms), h -> {
            preparedAtWall.add(System.nanoTime());
            events.add("prepare<=" + h / ms);
        });
        new ReplayPacer(1.0, 25 * ms).run(preparing, (h, p) -> events.add("frame@" + h.stampNanos() / ms),
                t -> events.add("tick@" + t / ms), Long.MAX_VALUE);
        assertEquals(List.of("prepare<=50", "tick@0", "frame@0", "tick@25", "tick@50", "tick@75", "tick@100",
                "tick@125", "tick@150", "prepare<=250", "tick@175", "tick@200", "frame@200", "prepare<=260",
                "frame@210"), events, "the frames due at 200 and 210 ms are read at 150 ms, not at 0 ms");
        // waits end no earlier than asked, whatever the load: a lower bound only
        long readAfter = preparedAtWall.get(1) - start;
        assertTrue(readAfter >= 150 * ms, "read " + readAfter / ms + " ms after the start: before its lead");
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertEquals("replay speed must be > 0, or 0 for as fast as possible; was -1.0",
                assertThrows(IllegalArgumentException.class, () -> new ReplayPacer(-1, 10)).getMessage());
        assertEquals("tickPeriodNanos must be > 0, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ReplayPacer(1, 0)).getMessage());
    }
}
