package org.avfusion.drivers.map;

/**
 * The latitude/longitude box a map covers.
 *
 * @param minLatitudeDeg  southern edge, degrees
 * @param maxLatitudeDeg  northern edge, degrees
 * @param minLongitudeDeg western edge, degrees
 * @param maxLongitudeDeg eastern edge, degrees
 */
public record MapBounds(double minLatitudeDeg, double maxLatitudeDeg, double minLongitudeDeg, double maxLongitudeDeg) {

    public MapBounds {
        if (!(minLatitudeDeg <= maxLatitudeDeg) || !(minLongitudeDeg <= maxLongitudeDeg)) {
            throw new IllegalArgumentException("empty bounds: lat " + minLatitudeDeg + ".." + maxLatitudeDeg + ", lon "
                    + minLongitudeDeg + ".." + maxLongitudeDeg);
        }
    }

    /** Distance from {@code p} to the box, metres (0 inside); great-circle to the nearest point of the box. */
    public double distanceMeters(GeoPoint p) {
        double lat = Math.max(minLatitudeDeg, Math.min(maxLatitudeDeg, p.latitudeDeg()));
        double lon = Math.max(minLongitudeDeg, Math.min(maxLongitudeDeg, p.longitudeDeg()));
        double r = 6_371_008.8;
        double p1 = Math.toRadians(p.latitudeDeg());
        double p2 = Math.toRadians(lat);
        double dl = Math.toRadians(lon - p.longitudeDeg());
        double h = Math.sin((p2 - p1) / 2) * Math.sin((p2 - p1) / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "lat %.5f..%.5f, lon %.5f..%.5f", minLatitudeDeg, maxLatitudeDeg,
                minLongitudeDeg, maxLongitudeDeg);
    }
}
