package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever it is fed, the decoder never throws, counts every sentence exactly once (accepted or in one
 * rejection counter), and every fix it returns satisfies the {@link GnssFix} invariants. Fixed seeds; the seed
 * and the case are printed on failure.
 */
class NmeaFuzzTest {

    private static final long[] SEEDS = {1L, 42L, 20240611L};
    private static final int CASES_PER_SEED = 2_000;

    @Test
    void randomBytesNeverThrowAndAreAllCounted() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            NmeaDecoder decoder = new NmeaDecoder();
            for (int c = 0; c < CASES_PER_SEED; c++) {
                char[] chars = new char[random.nextInt(120)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = random.nextInt(4) == 0 ? ",*$.0123456789NSEWAV".charAt(random.nextInt(20))
                            : (char) random.nextInt(256);
                }
                String line = random.nextBoolean() ? "$" + new String(chars) : new String(chars);
                check(decoder, line, seed, c);
            }
            assertEquals(CASES_PER_SEED, decoder.stats().total(), "seed " + seed + " " + decoder.stats());
        }
    }

    @Test
    void mutatedRealSentencesNeverThrowAndAreAllCounted() throws IOException {
        List<String> real = realSentences();
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            NmeaDecoder decoder = new NmeaDecoder();
            long resealed = 0;
            for (int c = 0; c < CASES_PER_SEED; c++) {
                String original = real.get(random.nextInt(real.size()));
                String mutated = mutate(original, random);
                if (random.nextInt(3) == 0) {
                    mutated = reseal(mutated); // so that mutations reach the field parsers, not just the checksum
                    resealed++;
                }
                check(decoder, mutated, seed, c);
            }
            NmeaStats stats = decoder.stats();
            assertEquals(CASES_PER_SEED, stats.total(), "seed " + seed + " " + stats);
            if (stats.malformed() + stats.impossibleValue() == 0 || resealed == 0) {
                fail("seed " + seed + ": mutations never reached the field parsers: " + stats);
            }
        }
    }

    private static void check(NmeaDecoder decoder, String line, long seed, int c) {
        long before = decoder.stats().total();
        GnssFix fix;
        try {
            fix = decoder.accept(line);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + " case " + c + " threw on " + escape(line), e);
        }
        NmeaStats stats = decoder.stats();
        if (stats.total() != before + 1) {
            fail("seed " + seed + " case " + c + " counted " + (stats.total() - before) + " times: " + escape(line));
        }
        if (fix != null && fix.mode() != FixMode.NO_FIX
                && (Double.isNaN(fix.latitudeDeg()) != Double.isNaN(fix.longitudeDeg()))) {
            fail("seed " + seed + " case " + c + " half a position: " + fix + " from " + escape(line));
        }
    }

    private static List<String> realSentences() throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(NmeaGpsdRegressionTest.nmeaDir())) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    if (line.startsWith("$")) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length() > 1; e++) {
            int at = 1 + r.nextInt(b.length() - 1);
            switch (r.nextInt(6)) {
                case 0 -> b.setCharAt(at, (char) r.nextInt(128));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, ",.-*9$".charAt(r.nextInt(6)));
                case 3 -> b.setCharAt(at, Character.forDigit(r.nextInt(10), 10));
                case 4 -> b.setLength(at); // cut short, as a serial buffer does
                default -> b.insert(at, b.substring(at, Math.min(b.length(), at + r.nextInt(12))));
            }
        }
        return b.toString();
    }

    private static String reseal(String s) {
        int star = s.indexOf('*');
        String body = star < 0 ? s : s.substring(0, star);
        int dollar = body.indexOf('$');
        int sum = 0;
        for (int i = dollar + 1; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return body + String.format("*%02X", sum & 0xff);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
