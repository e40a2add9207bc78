package org.avfusion.drivers.map.lanelet2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;

/**
 * A lane-level map read from Lanelet2's OSM encoding: lanelets, their bounds and regulatory elements, with
 * successors derived as Lanelet2's routing graph does ({@code lanelet::geometry::follows}: lanelet B follows A when
 * B's left and right bounds start at the very points, by id, where A's end).
 *
 * <p>Successors follow each lanelet in its drawn direction only; a lanelet tagged {@code one_way=no} may also be
 * driven backwards (Lanelet2 then routes over its inverted twin), which this map does not expand. Traffic rules
 * (which participant may use which lanelet) are left to the caller: {@link Lanelet#subtype()} says whether it is a
 * road, a crosswalk or a bicycle lane.
 *
 * <p>Immutable and thread-safe after construction. Positions in the local frame are metres east and north of
 * {@link #origin()}.
 */
public final class LaneletMap {
    private final Map<Long, Lanelet> lanelets;
    private final Map<Long, MapLineString> lineStrings;
    private final Map<Long, RegulatoryElement> regulatoryElements;
    private final Map<Long, List<Long>> successors;
    private final int pointCount;
    private final GeoPoint origin;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;

    LaneletMap(Map<Long, Lanelet> lanelets, Map<Long, MapLineString> lineStrings,
            Map<Long, RegulatoryElement> regulatoryElements, Collection<MapPoint> points, GeoPoint origin) {
        this.lanelets = Collections.unmodifiableMap(new LinkedHashMap<>(lanelets));
        this.lineStrings = Collections.unmodifiableMap(new LinkedHashMap<>(lineStrings));
        this.regulatoryElements = Collections.unmodifiableMap(new LinkedHashMap<>(regulatoryElements));
        this.origin = Objects.requireNonNull(origin, "origin");
        this.pointCount = points.size();
        double a = 90;
        double b = -90;
        double c = 180;
        double d = -180;
        for (MapPoint p : points) {
            a = Math.min(a, p.latitudeDeg());
            b = Math.max(b, p.latitudeDeg());
            c = Math.min(c, p.longitudeDeg());
            d = Math.max(d, p.longitudeDeg());
        }
        minLat = a;
        maxLat = b;
        minLon = c;
        maxLon = d;
        Map<String, List<Long>> byStart = new HashMap<>();
        for (Lanelet l : lanelets.values()) {
            byStart.computeIfAbsent(l.left().first().id() + "/" + l.right().first().id(), k -> new ArrayList<>())
                    .add(l.id());
        }
        Map<Long, List<Long>> next = new LinkedHashMap<>();
        for (Lanelet l : lanelets.values()) {
            List<Long> s = byStart.getOrDefault(l.left().last().id() + "/" + l.right().last().id(), List.of());
            next.put(l.id(), List.copyOf(s));
        }
        this.successors = Collections.unmodifiableMap(next);
    }

    /** Lanelets by id, in file order. */
    public Map<Long, Lanelet> lanelets() {
        return lanelets;
    }

    /** The lanelet with {@code id}, or throws naming the id. */
    public Lanelet lanelet(long id) {
        Lanelet l = lanelets.get(id);
        if (l == null) {
            throw new IllegalArgumentException("no lanelet with id " + id + " in this map");
        }
        return l;
    }

    /** Line strings (OSM ways) by id, in file order. */
    public Map<Long, MapLineString> lineStrings() {
        return lineStrings;
    }

    /** Regulatory elements by id, in file order. */
    public Map<Long, RegulatoryElement> regulatoryElements() {
        return regulatoryElements;
    }

    /** Ids of the lanelets that follow {@code laneletId} (empty at a dead end), in file order. */
    public List<Long> successors(long laneletId) {
        lanelet(laneletId);
        return successors.get(laneletId);
    }

    /** Number of points (OSM nodes) in the file. */
    public int pointCount() {
        return pointCount;
    }

    /** The WGS-84 origin of the local east-north frame. */
    public GeoPoint origin() {
        return origin;
    }

    public double minLatitudeDeg() {
        return minLat;
    }

    public double maxLatitudeDeg() {
        return maxLat;
    }

    public double minLongitudeDeg() {
        return minLon;
    }

    public double maxLongitudeDeg() {
        return maxLon;
    }

    /**
     * The lanelet whose drivable area contains the local position, preferring the one whose centreline is nearest
     * where areas overlap (at junctions), or null when the position is in none.
     */
    public Lanelet laneletAt(double eastMeters, double northMeters) {
        Lanelet best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Lanelet l : lanelets.values()) {
            if (!contains(l.polygonMeters(), eastMeters, northMeters)) {
                continue;
            }
            double d = distanceToPolyline(l.centerlineMeters(), eastMeters, northMeters);
            if (d < bestDistance) {
                bestDistance = d;
                best = l;
            }
        }
        return best;
    }

    /** Even-odd point-in-polygon test on a closed ring {@code [x0, y0, ...]}. */
    static boolean contains(double[] ring, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
            double xi = ring[i];
            double yi = ring[i + 1];
            double xj = ring[j];
            double yj = ring[j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    static double distanceToPolyline(double[] line, double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 2; i < line.length; i += 2) {
            double ax = line[i - 2];
            double ay = line[i - 1];
            double dx = line[i] - ax;
            double dy = line[i + 1] - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
            best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
        }
        return best;
    }
}
