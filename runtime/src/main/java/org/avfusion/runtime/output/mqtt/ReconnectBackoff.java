package org.avfusion.runtime.output.mqtt;

/**
 * Exponential backoff between connection attempts: {@code min, 2 min, 4 min, ...} capped at {@code max}, back to
 * {@code min} after {@link #reset()}. Not thread-safe: {@link MqttOutput} confines it to its connector thread.
 */
public final class ReconnectBackoff {

    private final long minDelayMillis;
    private final long maxDelayMillis;
    private long nextDelayMillis;

    /**
     * @param minDelayMillis first delay, &gt; 0
     * @param maxDelayMillis cap, &gt;= {@code minDelayMillis}
     */
    public ReconnectBackoff(long minDelayMillis, long maxDelayMillis) {
        if (minDelayMillis <= 0 || maxDelayMillis < minDelayMillis) {
            throw new IllegalArgumentException("backoff needs 0 < minDelayMillis <= maxDelayMillis: min="
                    + minDelayMillis + " max=" + maxDelayMillis);
        }
        this.minDelayMillis = minDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.nextDelayMillis = minDelayMillis;
    }

    /** The delay before the next attempt; doubles the one after it, up to the cap. */
    public long nextDelayMillis() {
        long delay = nextDelayMillis;
        nextDelayMillis = delay > maxDelayMillis / 2 ? maxDelayMillis : delay * 2;
        return delay;
    }

    /** Starts again from the minimum delay (after a successful connection). */
    public void reset() {
        nextDelayMillis = minDelayMillis;
    }
}
