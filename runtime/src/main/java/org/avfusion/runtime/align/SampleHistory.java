package org.avfusion.runtime.align;

import org.avfusion.drivers.pool.PooledPayload;

/**
 * A bounded, stamp-sorted history of one sensor's frames. Out-of-order inserts go to their sorted place.
 * Holds one reference on each pooled payload it keeps and releases it on eviction. No allocation after
 * construction.
 */
final class SampleHistory {
    private final long[] stamps;
    private final long[] arrivals;
    private final long[] walls;
    private final long[] sequences;
    private final Object[] payloads;
    private int count;

    SampleHistory(int capacity) {
        stamps = new long[capacity];
        arrivals = new long[capacity];
        walls = new long[capacity];
        sequences = new long[capacity];
        payloads = new Object[capacity];
    }

    int size() {
        return count;
    }

    long stamp(int i) {
        return stamps[i];
    }

    long arrival(int i) {
        return arrivals[i];
    }

    long wall(int i) {
        return walls[i];
    }

    long sequence(int i) {
        return sequences[i];
    }

    Object payload(int i) {
        return payloads[i];
    }

    long newestStamp() {
        return count == 0 ? Long.MIN_VALUE : stamps[count - 1];
    }

    /** Inserts in stamp order, retaining a pooled payload; evicts the oldest when full. */
    void insert(long stamp, long arrival, long wall, long sequence, Object payload) {
        if (count == stamps.length) {
            removeAt(0, true);
        }
        int pos = count;
        while (pos > 0 && stamps[pos - 1] > stamp) {
            pos--;
        }
        int tail = count - pos;
        if (tail > 0) {
            System.arraycopy(stamps, pos, stamps, pos + 1, tail);
            System.arraycopy(arrivals, pos, arrivals, pos + 1, tail);
            System.arraycopy(walls, pos, walls, pos + 1, tail);
            System.arraycopy(sequences, pos, sequences, pos + 1, tail);
            System.arraycopy(payloads, pos, payloads, pos + 1, tail);
        }
        stamps[pos] = stamp;
        arrivals[pos] = arrival;
        walls[pos] = wall;
        sequences[pos] = sequence;
        payloads[pos] = payload;
        if (payload instanceof PooledPayload pooled) {
            pooled.retain();
        }
        count++;
    }

    /**
     * Removes entry i.
     *
     * @param release whether to release the history's reference (false when the caller takes it over)
     */
    void removeAt(int i, boolean release) {
        Object p = payloads[i];
        int tail = count - i - 1;
        if (tail > 0) {
            System.arraycopy(stamps, i + 1, stamps, i, tail);
            System.arraycopy(arrivals, i + 1, arrivals, i, tail);
            System.arraycopy(walls, i + 1, walls, i, tail);
            System.arraycopy(sequences, i + 1, sequences, i, tail);
            System.arraycopy(payloads, i + 1, payloads, i, tail);
        }
        count--;
        payloads[count] = null;
        if (release && p instanceof PooledPayload pooled) {
            pooled.release();
        }
    }

    /** Drops entries with stamp older than {@code oldestStamp}, always keeping the newest {@code keep}. */
    void evictOlderThan(long oldestStamp, int keep) {
        while (count > keep && stamps[0] < oldestStamp) {
            removeAt(0, true);
        }
    }

    /** Index of the last entry with stamp <= t, or -1. */
    int floor(long t) {
        int i = count - 1;
        while (i >= 0 && stamps[i] > t) {
            i--;
        }
        return i;
    }

    /** Index of the entry nearest to t, or -1 when empty. */
    int nearest(long t) {
        int f = floor(t);
        if (f < 0) {
            return count > 0 ? 0 : -1;
        }
        if (f + 1 < count && stamps[f + 1] - t < t - stamps[f]) {
            return f + 1;
        }
        return f;
    }

    void clear() {
        while (count > 0) {
            removeAt(count - 1, true);
        }
    }
}
