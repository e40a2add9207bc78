package org.avfusion.drivers.gnss.source;

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

    GnssSourceStats snapshot() {
        return new GnssSourceStats(sentences, fixes, droppedBySink, badChecksums, malformed, impossibleValues,
                unsupported, reconnects, lastError, repeatedFixes, frozen);
    }
}
