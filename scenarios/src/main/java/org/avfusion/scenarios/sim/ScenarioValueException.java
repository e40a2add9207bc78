package org.avfusion.scenarios.sim;

/**
 * Thrown by the compact constructors of {@link ScenarioSpec}'s records for a missing or impossible value;
 * {@link ScenarioCatalog} prefixes the file and the path of the enclosing object to turn it into a
 * {@link ScenarioException}.
 */
final class ScenarioValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    ScenarioValueException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    String key() {
        return key;
    }

    String problem() {
        return problem;
    }

    static <T> T required(String key, T value, String example) {
        if (value == null) {
            throw new ScenarioValueException(key, "missing; write e.g. '" + key + ": " + example + "'");
        }
        return value;
    }

    static double positive(String key, Double value, String unitHint) {
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw new ScenarioValueException(key, (value == null ? "missing" : "must be > 0, was " + value)
                    + "; write a positive number of " + unitHint);
        }
        return value;
    }

    static double nonNegative(String key, Double value, String unitHint) {
        if (value == null || !(value >= 0) || value.isInfinite()) {
            throw new ScenarioValueException(key, (value == null ? "missing" : "must be >= 0, was " + value)
                    + "; write a number >= 0 of " + unitHint);
        }
        return value;
    }

    static double finite(String key, Double value, String unitHint) {
        if (value == null || !Double.isFinite(value)) {
            throw new ScenarioValueException(key, (value == null ? "missing" : "must be finite, was " + value)
                    + "; write a number of " + unitHint);
        }
        return value;
    }

    static double inRange(String key, Double value, double min, double max, String unitHint) {
        if (value == null || !(value >= min && value <= max)) {
            throw new ScenarioValueException(key, (value == null ? "missing" : "must be in [" + min + ", " + max
                    + "], was " + value) + "; write " + unitHint);
        }
        return value;
    }
}
