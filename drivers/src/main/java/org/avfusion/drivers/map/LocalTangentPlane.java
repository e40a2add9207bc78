package org.avfusion.drivers.map;

/**
 * East-north-up tangent plane at a WGS-84 origin: converts local metres to latitude, longitude and
 * ellipsoidal height and back, through ECEF (exact rotation, no flat-earth approximation; the inverse uses
 * Bowring's iteration, converged to well below a millimetre near the surface).
 *
 * <p>Immutable and thread-safe. Source: NGA.STND.0036 (WGS-84) and the standard ECEF/ENU rotation.
 */
public final class LocalTangentPlane {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double B = A * (1 - F);
    private static final double EP2 = (A * A - B * B) / (B * B);

    private final double latRad;
    private final double lonRad;
    private final double heightMeters;
    private final double ox;
    private final double oy;
    private final double oz;
    private final double sinLat;
    private final double cosLat;
    private final double sinLon;
    private final double cosLon;

    public LocalTangentPlane(double originLatitudeDeg, double originLongitudeDeg, double originHeightMeters) {
        if (!(originLatitudeDeg >= -89 && originLatitudeDeg <= 89)) {
            throw new IllegalArgumentException("origin latitude must be in [-89, 89] deg, was " + originLatitudeDeg);
        }
        if (!(originLongitudeDeg >= -180 && originLongitudeDeg <= 180)) {
            throw new IllegalArgumentException("origin longitude must be in [-180, 180] deg, was " + originLongitudeDeg);
        }
        latRad = Math.toRadians(originLatitudeDeg);
        lonRad = Math.toRadians(originLongitudeDeg);
        heightMeters = originHeightMeters;
        sinLat = Math.sin(latRad);
        cosLat = Math.cos(latRad);
        sinLon = Math.sin(lonRad);
        cosLon = Math.cos(lonRad);
        double n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
        ox = (n + heightMeters) * cosLat * cosLon;
        oy = (n + heightMeters) * cosLat * sinLon;
        oz = (n * (1 - E2) + heightMeters) * sinLat;
    }

    /** Writes latitude (deg), longitude (deg) and ellipsoidal height (m) of a local ENU point into {@code out[0..2]}. */
    public void toGeodetic(double eastMeters, double northMeters, double upMeters, double[] out) {
        double x = ox - sinLon * eastMeters - sinLat * cosLon * northMeters + cosLat * cosLon * upMeters;
        double y = oy + cosLon * eastMeters - sinLat * sinLon * northMeters + cosLat * sinLon * upMeters;
        double z = oz + cosLat * northMeters + sinLat * upMeters;
        double p = Math.hypot(x, y);
        double theta = Math.atan2(z * A, p * B);
        double lat = 0;
        for (int i = 0; i < 3; i++) {
            double st = Math.sin(theta);
            double ct = Math.cos(theta);
            lat = Math.atan2(z + EP2 * B * st * st * st, p - E2 * A * ct * ct * ct);
            theta = Math.atan2((1 - F) * Math.sin(lat), Math.cos(lat));
        }
        double sl = Math.sin(lat);
        double n = A / Math.sqrt(1 - E2 * sl * sl);
        double h = p / Math.cos(lat) - n;
        out[0] = Math.toDegrees(lat);
        out[1] = Math.toDegrees(Math.atan2(y, x));
        out[2] = h;
    }

    /** Writes east, north, up (m) of a geodetic point into {@code out[0..2]}. */
    public void toEnu(double latitudeDeg, double longitudeDeg, double heightMeters, double[] out) {
        double lat = Math.toRadians(latitudeDeg);
        double lon = Math.toRadians(longitudeDeg);
        double sl = Math.sin(lat);
        double n = A / Math.sqrt(1 - E2 * sl * sl);
        double dx = (n + heightMeters) * Math.cos(lat) * Math.cos(lon) - ox;
        double dy = (n + heightMeters) * Math.cos(lat) * Math.sin(lon) - oy;
        double dz = (n * (1 - E2) + heightMeters) * sl - oz;
        out[0] = -sinLon * dx + cosLon * dy;
        out[1] = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
        out[2] = cosLat * cosLon * dx + cosLat * sinLon * dy + sinLat * dz;
    }
}
