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
    void aTableThatAdoptsAnothersStorageHasItsRoomAndBothStillAnswerAsMaps() {
        VoxelKeyTable grown = new VoxelKeyTable();
        grown.clear(0);
        for (long k = 0; k < 50_000; k++) {
            grown.putIfAbsent(k * 0x10000L + 7, (int) k);
        }
        int room = grown.slots();
        VoxelKeyTable fresh = new VoxelKeyTable();
        int freshRoom = fresh.slots();
        fresh.adoptStorageOf(grown);
        assertEquals(room, fresh.slots(), "the donor's room");
        assertEquals(freshRoom, grown.slots(), "the donor has the adopter's storage");
        for (VoxelKeyTable t : new VoxelKeyTable[] {fresh, grown}) {
            t.clear(0);
            assertEquals(0, t.size(), "no keys carried over");
            assertEquals(VoxelKeyTable.ABSENT, t.get(7), "no keys carried over");
            for (int i = 0; i < 60_000; i++) {
                assertEquals(VoxelKeyTable.ABSENT, t.putIfAbsent(99L * i + 7, i));
            }
            assertEquals(5, t.get(99L * 5 + 7));
            assertEquals(60_000, t.size());
        }
        assertEquals(room, fresh.slots(), "the adopter did not grow again for a pass like the donor's");
    }
}
