package org.avfusion.runtime.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import java.util.Objects;

/**
 * A stage's handler that tells the stages after it when it has finished a batch: after the last event of a batch it
 * stores its own sequence (the one Disruptor gives it through {@link #setSequenceCallback}; Disruptor stores the same
 * value again after this returns) and signals the ring's wait strategy
 * ({@link StageBlockingWaitStrategy#signalProgress}), so the stages blocked on it wake at once instead of polling.
 * Everything else is passed to the stage.
 *
 * <p>When the stage throws, nothing is stored or signalled here: the exception handler still reads the event, so
 * the stages after must not see it yet. Disruptor stores the sequence once the exception handler is done.
 *
 * <p>Runs on the stage's own thread only, as its handler does.
 */
final class ProgressSignallingHandler implements EventHandler<FrameEvent> {
    private final EventHandler<FrameEvent> stage;
    private final StageBlockingWaitStrategy waitStrategy;
    private Sequence sequence;

    ProgressSignallingHandler(EventHandler<FrameEvent> stage, StageBlockingWaitStrategy waitStrategy) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
    }

    @Override
    public void onEvent(FrameEvent event, long seq, boolean endOfBatch) throws Exception {
        stage.onEvent(event, seq, endOfBatch);
        if (endOfBatch && sequence != null) {
            sequence.setVolatile(seq);
            waitStrategy.signalProgress();
        }
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.sequence = sequenceCallback;
        stage.setSequenceCallback(sequenceCallback);
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        stage.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onStart() {
        stage.onStart();
    }

    @Override
    public void onShutdown() {
        stage.onShutdown();
    }

    @Override
    public void onTimeout(long seq) throws Exception {
        stage.onTimeout(seq);
    }
}
