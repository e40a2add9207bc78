package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.align.AlignerCounters;
import org.avfusion.runtime.align.TimeAligner;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Feeds every frame and tick to the {@link TimeAligner}; writes a released set into the slot. The aligner is used on
 * this stage's thread only; other threads read its counters from the {@link AlignerCounters} snapshot this stage
 * publishes (through a volatile field) at most every {@value #SNAPSHOT_PERIOD_NANOS} ns of wall time while events
 * flow, and once more at shutdown. When an {@link EgoFeed} is given (config {@code ego.filterEnabled}), every frame
 * also goes to the ego-motion filter first, in ring order, and a released set gets the filter's estimate at its
 * reference stamp.
 */
public final class AlignStage implements EventHandler<FrameEvent> {
    static final long SNAPSHOT_PERIOD_NANOS = 10_000_000L;
    private final TimeAligner aligner;
    private final EgoFeed ego;
    private final StageTimer timer = new StageTimer("align");
    private volatile AlignerCounters counters;
    private long lastSnapshotWallNanos = Long.MIN_VALUE;

    public AlignStage(TimeAligner aligner) {
        this(aligner, null);
    }

    /** @param ego the ego-motion filter's adapter, or null to keep the aligner's interpolated ego motion */
    public AlignStage(TimeAligner aligner, EgoFeed ego) {
        this.aligner = aligner;
        this.ego = ego;
        this.counters = AlignerCounters.empty(aligner.sensorCount());
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        long start = System.nanoTime();
        switch (event.type()) {
            case FRAME -> {
                if (ego != null) {
                    ego.onFrame(event.sensorIndex(), event.header(), event.payload());
                }
                aligner.onFrame(event.sensorIndex(), event.header(), event.payload(), event.arrivalNanos(),
                        event.wallNanos());
            }
            case TICK -> aligner.onClock(event.arrivalNanos(), event.wallNanos());
            default -> {
                return;
            }
        }
        AlignedSet set = event.set();
        if (aligner.pollReady(set)) {
            if (ego != null) {
                set.egoEstimate(ego.estimateAt(set.referenceStampNanos()));
            }
            timer.record(start);
        }
        if (lastSnapshotWallNanos == Long.MIN_VALUE || start - lastSnapshotWallNanos >= SNAPSHOT_PERIOD_NANOS) {
            lastSnapshotWallNanos = start;
            counters = aligner.counters();
        }
    }

    @Override
    public void onShutdown() {
        counters = aligner.counters();
        aligner.close();
    }

    /** The aligner's counters as of the last snapshot (at most {@value #SNAPSHOT_PERIOD_NANOS} ns old); any thread. */
    public AlignerCounters counters() {
        return counters;
    }

    public StageTimer timer() {
        return timer;
    }

    public TimeAligner aligner() {
        return aligner;
    }

    /** The ego-motion feed, or null when the filter is disabled. */
    public EgoFeed ego() {
        return ego;
    }
}
