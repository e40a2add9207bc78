package org.avfusion.drivers.gnss.source;

import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;

/**
 * Publishes the fixes of a live stream: each is stamped with the vehicle-clock time at which the bytes completing
 * it were received ({@link #received()}), numbered from 0, and counted. Used by one source thread.
 */
final class LivePublisher implements NmeaLineFeed.FixListener {
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final HealthCounters health;
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
    public void onFix(GnssFix fix, long lineNumber, long lineStampNanos) {
        health.fixes++;
        if (!sink.publish(new FrameHeader(sensor, receivedNanos, sequence++), fix)) {
            health.droppedBySink++;
        }
    }
}
