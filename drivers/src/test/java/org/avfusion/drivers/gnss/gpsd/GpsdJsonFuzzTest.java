package org.avfusion.drivers.gnss.gpsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated gpsd report lines (real TPV/SKY lines from the gpsd regression .chk files when present, plus
 * built-in ones) never make the parser throw; every line is counted exactly once. Fixed seeds, printed on failure.
 */
class GpsdJsonFuzzTest {

    private static final long[] SEEDS = {1L, 42L, 20_241_127L};
    private static final int LINES_PER_SEED = 20_000;

    private static List<String> corpus() throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "{\"class\":\"TPV\",\"mode\":3,\"time\":\"2014-12-31T03:07:24.000Z\",\"lat\":-37.78,\"lon\":175.31,"
                        + "\"altMSL\":60.1,\"track\":181.39,\"speed\":0.165}",
                "{\"class\":\"SKY\",\"hdop\":1.10,\"uSat\":8,\"satellites\":[{\"PRN\":17,\"used\":true}]}",
                "{\"class\":\"VERSION\",\"release\":\"3.22\",\"proto_major\":3,\"proto_minor\":14}",
                "{\"class\":\"ERROR\",\"message\":\"bad\"}"));
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        if (Files.isDirectory(dir)) {
            for (String name : List.of("bu353s4", "nmea-rtk", "garmin-geko201")) {
                for (String l : Files.readAllLines(dir.resolve(name + ".log.chk"), StandardCharsets.ISO_8859_1)) {
                    if (l.startsWith("{")) {
                        lines.add(l);
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void mutatedAndRandomLinesNeverThrowAndAreAllCounted() throws Exception {
        List<String> corpus = corpus();
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            GpsdJsonParser parser = new GpsdJsonParser("fuzz");
            long fixes = 0;
            String line = "";
            try {
                for (int i = 0; i < LINES_PER_SEED; i++) {
                    line = mutate(corpus.get(random.nextInt(corpus.size())), random);
                    GnssFix fix = parser.accept(line);
                    if (fix != null) {
                        fixes++;
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + " threw on line: " + line, e);
            }
            GpsdStats s = parser.stats(fixes, 0, 0);
            assertEquals(LINES_PER_SEED, s.tpv() + s.sky() + s.ignored() + s.malformed() + s.impossibleValues()
                    + s.gpsdErrors(), "seed " + seed + ": every line counted once: " + s);
            assertEquals(fixes, s.tpv(), "seed " + seed);
            assertTrue(s.malformed() > 0 && s.tpv() > 0, "seed " + seed + " exercised both paths: " + s);
        }
    }

    private static String mutate(String line, Random r) {
        switch (r.nextInt(6)) {
            case 0 -> { // random bytes
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return new String(b, StandardCharsets.ISO_8859_1);
            }
            case 1 -> { // truncated
                return line.substring(0, r.nextInt(line.length() + 1));
            }
            case 2 -> { // deep nesting
                int depth = 1 + r.nextInt(3000);
                return "[".repeat(depth) + "]".repeat(r.nextInt(depth + 1));
            }
            case 3 -> { // a number where a value was, or a value where a number was
                String[] swaps = {"1e999", "-0", "null", "\"x\"", "true", "[]", "{}", "91", "-181", "NaN", "3.5"};
                return line.replaceFirst(":[^,}]+", ":" + swaps[r.nextInt(swaps.length)]);
            }
            default -> { // flipped characters
                char[] c = line.toCharArray();
                for (int k = 0, n = 1 + r.nextInt(4); k < n && c.length > 0; k++) {
                    c[r.nextInt(c.length)] = (char) r.nextInt(128);
                }
                return new String(c);
            }
        }
    }
}
