package org.avfusion.drivers.gnss.source;

/**
 * Why an NMEA source rejected a line or a fix, as handed to a rejection listener
 * ({@link NmeaFileSource#onReject}); each is counted in one of {@link GnssSourceStats}' counters.
 */
public enum GnssRejectReason {
    /** A sentence whose {@code *hh} checksum does not match ({@link GnssSourceStats#badChecksums()}). */
    BAD_CHECKSUM,
    /** A line that is not a valid sentence: garbage, no checksum, a field that does not parse, too long
     * ({@link GnssSourceStats#malformed()}). */
    MALFORMED,
    /** A well-formed sentence with a value outside its physical range ({@link GnssSourceStats#impossibleValues()}). */
    IMPOSSIBLE_VALUE,
    /** A fix stamped before the fix replayed before it (counted in {@link GnssSourceStats#impossibleValues()}). */
    OUT_OF_ORDER
}
