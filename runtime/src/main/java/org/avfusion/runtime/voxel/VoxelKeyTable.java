package org.avfusion.runtime.voxel;

import java.util.Arrays;

/**
 * A table from voxel keys (non-negative {@code long}s, e.g. packed cell indices) to {@code int} values, for one pass
 * over a sweep at a time: open addressing with linear probing, slots invalidated by a pass counter rather than
 * cleared, so {@link #clear} costs nothing per slot. It is sized for the keys, not the points that bring them, at
 * most half full: a pass starts with room for as many keys as the largest pass before it held (or the caller's
 * minimum), and a pass that brings more doubles the table in its middle, putting back the keys it holds. Nothing is
 * allocated once the table has grown to the most keys a pass brings.
 *
 * <p>Not thread-safe: one instance per user.
 */
public final class VoxelKeyTable {
    /** What {@link #get} and {@link #putIfAbsent} return for a key the pass has not brought. */
    public static final int ABSENT = -1;

    private long[] keys = new long[1024];
    private int[] stamps = new int[1024];
    private int[] values = new int[1024];
    private int stamp = 1;
    private int size;
    private int mostKeys;

    /**
     * Empties the table for a new pass, with room at load 0.5 for as many keys as the largest pass so far held, and
     * at least {@code minKeys}.
     *
     * @throws IllegalArgumentException when {@code minKeys} is negative or above 2^29
     */
    public void clear(int minKeys) {
        if (minKeys < 0 || minKeys > 1 << 29) {
            throw new IllegalArgumentException("minKeys must be in [0, 2^29], was " + minKeys);
        }
        mostKeys = Math.max(mostKeys, size);
        size = 0;
        int slots = Integer.highestOneBit(Math.max(2 * Math.max(mostKeys, minKeys), 1024) - 1) << 1;
        if (keys.length < slots) {
            keys = new long[slots];
            stamps = new int[slots];
            values = new int[slots];
            stamp = 0;
        }
        if (++stamp == 0) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
    }

    /**
     * Between passes, takes {@code donor}'s storage when it has more slots than this table, giving it this one's in
     * exchange, and remembers the larger of the two largest passes, so that the next {@link #clear} keeps the room:
     * capacities only (neither table's keys carry over; each storage keeps its own pass stamp, so no stale key
     * reads as present). For a table that will see the same kind of passes as one that already has and is done.
     */
    public void adoptStorageOf(VoxelKeyTable donor) {
        int most = Math.max(Math.max(mostKeys, size), Math.max(donor.mostKeys, donor.size));
        if (keys.length < donor.keys.length) {
            long[] k = keys;
            int[] st = stamps;
            int[] v = values;
            int sp = stamp;
            keys = donor.keys;
            stamps = donor.stamps;
            values = donor.values;
            stamp = donor.stamp;
            donor.keys = k;
            donor.stamps = st;
            donor.values = v;
            donor.stamp = sp;
        }
        size = 0;
        donor.size = 0;
        mostKeys = most;
        donor.mostKeys = most;
    }

    /** Keys brought by this pass. */
    public int size() {
        return size;
    }

    /** Slots of the table (a power of two, at least twice {@link #size()}): for tests and memory accounts. */
    public int slots() {
        return keys.length;
    }

    /** The value of {@code key} in this pass, or {@link #ABSENT}. */
    public int get(long key) {
        int slot = slotOf(key);
        return stamps[slot] == stamp ? values[slot] : ABSENT;
    }

    /**
     * The value of {@code key} when this pass has brought it already; otherwise records it with {@code value} and
     * returns {@link #ABSENT}.
     */
    public int putIfAbsent(long key, int value) {
        int slot = slotOf(key);
        if (stamps[slot] == stamp) {
            return values[slot];
        }
        if (2 * (size + 1) > keys.length) {
            grow();
            slot = slotOf(key);
        }
        stamps[slot] = stamp;
        keys[slot] = key;
        values[slot] = value;
        size++;
        return ABSENT;
    }

    /** The slot that holds {@code key} in this pass, or the free slot where it would go. */
    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (stamps[slot] == stamp && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Doubles the table in the middle of a pass and puts back the keys this pass brought, with their values. */
    private void grow() {
        long[] oldKeys = keys;
        int[] oldStamps = stamps;
        int[] oldValues = values;
        int current = stamp;
        keys = new long[2 * oldKeys.length];
        stamps = new int[keys.length];
        values = new int[keys.length];
        stamp = 1;
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] != current) {
                continue;
            }
            int slot = mix(oldKeys[i]) & mask;
            while (stamps[slot] == stamp) {
                slot = (slot + 1) & mask;
            }
            stamps[slot] = stamp;
            keys[slot] = oldKeys[i];
            values[slot] = oldValues[i];
        }
    }

    /** MurmurHash3's 64-bit finaliser: every key bit reaches the low bits the table mask keeps. */
    public static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
