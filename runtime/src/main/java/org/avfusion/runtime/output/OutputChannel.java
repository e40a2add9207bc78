package org.avfusion.runtime.output;

/**
 * The publish stage's way out. Implementations never block the stage for long: a message that cannot go out now is
 * dropped and counted by the channel. Called from the publish stage's thread, except {@link #decision}, which the
 * pipeline's watchdog ({@code runtime.watchdog.DecisionWatchdog}, its own thread) also calls with its fail-safe STOP
 * when the pipeline stalls: {@code decision} must be thread-safe.
 */
public interface OutputChannel extends AutoCloseable {
    /** A decision (reliable delivery: MQTT QoS 1). @return false when dropped */
    boolean decision(byte[] json);

    /** An occupancy grid (best effort: QoS 0). @return false when dropped */
    boolean occupancy(byte[] json);

    /** The obstacle list (best effort: QoS 0). @return false when dropped */
    boolean objects(byte[] json);

    /** The health report (retained). @return false when dropped */
    boolean health(byte[] json);

    /**
     * The route being followed (map in the loop): a GeoJSON Feature, published when it changes (retained, QoS 1).
     * A channel without a route topic ignores it. @return false when dropped
     */
    default boolean route(byte[] geoJson) {
        return false;
    }

    @Override
    void close();
}
