package org.avfusion.runtime.cli.route;

import java.io.IOException;
import org.avfusion.runtime.output.json.JsonLines;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.MapLoadException;
import org.avfusion.drivers.map.NoRouteException;
import org.avfusion.drivers.map.OffMapException;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion route --map FILE --from LAT,LON --to LAT,LON}: prints one JSON line
 * {@code {"distance_m":..,"time_s":..,"points":N,"path":[[lat,lon],...]}} for the fastest car route.
 *
 * <p>Exit codes: 0 route printed; 2 bad input (a coordinate that is not two numbers or out of range, a missing,
 * unreadable or road-less map, an end too far from every road), with a message on stderr naming the option or
 * file and the value; 1 when both ends are on roads but no car route joins them.
 */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Fastest car route between two positions on an OpenStreetMap file (.osm, .osm.gz or .osm.pbf), "
                + "respecting one-way streets; prints one JSON line: distance_m, time_s, points, path [[lat,lon],...].")
public final class RouteCommand implements Callable<Integer> {

    static final int EXIT_NO_ROUTE = 1;
    static final int EXIT_BAD_INPUT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--map", required = true, paramLabel = "FILE",
            description = "OpenStreetMap file: OSM XML (.osm), gzip-compressed XML (.osm.gz) or PBF (.osm.pbf).")
    Path map;

    @Option(names = "--from", required = true, paramLabel = "LAT,LON", converter = LatLonConverter.class,
            description = "Start, decimal degrees (WGS-84), e.g. 43.730729,7.42135.")
    GeoPoint from;

    @Option(names = "--to", required = true, paramLabel = "LAT,LON", converter = LatLonConverter.class,
            description = "Destination, decimal degrees (WGS-84).")
    GeoPoint to;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Folder for imported graphs (default: <java.io.tmpdir>/" + MapConfig.DEFAULT_CACHE_FOLDER_NAME
                    + "); a map is imported once per content and loaded from there afterwards.")
    Path cache;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MapConfig config = cache == null ? MapConfig.defaults() : MapConfig.defaults().withCacheRoot(cache);
        Route route;
        try (RoadNetwork network = RoadNetwork.load(map, config)) {
            route = network.route(from, to);
        } catch (MapLoadException e) {
            return fail(err, EXIT_BAD_INPUT, "--map: " + e.getMessage());
        } catch (OffMapException e) {
            return fail(err, EXIT_BAD_INPUT, (e.pointIndex() == 0 ? "--from: " : "--to: ") + e.offRoad().message());
        } catch (NoRouteException e) {
            return fail(err, EXIT_NO_ROUTE, e.getMessage());
        }
        try (JsonLines lines = JsonLines.to(out)) {
            JSON.writeTree(lines.generator(), toJson(route));
            lines.endLine();
        }
        return 0;
    }

    static ObjectNode toJson(Route route) {
        ObjectNode root = JSON.createObjectNode();
        root.put("distance_m", Math.round(route.distanceMeters() * 10) / 10.0);
        root.put("time_s", Math.round(route.timeSeconds() * 10) / 10.0);
        root.put("points", route.path().size());
        ArrayNode path = root.putArray("path");
        for (GeoPoint p : route.path()) {
            path.addArray().add(round7(p.latitudeDeg())).add(round7(p.longitudeDeg()));
        }
        return root;
    }

    /** OpenStreetMap stores 7 decimals (about 1 cm); more would be noise from GraphHopper's fixed-point storage. */
    private static double round7(double deg) {
        return Math.round(deg * 1e7) / 1e7;
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("avfusion route: " + message);
        err.flush();
        return code;
    }
}
