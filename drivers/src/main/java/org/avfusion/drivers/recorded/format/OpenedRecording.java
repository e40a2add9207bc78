package org.avfusion.drivers.recorded.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A {@link RecordingSource} made of a reader's {@link RecordedSource} (often a
 * {@link org.avfusion.drivers.source.MergedRecordedSource}) and what its format learnt at open. Skips are read from
 * the readers' {@link RecordedHealth} counters. Not thread-safe: one replay thread.
 */
public final class OpenedRecording implements RecordingSource {
    private final String format;
    private final RecordedSource frames;
    private final List<SensorId> sensors;
    private final Rig rig;
    private final long firstArrivalNanos;
    private final long lastArrivalNanos;
    private final List<BufferPool<?>> pools;
    private final List<String> notes;
    private final java.util.function.LongSupplier skipped;
    private final java.util.function.Supplier<List<String>> skipMessages;
    private java.util.function.Function<String, java.util.Map<String, String>> metadata = name -> java.util.Map.of();

    /**
     * @param lastArrivalNanos {@link #END} when not known before the end
     * @param health           the counters the readers count skipped frames in
     */
    public OpenedRecording(String format, RecordedSource frames, List<SensorId> sensors, Rig rig,
            long lastArrivalNanos, List<BufferPool<?>> pools, List<String> notes, List<RecordedHealth> health) {
        this(format, frames, sensors, rig, lastArrivalNanos, pools, notes,
                () -> health.stream().mapToLong(RecordedHealth::rejected).sum(), () -> {
                    List<String> all = new ArrayList<>();
                    health.forEach(h -> all.addAll(h.messages()));
                    return all;
                });
    }

    /**
     * @param skipped      frames skipped so far, over the readers' own counters
     * @param skipMessages the readers' last messages about skipped input
     */
    public OpenedRecording(String format, RecordedSource frames, List<SensorId> sensors, Rig rig,
            long lastArrivalNanos, List<BufferPool<?>> pools, List<String> notes,
            java.util.function.LongSupplier skipped, java.util.function.Supplier<List<String>> skipMessages) {
        this.format = Objects.requireNonNull(format, "format");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.sensors = List.copyOf(sensors);
        this.rig = rig;
        this.firstArrivalNanos = frames.nextArrivalNanos();
        this.lastArrivalNanos = lastArrivalNanos;
        this.pools = List.copyOf(pools);
        this.notes = List.copyOf(notes);
        this.skipped = Objects.requireNonNull(skipped, "skipped");
        this.skipMessages = Objects.requireNonNull(skipMessages, "skipMessages");
    }

    /** This recording, answering {@link #metadata} from {@code lookup}; returns {@code this}. */
    public OpenedRecording withMetadata(java.util.function.Function<String, java.util.Map<String, String>> lookup) {
        this.metadata = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    @Override
    public java.util.Map<String, String> metadata(String name) {
        return metadata.apply(name);
    }

    @Override
    public String formatName() {
        return format;
    }

    @Override
    public List<SensorId> sensors() {
        return sensors;
    }

    @Override
    public Rig rig() {
        return rig;
    }

    @Override
    public long firstArrivalNanos() {
        return firstArrivalNanos;
    }

    @Override
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    @Override
    public List<BufferPool<?>> pools() {
        return pools;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public long skippedFrames() {
        return skipped.getAsLong();
    }

    @Override
    public List<String> skipMessages() {
        return skipMessages.get();
    }

    @Override
    public long nextArrivalNanos() {
        return frames.nextArrivalNanos();
    }

    @Override
    public void emitNext(FrameSink sink) {
        frames.emitNext(sink);
    }

    @Override
    public void prepareUntil(long horizonNanos) {
        frames.prepareUntil(horizonNanos);
    }

    @Override
    public void preallocateBuffers(int buffersPerStream) {
        frames.preallocateBuffers(buffersPerStream);
    }

    @Override
    public String describe() {
        return format + ": " + frames.describe();
    }

    @Override
    public void close() {
        frames.close();
    }
}
