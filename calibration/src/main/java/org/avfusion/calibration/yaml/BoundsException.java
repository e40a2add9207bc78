package org.avfusion.calibration.yaml;

/**
 * A value outside its allowed set, thrown by {@link Bounds} (typically from a record's compact constructor).
 * Carries the key relative to the record being built ({@code timeoutMillis}, or a full path such as
 * {@code ring.size} where the record knows it) and the problem ({@code must be in [1, 65535], was 0}); the binder
 * prefixes the file and the path of the enclosing object. The message is {@code key + " " + problem}.
 */
public final class BoundsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public BoundsException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The key as the thrower named it. */
    public String key() {
        return key;
    }

    /** What is wrong and what is allowed, without the key. */
    public String problem() {
        return problem;
    }
}
