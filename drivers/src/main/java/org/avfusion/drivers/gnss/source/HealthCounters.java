package org.avfusion.drivers.gnss.source;

import java.util.function.BiConsumer;

/**
 * The mutable counters behind {@link GnssSourceStats}. One thread (the source's) writes; any thread may take a
 * {@link #snapshot()}, whose fields are each current but not taken atomically together.
 */
final class HealthCounters {
    volatile long sentences;
    volatile long fixes;
    volatile long droppedBySink;
    volatile long badChecksums;
    volatile long malformed;
    volatile long impossibleValues;
    volatile long unsupported;
    volatile long reconnects;
    volatile String lastError = "";
    volatile long repeatedFixes;
    volatile boolean frozen;
    /** Told of every rejection, on the writing thread; null when nobody listens. */
    volatile BiConsumer<GnssRejectReason, String> rejectListener;

    /** Keeps {@code message} as the last error and tells the listener; the caller has counted the rejection. */
    void rejected(GnssRejectReason reason, String message) {
        lastError = message;
        BiConsumer<GnssRejectReason, String> listener = rejectListener;
        if (listener != null) {
            listener.accept(reason, message);
        }
    }

    GnssSourceStats snapshot() {
        return new GnssSourceStats(sentences, fixes, droppedBySink, badChecksums, malformed, impossibleValues,
                unsupported, reconnects, lastError, repeatedFixes, frozen);
    }
}
