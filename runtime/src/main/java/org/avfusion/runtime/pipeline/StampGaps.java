package org.avfusion.runtime.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;

/**
 * A replay's check of each recorded frame's stamp against when the recording received it (its arrival on the replay
 * clock): a sensor whose stamps lie more than {@link #LIMIT_NANOS} either side of their arrivals is on another clock
 * (a bag's header stamps from a simulated or unsynchronised clock, a logger's clock offset). Its frames still go
 * through, unchanged; but every latency counts the gap, and at real time or slower the latency budget ages its sets,
 * so the replay says which sensor, by how much, and how many of its frames. A sweep arrives one period after its stamp
 * and a fix tens of milliseconds after: a second is far beyond either. The stamps are checked as recorded, before the
 * aligner applies a rig's clock offsets.
 *
 * <p>Sink decorator on the replay thread: {@link #warnings()} after the replay. No allocation per frame once each
 * sensor has been seen.
 */
final class StampGaps implements FrameSink {
    /** Stamps further than this from their arrival, either way, are counted: 1 s. */
    static final long LIMIT_NANOS = 1_000_000_000L;
    /** The largest clock offset a rig corrects ({@code sensors[].clockOffsetMillis}: one hour either way). */
    private static final long RIG_OFFSET_LIMIT_NANOS = 3_600_000_000_000L;

    private final FrameSink next;
    private final LongSupplier arrivalNanos;
    /** Per sensor: frames, frames over the limit, the first such frame's gap (arrival - stamp). */
    private final Map<SensorId, long[]> sensors = new LinkedHashMap<>();

    /**
     * @param next         the sink frames go on to
     * @param arrivalNanos the arrival of the frame being published (the replay pacer's released vehicle time)
     */
    StampGaps(FrameSink next, LongSupplier arrivalNanos) {
        this.next = Objects.requireNonNull(next, "next");
        this.arrivalNanos = Objects.requireNonNull(arrivalNanos, "arrivalNanos");
    }

    @Override
    public boolean publish(FrameHeader header, Payload payload) {
        long[] s = sensors.get(header.sensor());
        if (s == null) {
            s = new long[3];
            sensors.put(header.sensor(), s);
        }
        s[0]++;
        long gap = arrivalNanos.getAsLong() - header.stampNanos();
        if (gap > LIMIT_NANOS || gap < -LIMIT_NANOS) {
            if (s[1]++ == 0) {
                s[2] = gap;
            }
        }
        return next.publish(header, payload);
    }

    /** One line per sensor with frames stamped far from their arrival, e.g. for the console and the report. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<SensorId, long[]> e : sensors.entrySet()) {
            long[] s = e.getValue();
            if (s[1] == 0) {
                continue;
            }
            long gap = s[2];
            out.add(String.format(Locale.ROOT, "%s: %d of %d frames stamped more than %d s from when the recording"
                    + " received them (the first by %s, stamped %s): every latency counts the gap and, at real time or"
                    + " slower, the latency budget ages these sets; %s", e.getKey().name(), s[1], s[0],
                    LIMIT_NANOS / 1_000_000_000L, duration(Math.abs(gap)), gap > 0 ? "before" : "after",
                    Math.abs(gap) <= RIG_OFFSET_LIMIT_NANOS
                            ? "a rig (--rig) with the sensor's clockOffsetMillis corrects a constant offset"
                            : "more than a rig's clock offset corrects (one hour): the stamps are on another clock")
                    + " (stamps as recorded, before any clock offset of the rig)");
        }
        return out;
    }

    /** {@code nanos} in the unit that reads best: s, min, h or days. */
    static String duration(long nanos) {
        double s = nanos / 1e9;
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86_400);
    }
}
