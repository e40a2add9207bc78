package org.avfusion.runtime.decimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every positive float in [10^-3, 10^7) (278,234,129 of them) through {@link JavaFloatText} and
 * {@code Float.toString}: run once by hand, not in CI (minutes of CPU), with
 * {@code mvn -B -o -q -pl runtime -am test -Dtest=JavaFloatTextExhaustiveCheck -Davfusion.exhaustive=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Negative floats differ only by the sign, written before the digits.
 */
class JavaFloatTextExhaustiveCheck {
    @Test
    void everyFloatOfThePlainRangePrintsAsFloatToString() {
        Assumptions.assumeTrue(Boolean.getBoolean("avfusion.exhaustive"),
                "exhaustive check skipped: run with -Davfusion.exhaustive=true");
        int lo = Float.floatToRawIntBits(1e-3f);
        int hi = Float.floatToRawIntBits(1e7f);
        AtomicLong differ = new AtomicLong();
        AtomicLong firstDiffering = new AtomicLong(-1);
        long started = System.nanoTime();
        IntStream.range(0, 64).parallel().forEach(chunk -> {
            byte[] buffer = new byte[32];
            int from = lo + (int) ((long) (hi - lo) * chunk / 64);
            int to = lo + (int) ((long) (hi - lo) * (chunk + 1) / 64);
            for (int bits = from; bits < to; bits++) {
                float v = Float.intBitsToFloat(bits);
                int end = JavaFloatText.write(v, buffer, 0);
                if (!Float.toString(v).equals(new String(buffer, 0, end, StandardCharsets.ISO_8859_1))) {
                    differ.incrementAndGet();
                    firstDiffering.compareAndSet(-1, bits);
                }
            }
        });
        System.out.printf("JavaFloatTextExhaustiveCheck: %,d floats in [1e-3, 1e7), %,d differ from Float.toString"
                + " (first: bits %d), %.1f s%n", (long) hi - lo, differ.get(), firstDiffering.get(),
                (System.nanoTime() - started) / 1e9);
        assertEquals(0, differ.get(), "floats printing differently from Float.toString");
    }
}
