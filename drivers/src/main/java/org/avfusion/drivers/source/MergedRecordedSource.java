package org.avfusion.drivers.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Several {@link RecordedSource}s as one, in arrival order: a drive's lidar pcap, NMEA log and video file replayed
 * together. Each step emits the frame of the source whose next arrival is earliest; on equal arrivals the source
 * listed first goes first, so the merged order is the same on every replay.
 *
 * <p>Not thread-safe: one replay thread drives it, as it drives each part. {@link #close()} closes every part
 * (a failure closing one does not keep the others open; the first is rethrown).
 */
public final class MergedRecordedSource implements RecordedSource {
    private final List<RecordedSource> parts;

    /** @param parts the sources, in tie-break order; the merged source owns them (closes them) */
    public MergedRecordedSource(List<? extends RecordedSource> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("merge at least one recorded source");
        }
        this.parts = List.copyOf(parts);
    }

    /** The merged sources in tie-break order. */
    public List<RecordedSource> parts() {
        return parts;
    }

    @Override
    public long nextArrivalNanos() {
        long best = END;
        for (RecordedSource part : parts) {
            best = Math.min(best, part.nextArrivalNanos());
        }
        return best;
    }

    @Override
    public void prepareUntil(long horizonNanos) {
        for (RecordedSource part : parts) {
            part.prepareUntil(horizonNanos);
        }
    }

    @Override
    public void preallocateBuffers(int buffersPerStream) {
        for (RecordedSource part : parts) {
            part.preallocateBuffers(buffersPerStream);
        }
    }

    /** The part whose frame arrives first (the first part on a tie), or null when all are exhausted. */
    private RecordedSource nextPart() {
        RecordedSource next = null;
        long best = END;
        for (RecordedSource part : parts) {
            long arrival = part.nextArrivalNanos();
            if (arrival < best) {
                best = arrival;
                next = part;
            }
        }
        return next;
    }

    @Override
    public void emitNext(FrameSink sink) {
        RecordedSource next = nextPart();
        if (next == null) {
            throw new IllegalStateException("merged recorded source is exhausted");
        }
        next.emitNext(sink);
    }

    @Override
    public String describe() {
        return parts.stream().map(RecordedSource::describe).collect(Collectors.joining(" + "));
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (RecordedSource part : parts) {
            try {
                part.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
