package org.avfusion.runtime.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.map.lanelet2.Lanelet;
import org.avfusion.drivers.map.lanelet2.LaneletMap;
import org.avfusion.runtime.plan.CorridorPath;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The corridor ahead along the route, in the vehicle frame ({@code base_link}: x forward, y left, metres), for the
 * decision's corridor check ({@link CorridorPath}, the seam in {@code runtime.plan}).
 *
 * <ul>
 *   <li>{@link #fromRoute}: the route's line from the vehicle's projection onto it, {@code lookaheadMeters} ahead,
 *       shifted sideways so it passes through the vehicle (the vehicle keeps its lane; OSM draws the road's centre
 *       line), and its area is the JTS buffer of that line by {@code halfWidthMeters} (half the vehicle width plus the
 *       margin) with flat ends. Turns and junctions follow the route.</li>
 *   <li>{@link #fromLanelets}: with a Lanelet2 map, the line is the centreline of the lanelet the vehicle is in and of
 *       its successors up to the look-ahead, and the area is the union of those lanelets' drivable areas.</li>
 * </ul>
 *
 * <p>Immutable after construction; built once per decision (a few hundred microseconds: one JTS buffer or union).
 */
public final class RouteCorridor implements CorridorPath {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final double[] xs;
    private final double[] ys;
    private final double[] cumulative;
    private final Geometry area;
    private final PreparedGeometry prepared;

    private RouteCorridor(List<double[]> points, Geometry area) {
        int n = points.size();
        xs = new double[n];
        ys = new double[n];
        cumulative = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
            cumulative[i] = i == 0 ? 0 : cumulative[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
        }
        this.area = area;
        this.prepared = PreparedGeometryFactory.prepare(area);
    }

    /**
     * The corridor along {@code route} for a vehicle at {@code position} heading {@code headingDeg} (clockwise from
     * north), or null when the route has nothing left ahead.
     */
    public static RouteCorridor fromRoute(List<GeoPoint> route, GeoPoint position, double headingDeg,
            double halfWidthMeters, double lookaheadMeters) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(position, "position");
        if (!(halfWidthMeters > 0) || !(lookaheadMeters > 0)) {
            throw new IllegalArgumentException("halfWidthMeters and lookaheadMeters must be > 0");
        }
        double along = RouteGeometry.progress(route, position)[2];
        double mLon = RouteGeometry.metersPerDegLon(position.latitudeDeg());
        double h = Math.toRadians(headingDeg);
        double sin = Math.sin(h);
        double cos = Math.cos(h);
        List<double[]> pts = new ArrayList<>();
        double s = 0;
        for (int i = 0; i < route.size(); i++) {
            double e = (route.get(i).longitudeDeg() - position.longitudeDeg()) * mLon;
            double n = (route.get(i).latitudeDeg() - position.latitudeDeg()) * RouteGeometry.METERS_PER_DEG_LAT;
            double[] v = {e * sin + n * cos, -e * cos + n * sin};
            if (i > 0) {
                double[] prev = toVehicle(route.get(i - 1), position, mLon, sin, cos);
                double len = Math.hypot(v[0] - prev[0], v[1] - prev[1]);
                if (s + len > along && s < along + lookaheadMeters + 1) {
                    if (pts.isEmpty()) {
                        double t = len == 0 ? 0 : (along - s) / len;
                        pts.add(new double[] {prev[0] + t * (v[0] - prev[0]), prev[1] + t * (v[1] - prev[1])});
                    }
                    pts.add(v);
                }
                s += len;
            }
        }
        if (pts.size() < 2) {
            return null;
        }
        // keep the lane: move the line sideways through the vehicle
        double dx = -pts.get(0)[0];
        double dy = -pts.get(0)[1];
        for (double[] p : pts) {
            p[0] += dx;
            p[1] += dy;
        }
        pts.add(0, new double[] {0, 0});
        BufferParameters params = new BufferParameters();
        params.setEndCapStyle(BufferParameters.CAP_FLAT);
        Geometry area = org.locationtech.jts.operation.buffer.BufferOp.bufferOp(line(pts), halfWidthMeters, params);
        return new RouteCorridor(pts, area);
    }

    private static double[] toVehicle(GeoPoint p, GeoPoint origin, double mLon, double sin, double cos) {
        double e = (p.longitudeDeg() - origin.longitudeDeg()) * mLon;
        double n = (p.latitudeDeg() - origin.latitudeDeg()) * RouteGeometry.METERS_PER_DEG_LAT;
        return new double[] {e * sin + n * cos, -e * cos + n * sin};
    }

    /**
     * The corridor along the lanelet the vehicle is in and its successors (the first listed at a fork) up to
     * {@code lookaheadMeters}, or null when the vehicle is in no lanelet.
     */
    public static RouteCorridor fromLanelets(LaneletMap map, GeoPoint position, double headingDeg,
            double lookaheadMeters) {
        LocalTangentPlane plane = new LocalTangentPlane(map.origin().latitudeDeg(), map.origin().longitudeDeg(), 0);
        double[] enu = new double[3];
        plane.toEnu(position.latitudeDeg(), position.longitudeDeg(), 0, enu);
        Lanelet current = map.laneletAt(enu[0], enu[1]);
        if (current == null) {
            return null;
        }
        double h = Math.toRadians(headingDeg);
        double sin = Math.sin(h);
        double cos = Math.cos(h);
        double ex = enu[0];
        double ey = enu[1];
        List<double[]> pts = new ArrayList<>();
        List<Geometry> areas = new ArrayList<>();
        double length = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Lanelet l = current; l != null && seen.add(l.id()) && length < lookaheadMeters + 1; ) {
            double[] c = l.centerlineMeters();
            for (int i = 0; i < c.length; i += 2) {
                double e = c[i] - ex;
                double n = c[i + 1] - ey;
                double[] v = {e * sin + n * cos, -e * cos + n * sin};
                if (!pts.isEmpty()) {
                    double[] last = pts.get(pts.size() - 1);
                    if (Math.hypot(v[0] - last[0], v[1] - last[1]) < 1e-6) {
                        continue;
                    }
                }
                pts.add(v);
            }
            length += l.lengthMeters();
            double[] ring = l.polygonMeters();
            Coordinate[] coords = new Coordinate[ring.length / 2];
            for (int i = 0; i < coords.length; i++) {
                double e = ring[2 * i] - ex;
                double n = ring[2 * i + 1] - ey;
                coords[i] = new Coordinate(e * sin + n * cos, -e * cos + n * sin);
            }
            Polygon polygon = GEOMETRY.createPolygon(coords);
            areas.add(polygon.isValid() ? polygon : polygon.buffer(0));
            List<Long> next = map.successors(l.id());
            l = next.isEmpty() ? null : map.lanelet(next.get(0));
        }
        // start at the vehicle's projection onto the centreline: drop what lies behind it
        int segment = 1;
        double best = Double.POSITIVE_INFINITY;
        double[] foot = pts.get(0);
        for (int i = 1; i < pts.size(); i++) {
            double[] a = pts.get(i - 1);
            double[] b = pts.get(i);
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
            double[] q = {a[0] + t * dx, a[1] + t * dy};
            double d = Math.hypot(q[0], q[1]);
            if (d < best) {
                best = d;
                segment = i;
                foot = q;
            }
        }
        List<double[]> ahead = new ArrayList<>();
        ahead.add(foot);
        for (double[] p : pts.subList(segment, pts.size())) {
            if (Math.hypot(p[0] - foot[0], p[1] - foot[1]) > 1e-6) {
                ahead.add(p);
            }
        }
        if (ahead.size() < 2) {
            return null;
        }
        return new RouteCorridor(ahead, UnaryUnionOp.union(areas));
    }

    private static LineString line(List<double[]> pts) {
        Coordinate[] c = new Coordinate[pts.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(pts.get(i)[0], pts.get(i)[1]);
        }
        return GEOMETRY.createLineString(c);
    }

    @Override
    public boolean at(double sMeters, double[] out) {
        int n = xs.length;
        if (sMeters > cumulative[n - 1] || sMeters < 0) {
            return false;
        }
        int i = 1;
        while (i < n - 1 && cumulative[i] < sMeters) {
            i++;
        }
        double len = cumulative[i] - cumulative[i - 1];
        double t = len == 0 ? 0 : (sMeters - cumulative[i - 1]) / len;
        out[0] = xs[i - 1] + t * (xs[i] - xs[i - 1]);
        out[1] = ys[i - 1] + t * (ys[i] - ys[i - 1]);
        out[2] = Math.atan2(ys[i] - ys[i - 1], xs[i] - xs[i - 1]);
        return true;
    }

    @Override
    public boolean contains(double xMeters, double yMeters) {
        return prepared.covers(GEOMETRY.createPoint(new Coordinate(xMeters, yMeters)));
    }

    /** The corridor's area in the vehicle frame (JTS geometry, metres); do not modify. */
    public Geometry area() {
        return area;
    }

    /** Length of the corridor's centre line, metres. */
    public double lengthMeters() {
        return cumulative[cumulative.length - 1];
    }
}
