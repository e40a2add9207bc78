package org.avfusion.calibration.yaml;

import java.util.Set;

/**
 * YAML that does not bind: bad syntax, an unknown key, a value of the wrong type or outside its range. Carries the
 * source (file name), the key path ({@code live.sources[2].port}, empty for the whole document), the problem in
 * words (with the allowed values or what to write instead), and, where there is one, the offending value as written
 * and the keys known at that place. Each config dialect turns it into its own exception in its own house style;
 * the message here is {@code source: path: problem}.
 */
public final class BindException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String problem;
    private final String value;
    private final transient Set<String> knownKeys;

    public BindException(String source, String path, String problem, String value, Set<String> knownKeys,
            Throwable cause) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem, cause);
        this.source = source;
        this.path = path;
        this.problem = problem;
        this.value = value;
        this.knownKeys = knownKeys == null ? null : Set.copyOf(knownKeys);
    }

    /** The file (or other source name) as the caller gave it. */
    public String source() {
        return source;
    }

    /** The key path, empty for the whole document. */
    public String path() {
        return path;
    }

    /** What is wrong and what to write instead, without source and path. */
    public String problem() {
        return problem;
    }

    /** The offending value as written, or null. */
    public String value() {
        return value;
    }

    /** For an unknown key: the keys allowed where it stood (sorted); else null. */
    public Set<String> knownKeys() {
        return knownKeys == null ? null : new java.util.TreeSet<>(knownKeys);
    }
}
