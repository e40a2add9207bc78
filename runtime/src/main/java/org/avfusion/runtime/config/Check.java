package org.avfusion.runtime.config;

/** Validation helpers for config records: each failure names the key and the value. */
final class Check {
    private Check() {
    }

    static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(key + " must be > 0, was " + value);
        }
    }

    static void nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigException(key + " must be >= 0, was " + value);
        }
    }

    static void range(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    static <T> T present(String key, T value) {
        if (value == null) {
            throw new ConfigException(key + " is missing");
        }
        return value;
    }
}
