package org.avfusion.drivers.recorded.rosbag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.source.ReplayPacer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated copies of the real bags: opening either fails with a {@link RecordedDriveException} naming the file, or
 * the replay runs to the end with every problem counted; nothing else is thrown and every pooled buffer returns.
 */
class RosbagFuzzTest {

    private static void fuzz(Path original, RosbagConfig config, long seed, int rounds, Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(original);
        Random random = new Random(seed);
        Path mutant = dir.resolve("mutant.bag");
        int opened = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] copy = bytes.clone();
            int strategy = random.nextInt(4);
            switch (strategy) {
                case 0 -> { // anywhere
                    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> { // the bag header and first chunk header
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        copy[random.nextInt(Math.min(copy.length, 4200))] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> { // the index at the end: connections and chunk infos
                    int tail = Math.min(copy.length, 6000);
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        copy[copy.length - 1 - random.nextInt(tail)] = (byte) random.nextInt(256);
                    }
                }
                default -> copy = java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
            }
            Files.write(mutant, copy);
            RecordedHealth health = new RecordedHealth("mutant");
            try (RosbagSource source = RosbagSource.open(mutant, config, health)) {
                opened++;
                CollectingSink sink = new CollectingSink();
                new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, sink, t -> { },
                        Long.MAX_VALUE);
                assertEquals(source.cloudPool().createdCount(), source.cloudPool().freeCount(),
                        "seed " + seed + " round " + round);
                assertEquals(source.imagePool().createdCount(), source.imagePool().freeCount(),
                        "seed " + seed + " round " + round);
            } catch (RecordedDriveException e) {
                assertTrue(e.getMessage().startsWith(mutant.toString()), "seed " + seed + " round " + round + ": "
                        + e.getMessage());
                assertEquals(1, health.rejected(), "seed " + seed + " round " + round + ": counted once");
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                fail("seed " + seed + " round " + round + " strategy " + strategy + ": " + e, e);
            }
        }
        System.out.println(original.getFileName() + " fuzz seed " + seed + ": " + opened + " of " + rounds
                + " mutants opened");
    }

    @Test
    void mutatedHuskyBagsNeverCrash(@TempDir Path dir) throws IOException {
        fuzz(RosbagSourceTest.husky(), RosbagSourceTest.HUSKY, 31L, 40, dir);
    }

    @Test
    void mutatedPointcloudBagsNeverCrash(@TempDir Path dir) throws IOException {
        fuzz(RosbagSourceTest.pointcloud2(), RosbagSourceTest.CLOUD.withLimits(64, 64, 1, 131_072, 1, 8 << 20),
                47L, 40, dir);
    }

    @Test
    void aChunkClaimingMoreThanTheLimitIsCountedNotAllocated() throws IOException {
        RecordedHealth health = new RecordedHealth("limit");
        RosbagConfig small = RosbagSourceTest.CLOUD.withLimits(64, 64, 1, 131_072, 1, 1 << 20);
        try (RosbagSource source = RosbagSource.open(RosbagSourceTest.pointcloud2(), small, health)) {
            assertEquals(Long.MAX_VALUE, source.nextArrivalNanos(), "its only chunk was skipped");
        }
        assertEquals(1, health.rejected());
        assertTrue(health.lastError().startsWith("TOO_LARGE: " + RosbagSourceTest.pointcloud2() + "@"),
                health.lastError());
        assertTrue(health.lastError().contains("more than maxChunkBytes 1048576"), health.lastError());
    }
}
