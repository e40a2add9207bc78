package org.avfusion.runtime.output.inprocess;

import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.runtime.output.OutputChannel;

/**
 * An output channel that keeps nothing but counts: what the publish stage would have sent over MQTT is accepted and
 * counted per message kind, never dropped. The decisions themselves reach the caller through a
 * {@link org.avfusion.runtime.output.DecisionListener}; this channel only stands in for the broker.
 *
 * <p>Threading: written by the publish stage's thread, read by any thread (counters are atomic). Memory: constant.
 */
public final class InProcessOutputChannel implements OutputChannel {
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong occupancy = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong health = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong routes = new AtomicLong();
    private volatile byte[] lastRoute;

    private boolean count(AtomicLong counter, byte[] json) {
        counter.incrementAndGet();
        bytes.addAndGet(json.length);
        return true;
    }

    @Override
    public boolean decision(byte[] json) {
        return count(decisions, json);
    }

    @Override
    public boolean occupancy(byte[] json) {
        return count(occupancy, json);
    }

    @Override
    public boolean objects(byte[] json) {
        return count(objects, json);
    }

    @Override
    public boolean health(byte[] json) {
        return count(health, json);
    }

    @Override
    public boolean route(byte[] geoJson) {
        lastRoute = geoJson;
        return count(routes, geoJson);
    }

    /** Route messages published so far (one per route change). */
    public long routes() {
        return routes.get();
    }

    /** The last route published (GeoJSON, UTF-8), or null; as a retained MQTT message would hold it. */
    public byte[] lastRoute() {
        return lastRoute;
    }

    /** Decision messages published so far. */
    public long decisions() {
        return decisions.get();
    }

    /** Health reports published so far. */
    public long healthReports() {
        return health.get();
    }

    /** Bytes of every kind published so far. */
    public long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        // nothing held
    }
}
