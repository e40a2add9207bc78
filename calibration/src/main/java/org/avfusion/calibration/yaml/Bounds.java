package org.avfusion.calibration.yaml;

import java.util.Collection;

/**
 * The range checks of every number, text and choice a user can set (profiles, live sources, scenarios, rigs, CLI
 * options). Each check returns the value, so a compact constructor can write {@code x = Bounds.requireInRange(...)},
 * and throws a {@link BoundsException} whose message names the key, the allowed range with its unit and the value:
 * {@code ring.size must be a power of two in [16, 1048576], was 67108864}.
 *
 * <p>Ranges are closed unless a method says otherwise; NaN is outside every range. Plain Java, stateless.
 */
public final class Bounds {
    private Bounds() {
    }

    /** {@code min <= value <= max}. */
    public static double requireInRange(String key, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new BoundsException(key, "must be in [" + number(min) + ", " + number(max) + "]" + unit(unit)
                    + ", was " + value);
        }
        return value;
    }

    /** {@code min <= value <= max}, for whole numbers. */
    public static long requireInRange(String key, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new BoundsException(key, "must be in [" + min + ", " + max + "]" + unit(unit) + ", was " + value);
        }
        return value;
    }

    /** {@code min <= value <= max}, for whole numbers that fit an int. */
    public static int requireInRange(String key, int value, int min, int max, String unit) {
        return (int) requireInRange(key, (long) value, (long) min, (long) max, unit);
    }

    /** {@code min <= value < max} (angles of a turn: {@code [0, 360)}). */
    public static double requireInHalfOpenRange(String key, double value, double min, double max, String unit) {
        if (!(value >= min && value < max)) {
            throw new BoundsException(key, "must be in [" + number(min) + ", " + number(max) + ")" + unit(unit)
                    + ", was " + value);
        }
        return value;
    }

    /** {@code 0 < value <= max}. */
    public static double requirePositive(String key, double value, double max, String unit) {
        if (!(value > 0)) {
            throw new BoundsException(key, "must be > 0, was " + value + "; allowed: (0, " + number(max) + "]"
                    + unit(unit));
        }
        if (!(value <= max)) {
            throw new BoundsException(key, "must be in (0, " + number(max) + "]" + unit(unit) + ", was " + value);
        }
        return value;
    }

    /** {@code 0 <= value <= max}. */
    public static double requireNonNegative(String key, double value, double max, String unit) {
        if (!(value >= 0)) {
            throw new BoundsException(key, "must be >= 0, was " + value + "; allowed: [0, " + number(max) + "]"
                    + unit(unit));
        }
        return requireInRange(key, value, 0, max, unit);
    }

    /** A power of two in {@code [min, max]} (ring sizes, pools). */
    public static int requirePowerOfTwo(String key, int value, int min, int max, String unit) {
        if (value < min || value > max || Integer.bitCount(value) != 1) {
            throw new BoundsException(key, "must be a power of two in [" + min + ", " + max + "]" + unit(unit)
                    + ", was " + value);
        }
        return value;
    }

    /** Present; {@code example} says what to write ({@code missing; write e.g. 'seed: 42'}). */
    public static <T> T required(String key, T value, String example) {
        if (value == null) {
            throw new BoundsException(key, "missing; write e.g. '" + key + ": " + example + "'");
        }
        return value;
    }

    /** Present and not blank. */
    public static String requireNonBlank(String key, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new BoundsException(key, (value == null ? "missing" : "must not be blank") + "; write e.g. '"
                    + key + ": " + example + "'");
        }
        return value;
    }

    /** One of {@code allowed}, which the message lists. */
    public static <T> T requireOneOf(String key, T value, Collection<? extends T> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new BoundsException(key, (value == null ? "missing" : "'" + value + "' is not allowed")
                    + "; one of " + allowed);
        }
        return value;
    }

    /** An enum constant; the message lists the constants. */
    public static <E extends Enum<E>> E requireEnum(String key, E value, Class<E> type) {
        if (value == null) {
            throw new BoundsException(key, "missing; one of " + java.util.List.of(type.getEnumConstants()));
        }
        return value;
    }

    /** A bound as a reader writes it: {@code 65535}, {@code 0.5}, {@code 1e+06} stays {@code 1000000}. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static String unit(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }
}
