package org.avfusion.drivers.map.lanelet2;

import java.util.List;
import java.util.Objects;

/**
 * A Lanelet2 line string (an OSM way): a lane marking, curb, virtual line, stop line and so on.
 *
 * @param id      the OSM way id
 * @param type    the {@code type} tag ({@code line_thin}, {@code curbstone}, {@code virtual}, ...), {@code ""} if none
 * @param subtype the {@code subtype} tag ({@code solid}, {@code dashed}, ...), {@code ""} if none
 * @param points  the points in drawing order, at least one; unmodifiable
 */
public record MapLineString(long id, String type, String subtype, List<MapPoint> points) {

    public MapLineString {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("line string " + id + " has no points");
        }
    }

    public MapPoint first() {
        return points.get(0);
    }

    public MapPoint last() {
        return points.get(points.size() - 1);
    }

    /** Length in the local frame, metres. */
    public double lengthMeters() {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            sum += points.get(i - 1).distanceMeters(points.get(i));
        }
        return sum;
    }

    /** The same line drawn the other way (same id). */
    public MapLineString inverted() {
        List<MapPoint> reversed = new java.util.ArrayList<>(points);
        java.util.Collections.reverse(reversed);
        return new MapLineString(id, type, subtype, reversed);
    }
}
