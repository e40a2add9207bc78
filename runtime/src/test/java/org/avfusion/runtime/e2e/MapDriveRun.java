package org.avfusion.runtime.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.pipeline.MapReplayJob;
import org.avfusion.runtime.pipeline.Pipeline;
import org.avfusion.scenarios.sim.MapDrive;

/**
 * Runs a {@link MapDrive} through the whole runtime (ring, stages, the map in the decide stage) in closed loop with
 * an in-process output that stands for the vehicle's side of MQTT: each message of the {@code route} topic is handed
 * to the simulated vehicle (it drives that route), each decision commands its speed. Everything published is kept,
 * parsed, for the checks.
 */
final class MapDriveRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published decision as a subscriber reads it. */
    record Published(long stampNanos, String kind, String reason, String routeState, double distanceRemainingMeters,
            double previousDistanceMeters, double newDistanceMeters, String routeMessage, double speedMetersPerSecond,
            double targetSpeedMetersPerSecond, double decelerationMetersPerSec2) {
        double seconds() {
            return stampNanos / 1e9;
        }
    }

    /** One published route. */
    record PublishedRoute(long stampNanos, double distanceMeters, double timeSeconds, List<GeoPoint> path) {
    }

    /** What a drive published. */
    record Outcome(List<Published> decisions, List<PublishedRoute> routes, List<String> health, double wallSeconds,
            long stageErrors, Pipeline pipeline) {
    }

    private MapDriveRun() {
    }

    static Outcome run(MapDrive drive, RuntimeConfig profile, UnaryOperator<OutputChannel> tap,
            double stopAfterArrivedSeconds) {
        return run(drive, profile, tap, stopAfterArrivedSeconds, p -> { });
    }

    /**
     * Through {@link MapReplayJob} (what {@code avfusion map-drive} runs), with a collector as the output.
     *
     * @param stopAfterArrivedSeconds the drive ends this long after the first ARRIVED decision (or at its duration)
     * @param beforeDrive             called with the pipeline before the first frame (e.g. to send commands)
     */
    static Outcome run(MapDrive drive, RuntimeConfig profile, UnaryOperator<OutputChannel> tap,
            double stopAfterArrivedSeconds, java.util.function.Consumer<Pipeline> beforeDrive) {
        List<Published> decisions = new CopyOnWriteArrayList<>();
        List<PublishedRoute> routes = new CopyOnWriteArrayList<>();
        List<String> health = new CopyOnWriteArrayList<>();
        OutputChannel collector = new OutputChannel() {
            @Override
            public boolean decision(byte[] json) {
                decisions.add(parseDecision(json));
                return true;
            }

            @Override
            public boolean route(byte[] geoJson) {
                routes.add(parseRoute(geoJson));
                return true;
            }

            @Override
            public boolean occupancy(byte[] json) {
                return true;
            }

            @Override
            public boolean objects(byte[] json) {
                return true;
            }

            @Override
            public boolean health(byte[] json) {
                health.add(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                return true;
            }

            @Override
            public void close() {
            }
        };
        Pipeline[] pipeline = new Pipeline[1];
        MapReplayJob.Result r = MapReplayJob.run(drive, profile, tap.apply(collector), System.out,
                stopAfterArrivedSeconds, p -> {
                    pipeline[0] = p;
                    beforeDrive.accept(p);
                });
        return new Outcome(List.copyOf(decisions), List.copyOf(routes), List.copyOf(health), r.wallSeconds(),
                r.stageErrors(), pipeline[0]);
    }

    static Published parseDecision(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            JsonNode r = n.path("route");
            return new Published(n.get("referenceStampNanos").asLong(), n.get("kind").asText(),
                    n.get("reason").asText(), r.path("state").asText("NONE"), number(r.get("distanceRemainingMeters")),
                    number(r.get("previousDistanceMeters")), number(r.get("newDistanceMeters")),
                    r.path("message").asText(""), number(n.get("speedMetersPerSecond")),
                    number(n.get("targetSpeedMetersPerSecond")), number(n.get("decelerationMetersPerSec2")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PublishedRoute parseRoute(byte[] geoJson) {
        try {
            JsonNode n = JSON.readTree(geoJson);
            if (!n.path("type").asText().equals("Feature")
                    || !n.path("geometry").path("type").asText().equals("LineString")) {
                throw new AssertionError("route is not a GeoJSON LineString Feature: " + n);
            }
            List<GeoPoint> path = new ArrayList<>();
            for (JsonNode c : n.get("geometry").get("coordinates")) {
                path.add(new GeoPoint(c.get(1).asDouble(), c.get(0).asDouble()));
            }
            JsonNode p = n.get("properties");
            return new PublishedRoute(p.get("stampNanos").asLong(), p.get("distanceMeters").asDouble(),
                    p.get("timeSeconds").asDouble(), List.copyOf(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
