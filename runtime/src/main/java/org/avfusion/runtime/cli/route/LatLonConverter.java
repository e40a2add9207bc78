package org.avfusion.runtime.cli.route;

import org.avfusion.drivers.map.GeoPoint;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code LAT,LON} (decimal degrees, WGS-84) into a {@link GeoPoint}. Anything else (one number, three,
 * text, NaN, a latitude beyond 90 or a longitude beyond 180) is a {@link TypeConversionException}, which
 * picocli reports naming the option and the value, with exit code 2.
 */
final class LatLonConverter implements ITypeConverter<GeoPoint> {

    @Override
    public GeoPoint convert(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw new TypeConversionException("expected LAT,LON (two numbers in decimal degrees), got '" + value + "'");
        }
        double lat = number(parts[0], "latitude", value);
        double lon = number(parts[1], "longitude", value);
        if (lat < -90 || lat > 90) {
            throw new TypeConversionException("latitude " + parts[0].strip() + " is out of [-90, 90] in '" + value + "'");
        }
        if (lon < -180 || lon > 180) {
            throw new TypeConversionException("longitude " + parts[1].strip() + " is out of [-180, 180] in '" + value
                    + "'");
        }
        return new GeoPoint(lat, lon);
    }

    private static double number(String text, String what, String value) {
        double d;
        try {
            d = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(what + " '" + text + "' is not a number in '" + value
                    + "' (expected LAT,LON in decimal degrees)");
        }
        if (!Double.isFinite(d)) {
            throw new TypeConversionException(what + " '" + text + "' is not a finite number in '" + value + "'");
        }
        return d;
    }
}
