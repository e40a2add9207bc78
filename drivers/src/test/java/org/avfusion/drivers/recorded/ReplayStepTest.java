package org.avfusion.drivers.recorded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;

class ReplayStepTest {
    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);

    /** Frames at fixed arrival times, for pacing tests. */
    private static final class TableSource implements RecordedSource {
        private final long[] arrivals;
        private int next;

        TableSource(long... arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public long nextArrivalNanos() {
            return next < arrivals.length ? arrivals[next] : END;
        }

        @Override
        public void emitNext(FrameSink sink) {
            GnssFix fix = new GnssFix(0, 1, 2, 3, 0, 0, FixMode.FIX_3D, 1, 5);
            sink.publish(new FrameHeader(GNSS, arrivals[next], next), fix);
            next++;
        }

        @Override
        public String describe() {
            return "table of " + arrivals.length + " frames";
        }
    }

    @Test
    void eachStepReleasesOneFrameAndTheTicksDueBeforeIt() {
        TableSource source = new TableSource(1_000, 251_000, 260_000, 1_001_000);
        ReplayPacer pacer = new ReplayPacer(1.0, 100_000);
        List<String> events = new ArrayList<>();
        FrameSink sink = (header, payload) -> events.add("frame@" + header.stampNanos());
        ReplayPacer.ClockListener clock = t -> events.add("tick@" + t);

        assertTrue(pacer.step(source, sink, clock));
        assertEquals(List.of("tick@1000", "frame@1000"), events);
        assertEquals(1_000, pacer.releasedVehicleNanos());
        events.clear();
        assertTrue(pacer.step(source, sink, clock));
        assertEquals(List.of("tick@101000", "tick@201000", "frame@251000"), events);
        events.clear();
        assertTrue(pacer.step(source, sink, clock));
        assertEquals(List.of("frame@260000"), events, "no tick due between 251 and 260 us");
        events.clear();
        long before = System.nanoTime();
        assertTrue(pacer.step(source, sink, clock));
        assertTrue(System.nanoTime() - before < 500_000_000L, "a step never waits for the replay clock");
        // no tick at 301 us: the frame at 260 us arrived within the period before it and carried the time
        assertEquals(List.of("tick@401000", "tick@501000", "tick@601000", "tick@701000",
                "tick@801000", "tick@901000", "tick@1001000", "frame@1001000"), events);
        assertFalse(pacer.step(source, sink, clock), "exhausted");
    }

    @Test
    void steppingYieldsTheSameFramesAndTicksAsRunningAsFastAsPossible() {
        long[] arrivals = {5, 5, 70, 300, 301, 999, 4_000};
        List<String> ran = new ArrayList<>();
        new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 128).run(new TableSource(arrivals),
                (h, p) -> ran.add("frame " + h.sequence() + "@" + h.stampNanos()), t -> ran.add("tick@" + t),
                Long.MAX_VALUE);
        List<String> stepped = new ArrayList<>();
        ReplayPacer pacer = new ReplayPacer(2.0, 128);
        TableSource source = new TableSource(arrivals);
        int steps = 0;
        while (pacer.step(source, (h, p) -> stepped.add("frame " + h.sequence() + "@" + h.stampNanos()),
                t -> stepped.add("tick@" + t))) {
            steps++;
        }
        assertEquals(arrivals.length, steps);
        assertEquals(ran, stepped);
    }
}
