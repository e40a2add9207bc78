package org.avfusion.runtime.ring;

import com.lmax.disruptor.EventHandler;

/** The last handler: gives every pooled buffer in the slot back and drops references so payloads can be reused. */
public final class ClearingHandler implements EventHandler<FrameEvent> {
    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        event.clear();
    }
}
