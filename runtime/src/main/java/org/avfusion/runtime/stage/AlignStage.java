package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import org.avfusion.runtime.align.TimeAligner;
import org.avfusion.runtime.ring.FrameEvent;

/** Feeds every frame and tick to the {@link TimeAligner}; writes a released set into the slot. */
public final class AlignStage implements EventHandler<FrameEvent> {
    private final TimeAligner aligner;
    private final StageTimer timer = new StageTimer("align");

    public AlignStage(TimeAligner aligner) {
        this.aligner = aligner;
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        long start = System.nanoTime();
        switch (event.type()) {
            case FRAME -> aligner.onFrame(event.sensorIndex(), event.header(), event.payload(), event.arrivalNanos(),
                    event.wallNanos());
            case TICK -> aligner.onClock(event.arrivalNanos(), event.wallNanos());
            default -> {
                return;
            }
        }
        if (aligner.pollReady(event.set())) {
            timer.record(start);
        }
    }

    @Override
    public void onShutdown() {
        aligner.close();
    }

    public StageTimer timer() {
        return timer;
    }

    public TimeAligner aligner() {
        return aligner;
    }
}
