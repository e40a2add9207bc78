package org.avfusion.drivers.map.matching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.map.EdgeProjection;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.RoadNetwork;

/**
 * Hidden-Markov map matcher after Newson &amp; Krumm, "Hidden Markov Map Matching Through Noise and Sparseness"
 * (ACM SIGSPATIAL GIS 2009), decoded online with a bounded lag.
 *
 * <ul>
 *   <li><b>States</b>: for each fix, every road edge a car may use within {@link MatcherConfig#searchRadiusMeters()}
 *       (at most {@link MatcherConfig#maxCandidates()}, nearest first), once per direction a car may drive it.</li>
 *   <li><b>Emission</b>: Gaussian on the fix's distance to the edge, sigma {@link MatcherConfig#sigmaMeters()}.</li>
 *   <li><b>Transition</b>: {@code exp(-|route distance - great-circle distance| / beta)} between consecutive fixes;
 *       the route distance is driven along the graph in permitted directions (Dijkstra on edge length from the end
 *       of the previous candidate's edge, turn restrictions not applied).</li>
 *   <li><b>Decoding</b>: Viterbi over the window of unsettled fixes. {@link #offer} returns the best estimate for the
 *       newest fix at once (lag 0, what a vehicle acts on); a fix is <i>settled</i> by back-tracking from the newest
 *       best state once {@link MatcherConfig#lagFixes()} later fixes have arrived, and settled matches are collected
 *       with {@link #drainSettled()}. Settled matches use the later fixes, so they are the more accurate ones.</li>
 *   <li><b>Breaks</b>: a fix with no candidate is OFF_ROAD (counted; the window is settled and the model restarts at
 *       the next fix on a road); a fix none of whose candidates is reachable from the previous fix's restarts the
 *       model at that fix (counted as a break).</li>
 * </ul>
 *
 * <p><b>Threading</b>: confined to one thread (it keeps the window); the {@link RoadNetwork} it reads may be shared.
 * <b>Cost</b>: one candidate search and, per candidate of the previous fix, one bounded Dijkstra per fix: tens of
 * microseconds to a millisecond (see docs/PERFORMANCE.md); for fixes at GNSS rates, not per lidar point.
 */
public final class HmmMapMatcher {

    private record State(EdgeProjection edge, boolean forward) {
    }

    private static final class Step {
        final long stampNanos;
        final GeoPoint fix;
        final List<State> states;
        final double[] score;
        final int[] back;

        Step(long stampNanos, GeoPoint fix, List<State> states) {
            this.stampNanos = stampNanos;
            this.fix = fix;
            this.states = states;
            this.score = new double[states.size()];
            this.back = new int[states.size()];
        }

        int best() {
            int b = 0;
            for (int i = 1; i < score.length; i++) {
                if (score[i] > score[b]) {
                    b = i;
                }
            }
            return b;
        }
    }

    private final RoadNetwork network;
    private final MatcherConfig config;
    private final ArrayDeque<Step> window = new ArrayDeque<>();
    private final List<MatchedFix> settled = new ArrayList<>();
    private long lastStampNanos = Long.MIN_VALUE;
    private MatchedFix current;
    private long fixes;
    private long onRoad;
    private long offRoad;
    private long breaks;
    private long rejected;

    public HmmMapMatcher(RoadNetwork network, MatcherConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adds a fix and returns the best estimate of where it is (lag 0). A fix whose stamp is not after the previous
     * one is counted as rejected and the previous estimate is returned (OFF_ROAD for the very first).
     */
    public MatchedFix offer(long stampNanos, GeoPoint fix) {
        Objects.requireNonNull(fix, "fix");
        if (stampNanos <= lastStampNanos) {
            rejected++;
            return current != null ? current : MatchedFix.offRoad(stampNanos, fix);
        }
        lastStampNanos = stampNanos;
        fixes++;
        List<EdgeProjection> near = network.edgesNear(fix, config.searchRadiusMeters());
        List<State> states = new ArrayList<>();
        for (EdgeProjection e : near.subList(0, Math.min(near.size(), config.maxCandidates()))) {
            if (e.forwardAllowed()) {
                states.add(new State(e, true));
            }
            if (e.backwardAllowed()) {
                states.add(new State(e, false));
            }
        }
        if (states.isEmpty()) {
            settleAll();
            offRoad++;
            current = MatchedFix.offRoad(stampNanos, fix);
            settled.add(current);
            return current;
        }
        Step step = new Step(stampNanos, fix, states);
        double inv2s2 = 1 / (2 * config.sigmaMeters() * config.sigmaMeters());
        Step prev = window.peekLast();
        boolean connected = false;
        if (prev != null) {
            double gc = greatCircleMeters(prev.fix, fix);
            double limit = 2 * gc + 2 * config.searchRadiusMeters() + 50;
            Map<Integer, Map<Integer, Double>> fromNode = new HashMap<>();
            for (int j = 0; j < states.size(); j++) {
                State b = states.get(j);
                double bestScore = Double.NEGATIVE_INFINITY;
                int bestI = -1;
                for (int i = 0; i < prev.states.size(); i++) {
                    if (prev.score[i] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double route = routeMeters(prev.states.get(i), b, limit, fromNode);
                    if (Double.isNaN(route)) {
                        continue;
                    }
                    double s = prev.score[i] - Math.abs(route - gc) / config.betaMeters();
                    if (s > bestScore) {
                        bestScore = s;
                        bestI = i;
                    }
                }
                double d = b.edge().distanceMeters();
                step.score[j] = bestScore - d * d * inv2s2;
                step.back[j] = bestI;
                connected |= bestI >= 0;
            }
            if (!connected) {
                breaks++;
                settleAll();
            }
        }
        if (prev == null || !connected) {
            for (int j = 0; j < states.size(); j++) {
                double d = states.get(j).edge().distanceMeters();
                step.score[j] = -d * d * inv2s2;
                step.back[j] = -1;
            }
        }
        double max = step.score[step.best()];
        for (int j = 0; j < step.score.length; j++) {
            step.score[j] -= max;
        }
        window.addLast(step);
        while (window.size() > config.lagFixes() + 1) {
            settleOldest();
        }
        onRoad++;
        current = toMatch(step, step.best());
        return current;
    }

    /** The lag-0 estimate for the newest fix, or null before the first. */
    public MatchedFix current() {
        return current;
    }

    /** Matches settled since the last call, oldest first (each fix is settled exactly once). */
    public List<MatchedFix> drainSettled() {
        List<MatchedFix> out = List.copyOf(settled);
        settled.clear();
        return out;
    }

    /** Settles every fix still in the window (end of a drive) and returns all settled matches not yet drained. */
    public List<MatchedFix> flush() {
        settleAll();
        return drainSettled();
    }

    /** Counts so far. */
    public MatcherStats stats() {
        return new MatcherStats(fixes, onRoad, offRoad, breaks, rejected);
    }

    private double routeMeters(State a, State b, double limit, Map<Integer, Map<Integer, Double>> cache) {
        EdgeProjection ea = a.edge();
        EdgeProjection eb = b.edge();
        if (ea.edgeId() == eb.edgeId() && a.forward() == b.forward()) {
            double along = a.forward() ? eb.offsetMeters() - ea.offsetMeters() : ea.offsetMeters() - eb.offsetMeters();
            return Math.abs(along);
        }
        double exitRemaining = a.forward() ? ea.lengthMeters() - ea.offsetMeters() : ea.offsetMeters();
        int exitNode = a.forward() ? ea.adjNode() : ea.baseNode();
        int entryNode = b.forward() ? eb.baseNode() : eb.adjNode();
        double entryOffset = b.forward() ? eb.offsetMeters() : eb.lengthMeters() - eb.offsetMeters();
        Double between = cache.computeIfAbsent(exitNode, n -> network.distancesFrom(n, limit)).get(entryNode);
        return between == null ? Double.NaN : exitRemaining + between + entryOffset;
    }

    private void settleOldest() {
        Step oldest = window.peekFirst();
        int state = backtrackTo(oldest);
        settled.add(toMatch(oldest, state));
        window.removeFirst();
    }

    private void settleAll() {
        if (window.isEmpty()) {
            return;
        }
        Step[] steps = window.toArray(new Step[0]);
        int[] path = new int[steps.length];
        path[steps.length - 1] = steps[steps.length - 1].best();
        for (int k = steps.length - 1; k > 0; k--) {
            int b = steps[k].back[path[k]];
            path[k - 1] = b >= 0 ? b : steps[k - 1].best();
        }
        for (int k = 0; k < steps.length; k++) {
            settled.add(toMatch(steps[k], path[k]));
        }
        window.clear();
    }

    private int backtrackTo(Step target) {
        Iterator<Step> it = window.descendingIterator();
        Step s = it.next();
        int state = s.best();
        while (s != target) {
            int b = s.back[state];
            s = it.next();
            state = b >= 0 ? b : s.best();
        }
        return state;
    }

    private static MatchedFix toMatch(Step step, int index) {
        State s = step.states.get(index);
        EdgeProjection e = s.edge();
        double heading = s.forward() ? e.headingDeg() : (e.headingDeg() + 180) % 360;
        return new MatchedFix(step.stampNanos, step.fix, MatchStatus.ON_ROAD, e.edgeId(), e.osmWayId(), e.roadName(),
                s.forward(), heading, e.offsetMeters(), s.forward() ? e.lateralMeters() : -e.lateralMeters(),
                e.snapped());
    }

    /** Haversine distance, metres (mean Earth radius). */
    static double greatCircleMeters(GeoPoint a, GeoPoint b) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(a.latitudeDeg());
        double p2 = Math.toRadians(b.latitudeDeg());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.longitudeDeg() - a.longitudeDeg());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
