package org.avfusion.runtime.cli.route;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avfusion.calibration.yaml.Bounds;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.MapLoadException;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.MapStartup;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.pipeline.MapReplayJob;
import org.avfusion.runtime.pipeline.MqttOutputChannel;
import org.avfusion.runtime.route.DestinationCommands;
import org.avfusion.runtime.route.MapProfileConfig;
import org.avfusion.runtime.route.RouteState;
import org.avfusion.scenarios.sim.MapDrive;
import org.avfusion.scenarios.sim.MapScenario;
import org.avfusion.scenarios.sim.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avfusion map-drive --map FILE --from LAT,LON --to LAT,LON [--truck-at M]...}: a closed-loop simulated drive
 * on a real street map with the map in the loop: the runtime plans the route (published on
 * {@code avfusion/<id>/route}), the simulated vehicle drives it obeying the decisions, parked trucks block the
 * street, and the runtime reroutes. Output over MQTT as {@code avfusion replay}; destination commands are taken on
 * {@code avfusion/<id>/command/destination}.
 *
 * <p>Exit codes: 0 the vehicle arrived; 1 it did not (NO_ROUTE, time out); 2 bad input (map, coordinates, a truck
 * beyond the route).
 */
@Command(name = "map-drive", mixinStandardHelpOptions = true,
        description = "Closed-loop simulated drive on an OpenStreetMap file with the map in the loop: route published "
                + "on avfusion/<id>/route, progress in every decision, trucks (--truck-at) blocking the street give "
                + "REROUTE; exits 0 when the vehicle arrives.")
public final class MapDriveCommand implements Callable<Integer> {

    @Option(names = "--map", required = true, paramLabel = "FILE", description = "OpenStreetMap file (.osm, .osm.gz, "
            + ".osm.pbf).")
    Path map;

    @Option(names = "--from", required = true, paramLabel = "LAT,LON", converter = LatLonConverter.class,
            description = "Start, decimal degrees.")
    GeoPoint from;

    @Option(names = "--to", required = true, paramLabel = "LAT,LON", converter = LatLonConverter.class,
            description = "Destination, decimal degrees (becomes map.destination).")
    GeoPoint to;

    @Option(names = "--truck-at", paramLabel = "METERS", description = "Park a truck this far along the route "
            + "planned from --from to --to (repeatable).")
    List<Double> trucks = new ArrayList<>();

    @Option(names = "--speed", paramLabel = "M/S", defaultValue = "12", description = "What the simulated driver "
            + "would like to drive, (0, 30] m/s (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "300", description = "Longest drive, "
            + "(0, 3600] s (default: ${DEFAULT-VALUE}); it ends earlier, 5 s after arriving.")
    double duration;

    @Option(names = "--seed", defaultValue = "7", description = "Sensor noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "Profile (default: the built-in one); its map "
            + "section's matcher and route settings apply, map.file and map.destination come from --map and --to.")
    Path config;

    @Option(names = "--broker", paramLabel = "URL", description = "MQTT broker instead of the profile's "
            + "(mqtt.brokerUrl).")
    String broker;

    @Option(names = "--cache", paramLabel = "DIR", description = "Folder for imported graphs (default: map.cacheFolder"
            + ", else <java.io.tmpdir>/" + MapConfig.DEFAULT_CACHE_FOLDER_NAME + ").")
    Path cache;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Bounds.requirePositive("--speed", speed, 30, "m/s");
        Bounds.requirePositive("--duration", duration, 3600, "s");
        if (!Files.isRegularFile(map)) {
            System.err.println("avfusion map-drive: --map: file not found: " + map.toAbsolutePath());
            return 2;
        }
        ConfigLoader loader = new ConfigLoader();
        RuntimeConfig profile = config == null ? loader.loadDefault()
                : MapStartup.resolvePaths(loader.load(config), config.toAbsolutePath().getParent());
        MapProfileConfig m = profile.map();
        Path cacheFolder = cache != null ? cache.toAbsolutePath()
                : m.cacheFolder().isBlank() ? null : Path.of(m.cacheFolder());
        profile = profile.withMap(new MapProfileConfig(map.toAbsolutePath().toString(), "",
                cacheFolder == null ? "" : cacheFolder.toString(),
                String.format(Locale.ROOT, "%.7f,%.7f", to.latitudeDeg(), to.longitudeDeg()),
                m.maxSnapDistanceMeters(), m.maxFixDistanceFromMapMeters(), m.matcher(), m.route()));
        // the simulated drive has no wheel odometry and starts without a fix: the interpolated GNSS/IMU ego motion,
        // as the closed-loop scenarios run (see ClosedLoopEndToEndTest)
        profile = profile.withEgo(profile.ego().withFilterEnabled(false));
        if (broker != null) {
            MqttConfig q = profile.mqtt();
            profile = profile.withMqtt(new MqttConfig(broker, q.embeddedPort(), q.connectTimeoutMillis(),
                    q.reconnectMinDelayMillis(), q.reconnectMaxDelayMillis(), q.maxInflight(), q.keepAliveSeconds(),
                    q.occupancyEverySets(), q.healthPeriodMillis()));
        }
        List<MapScenario.Block> blocks = new ArrayList<>();
        for (int i = 0; i < trucks.size(); i++) {
            blocks.add(MapScenario.Block.truck("truck" + (i + 1), trucks.get(i)));
        }
        MapConfig mapConfig = cacheFolder == null ? MapConfig.defaults() : MapConfig.defaults().withCacheRoot(cacheFolder);
        try (RoadNetwork network = RoadNetwork.load(map, mapConfig)) {
            MapDrive drive = new MapDrive(new MapScenario("map-drive", map, cacheFolder, from, to, speed, duration,
                    seed, 0.3, blocks), network);
            out.println("avfusion map-drive: " + drive.describe() + ", trucks at " + trucks + " m");
            try (MqttOutputChannel channel = MqttOutputChannel.open(profile.mqtt(), profile.vehicle().id())) {
                String id = profile.vehicle().id();
                out.println("  MQTT " + channel.brokerUri() + ": route on avfusion/" + id + "/route, decisions on "
                        + "avfusion/" + id + "/decision, destination commands on " + DestinationCommands.topic(id));
                MapReplayJob.Result r = MapReplayJob.run(drive, profile, channel, out, 5.0,
                        MapReplayJob.destinationCommandsFrom(channel, id));
                return r.finalState() == RouteState.ARRIVED ? 0 : 1;
            }
        } catch (MapLoadException e) {
            System.err.println("avfusion map-drive: --map: " + e.getMessage());
            return 2;
        } catch (ScenarioException e) {
            System.err.println("avfusion map-drive: " + e.getMessage());
            return 2;
        }
    }
}
