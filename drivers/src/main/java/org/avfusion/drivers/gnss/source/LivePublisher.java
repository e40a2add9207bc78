package org.avfusion.drivers.gnss.source;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.FrozenStreamDetector;
import org.avfusion.drivers.source.VehicleClock;

/**
 * Publishes the fixes of a live stream: each is stamped with the vehicle-clock time at which the bytes completing
 * it were received ({@link #received()}), numbered from 0, and counted. Used by one source thread.
 *
 * <p>A fix equal to the previous one is dropped, and {@value #REPEATS_TO_FREEZE} fixes in a row that repeat the
 * previous one or whose UTC time does not advance freeze the stream (see {@link FrozenStreamDetector}): nothing is
 * published until a fix with a later UTC time comes, so the GNSS falls silent downstream and its health says
 * {@code FROZEN}. A receiver repeating one epoch's sentences releases no fix at all (the decoder merges sentences of
 * one time into one epoch): sentences beyond twice the previous epoch's count without a fix count as repeats too.
 */
final class LivePublisher implements NmeaLineFeed.FixListener {
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final HealthCounters health;
    /** Repeated or non-advancing fixes in a row that freeze the stream: 0.3 s of a 10 Hz receiver. */
    static final int REPEATS_TO_FREEZE = 3;

    private final FrozenStreamDetector freeze = new FrozenStreamDetector(REPEATS_TO_FREEZE);
    private GnssFix previous;
    private int sentencesSinceFix;
    private int sentencesPerEpoch = 2;
    private long receivedNanos;
    private long sequence;

    LivePublisher(SensorId sensor, FrameSink sink, VehicleClock clock, HealthCounters health) {
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.GNSS) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not GNSS");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = health;
    }

    /** Notes the arrival time of the bytes about to be fed. */
    void received() {
        receivedNanos = clock.nowNanos();
    }

    @Override
    public void onSentenceWithoutFix() {
        if (++sentencesSinceFix > 2 * sentencesPerEpoch && !freeze.observe(true, false).use()) {
            health.frozen = freeze.frozen();
        }
    }

    @Override
    public void onFix(GnssFix fix, long lineNumber, long lineStampNanos) {
        if (!freeze.frozen()) {
            sentencesPerEpoch = Math.max(2, sentencesSinceFix + 1);
        }
        sentencesSinceFix = 0;
        GnssFix last = previous;
        previous = fix;
        boolean advanced = last == null || fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME
                || last.utcEpochMillis() == GnssFix.UNKNOWN_TIME || fix.utcEpochMillis() > last.utcEpochMillis();
        if (!freeze.observe(fix.equals(last), advanced).use()) {
            health.frozen = freeze.frozen();
            health.repeatedFixes++;
            return;
        }
        health.frozen = false;
        health.fixes++;
        if (!sink.publish(new FrameHeader(sensor, receivedNanos, sequence++), fix)) {
            health.droppedBySink++;
        }
    }
}
