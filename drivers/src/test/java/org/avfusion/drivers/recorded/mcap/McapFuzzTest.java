package org.avfusion.drivers.recorded.mcap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.avfusion.drivers.recorded.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated MCAP files (bytes overwritten anywhere, in the record prefixes near the start, in the summary near the
 * end, or the file cut short): opening and reading every message, in both orders and both modes, either works or
 * throws {@link McapFormatException}; nothing else, ever. Fixed seed, printed on failure; bounded to a few hundred
 * rounds (well under 5 s).
 */
class McapFuzzTest {
    private static final long SEED = 0x3CA9_2026L;
    private static final int ROUNDS = 100;

    @TempDir
    Path dir;

    private void fuzz(byte[] original, long seed) throws IOException {
        Random random = new Random(seed);
        Path mutant = dir.resolve("mutant.mcap");
        McapMessage message = new McapMessage();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] copy = original.clone();
            switch (random.nextInt(4)) {
                case 0 -> {
                    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> {
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        copy[random.nextInt(Math.min(copy.length, 400))] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> {
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        copy[copy.length - 1 - random.nextInt(Math.min(copy.length, 1500))] =
                                (byte) random.nextInt(256);
                    }
                }
                default -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            }
            Files.write(mutant, copy);
            McapReaderConfig[] configs = {
                McapReaderConfig.defaults().withLimits(1 << 20, 1 << 20),
                McapReaderConfig.strictFileOrder().withLimits(1 << 20, 1 << 20),
            };
            for (McapReaderConfig config : configs) {
                try (McapReader reader = McapReader.open(mutant, config)) {
                    long n = 0;
                    while (reader.next(message)) {
                        n++;
                        assertTrue(message.dataLength() >= 0 && message.dataOffset() + message.dataLength()
                                <= message.buffer().capacity());
                    }
                    reader.scanned();
                    assertTrue(n >= 0);
                } catch (McapFormatException expected) {
                    assertTrue(expected.getMessage().startsWith(mutant.toString()), expected.getMessage());
                } catch (RuntimeException | Error e) {
                    fail("seed " + seed + " round " + round + " " + config + ": " + e, e);
                }
            }
        }
    }

    @Test
    void mutatedOwnFilesOnlyEverThrowMcapFormatException() throws IOException {
        for (McapCompression compression : McapCompression.values()) {
            Path file = McapFiles.write(dir.resolve(compression + ".mcap"), McapWriterConfig.of("ros2", compression)
                    .withChunkSizeBytes(4096), 120);
            fuzz(Files.readAllBytes(file), SEED + compression.ordinal());
        }
    }

    @Test
    void mutatedRosbag2FilesOnlyEverThrowMcapFormatException() throws IOException {
        fuzz(Files.readAllBytes(CollectingSink.sharedData("mcap/talker.mcap")), SEED + 10);
        fuzz(Files.readAllBytes(CollectingSink.sharedData("mcap/topics_and_services.mcap")), SEED + 11);
    }
}
