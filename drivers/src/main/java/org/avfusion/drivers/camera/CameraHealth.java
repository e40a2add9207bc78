package org.avfusion.drivers.camera;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Live counters of one camera source. Written by the source's decoding thread, read from any thread through
 * {@link #snapshot()}; counters are atomics and the last error is a volatile string, so no lock is taken and
 * nothing is allocated on the per-frame path (only an error allocates its message).
 */
public final class CameraHealth {
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong poolExhausted = new AtomicLong();
    private final AtomicLong clockResyncs = new AtomicLong();
    private final AtomicLong ptsRepaired = new AtomicLong();
    private volatile String lastError = "";
    private volatile Consumer<String> decodeErrorListener;

    /** Hands every later decode error's message to {@code listener} too, on the counting thread; null removes it. */
    public void onDecodeError(Consumer<String> listener) {
        this.decodeErrorListener = listener;
    }

    public void frame() {
        frames.incrementAndGet();
    }

    public void decodeError(String message) {
        decodeErrors.incrementAndGet();
        lastError = message;
        Consumer<String> listener = decodeErrorListener;
        if (listener != null) {
            listener.accept(message);
        }
    }

    public void poolExhausted() {
        poolExhausted.incrementAndGet();
    }

    public void clockResync() {
        clockResyncs.incrementAndGet();
    }

    public void ptsRepaired() {
        ptsRepaired.incrementAndGet();
    }

    /** The counters now. */
    public CameraStats snapshot() {
        return new CameraStats(frames.get(), decodeErrors.get(), poolExhausted.get(), clockResyncs.get(),
                ptsRepaired.get(), lastError);
    }
}
