package org.avfusion.drivers.gnss.source;

/**
 * How a live source waits before it reconnects: {@code initialMillis} after the first failure, doubling on each
 * further failure up to {@code maxMillis}, and back to {@code initialMillis} once a connection delivered data.
 *
 * @param initialMillis first delay, milliseconds, >= 1
 * @param maxMillis     largest delay, milliseconds, >= initialMillis
 */
public record ReconnectBackoff(long initialMillis, long maxMillis) {

    /** 200 ms doubling up to 5 s: a receiver that reboots is back within a few seconds of it. */
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(200, 5_000);

    public ReconnectBackoff {
        if (initialMillis < 1) {
            throw new IllegalArgumentException("reconnect initialMillis must be >= 1, was " + initialMillis);
        }
        if (maxMillis < initialMillis) {
            throw new IllegalArgumentException("reconnect maxMillis (" + maxMillis + ") must be >= initialMillis ("
                    + initialMillis + ")");
        }
    }

    /** The delay after {@code failures} consecutive failures (1 for the first). */
    public long delayMillis(int failures) {
        long delay = initialMillis;
        for (int i = 1; i < failures && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }
}
