package org.avfusion.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/** Merging, windowing and re-timing recorded sources, on small scripted sources (arrival ms lists). */
class MergedRecordedSourceTest {
    private static final SensorId A = new SensorId("a", SensorKind.GNSS);
    private static final SensorId B = new SensorId("b", SensorKind.GNSS);

    /** Frames of {@code sensor} arriving (and stamped) at the given milliseconds. */
    private static RecordedSource scripted(SensorId sensor, long... arrivalsMillis) {
        return new RecordedSource() {
            private int next;

            @Override
            public long nextArrivalNanos() {
                return next < arrivalsMillis.length ? arrivalsMillis[next] * 1_000_000L : END;
            }

            @Override
            public void emitNext(FrameSink sink) {
                long t = arrivalsMillis[next] * 1_000_000L;
                sink.publish(new FrameHeader(sensor, t, next++), new GnssFix(0, 0, 0, 0, 0, 0, FixMode.FIX_3D, 1, 5));
            }

            @Override
            public String describe() {
                return sensor.name();
            }
        };
    }

    /** "sensor@stampMs" for every frame, in the order released. */
    private static List<String> drain(RecordedSource s) {
        List<String> out = new ArrayList<>();
        while (s.nextArrivalNanos() != RecordedSource.END) {
            s.emitNext((h, p) -> out.add(h.sensor().name() + "@" + h.stampNanos() / 1_000_000L));
        }
        return out;
    }

    @Test
    void mergesInArrivalOrderWithTiesToTheFirstListed() {
        RecordedSource merged = new MergedRecordedSource(List.of(scripted(A, 0, 20, 40), scripted(B, 10, 20, 50)));
        assertEquals(List.of("a@0", "b@10", "a@20", "b@20", "a@40", "b@50"), drain(merged));
    }

    @Test
    void windowKeepsArrivalsFromFromUpToButExcludingTo() {
        RecordedSource window = new RecordedWindow(scripted(A, 0, 100, 200, 300, 400), 0, 0.1, 0.3);
        assertEquals(List.of("a@100", "a@200"), drain(window));
    }

    @Test
    void retimedShiftsStampsAndArrivalsSeparately() {
        RecordedSource retimed = new RetimedSource(scripted(A, 100, 200), -100_000_000L, 5_000_000L);
        assertEquals(105_000_000L, retimed.nextArrivalNanos());
        assertEquals(List.of("a@0", "a@100"), drain(retimed));
    }
}
