package org.avfusion.drivers.map;

/**
 * A WGS-84 position. Immutable value; validated on construction.
 *
 * @param latitudeDeg  latitude in degrees, north positive, in [-90, 90]
 * @param longitudeDeg longitude in degrees, east positive, in [-180, 180]
 */
public record GeoPoint(double latitudeDeg, double longitudeDeg) {

    public GeoPoint {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("latitudeDeg must be in [-90, 90], was " + latitudeDeg);
        }
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("longitudeDeg must be in [-180, 180], was " + longitudeDeg);
        }
    }

    /** {@code lat,lon} with 7 decimals (OpenStreetMap's precision, about 1 cm). */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.7f,%.7f", latitudeDeg, longitudeDeg);
    }
}
