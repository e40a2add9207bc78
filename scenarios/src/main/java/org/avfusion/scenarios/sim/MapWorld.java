package org.avfusion.scenarios.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.scenarios.sim.render.Material;
import org.avfusion.scenarios.sim.render.OrientedBoxes;
import org.avfusion.scenarios.sim.render.SceneView;
import org.avfusion.scenarios.sim.world.PolylinePath;
import org.avfusion.scenarios.sim.world.Road;
import org.avfusion.scenarios.sim.world.SpeedProfile;

/**
 * The kinematic world of a {@link MapScenario}: the ego drives along a route (ENU metres around the start), its
 * speed from a {@link ClosedLoopEgo} that obeys the runtime's decisions, and switches to each route the runtime
 * publishes at that route's plan stamp plus the reaction delay (the lockstep of decisions applies: the route comes
 * with the decision of the same stamp); trucks stand where the scenario parks them.
 *
 * <p>Switching: at the switch time the ego's position on the old path is projected onto the first
 * {@value #SWITCH_SEARCH_METERS} m of the new one (a route planned from where the vehicle was starts there); the new
 * path runs from the ego's pose (with a {@value #LEAD_IN_METERS} m lead-in along its heading, so the smoothing blends
 * the heading) to the first route point past that projection, then along the route. The ego's arc length stays
 * continuous, so speed and the lockstep are unaffected. A route that starts by turning back (a U-turn) is driven as
 * a hairpin: the simulation has no manoeuvres; scenarios should block streets where the way on goes forward.
 *
 * <p>Threading: {@link #followRoute} from the runtime's publish thread; the {@link SceneView} methods from the
 * drive's thread; the {@link GroundTruth} methods from any thread for times already integrated.
 */
final class MapWorld implements GroundTruth, SceneView {
    static final double SWITCH_SEARCH_METERS = 60;
    static final double SMOOTHING_METERS = 3.0;
    static final double LEAD_IN_METERS = 2.0;
    private static final double NANOS_PER_SECOND = 1e9;

    /** One path the ego drives from {@code fromNanos} on. */
    private static final class Leg {
        final long fromNanos;
        final double[] routeX;
        final double[] routeY;
        volatile boolean resolved;
        PolylinePath path;
        double sAtSwitch;
        double startOnPath;

        Leg(long fromNanos, double[] routeX, double[] routeY) {
            this.fromNanos = fromNanos;
            this.routeX = routeX;
            this.routeY = routeY;
        }
    }

    private final LocalTangentPlane plane;
    private final ClosedLoopEgo ego;
    private final long delayNanos;
    private final long durationNanos;
    private final Road surface = new Road(0, 0, 0, SimDefaults.ROAD_WIDTH_METERS, new double[] {1}, new double[] {0});
    private final List<Leg> legs = new CopyOnWriteArrayList<>();
    private final List<MapScenario.Block> blocks;
    private final double[] bx;
    private final double[] by;
    private final double[] byaw;
    private final double[] scratch = new double[4];
    private final List<String> routeLog = new CopyOnWriteArrayList<>();

    MapWorld(MapScenario scenario, List<GeoPoint> plannedRoute, LocalTangentPlane plane, long decisionPeriodNanos,
            ScenarioSpec.Ego egoSpec) {
        this.plane = plane;
        this.durationNanos = Math.round(scenario.durationSeconds() * NANOS_PER_SECOND);
        this.delayNanos = Math.round(egoSpec.reactionDelaySeconds() * NANOS_PER_SECOND);
        double v = scenario.cruiseSpeedMetersPerSec();
        SpeedProfile wish = new SpeedProfile(new double[] {0, v / egoSpec.maxAccelMetersPerSec2()},
                new double[] {0, v});
        this.ego = new ClosedLoopEgo(0, wish, durationNanos, decisionPeriodNanos, egoSpec);
        double[][] xy = toEnu(plannedRoute);
        Leg first = new Leg(0, xy[0], xy[1]);
        first.path = new PolylinePath(xy[0], xy[1], SMOOTHING_METERS);
        first.resolved = true;
        legs.add(first);
        blocks = scenario.blocks();
        bx = new double[blocks.size()];
        by = new double[blocks.size()];
        byaw = new double[blocks.size()];
        double[] pose = new double[4];
        for (int i = 0; i < blocks.size(); i++) {
            MapScenario.Block b = blocks.get(i);
            if (b.alongRouteMeters() + b.lengthMeters() > first.path.lengthMeters()) {
                throw new ScenarioException("map scenario '" + scenario.name() + "': block '" + b.id() + "' at "
                        + b.alongRouteMeters() + " m is beyond the planned route of "
                        + Math.round(first.path.lengthMeters()) + " m");
            }
            first.path.poseAt(b.alongRouteMeters() + b.lengthMeters() / 2, pose);
            bx[i] = pose[Road.X];
            by[i] = pose[Road.Y];
            byaw[i] = pose[Road.HEADING];
        }
    }

    private double[][] toEnu(List<GeoPoint> route) {
        double[] x = new double[route.size()];
        double[] y = new double[route.size()];
        double[] enu = new double[3];
        for (int i = 0; i < route.size(); i++) {
            plane.toEnu(route.get(i).latitudeDeg(), route.get(i).longitudeDeg(), 0, enu);
            x[i] = enu[0];
            y[i] = enu[1];
        }
        return new double[][] {x, y};
    }

    /**
     * A route the runtime published, planned at vehicle time {@code planStampNanos}: the ego drives it from that
     * stamp plus its reaction delay on. Routes must come in stamp order (as the publish stage sends them).
     */
    void followRoute(long planStampNanos, List<GeoPoint> route) {
        if (route.size() < 2) {
            return;
        }
        long from = planStampNanos + delayNanos;
        Leg last = legs.get(legs.size() - 1);
        double[][] xy = toEnu(route);
        legs.add(new Leg(Math.max(from, last.fromNanos + 1), xy[0], xy[1]));
        routeLog.add(String.format(java.util.Locale.ROOT, "t=%.2f s: route of %d points", from / 1e9, route.size()));
    }

    /** The ego's arc-length state. */
    ClosedLoopEgo closedLoop() {
        return ego;
    }

    /** Number of routes driven (the first planned one included). */
    int legCount() {
        return legs.size();
    }

    /** The path driven at {@code vehicleNanos}, resolved. */
    private Leg legAt(long vehicleNanos) {
        Leg found = legs.get(0);
        int index = 0;
        for (int i = 1; i < legs.size(); i++) {
            if (legs.get(i).fromNanos <= vehicleNanos) {
                found = legs.get(i);
                index = i;
            }
        }
        if (!found.resolved) {
            resolve(index);
        }
        return found;
    }

    private synchronized void resolve(int index) {
        Leg leg = legs.get(index);
        if (leg.resolved) {
            return;
        }
        Leg before = legs.get(index - 1);
        if (!before.resolved) {
            resolve(index - 1);
        }
        double s = ego.sAt(leg.fromNanos);
        double[] p = new double[4];
        before.path.poseAt(s - before.sAtSwitch + before.startOnPath, p);
        // the new route from where it passes nearest the ego, behind the ego's pose and a point 2 m back along its
        // heading: the smoothing blends the heading from the old path into the new one, as a driver would steer
        PolylinePath raw = new PolylinePath(leg.routeX, leg.routeY, 0);
        double from = raw.project(p[Road.X], p[Road.Y], SWITCH_SEARCH_METERS);
        int first = 0;
        double acc = 0;
        while (first < leg.routeX.length - 1 && acc < from) {
            acc += Math.hypot(leg.routeX[first + 1] - leg.routeX[first], leg.routeY[first + 1] - leg.routeY[first]);
            first++;
        }
        int n = leg.routeX.length - first;
        double[] x = new double[n + 2];
        double[] y = new double[n + 2];
        double h = p[Road.HEADING];
        x[0] = p[Road.X] - LEAD_IN_METERS * Math.cos(h);
        y[0] = p[Road.Y] - LEAD_IN_METERS * Math.sin(h);
        x[1] = p[Road.X];
        y[1] = p[Road.Y];
        System.arraycopy(leg.routeX, first, x, 2, n);
        System.arraycopy(leg.routeY, first, y, 2, n);
        leg.path = new PolylinePath(x, y, SMOOTHING_METERS);
        leg.sAtSwitch = s;
        leg.startOnPath = LEAD_IN_METERS;
        leg.resolved = true;
    }

    private void pose(long vehicleNanos, double[] out) {
        Leg leg = legAt(vehicleNanos);
        leg.path.poseAt(ego.sAt(vehicleNanos) - leg.sAtSwitch + leg.startOnPath, out);
    }

    /** Metres left to the end of the path being driven at {@code vehicleNanos}. */
    double remainingOnPathMeters(long vehicleNanos) {
        Leg leg = legAt(vehicleNanos);
        return Math.max(0, leg.path.lengthMeters() - (ego.sAt(vehicleNanos) - leg.sAtSwitch + leg.startOnPath));
    }

    /** Where the ego is at {@code vehicleNanos}, WGS-84. */
    GeoPoint egoPosition(long vehicleNanos) {
        double[] p = new double[4];
        pose(vehicleNanos, p);
        double[] g = new double[3];
        plane.toGeodetic(p[Road.X], p[Road.Y], 0, g);
        return new GeoPoint(g[0], g[1]);
    }

    /** Where block i stands (its centre), WGS-84. */
    GeoPoint blockPosition(int i) {
        double[] g = new double[3];
        plane.toGeodetic(bx[i], by[i], 0, g);
        return new GeoPoint(g[0], g[1]);
    }

    @Override
    public EgoState egoAt(long vehicleNanos) {
        double[] p = new double[4];
        pose(vehicleNanos, p);
        double v = remainingOnPathMeters(vehicleNanos) > 0 ? ego.speedAt(vehicleNanos) : 0;
        return new EgoState(p[Road.X], p[Road.Y], p[Road.HEADING], v, v * p[Road.CURVATURE],
                ego.accelAt(vehicleNanos));
    }

    @Override
    public List<ActorState> actorsAt(long vehicleNanos) {
        List<ActorState> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            MapScenario.Block b = blocks.get(i);
            out.add(new ActorState(b.id(), ActorType.STATIC, bx[i], by[i], b.heightMeters() / 2, byaw[i],
                    b.lengthMeters(), b.widthMeters(), b.heightMeters(), 0, 0));
        }
        return out;
    }

    @Override
    public long durationNanos() {
        return durationNanos;
    }

    @Override
    public Road road() {
        return surface;
    }

    @Override
    public void egoPose(long vehicleNanos, double[] out) {
        pose(vehicleNanos, scratch);
        out[0] = scratch[Road.X];
        out[1] = scratch[Road.Y];
        out[2] = scratch[Road.HEADING];
    }

    @Override
    public void updateBoxes(long vehicleNanos, OrientedBoxes boxes) {
        for (int i = 0; i < blocks.size(); i++) {
            MapScenario.Block b = blocks.get(i);
            boxes.set(i, bx[i], by[i], b.heightMeters() / 2, byaw[i], b.lengthMeters(), b.widthMeters(),
                    b.heightMeters(), Material.CAR);
        }
    }

    /** One line per route switch, for reports. */
    List<String> routeLog() {
        return List.copyOf(routeLog);
    }
}
