package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever bytes it is fed, {@link PcdReader} either reads them or throws
 * {@link PointCloudFormatException} (nothing else), and counts every input exactly once. Fixed seeds; the seed,
 * the case and the input (base64) are printed on failure.
 */
class PcdFuzzTest {

    private static final long[] SEEDS = {1L, 42L, 20240611L};
    private static final int CASES_PER_SEED = 1_500;
    private static final String[] HEADER_WORDS = {"VERSION", "FIELDS", "SIZE", "TYPE", "COUNT", "WIDTH", "HEIGHT",
        "VIEWPOINT", "POINTS", "DATA", "ascii", "binary", "binary_compressed", "x", "y", "z", "intensity", "ring",
        "t", "time", "_", "F", "U", "I", "0", "1", "2", "4", "8", "-1", "2147483647", "4294967296", "nan", "\n", " "};

    @Test
    void mutatedValidFilesOnlyEverThrowTheDocumentedException() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            byte[][] originals = new byte[PcdEncoding.values().length][];
            for (PcdEncoding encoding : PcdEncoding.values()) {
                originals[encoding.ordinal()] = PcdWriter.toBytes(Clouds.random(seed, 40, seed % 2 == 0), encoding);
            }
            PcdReader reader = new PcdReader(random.nextBoolean() ? NonFinitePolicy.SKIP_POINT
                    : NonFinitePolicy.REJECT_FILE);
            for (int c = 0; c < CASES_PER_SEED; c++) {
                byte[] input = mutate(originals[random.nextInt(originals.length)], random);
                check(reader, input, seed, c);
            }
            assertEquals(CASES_PER_SEED, reader.stats().filesAccepted() + reader.stats().rejected(),
                    "seed " + seed + ": every input counted once");
        }
    }

    @Test
    void randomHeadersAndBodiesOnlyEverThrowTheDocumentedException() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            PcdReader reader = new PcdReader();
            for (int c = 0; c < CASES_PER_SEED; c++) {
                StringBuilder header = new StringBuilder();
                int words = random.nextInt(60);
                for (int w = 0; w < words; w++) {
                    header.append(HEADER_WORDS[random.nextInt(HEADER_WORDS.length)]).append(
                            random.nextInt(3) == 0 ? "\n" : " ");
                }
                byte[] body = new byte[random.nextInt(200)];
                random.nextBytes(body);
                byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
                byte[] input = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, input, head.length, body.length);
                check(reader, input, seed, c);
            }
            assertEquals(CASES_PER_SEED, reader.stats().filesAccepted() + reader.stats().rejected(),
                    "seed " + seed + ": every input counted once");
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> { // flip bytes anywhere
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncate
            case 2 -> { // change a header digit
                int at = random.nextInt(Math.min(b.length, 220));
                b[at] = (byte) "0123456789 -.\n".charAt(random.nextInt(14));
            }
            case 3 -> { // overwrite body bytes at the end (sizes, LZF control bytes, values)
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    b[b.length - 1 - random.nextInt(Math.min(b.length, 900))] = (byte) random.nextInt(256);
                }
            }
            default -> { // append junk
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                byte[] out = Arrays.copyOf(b, b.length + junk.length);
                System.arraycopy(junk, 0, out, b.length, junk.length);
                b = out;
            }
        }
        return b;
    }

    private static void check(PcdReader reader, byte[] input, long seed, int c) {
        PointCloud cloud = new PointCloud(64);
        try {
            reader.read(input, input.length, "fuzz-" + seed + "-" + c, cloud);
        } catch (PointCloudFormatException expected) {
            if (expected.getMessage().contains("unexpected")) {
                throw new AssertionError("seed " + seed + " case " + c + ": a defect surfaced as "
                        + expected.getMessage() + "; input " + Base64.getEncoder().encodeToString(input), expected);
            }
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + " case " + c + " threw " + t + "; input "
                    + Base64.getEncoder().encodeToString(input), t);
        }
    }
}
