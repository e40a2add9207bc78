package org.avfusion.drivers.map;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.Profile;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.IntEncodedValue;
import com.graphhopper.routing.ev.OSMWayID;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.Constants;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.Parameters;
import com.graphhopper.util.PointList;
import com.graphhopper.util.TurnCostsConfig;
import com.graphhopper.util.exceptions.ConnectionNotFoundException;
import com.graphhopper.util.exceptions.PointNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A road network read from an OpenStreetMap file (OSM XML, gzip-compressed OSM XML, or PBF) that snaps positions
 * onto roads and routes a car between positions, respecting one-way streets and turn restrictions.
 *
 * <p><b>Loading</b> ({@link #load(Path, MapConfig)}) is start-up work: the file is hashed and, the first time a
 * given content is seen, imported by GraphHopper into a graph folder under {@link MapConfig#cacheRoot()} (see
 * {@link GraphCache} for the key and why); later loads of the same content read that folder, which is much faster
 * than parsing the map again. Failures throw {@link MapLoadException} naming the file: missing, unreadable, not
 * OpenStreetMap, corrupt, or holding no road a car may use.
 *
 * <p><b>Queries</b>: {@link #snap(GeoPoint)} returns a value for every position (on a road, or {@link OffRoad});
 * {@link #route(GeoPoint, GeoPoint)} throws {@link OffMapException} or {@link NoRouteException}. Both allocate a
 * few small objects per call and take microseconds (snap) to milliseconds (route): fine for GNSS fixes at tens of
 * hertz and for planning, not for per-point lidar work.
 *
 * <p><b>Threading</b>: after {@code load} returns, {@code snap}, {@code route} and {@code stats} may be called from
 * any number of threads at once (GraphHopper's graph and location index are read-only after loading).
 * {@link #close()} must not race with queries.
 */
public final class RoadNetwork implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoadNetwork.class);

    static final String PROFILE = "car";
    private static final String ENCODED_VALUES = "car_access, car_average_speed, road_access, "
            + OSMWayID.KEY;
    /** Everything besides the map content that shapes the imported graph; part of the cache key. */
    private static final String LAYOUT_PREFIX = "gh" + Constants.VERSION.replaceAll("[^0-9A-Za-z.]", "")
            + "-car-tc-wayid-v1-mn";

    private static final String NO_ROADS = "map has no roads a car may use (no way tagged highway=* that cars may "
            + "drive)";

    private final Path mapFile;
    private final Path graphFolder;
    private final MapConfig config;
    private final GraphHopper hopper;
    private final LocationIndex index;
    private final BooleanEncodedValue carAccess;
    private final IntEncodedValue osmWayId;
    private final EdgeFilter carRoads;

    private final LongAdder snaps = new LongAdder();
    private final LongAdder offRoad = new LongAdder();
    private final LongAdder routes = new LongAdder();
    private final LongAdder routesFailed = new LongAdder();
    private volatile String lastError = "";

    private RoadNetwork(Path mapFile, Path graphFolder, MapConfig config, GraphHopper hopper) {
        this.mapFile = mapFile;
        this.graphFolder = graphFolder;
        this.config = config;
        this.hopper = hopper;
        this.index = hopper.getLocationIndex();
        this.carAccess = hopper.getEncodingManager().getBooleanEncodedValue(VehicleAccess.key(PROFILE));
        this.osmWayId = hopper.getEncodingManager().getIntEncodedValue(OSMWayID.KEY);
        BooleanEncodedValue access = carAccess;
        this.carRoads = edge -> edge.get(access) || edge.getReverse(access);
    }

    /** Loads {@code mapFile} with {@link MapConfig#defaults()}. */
    public static RoadNetwork load(Path mapFile) {
        return load(mapFile, MapConfig.defaults());
    }

    /**
     * Reads {@code mapFile} into a road network, importing it into the graph cache when its content is new.
     *
     * @throws MapLoadException naming the file when it is missing, unreadable, not OpenStreetMap data, corrupt,
     *                          has no road a car may use, or the cache folder cannot be written
     */
    public static RoadNetwork load(Path mapFile, MapConfig config) {
        Objects.requireNonNull(mapFile, "mapFile");
        Objects.requireNonNull(config, "config");
        Path file = mapFile.toAbsolutePath().normalize();
        OsmFormat.detect(file);
        GraphCache.requireOwnRoot(config.cacheRoot(), file);
        String mapHash = GraphCache.contentHash(file);
        Path folder = config.cacheRoot().resolve(mapHash + "-" + LAYOUT_PREFIX + config.minNetworkSize());
        if (Files.isDirectory(folder)) {
            String problem = GraphCache.verify(folder, mapHash);
            if (problem != null) {
                LOG.warn("graph cache {} failed verification ({}): importing {} again", folder, problem, file);
                GraphCache.deleteRecursively(folder);
            }
        }
        if (!Files.isDirectory(folder)) {
            importInto(file, folder, config, mapHash);
        }
        GraphHopper hopper = configure(file, folder, config);
        // read-only: no lock file, nothing written, so processes may share one cache folder (even a read-only one)
        hopper.setAllowWrites(false);
        boolean loaded;
        try {
            loaded = hopper.load();
        } catch (RuntimeException e) {
            hopper.close();
            throw new MapLoadException(file, "cannot load the imported graph in " + folder + " (" + e.getMessage()
                    + "); delete that folder to import the map again", e);
        }
        if (!loaded) {
            hopper.close();
            throw new MapLoadException(file, "the graph folder " + folder + " is incomplete; delete it to import the "
                    + "map again");
        }
        return new RoadNetwork(file, folder, config, hopper);
    }

    private static void importInto(Path file, Path folder, MapConfig config, String mapHash) {
        Path staging;
        try {
            staging = GraphCache.newStagingFolder(folder);
        } catch (IOException e) {
            throw new MapLoadException(file, "cannot create a graph folder under " + config.cacheRoot() + " (" + e
                    + "); set MapConfig.cacheRoot to a writable folder", e);
        }
        try {
            GraphHopper hopper = configure(file, staging, config);
            try {
                hopper.importOrLoad();
            } catch (RuntimeException e) {
                // GraphHopper checks for an empty graph right after reading and throws a bare exception; a parser
                // failure (truncated or corrupt file) also leaves the graph empty, but wraps its cause
                if (e.getCause() == null && hopper.getBaseGraph() != null && hopper.getBaseGraph().getEdges() == 0) {
                    throw new MapLoadException(file, NO_ROADS, e);
                }
                throw e;
            } finally {
                hopper.close();
            }
            GraphCache.writeManifest(staging, mapHash);
            GraphCache.publish(staging, folder);
        } catch (MapLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MapLoadException(file, "cannot import map file, it is corrupt or truncated ("
                    + describe(e, file) + ")", e);
        } finally {
            GraphCache.deleteRecursively(staging);
        }
    }

    /** The messages of a GraphHopper failure's cause chain, outermost first, without the file name or repeats. */
    private static String describe(Throwable e, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().replace(file.toString(), "").strip();
            while (m.endsWith(".") || m.endsWith(":")) {
                m = m.substring(0, m.length() - 1).strip();
            }
            if (t.getCause() == null) {
                m = t.getClass().getSimpleName() + (m.isEmpty() ? "" : " " + m);
            }
            if (!m.isEmpty() && sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }

    private static GraphHopper configure(Path file, Path folder, MapConfig config) {
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(file.toString());
        hopper.setGraphHopperLocation(folder.toString());
        hopper.setEncodedValuesString(ENCODED_VALUES);
        hopper.setProfiles(new Profile(PROFILE)
                .setCustomModel(GHUtility.loadCustomModelFromJar("car.json"))
                .setTurnCostsConfig(TurnCostsConfig.car()));
        hopper.setMinNetworkSize(config.minNetworkSize());
        return hopper;
    }

    /**
     * Snaps {@code position} onto the nearest road a car may use (in either direction).
     *
     * @return a {@link RoadSnap}, or {@link OffRoad} when the nearest road is farther than
     *         {@link MapConfig#maxSnapDistanceMeters()} or none is near at all; never null
     */
    public SnapResult snap(GeoPoint position) {
        Objects.requireNonNull(position, "position");
        Snap snap = index.findClosest(position.latitudeDeg(), position.longitudeDeg(), carRoads);
        if (!snap.isValid()) {
            return offRoad(new OffRoad(position, Double.NaN, config.maxSnapDistanceMeters()));
        }
        double distance = snap.getQueryDistance();
        if (distance > config.maxSnapDistanceMeters()) {
            return offRoad(new OffRoad(position, distance, config.maxSnapDistanceMeters()));
        }
        EdgeIteratorState edge = snap.getClosestEdge();
        PointList geometry = edge.fetchWayGeometry(FetchMode.ALL);
        int i = Math.min(snap.getWayIndex(), geometry.size() - 1);
        int a = i + 1 < geometry.size() ? i : Math.max(0, i - 1);
        int b = Math.min(a + 1, geometry.size() - 1);
        double heading = Bearing.degrees(geometry.getLat(a), geometry.getLon(a), geometry.getLat(b), geometry.getLon(b));
        boolean forward = edge.get(carAccess);
        boolean backward = edge.getReverse(carAccess);
        if (backward && !forward) {
            heading = (heading + 180) % 360;
        }
        String name = edge.getName();
        int wayId = edge.get(osmWayId);
        snaps.increment();
        return new RoadSnap(position,
                new GeoPoint(snap.getSnappedPoint().getLat(), snap.getSnappedPoint().getLon()),
                distance,
                wayId > 0 ? wayId : RoadSnap.UNKNOWN_WAY_ID,
                name == null ? "" : name,
                heading,
                forward != backward);
    }

    /** Convenience for a GNSS fix: {@link #snap(GeoPoint)} of its position. */
    public SnapResult snap(double latitudeDeg, double longitudeDeg) {
        return snap(new GeoPoint(latitudeDeg, longitudeDeg));
    }

    private OffRoad offRoad(OffRoad result) {
        offRoad.increment();
        lastError = result.message();
        return result;
    }

    /**
     * The fastest car route from {@code from} to {@code to} (GraphHopper's car model: OSM speeds and road classes,
     * one-way streets, turn restrictions).
     *
     * @throws OffMapException  when either end is farther than {@link MapConfig#maxSnapDistanceMeters()} from every
     *                          road; it names the end, the coordinate and the distance
     * @throws NoRouteException when both ends are on roads but no car route joins them
     */
    public Route route(GeoPoint from, GeoPoint to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        GeoPoint[] ends = {from, to};
        for (int k = 0; k < ends.length; k++) {
            if (snap(ends[k]) instanceof OffRoad off) {
                routesFailed.increment();
                OffMapException e = new OffMapException(off, k);
                lastError = e.getMessage();
                throw e;
            }
        }
        GHRequest request = new GHRequest(from.latitudeDeg(), from.longitudeDeg(), to.latitudeDeg(), to.longitudeDeg())
                .setProfile(PROFILE)
                .setLocale(Locale.ROOT);
        request.putHint(Parameters.Routing.INSTRUCTIONS, false);
        GHResponse response = hopper.route(request);
        if (response.hasErrors()) {
            routesFailed.increment();
            RuntimeException e = translate(response.getErrors(), from, to);
            lastError = e.getMessage();
            throw e;
        }
        ResponsePath best = response.getBest();
        PointList points = best.getPoints();
        List<GeoPoint> path = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            path.add(new GeoPoint(points.getLat(i), points.getLon(i)));
        }
        routes.increment();
        return new Route(from, to, best.getDistance(), best.getTime() / 1000.0, path);
    }

    private RuntimeException translate(List<Throwable> errors, GeoPoint from, GeoPoint to) {
        for (Throwable t : errors) {
            if (t instanceof PointNotFoundException p) {
                GeoPoint end = p.getPointIndex() == 0 ? from : to;
                return new OffMapException(new OffRoad(end, Double.NaN, config.maxSnapDistanceMeters()),
                        p.getPointIndex() == 0 ? 0 : 1);
            }
            if (t instanceof ConnectionNotFoundException) {
                return new NoRouteException("no car route from " + from + " to " + to + " in " + mapFile.getFileName()
                        + " (the roads near them are not connected in that direction)");
            }
        }
        return new NoRouteException("no car route from " + from + " to " + to + " in " + mapFile.getFileName()
                + ": " + errors);
    }

    /** Counts of what this network answered so far. */
    public MapStats stats() {
        return new MapStats(snaps.sum(), offRoad.sum(), routes.sum(), routesFailed.sum(), lastError);
    }

    /** The map file this network was read from (absolute). */
    public Path mapFile() {
        return mapFile;
    }

    /** The graph folder in the cache that this network was loaded from. */
    public Path graphFolder() {
        return graphFolder;
    }

    /** Number of road edges (segments between junctions) in the graph. */
    public int edgeCount() {
        return hopper.getBaseGraph().getEdges();
    }

    /** Releases the graph. Queries after close are not allowed. */
    @Override
    public void close() {
        hopper.close();
    }
}
