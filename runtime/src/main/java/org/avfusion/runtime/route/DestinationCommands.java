package org.avfusion.runtime.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;

/**
 * Vets messages of the command topic {@code avfusion/<vehicle>/command/destination}: a JSON object
 * {@code {"lat": 43.7307, "lon": 7.4213}} (degrees, WGS-84). The transport (the MQTT subscription) hands each message
 * to {@link #offer}; the outcome is a value, never an exception: UNAUTHENTICATED (by the {@link CommandAuthenticator}
 * seam, checked first), MALFORMED (not JSON, fields missing, not numbers, out of range; the reason names the field and
 * the value) or ACCEPTED with the destination. Each outcome is counted.
 *
 * <p>Not thread-safe: call from one thread (the subscription's), then hand the accepted destination to the decision
 * thread's {@link RouteManager}.
 */
public final class DestinationCommands {

    /** The topic below {@code avfusion/<vehicle>/}. */
    public static final String TOPIC_SUFFIX = "command/destination";

    public enum Kind { ACCEPTED, MALFORMED, UNAUTHENTICATED }

    /**
     * @param kind        what became of the message
     * @param destination the destination for ACCEPTED, else null
     * @param reason      why not, for MALFORMED and UNAUTHENTICATED; {@code ""} for ACCEPTED
     */
    public record Outcome(Kind kind, GeoPoint destination, String reason) {
    }

    /** Counts so far, and the last rejection's reason. */
    public record Stats(long accepted, long malformed, long unauthenticated, String lastRejection) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BYTES = 4096;

    private final CommandAuthenticator authenticator;
    private long accepted;
    private long malformed;
    private long unauthenticated;
    private String lastRejection = "";

    public DestinationCommands(CommandAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** The topic for {@code vehicleId}. */
    public static String topic(String vehicleId) {
        return "avfusion/" + vehicleId + "/" + TOPIC_SUFFIX;
    }

    public Outcome offer(String clientId, byte[] payload) {
        if (!authenticator.authenticated(clientId == null ? "" : clientId, payload)) {
            unauthenticated++;
            return reject(Kind.UNAUTHENTICATED, "client '" + clientId + "' is not allowed to set the destination");
        }
        if (payload == null || payload.length == 0) {
            return malformed("empty message; expected {\"lat\": <deg>, \"lon\": <deg>}");
        }
        if (payload.length > MAX_BYTES) {
            return malformed("message of " + payload.length + " bytes; a destination is under " + MAX_BYTES);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return malformed("not JSON (" + e.getOriginalMessage() + "); expected {\"lat\": <deg>, \"lon\": <deg>}");
        }
        if (tree == null || !tree.isObject()) {
            return malformed("not a JSON object; expected {\"lat\": <deg>, \"lon\": <deg>}");
        }
        JsonNode lat = tree.get("lat");
        JsonNode lon = tree.get("lon");
        if (lat == null || !lat.isNumber()) {
            return malformed("field lat is " + (lat == null ? "missing" : "not a number: " + lat) + "; expected degrees");
        }
        if (lon == null || !lon.isNumber()) {
            return malformed("field lon is " + (lon == null ? "missing" : "not a number: " + lon) + "; expected degrees");
        }
        GeoPoint destination;
        try {
            destination = new GeoPoint(lat.asDouble(), lon.asDouble());
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage());
        }
        accepted++;
        return new Outcome(Kind.ACCEPTED, destination, "");
    }

    private Outcome malformed(String reason) {
        malformed++;
        return reject(Kind.MALFORMED, reason);
    }

    private Outcome reject(Kind kind, String reason) {
        lastRejection = reason;
        return new Outcome(kind, null, reason);
    }

    public Stats stats() {
        return new Stats(accepted, malformed, unauthenticated, lastRejection);
    }
}
