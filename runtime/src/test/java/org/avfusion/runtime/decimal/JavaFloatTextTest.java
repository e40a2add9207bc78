package org.avfusion.runtime.decimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaFloatText} against the JDK's {@code Float.toString} (this build runs on 17, whose text the CLI output
 * keeps), and {@link Schubfach} against Jackson's port of Giulietti's reference and against exact arithmetic.
 */
class JavaFloatTextTest {
    private static final long SEED = 20261205L;
    private final byte[] buffer = new byte[64];

    private String text(float v) {
        int end = JavaFloatText.write(v, buffer, 3);
        assertTrue(end - 3 <= JavaFloatText.MAX_BYTES, "longer than MAX_BYTES: " + v);
        return new String(buffer, 3, end - 3, StandardCharsets.ISO_8859_1);
    }

    private void same(float v) {
        assertEquals(Float.toString(v), text(v), () -> "bits 0x" + Integer.toHexString(Float.floatToRawIntBits(v)));
    }

    @Test
    void printsWhatFloatToStringPrintsAtTheEdges() {
        float[] table = {
            0f, -0f, 1f, -1f, 0.5f, 0.1f, 0.2f, 0.3f, 1.1f, 3.3360002f, 250.34999f, -30.67f, 44f,
            1e-3f, 1e-2f, 1e-1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 9_999_999f, 1e7f, 16_777_216f,
            Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 8.1109158E8f, 1.17549435E-38f, 9.999999E-4f, 0.0012345678f, 1234567.9f,
        };
        for (float v : table) {
            same(v);
            same(-v);
            same(Math.nextUp(v));
            same(Math.nextDown(v));
            same(-Math.nextUp(v));
        }
    }

    @Test
    void printsWhatFloatToStringPrintsNearEveryPowerOfTenAndTwoOfThePlainRange() {
        for (int e = -3; e <= 7; e++) {
            float p = (float) Math.pow(10, e);
            for (int i = -64; i <= 64; i++) {
                same(p + i * Math.ulp(p));
            }
        }
        for (int e = -10; e <= 24; e++) {
            float p = Math.scalb(1f, e); // the asymmetric rounding interval of Schubfach's power-of-two case
            for (int i = -3; i <= 3; i++) {
                same(p + i * Math.ulp(p));
            }
            same(p * 1.5f);
        }
    }

    @Test
    void printsWhatFloatToStringPrintsForFourMillionRandomBitPatterns() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 4_000_000; i++) {
            same(Float.intBitsToFloat(random.nextInt()));
        }
    }

    @Test
    void printsWhatFloatToStringPrintsForFourMillionRandomFloatsOfThePlainRange() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int lo = Float.floatToRawIntBits(1e-3f);
        int hi = Float.floatToRawIntBits(1e7f);
        int shortestPath = 0;
        for (int i = 0; i < 4_000_000; i++) {
            float v = Float.intBitsToFloat(random.nextInt(lo, hi));
            if (JavaFloatText.isShortestPath(v)) {
                shortestPath++;
            }
            same(random.nextBoolean() ? v : -v);
        }
        assertTrue(shortestPath > 3_800_000, "the random floats must exercise Schubfach: " + shortestPath);
    }

    @Test
    void lidarLikeValuesOfMetresAndDegreesPrintAsFloatToString() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 2_000_000; i++) {
            same((float) (random.nextDouble(-120, 120)));
            same((float) (random.nextInt(0, 36_000) / 100.0));
        }
    }

    @Test
    void schubfachAgreesWithJacksonsPortOfTheReferenceOnAllFiniteFloats() {
        // Jackson's FloatToDecimal is the Java 19+ Float.toString: the shortest decimal everywhere, subnormals too
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int i = 0; i < 1_000_000; i++) {
            float v = Math.abs(Float.intBitsToFloat(random.nextInt()));
            if (v == 0 || !Float.isFinite(v)) {
                continue;
            }
            long d = Schubfach.shortest(v);
            BigDecimal ours = BigDecimal.valueOf(Schubfach.significand(d), -Schubfach.exponent(d));
            BigDecimal jackson = new BigDecimal(
                    com.fasterxml.jackson.core.io.schubfach.FloatToDecimal.toString(v));
            assertEquals(0, ours.compareTo(jackson), () -> v + ": " + ours + " vs Jackson's " + jackson);
        }
        for (int bits = 1; bits < 1 << 12; bits++) { // the smallest subnormals, C_TINY's scaled path
            float v = Float.intBitsToFloat(bits);
            long d = Schubfach.shortest(v);
            BigDecimal ours = BigDecimal.valueOf(Schubfach.significand(d), -Schubfach.exponent(d));
            assertEquals(0, ours.compareTo(new BigDecimal(
                    com.fasterxml.jackson.core.io.schubfach.FloatToDecimal.toString(v))), "subnormal " + v);
            assertEquals(v, ours.floatValue(), "round trip " + v);
        }
    }

    @Test
    void logarithmApproximationsAreExactOverTheFloatExponents() {
        MathContext mc = new MathContext(60);
        for (int e = -200; e <= 200; e++) {
            // floor(e log10 2): the number of decimal digits of 2^e minus one, exactly from BigDecimal
            BigDecimal twoPow = e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)), mc);
            assertEquals(floorLog10(twoPow), Schubfach.flog10pow2(e), "flog10pow2 " + e);
            assertEquals(floorLog10(twoPow.multiply(new BigDecimal("0.75"))), Schubfach.flog10threeQuartersPow2(e),
                    "flog10threeQuartersPow2 " + e);
            BigInteger tenPow = BigInteger.TEN.pow(Math.abs(e));
            int floorLog2 = e >= 0 ? tenPow.bitLength() - 1 : -tenPow.bitLength() + (e == 0 ? 1 : 0);
            assertEquals(floorLog2, Schubfach.flog2pow10(e), "flog2pow10 " + e);
        }
    }

    @Test
    void theTableOfPowersOfTenLiesInItsBinade() {
        for (int k = -45; k <= 31; k++) {
            BigInteger g = Schubfach.g(k);
            assertTrue(g.bitLength() == 126 || g.equals(BigInteger.ONE.shiftLeft(126)), "g(" + k + ") " + g);
        }
    }

    @Test
    void eightDigitsInOneLongAreExactForEveryValueBelowTenToTheEight() {
        for (int v = 0; v < 100_000_000; v++) {
            long digits = JavaFloatText.eightDigits(v);
            int back = 0;
            for (int i = 0; i < 8; i++) {
                int digit = (int) (digits >>> (8 * i)) & 0xFF;
                back = 10 * back + digit;
                if (digit > 9) {
                    back = -1;
                    break;
                }
            }
            if (back != v) {
                assertEquals(v, back, "eight digits of " + v + ": 0x" + Long.toHexString(digits));
            }
        }
    }

    private static int floorLog10(BigDecimal positive) {
        return positive.precision() - positive.scale() - 1;
    }
}
