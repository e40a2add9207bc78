package org.avfusion.runtime.route;

import java.util.List;
import org.avfusion.drivers.map.GeoPoint;

/** Polyline arithmetic on WGS-84 paths in a local equirectangular plane (routes are kilometres long, not hundreds). */
final class RouteGeometry {

    static final double METERS_PER_DEG_LAT = 111_132.954;

    private RouteGeometry() {
    }

    static double metersPerDegLon(double latitudeDeg) {
        return 111_319.49 * Math.cos(Math.toRadians(latitudeDeg));
    }

    /**
     * Projects {@code p} onto {@code path}.
     *
     * @return {remaining metres along the path from the projection to its end, distance from p to the path (m),
     *         metres along the path from its start to the projection}
     */
    static double[] progress(List<GeoPoint> path, GeoPoint p) {
        double mLon = metersPerDegLon(p.latitudeDeg());
        double total = 0;
        double bestD = Double.POSITIVE_INFINITY;
        double bestAlong = 0;
        if (path.size() == 1) {
            GeoPoint a = path.get(0);
            return new double[] {0, Math.hypot((a.latitudeDeg() - p.latitudeDeg()) * METERS_PER_DEG_LAT,
                    (a.longitudeDeg() - p.longitudeDeg()) * mLon), 0};
        }
        for (int i = 1; i < path.size(); i++) {
            double ax = (path.get(i - 1).longitudeDeg() - p.longitudeDeg()) * mLon;
            double ay = (path.get(i - 1).latitudeDeg() - p.latitudeDeg()) * METERS_PER_DEG_LAT;
            double dx = (path.get(i).longitudeDeg() - p.longitudeDeg()) * mLon - ax;
            double dy = (path.get(i).latitudeDeg() - p.latitudeDeg()) * METERS_PER_DEG_LAT - ay;
            double len2 = dx * dx + dy * dy;
            double len = Math.sqrt(len2);
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
            double d = Math.hypot(ax + t * dx, ay + t * dy);
            if (d < bestD) {
                bestD = d;
                bestAlong = total + t * len;
            }
            total += len;
        }
        return new double[] {Math.max(0, total - bestAlong), bestD, bestAlong};
    }

    /**
     * The direction of {@code path} where {@code p} projects onto it: degrees clockwise from north, in [0, 360), of
     * the nearest segment; NaN for a path of fewer than two distinct points.
     */
    static double headingAt(List<GeoPoint> path, GeoPoint p) {
        double mLon = metersPerDegLon(p.latitudeDeg());
        double bestD = Double.POSITIVE_INFINITY;
        double heading = Double.NaN;
        for (int i = 1; i < path.size(); i++) {
            double ax = (path.get(i - 1).longitudeDeg() - p.longitudeDeg()) * mLon;
            double ay = (path.get(i - 1).latitudeDeg() - p.latitudeDeg()) * METERS_PER_DEG_LAT;
            double dx = (path.get(i).longitudeDeg() - p.longitudeDeg()) * mLon - ax;
            double dy = (path.get(i).latitudeDeg() - p.latitudeDeg()) * METERS_PER_DEG_LAT - ay;
            double len2 = dx * dx + dy * dy;
            if (len2 == 0) {
                continue;
            }
            double t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
            double d = Math.hypot(ax + t * dx, ay + t * dy);
            if (d < bestD) {
                bestD = d;
                heading = Math.toDegrees(Math.atan2(dx, dy));
            }
        }
        return Double.isNaN(heading) ? heading : (heading + 360) % 360;
    }
}
