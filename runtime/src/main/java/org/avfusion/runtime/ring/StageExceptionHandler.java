package org.avfusion.runtime.ring;

import com.lmax.disruptor.ExceptionHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.runtime.health.FatalErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pipeline alive when a stage throws on one event: logs the stage, sequence, sensor and stamp (at most once
 * per second per stage, with the count of suppressed ones), counts it, and lets the stage go on with the next event.
 * Start-up and shutdown failures are logged and counted the same way. An error the process cannot go on from
 * ({@link FatalErrors#isFatal}: out of memory) halts it instead, naming the stage.
 */
public final class StageExceptionHandler implements ExceptionHandler<FrameEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StageExceptionHandler.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final String stage;
    private final AtomicLong errors = new AtomicLong();
    private long lastLogNanos = Long.MIN_VALUE;
    private long suppressed;

    public StageExceptionHandler(String stage) {
        this.stage = stage;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, FrameEvent event) {
        if (FatalErrors.isFatal(ex)) {
            FatalErrors.halt("stage " + stage + " on ring sequence " + sequence, ex);
        }
        errors.incrementAndGet();
        long now = System.nanoTime();
        if (lastLogNanos == Long.MIN_VALUE || now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            LOG.error("stage {} failed on ring sequence {} ({}); {} similar errors suppressed since the last report; "
                    + "pipeline continues", stage, sequence, event == null ? "no event" : event.describe(), suppressed, ex);
            lastLogNanos = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        if (FatalErrors.isFatal(ex)) {
            FatalErrors.halt("stage " + stage + " at start", ex);
        }
        errors.incrementAndGet();
        LOG.error("stage {} failed to start", stage, ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        errors.incrementAndGet();
        LOG.error("stage {} failed to shut down", stage, ex);
    }

    public String stage() {
        return stage;
    }

    public long errorCount() {
        return errors.get();
    }
}
