package org.avfusion.runtime.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.runtime.output.json.PayloadEncoder;

/**
 * The one place the health payload is assembled: the encoder's common fields, then each {@link Section} in order.
 * Sections read only what is safe to read from the reporting thread: immutable snapshots their owners published
 * (e.g. the aligner's counters, MQTT statistics), atomic counters, and {@link LatencyRecorder} summaries; never a
 * plain field another thread writes. Called on the publish stage's thread (it shares the stage's encoder), and once
 * more after the ring has stopped.
 */
public final class HealthReporter {

    /** Writes fields into the health object being assembled, from thread-safe snapshots only. */
    @FunctionalInterface
    public interface Section {
        void write(JsonPayload health) throws IOException;
    }

    private final List<Section> sections;

    public HealthReporter(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The health payload at {@code vehicleNanos}, in a new array. */
    public byte[] report(PayloadEncoder encoder, long vehicleNanos) {
        Objects.requireNonNull(encoder, "encoder");
        JsonPayload health = encoder.beginHealth(vehicleNanos);
        try {
            for (Section s : sections) {
                s.write(health);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return health.endBytes();
    }
}
