package org.avfusion.drivers.gnss.nmea;

/**
 * What an {@link NmeaDecoder} did with the sentences it was fed, as an immutable snapshot. Every call to
 * {@link NmeaDecoder#accept(CharSequence)} increments exactly one counter, so
 * {@link #total()} equals the number of sentences fed.
 *
 * @param accepted         well-formed sentences of a supported type whose values were all plausible
 * @param badChecksum      sentences whose {@code *hh} checksum did not match their content
 * @param missingChecksum  sentences without a {@code *hh} checksum (rejected, see {@link NmeaDecoder})
 * @param malformed        text that is not an NMEA sentence: no {@code $}, bad characters, too long, a field
 *                         that does not parse as the number it must be, too few fields
 * @param unsupported      well-formed sentences of a type this decoder does not use (GRS, RMB, proprietary ...)
 * @param impossibleValue  well-formed sentences carrying a value outside its physical range (latitude 91,
 *                         minute 61, month 13, negative speed ...)
 * @param lastError        description of the last rejected sentence, naming its type, the field index and the
 *                         value; empty when nothing was rejected
 */
public record NmeaStats(
        long accepted,
        long badChecksum,
        long missingChecksum,
        long malformed,
        long unsupported,
        long impossibleValue,
        String lastError) {

    public NmeaStats {
        if (accepted < 0 || badChecksum < 0 || missingChecksum < 0 || malformed < 0 || unsupported < 0
                || impossibleValue < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }

    /** Sentences that were not accepted, for whatever reason. */
    public long rejected() {
        return badChecksum + missingChecksum + malformed + unsupported + impossibleValue;
    }

    /** Every sentence fed to the decoder. */
    public long total() {
        return accepted + rejected();
    }
}
