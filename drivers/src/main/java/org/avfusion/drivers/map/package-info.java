/**
 * The road map: {@link org.avfusion.drivers.map.RoadNetwork} reads an OpenStreetMap file (OSM XML, {@code .osm.gz}
 * or PBF) at start-up, snaps positions such as GNSS fixes onto the nearest road (point, distance, way id, name,
 * heading) and plans car routes that respect one-way streets and turn restrictions, also around blocked streets. For
 * map matching ({@code drivers.map.matching}) it lists the road edges near a position with the position projected
 * onto each ({@link org.avfusion.drivers.map.EdgeProjection}) and driving distances between graph nodes. Lane-level
 * Lanelet2 maps are read by {@code drivers.map.lanelet2}. Depends on the JDK, GraphHopper
 * ({@code com.graphhopper:graphhopper-core}) and JTS only; no other package of ours, no threads of its own.
 *
 * <p><b>Why GraphHopper rather than a router of our own.</b> Routing on OpenStreetMap is mostly not the shortest-path
 * algorithm but the reading of tags: which highways a car may use, {@code oneway=-1}, {@code oneway} implied by
 * motorways and roundabouts, access and barrier tags, turn-restriction relations, maxspeed and its country
 * defaults, plus PBF decoding and a spatial index. GraphHopper (Apache-2.0, the {@code core} module without its
 * web server) has done that for a decade against the whole planet and its test suite checks these very extracts;
 * a router written here would re-learn those rules one wrong route at a time. What we keep is small: format
 * detection with clear errors, the cache of imported graphs, snapping results as values, and our own types at the
 * boundary so GraphHopper stays replaceable.
 *
 * <p><b>Cache.</b> An import is done once per map content into
 * {@code <cacheRoot>/<sha256 prefix>-<GraphHopper version and profile>} ({@link org.avfusion.drivers.map.MapConfig};
 * by default under {@code java.io.tmpdir}, because an imported graph is derived data that can always be rebuilt and
 * the temp folder is writable wherever the runtime runs; a vehicle should configure a persistent folder so start-up
 * skips the import). The content hash, not the path, keys it because GraphHopper loads a graph folder without
 * checking the map file again, so a path key would serve stale roads after a map update.
 *
 * <p><b>Not a hot path.</b> Loading takes seconds; a snap takes microseconds and a route milliseconds, each with a
 * few allocations. Use them per GNSS fix or per plan, never per lidar point or camera pixel.
 */
package org.avfusion.drivers.map;
