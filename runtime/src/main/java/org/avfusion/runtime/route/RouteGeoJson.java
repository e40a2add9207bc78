package org.avfusion.runtime.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.Route;

/**
 * The route as published on the {@code route} topic: a GeoJSON (RFC 7946) Feature whose geometry is a LineString of
 * {@code [longitude, latitude]} positions, with {@code distanceMeters}, {@code timeSeconds}, the destination and the
 * vehicle stamp of the plan as properties. Stateless and thread-safe.
 */
public final class RouteGeoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteGeoJson() {
    }

    /** The Feature as compact JSON text. */
    public static String toGeoJson(Route route, long stampNanos) {
        ObjectNode feature = MAPPER.createObjectNode();
        feature.put("type", "Feature");
        ObjectNode geometry = feature.putObject("geometry");
        geometry.put("type", "LineString");
        ArrayNode coordinates = geometry.putArray("coordinates");
        for (GeoPoint p : route.path()) {
            coordinates.addArray().add(p.longitudeDeg()).add(p.latitudeDeg());
        }
        ObjectNode properties = feature.putObject("properties");
        properties.put("distanceMeters", route.distanceMeters());
        properties.put("timeSeconds", route.timeSeconds());
        properties.putArray("destination").add(route.to().longitudeDeg()).add(route.to().latitudeDeg());
        properties.put("stampNanos", stampNanos);
        return feature.toString();
    }
}
