package org.avfusion.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.config.VehicleConfig;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.route.RouteState;
import org.avfusion.scenarios.sim.EgoCommands;
import org.avfusion.scenarios.sim.MapDrive;

/**
 * Runs a closed-loop drive on a street map ({@link MapDrive}) through the whole pipeline, with the map in the decide
 * stage: the main job of {@code avfusion map-drive} and of the map end-to-end tests. The simulated vehicle reads the
 * runtime's {@code route} output (each GeoJSON route published is the route it drives from then on) and obeys its
 * decisions (STOP: limit 0, SLOW: the target speed, PROCEED and REROUTE: none). As fast as possible in lockstep, so
 * a drive repeats exactly; it ends at the drive's duration or {@code stopAfterArrivedSeconds} after the route
 * manager said ARRIVED.
 *
 * <p>The profile is adapted to the drive's rig: its lidar, GNSS and IMU (a camera in the profile is dropped), no clock
 * offsets, its body and lidar mount. The profile's {@code map} section must name the drive's map.
 */
public final class MapReplayJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a drive did. */
    public record Result(Map<DecisionKind, Long> decisions, int routesPublished, List<Double> routeLengthsMeters,
            RouteState finalState, double vehicleSeconds, double wallSeconds, long stageErrors, long lockstepTimeouts,
            long reroutes) {
    }

    private MapReplayJob() {
    }

    /** The profile adapted to the map drive's rig (see the class comment). */
    public static RuntimeConfig adapt(RuntimeConfig profile, MapDrive drive) {
        List<SensorConfig> sensors = new ArrayList<>();
        for (SensorConfig s : profile.sensors()) {
            if (drive.sensors().stream().anyMatch(id -> id.name().equals(s.name()))) {
                sensors.add(new SensorConfig(s.name(), s.kind(), 0.0, s.timeoutMillis(), s.ringFullPolicy(),
                        s.critical()));
            }
        }
        VehicleConfig v = profile.vehicle();
        VehicleConfig vehicle = new VehicleConfig(v.id(), v.rearOverhangMeters() + drive.egoFrontOverhangMeters(),
                drive.egoWidthMeters(), v.rearOverhangMeters(), VehicleConfig.MountConfig.of(drive.lidarMount()));
        return profile.withVehicleAndSensors(vehicle, sensors);
    }

    /**
     * @param output       where the runtime publishes (MQTT, in-process, a test's collector); the job puts itself
     *                     in front of it to hand routes to the simulated vehicle, and closes nothing
     * @param console      decision changes and a summary, or null
     * @param beforeDrive  called with the pipeline before the first frame (command subscriptions, test commands)
     */
    public static Result run(MapDrive drive, RuntimeConfig profile, OutputChannel output, PrintStream console,
            double stopAfterArrivedSeconds, Consumer<Pipeline> beforeDrive) {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(output, "output");
        if (!profile.map().enabled()) {
            throw new IllegalArgumentException("a map drive needs map.file in the profile");
        }
        RuntimeConfig config = RecordingProfile.blocking(adapt(profile, drive));
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, config.ring().tickPeriodNanos());
        List<Double> lengths = new ArrayList<>();
        RouteTap tap = new RouteTap(output, drive, lengths);
        EgoCommands ego = drive.egoCommands();
        long[] arrivedAt = {Long.MIN_VALUE};
        Object[] last = {null, null};
        long wallStart = System.nanoTime();
        try (Pipeline pipeline = new Pipeline(config, tap, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                (d, set, latency) -> {
                    command(ego, d);
                    // the route side of this decision, as the tap read it from the decision just published
                    RouteState state = tap.state;
                    if (console != null && (d.kind() != last[0] || state != last[1])) {
                        console.printf(Locale.ROOT, "  t=%7.2f s  %-7s %-24s route %-14s %s%n",
                                d.referenceStampNanos() / 1e9, d.kind(), d.reason(), state,
                                Double.isNaN(tap.remaining) ? "" : String.format(Locale.ROOT, "%.0f m to go",
                                        tap.remaining) + (tap.message.isEmpty() ? "" : " (" + tap.message + ")"));
                    }
                    last[0] = d.kind();
                    last[1] = state;
                    if (state == RouteState.ARRIVED && arrivedAt[0] == Long.MIN_VALUE) {
                        arrivedAt[0] = d.referenceStampNanos();
                    }
                    if (arrivedAt[0] != Long.MIN_VALUE
                            && d.referenceStampNanos() - arrivedAt[0] > stopAfterArrivedSeconds * 1e9) {
                        pacer.stop();
                    }
                }, "off", null)) {
            beforeDrive.accept(pipeline);
            pacer.run(drive, pipeline.sink(), pipeline::tickWaiting, Long.MAX_VALUE);
            pipeline.finish(30_000);
            Map<DecisionKind, Long> counts = new EnumMap<>(DecisionKind.class);
            for (DecisionKind k : DecisionKind.values()) {
                counts.put(k, pipeline.decisionCount(k));
            }
            Result r = new Result(counts, lengths.size(), List.copyOf(lengths), tap.state,
                    pacer.releasedVehicleNanos() / 1e9, (System.nanoTime() - wallStart) / 1e9,
                    pipeline.stageErrors().values().stream().mapToLong(Long::longValue).sum(),
                    drive.lockstepTimeouts(), pipeline.routeLoop().routeStats().reroutes());
            if (console != null) {
                console.printf(Locale.ROOT, "  %s: %.1f s driven in %.1f s; decisions %s; routes published %s m; "
                        + "reroutes %d; final route state %s; stage errors %d%n", drive.describe(), r.vehicleSeconds(),
                        r.wallSeconds(), counts, lengths.stream().map(x -> String.format(Locale.ROOT, "%.1f", x))
                                .toList(), r.reroutes(), r.finalState(), r.stageErrors());
            }
            return r;
        }
    }

    /**
     * A {@code beforeDrive} that subscribes the pipeline's route loop to {@code avfusion/<id>/command/destination}
     * through {@code channel} (see {@link MqttOutputChannel#subscribeCommands}).
     */
    public static Consumer<Pipeline> destinationCommandsFrom(MqttOutputChannel channel, String vehicleId) {
        return p -> channel.subscribeCommands(org.avfusion.runtime.route.DestinationCommands.topic(vehicleId),
                p.routeLoop()::offerCommand);
    }

    /** As the replay job commands a simulated ego. */
    static void command(EgoCommands ego, Decision d) {
        ReplayJob.command(ego, d);
    }

    /** Hands each published route to the simulated vehicle, then on to the real output. */
    private static final class RouteTap implements OutputChannel {
        private final OutputChannel next;
        private final MapDrive drive;
        private final List<Double> lengths;
        /** The route side of the last decision published (publish thread only). */
        RouteState state;
        double remaining = Double.NaN;
        String message = "";

        RouteTap(OutputChannel next, MapDrive drive, List<Double> lengths) {
            this.next = next;
            this.drive = drive;
            this.lengths = lengths;
        }

        @Override
        public boolean route(byte[] geoJson) {
            try {
                JsonNode n = JSON.readTree(geoJson);
                List<GeoPoint> path = new ArrayList<>();
                for (JsonNode c : n.get("geometry").get("coordinates")) {
                    path.add(new GeoPoint(c.get(1).asDouble(), c.get(0).asDouble()));
                }
                JsonNode p = n.get("properties");
                lengths.add(p.get("distanceMeters").asDouble());
                drive.followRoute(p.get("stampNanos").asLong(), path);
            } catch (IOException e) {
                throw new IllegalStateException("route output is not GeoJSON: " + e.getMessage(), e);
            }
            return next.route(geoJson);
        }

        @Override
        public boolean decision(byte[] json) {
            try {
                JsonNode route = JSON.readTree(json).path("route");
                state = route.has("state") ? RouteState.valueOf(route.get("state").asText()) : null;
                JsonNode left = route.get("distanceRemainingMeters");
                remaining = left == null || !left.isNumber() ? Double.NaN : left.asDouble();
                message = route.path("message").asText("");
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("decision output is not as published: " + e.getMessage(), e);
            }
            return next.decision(json);
        }

        @Override
        public boolean occupancy(byte[] json) {
            return next.occupancy(json);
        }

        @Override
        public boolean objects(byte[] json) {
            return next.objects(json);
        }

        @Override
        public boolean health(byte[] json) {
            return next.health(json);
        }

        @Override
        public void close() {
            // the caller owns the output
        }
    }
}
