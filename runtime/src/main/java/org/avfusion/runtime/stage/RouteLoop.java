package org.avfusion.runtime.stage;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.plan.CorridorPath;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.route.DestinationCommands;
import org.avfusion.runtime.route.RouteDecisions;
import org.avfusion.runtime.route.RouteFollower;
import org.avfusion.runtime.route.RouteManager;
import org.avfusion.runtime.route.RouteState;
import org.avfusion.runtime.route.RouteStatus;

/**
 * The map in the decide stage: feeds each set's position to the {@link RouteFollower} before the decision (the
 * corridor follows the route) and combines the decision with the route's after it (progress, REROUTE, NO_ROUTE).
 * Destination commands arrive on the command subscription's thread ({@link #offerCommand}), are vetted there by
 * {@link DestinationCommands} (authentication, format; every outcome counted) and handed to the decision thread
 * through a queue.
 *
 * <p>Position: the ego-motion filter's estimate when it has one that is not {@code UNKNOWN} (with its heading), else
 * the set's interpolated GNSS position (heading: the route's direction there). A destination with no position yet
 * gives STOP NO_ROUTE ("no position fix").
 *
 * <p>Threading: {@link #before}/{@link #after} on the decide thread only; {@link #offerCommand} from one other
 * thread; the health getters from any thread (volatile snapshots).
 */
public final class RouteLoop {
    /**
     * The sender identity a command transport reports when the broker it came through enforces that only the
     * commander may publish to {@code avfusion/+/command/#} (the embedded broker's ACL, or an external broker the
     * runtime logs into with credentials, whose ACL must do the same). MQTT does not tell a subscriber who
     * published a message; the broker's ACL is what authenticates it.
     */
    public static final String BROKER_ACL_SENDER = "broker-acl";

    /** Accepts only messages that came through a broker enforcing the command ACL ({@link #BROKER_ACL_SENDER}). */
    public static final org.avfusion.runtime.route.CommandAuthenticator AUTHENTICATOR =
            (clientId, payload) -> BROKER_ACL_SENDER.equals(clientId);

    private final RouteFollower follower;
    private final DestinationCommands commands;
    private final ConcurrentLinkedQueue<GeoPoint> destinations = new ConcurrentLinkedQueue<>();
    private final AtomicLong offRoadFixes = new AtomicLong();
    private final AtomicLong noFix = new AtomicLong();
    private volatile RouteStatus lastStatus;
    private volatile RouteManager.Stats routeStats;
    private volatile DestinationCommands.Stats commandStats;
    private volatile String matchedRoad = "";
    private RouteStatus noPosition;

    public RouteLoop(RouteFollower follower, DestinationCommands commands) {
        this.follower = Objects.requireNonNull(follower, "follower");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.routeStats = follower.routeStats();
        this.commandStats = commands.stats();
    }

    /**
     * A message of {@code avfusion/<vehicle>/command/destination}: vetted, counted; an accepted destination replaces
     * the current one at the next decision. Never throws for a bad message.
     *
     * @return the outcome (for logs and tests)
     */
    public synchronized DestinationCommands.Outcome offerCommand(String clientId, byte[] payload) {
        DestinationCommands.Outcome o = commands.offer(clientId, payload);
        if (o.kind() == DestinationCommands.Kind.ACCEPTED) {
            destinations.add(o.destination());
        }
        commandStats = commands.stats();
        return o;
    }

    /** Before the decision: the corridor along the route, or null for the yaw-rate arc. */
    CorridorPath before(AlignedSet set) {
        GeoPoint next;
        while ((next = destinations.poll()) != null) {
            follower.setDestination(next);
        }
        double lat = set.latitudeDeg();
        double lon = set.longitudeDeg();
        double heading = Double.NaN;
        EgoEstimate e = set.egoEstimate();
        if (e != null && e.quality() != EgoQuality.UNKNOWN && !Double.isNaN(e.latitudeDeg())) {
            lat = e.latitudeDeg();
            lon = e.longitudeDeg();
            heading = e.headingDeg();
        }
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            noFix.incrementAndGet();
            noPosition = new RouteStatus(RouteState.NO_ROUTE, null, false, Double.NaN, Double.NaN, Double.NaN,
                    "no position fix (GNSS or ego-motion estimate) to follow a route from");
            return null;
        }
        noPosition = null;
        CorridorPath path = follower.beforeDecision(set.referenceStampNanos(), new GeoPoint(lat, lon), heading);
        if (follower.offRoad()) {
            offRoadFixes.incrementAndGet();
        }
        if (follower.lastMatch() != null && follower.lastMatch().roadName() != null) {
            matchedRoad = follower.lastMatch().roadName();
        }
        return path;
    }

    /** After the decision: the decision as published and its route side. */
    RouteDecisions.RoutedDecision after(Decision d) {
        RouteDecisions.RoutedDecision out;
        if (noPosition != null) {
            out = RouteDecisions.combine(d, follower.hasDestination() ? noPosition
                    : new RouteStatus(RouteState.NO_DESTINATION, null, false, Double.NaN, Double.NaN, Double.NaN, ""));
        } else {
            out = follower.afterDecision(d);
        }
        lastStatus = out.route();
        routeStats = follower.routeStats();
        return out;
    }

    /** The route side of the last decision, or null before the first. */
    public RouteStatus lastStatus() {
        return lastStatus;
    }

    public RouteManager.Stats routeStats() {
        return routeStats;
    }

    public DestinationCommands.Stats commandStats() {
        return commandStats;
    }

    /** Fixes the matcher found on no road (OFF_ROAD). */
    public long offRoadFixes() {
        return offRoadFixes.get();
    }

    /** Decisions made without a position. */
    public long decisionsWithoutFix() {
        return noFix.get();
    }

    /** The road the last fix matched, {@code ""} when none. */
    public String matchedRoad() {
        return matchedRoad;
    }
}
