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

    static final double QUERY_MIN_HALF_SIZE_METERS = 100;

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
        return route(from, to, (com.graphhopper.util.CustomModel) null);
    }

    private Route route(GeoPoint from, GeoPoint to, com.graphhopper.util.CustomModel model) {
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
        if (model != null) {
            request.setCustomModel(model);
        }
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

    /**
     * Every road edge a car may use (in at least one direction) that passes within {@code radiusMeters} of
     * {@code position}, with the position projected onto it; nearest first. The projection uses a local
     * equirectangular plane around {@code position} (error well under a centimetre at these distances).
     */
    public List<EdgeProjection> edgesNear(GeoPoint position, double radiusMeters) {
        Objects.requireNonNull(position, "position");
        if (!(radiusMeters > 0) || !Double.isFinite(radiusMeters)) {
            throw new IllegalArgumentException("radiusMeters must be finite and > 0, was " + radiusMeters);
        }
        double lat0 = position.latitudeDeg();
        double lon0 = position.longitudeDeg();
        double mPerDegLat = 111_132.954;
        double mPerDegLon = 111_319.49 * Math.cos(Math.toRadians(lat0));
        // GraphHopper's tile query can miss an edge that crosses a small box without a point in it: ask for a box of
        // at least QUERY_MIN_HALF_SIZE_METERS and keep what the exact projection below finds within the radius
        double half = Math.max(radiusMeters, QUERY_MIN_HALF_SIZE_METERS);
        double dLat = half / mPerDegLat;
        double dLon = half / Math.max(mPerDegLon, 1);
        com.carrotsearch.hppc.IntHashSet seen = new com.carrotsearch.hppc.IntHashSet();
        index.query(new com.graphhopper.util.shapes.BBox(lon0 - dLon, lon0 + dLon, lat0 - dLat, lat0 + dLat), seen::add);
        List<EdgeProjection> out = new ArrayList<>();
        com.graphhopper.storage.BaseGraph graph = hopper.getBaseGraph();
        for (com.carrotsearch.hppc.cursors.IntCursor c : seen) {
            EdgeIteratorState edge = graph.getEdgeIteratorState(c.value, Integer.MIN_VALUE);
            boolean fwd = edge.get(carAccess);
            boolean bwd = edge.getReverse(carAccess);
            if (!fwd && !bwd) {
                continue;
            }
            PointList g = edge.fetchWayGeometry(FetchMode.ALL);
            double bestD = Double.POSITIVE_INFINITY;
            double bestAlong = 0;
            double bestLateral = 0;
            double bestX = 0;
            double bestY = 0;
            double bestHeading = 0;
            double along = 0;
            for (int i = 1; i < g.size(); i++) {
                double ax = (g.getLon(i - 1) - lon0) * mPerDegLon;
                double ay = (g.getLat(i - 1) - lat0) * mPerDegLat;
                double dx = (g.getLon(i) - lon0) * mPerDegLon - ax;
                double dy = (g.getLat(i) - lat0) * mPerDegLat - ay;
                double len2 = dx * dx + dy * dy;
                double len = Math.sqrt(len2);
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
                double px = ax + t * dx;
                double py = ay + t * dy;
                double d = Math.hypot(px, py);
                if (d < bestD) {
                    bestD = d;
                    bestAlong = along + t * len;
                    bestLateral = len == 0 ? 0 : (dx * (-ay) - dy * (-ax)) / len;
                    bestX = px;
                    bestY = py;
                    bestHeading = len == 0 ? bestHeading : (Math.toDegrees(Math.atan2(dx, dy)) + 360) % 360;
                }
                along += len;
            }
            if (bestD > radiusMeters) {
                continue;
            }
            double length = edge.getDistance();
            double offset = along > 0 ? Math.min(length, bestAlong * length / along) : 0;
            String name = edge.getName();
            int wayId = edge.get(osmWayId);
            out.add(new EdgeProjection(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode(),
                    wayId > 0 ? wayId : RoadSnap.UNKNOWN_WAY_ID, name == null ? "" : name, Math.max(length, 1e-3),
                    offset, bestLateral, bestD, new GeoPoint(lat0 + bestY / mPerDegLat, lon0 + bestX / mPerDegLon),
                    bestHeading >= 360 ? 0 : bestHeading, fwd, bwd));
        }
        out.sort(java.util.Comparator.comparingDouble(EdgeProjection::distanceMeters));
        return out;
    }

    /**
     * Shortest driving distances from graph node {@code fromNode} to every node within {@code maxMeters}, along
     * edges in the directions a car may drive them (Dijkstra on edge length; turn restrictions are not applied).
     *
     * @return node id to distance in metres; contains {@code fromNode} at 0
     */
    public java.util.Map<Integer, Double> distancesFrom(int fromNode, double maxMeters) {
        com.graphhopper.storage.BaseGraph graph = hopper.getBaseGraph();
        if (fromNode < 0 || fromNode >= graph.getNodes()) {
            throw new IllegalArgumentException("no node " + fromNode + " in the graph (" + graph.getNodes()
                    + " nodes)");
        }
        com.graphhopper.util.EdgeExplorer explorer = graph.createEdgeExplorer();
        java.util.Map<Integer, Double> settled = new java.util.HashMap<>();
        java.util.PriorityQueue<double[]> queue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingDouble(e -> e[0]));
        queue.add(new double[] {0, fromNode});
        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int node = (int) head[1];
            if (settled.containsKey(node)) {
                continue;
            }
            settled.put(node, head[0]);
            com.graphhopper.util.EdgeIterator it = explorer.setBaseNode(node);
            while (it.next()) {
                if (!it.get(carAccess)) {
                    continue;
                }
                double d = head[0] + it.getDistance();
                if (d <= maxMeters && !settled.containsKey(it.getAdjNode())) {
                    queue.add(new double[] {d, it.getAdjNode()});
                }
            }
        }
        return settled;
    }

    /**
     * The fastest car route from {@code from} to {@code to} that avoids every road edge (a street between two
     * junctions) passing within {@code avoidRadiusMeters} of any of {@code avoid} (GraphHopper custom model: those
     * edges get priority 0), as for a reroute around a blocked street. With no points to avoid this is {@link #route(GeoPoint, GeoPoint)}.
     *
     * @throws OffMapException  when either end is off the map (see {@link #route(GeoPoint, GeoPoint)})
     * @throws NoRouteException when no route avoids the blocked roads
     */
    public Route route(GeoPoint from, GeoPoint to, List<GeoPoint> avoid, double avoidRadiusMeters) {
        if (avoid.isEmpty()) {
            return route(from, to);
        }
        if (!(avoidRadiusMeters > 0) || !Double.isFinite(avoidRadiusMeters)) {
            throw new IllegalArgumentException("avoidRadiusMeters must be finite and > 0, was " + avoidRadiusMeters);
        }
        com.graphhopper.util.CustomModel model = new com.graphhopper.util.CustomModel();
        com.graphhopper.util.JsonFeatureCollection areas = new com.graphhopper.util.JsonFeatureCollection();
        org.locationtech.jts.geom.GeometryFactory factory = new org.locationtech.jts.geom.GeometryFactory();
        com.graphhopper.storage.BaseGraph graph = hopper.getBaseGraph();
        com.carrotsearch.hppc.IntHashSet blocked = new com.carrotsearch.hppc.IntHashSet();
        for (GeoPoint p : avoid) {
            for (EdgeProjection e : edgesNear(p, avoidRadiusMeters)) {
                blocked.add(e.edgeId());
            }
        }
        // One area per blocked edge: its own line, shortened at both ends so the junctions (and the other edges
        // meeting there) stay outside, widened a little. A small box around the obstacle would not do: GraphHopper
        // first compares an area with the box of an edge's two end nodes, which misses a curved edge whose bend
        // passes the obstacle.
        int k = 0;
        for (com.carrotsearch.hppc.cursors.IntCursor c : blocked) {
            PointList g = graph.getEdgeIteratorState(c.value, Integer.MIN_VALUE).fetchWayGeometry(FetchMode.ALL);
            org.locationtech.jts.geom.Coordinate[] coords = new org.locationtech.jts.geom.Coordinate[g.size()];
            for (int i = 0; i < g.size(); i++) {
                coords[i] = new org.locationtech.jts.geom.Coordinate(g.getLon(i), g.getLat(i));
            }
            org.locationtech.jts.geom.LineString line = factory.createLineString(coords);
            double len = line.getLength();
            double trim = Math.min(len / 4, 3.0 / 111_000);
            org.locationtech.jts.geom.Geometry inner = new org.locationtech.jts.linearref.LengthIndexedLine(line)
                    .extractLine(trim, len - trim);
            String id = "blocked" + k++;
            areas.getFeatures().add(new com.graphhopper.util.JsonFeature(id, "Feature", null,
                    inner.buffer(0.5 / 111_000), java.util.Map.of()));
            model.addToPriority(com.graphhopper.json.Statement.If("in_" + id,
                    com.graphhopper.json.Statement.Op.MULTIPLY, "0"));
        }
        model.setAreas(areas);
        return route(from, to, model);
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

    /** The box the imported roads cover. */
    public MapBounds bounds() {
        com.graphhopper.util.shapes.BBox b = hopper.getBaseGraph().getBounds();
        return new MapBounds(b.minLat, b.maxLat, b.minLon, b.maxLon);
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
