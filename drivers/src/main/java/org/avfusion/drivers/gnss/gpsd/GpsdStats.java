package org.avfusion.drivers.gnss.gpsd;

/**
 * What a gpsd client did with the lines it received, as an immutable snapshot.
 *
 * @param lines            lines received (every one increments exactly one of tpv, sky, ignored, malformed,
 *                         impossibleValues, gpsdErrors)
 * @param tpv              TPV reports turned into fixes
 * @param sky              SKY reports read (their HDOP and satellites used go with the next fixes)
 * @param ignored          well-formed reports of other classes (VERSION, DEVICES, WATCH, DEVICE, PPS, ...)
 * @param malformed        lines that are not a JSON object with a string {@code class}, or a report field of the
 *                         wrong JSON type, or a line longer than the client's limit
 * @param impossibleValues reports with a value out of range (latitude 91, mode 7, negative speed, a bad time)
 * @param gpsdErrors       ERROR reports from gpsd
 * @param fixes            fixes published to the sink
 * @param droppedBySink    of {@code fixes}, those the sink refused
 * @param reconnects       connection attempts after the first
 * @param lastError        the last problem, naming {@code host:port}, the line number and the field; empty if none
 */
public record GpsdStats(
        long lines,
        long tpv,
        long sky,
        long ignored,
        long malformed,
        long impossibleValues,
        long gpsdErrors,
        long fixes,
        long droppedBySink,
        long reconnects,
        String lastError) {

    public GpsdStats {
        if (lines < 0 || tpv < 0 || sky < 0 || ignored < 0 || malformed < 0 || impossibleValues < 0
                || gpsdErrors < 0 || fixes < 0 || droppedBySink < 0 || reconnects < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }
}
