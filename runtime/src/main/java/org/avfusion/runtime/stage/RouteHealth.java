package org.avfusion.runtime.stage;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.avfusion.runtime.output.json.JsonPayload;
import org.avfusion.runtime.route.DestinationCommands;
import org.avfusion.runtime.route.RouteManager;
import org.avfusion.runtime.route.RouteStatus;

/**
 * The {@code map} section of the health report: the route state and distance remaining, the route manager's counts
 * (routes planned, reroutes, NO_ROUTE, OFF_MAP, last error), fixes off the road, decisions without a position, and
 * the destination commands (accepted, malformed, unauthenticated, last rejection). Reads {@link RouteLoop}'s
 * volatile snapshots only: safe from the publish thread.
 */
public final class RouteHealth {
    private RouteHealth() {
    }

    public static void write(JsonPayload health, RouteLoop loop) throws IOException {
        JsonGenerator w = health.generator();
        w.writeObjectFieldStart("map");
        RouteStatus s = loop.lastStatus();
        w.writeStringField("state", s == null ? "NONE" : s.state().name());
        if (s != null) {
            health.fixed("distanceRemainingMeters", s.distanceRemainingMeters(), 1);
        }
        w.writeStringField("matchedRoad", loop.matchedRoad());
        w.writeNumberField("offRoadFixes", loop.offRoadFixes());
        w.writeNumberField("decisionsWithoutFix", loop.decisionsWithoutFix());
        RouteManager.Stats r = loop.routeStats();
        w.writeNumberField("routesPlanned", r.routesPlanned());
        w.writeNumberField("reroutes", r.reroutes());
        w.writeNumberField("noRoute", r.noRoute());
        w.writeNumberField("offMap", r.offMap());
        w.writeStringField("lastError", r.lastError());
        DestinationCommands.Stats c = loop.commandStats();
        w.writeObjectFieldStart("commands");
        w.writeNumberField("accepted", c.accepted());
        w.writeNumberField("malformed", c.malformed());
        w.writeNumberField("unauthenticated", c.unauthenticated());
        w.writeStringField("lastRejection", c.lastRejection());
        w.writeEndObject();
        w.writeEndObject();
    }
}
