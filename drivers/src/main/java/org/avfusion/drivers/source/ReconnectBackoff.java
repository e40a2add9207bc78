package org.avfusion.drivers.source;

/**
 * How long a live connection (a GNSS receiver over TCP or serial, gpsd, an MQTT broker) waits before it tries again:
 * {@code initialDelayMillis} after the first failure in a row, doubling with each further failure up to
 * {@code maxDelayMillis}. The caller counts its failures in a row and sets the count back to 0 once a connection
 * works (delivered data, or was accepted by the broker), so the next failure waits {@code initialDelayMillis} again.
 *
 * <p>An immutable value: one instance may serve any number of sources and threads.
 *
 * @param initialDelayMillis delay after the first failure, milliseconds, &gt;= 1
 * @param maxDelayMillis     largest delay, milliseconds, &gt;= {@code initialDelayMillis}
 */
public record ReconnectBackoff(long initialDelayMillis, long maxDelayMillis) {

    /** 200 ms doubling up to 5 s: a receiver that reboots is back within a few seconds of it. */
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(200, 5_000);

    public ReconnectBackoff {
        if (initialDelayMillis < 1 || maxDelayMillis < initialDelayMillis) {
            throw new IllegalArgumentException("reconnect backoff needs 1 <= initialDelayMillis <= maxDelayMillis, "
                    + "was initialDelayMillis=" + initialDelayMillis + " maxDelayMillis=" + maxDelayMillis);
        }
    }

    /**
     * The delay after {@code failures} consecutive failures: {@code initialDelayMillis x 2^(failures - 1)}, at most
     * {@code maxDelayMillis}; never overflows. A count below 1 is taken as 1.
     */
    public long delayMillis(int failures) {
        long delay = initialDelayMillis;
        for (int i = 1; i < failures && delay < maxDelayMillis; i++) {
            delay = delay > maxDelayMillis / 2 ? maxDelayMillis : delay * 2;
        }
        return delay;
    }
}
