package org.avfusion.scenarios.sim;

/**
 * A scenario that cannot be loaded or simulated. The message names the file (or scenario), the key path and the
 * offending value, and says what to write instead, e.g.
 * {@code pedestrian-crossing.yaml: actors[0].speedMps: unknown key 'speedMps'; known keys: ...}.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
