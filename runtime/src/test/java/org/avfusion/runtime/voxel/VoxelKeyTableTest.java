package org.avfusion.runtime.voxel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link VoxelKeyTable} against a {@link HashMap}, pass after pass, while it grows in the middle of a pass. */
class VoxelKeyTableTest {
    @Test
    void answersAsAMapDoesFromPassToPassWhileItGrows() {
        SplittableRandom rng = new SplittableRandom(3);
        VoxelKeyTable table = new VoxelKeyTable();
        // keys brought per pass: few, then far more than the first table holds, few again, more again
        for (int keysInPass : new int[] {10, 300, 5_000, 40, 70_000, 1_000, 70_000}) {
            table.clear(512);
            assertEquals(0, table.size(), "a cleared table");
            Map<Long, Integer> reference = new HashMap<>();
            for (int i = 0; i < 3 * keysInPass; i++) {
                long key = rng.nextLong(0, Math.max(1, 2L * keysInPass)) * 0x10000L + 7; // keys sharing low bits
                int value = i;
                Integer before = reference.putIfAbsent(key, value);
                int got = table.putIfAbsent(key, value);
                assertEquals(before == null ? VoxelKeyTable.ABSENT : before, got, "putIfAbsent " + key);
            }
            assertEquals(reference.size(), table.size(), "keys in the pass");
            assertTrue(table.slots() >= 2 * table.size(), "at most half full: " + table.slots());
            for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                assertEquals(e.getValue(), table.get(e.getKey()), "get " + e.getKey());
            }
            assertEquals(VoxelKeyTable.ABSENT, table.get(1), "a key no pass brings");
        }
    }

    @Test
    void aClearedTableForgetsThePassBeforeAndKeepsItsSize() {
        VoxelKeyTable table = new VoxelKeyTable();
        table.clear(0);
        for (long k = 0; k < 3_000; k++) {
            table.putIfAbsent(k, (int) k);
        }
        int grown = table.slots();
        assertTrue(grown >= 6_000, "grew in the pass: " + grown);
        table.clear(0);
        assertEquals(grown, table.slots(), "sized for the largest pass: no growth next time");
        assertEquals(VoxelKeyTable.ABSENT, table.get(5), "the pass before is forgotten");
        assertEquals(VoxelKeyTable.ABSENT, table.putIfAbsent(5, 50));
        assertEquals(50, table.get(5));
    }

    @Test
    void minKeysIsRangeChecked() {
        VoxelKeyTable table = new VoxelKeyTable();
        assertThrows(IllegalArgumentException.class, () -> table.clear(-1));
        assertThrows(IllegalArgumentException.class, () -> table.clear((1 << 29) + 1));
    }

    @Test
    void aTableReservedLikeAnotherHasItsRoomAndStillAnswersAsAMap() {
        VoxelKeyTable grown = new VoxelKeyTable();
        grown.clear(0);
        for (long k = 0; k < 50_000; k++) {
            grown.putIfAbsent(k * 0x10000L + 7, (int) k);
        }
        VoxelKeyTable fresh = new VoxelKeyTable();
        fresh.reserveLike(grown);
        assertEquals(grown.slots(), fresh.slots(), "the other's room");
        fresh.clear(0);
        assertEquals(grown.slots(), fresh.slots(), "a clear keeps the room of the other's largest pass");
        assertEquals(0, fresh.size(), "none of the other's keys");
        assertEquals(VoxelKeyTable.ABSENT, fresh.get(7), "none of the other's keys");
        for (int i = 0; i < 3; i++) {
            assertEquals(VoxelKeyTable.ABSENT, fresh.putIfAbsent(99L * i, i));
            assertEquals(i, fresh.putIfAbsent(99L * i, 100 + i), "the first value stays");
        }
        assertEquals(3, fresh.size());
        VoxelKeyTable small = new VoxelKeyTable();
        int before = grown.slots();
        grown.reserveLike(small);
        assertEquals(before, grown.slots(), "never shrinks");
    }
}
