package org.avfusion.drivers.gnss.source;

/**
 * Health of one NMEA source, as an immutable snapshot.
 *
 * @param sentences        non-blank, non-comment lines handed to the NMEA decoder
 * @param fixes            fixes published to the sink (accepted or dropped by it)
 * @param droppedBySink    of {@code fixes}, those the sink refused ({@code publish} returned false)
 * @param badChecksums     sentences whose {@code *hh} checksum did not match
 * @param malformed        lines that are not a valid sentence: garbage bytes, a missing checksum, a field that does
 *                         not parse, a line longer than the source's limit
 * @param impossibleValues well-formed sentences with a value outside its physical range, and (an NMEA log replayed
 *                         on fix times) fixes stamped before the fix replayed before them
 * @param unsupported      well-formed sentences of a type that carries nothing for a fix (GRS, proprietary ...)
 * @param reconnects       connection attempts after the first one (TCP, serial device); 0 for files and UDP
 * @param lastError        the last problem, naming where it happened ({@code file:line}, {@code host:port} or the
 *                         device) and why; empty when there was none
 * @param repeatedFixes    fixes not published because they repeated the previous one or the stream was frozen
 * @param frozen           the stream is frozen now: fixes repeat or their UTC time stopped advancing (nothing is
 *                         published until it advances again)
 */
public record GnssSourceStats(
        long sentences,
        long fixes,
        long droppedBySink,
        long badChecksums,
        long malformed,
        long impossibleValues,
        long unsupported,
        long reconnects,
        String lastError,
        long repeatedFixes,
        boolean frozen) {

    public GnssSourceStats {
        if (sentences < 0 || fixes < 0 || droppedBySink < 0 || badChecksums < 0 || malformed < 0
                || impossibleValues < 0 || unsupported < 0 || reconnects < 0 || repeatedFixes < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }

    /** {@code FROZEN} or {@code OK}, for health reports. */
    public String status() {
        return frozen ? "FROZEN" : "OK";
    }

    /** Sentences rejected as bad input (unsupported types are not bad input). */
    public long rejected() {
        return badChecksums + malformed + impossibleValues;
    }
}
