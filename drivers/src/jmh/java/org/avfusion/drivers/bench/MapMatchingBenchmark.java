package org.avfusion.drivers.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.Route;
import org.avfusion.drivers.map.matching.HmmMapMatcher;
import org.avfusion.drivers.map.matching.MatchedFix;
import org.avfusion.drivers.map.matching.MatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Map matching and routing on {@code ../shared/data/osm/andorra.osm.pbf} (the graph imported once into a cache under
 * {@code java.io.tmpdir}, outside the measurement).
 *
 * <pre>
 *   matchFix:     GeoPoint (a fix of a simulated drive along the README's 17.7 km Andorra route, every 10 m, 3 m
 *                 Gaussian noise, seed 42) --HmmMapMatcher.offer--> MatchedFix       (one op = one fix)
 *   routeAndorra: RoadNetwork.route(42.56819,1.603231 -> 42.571034,1.520662)         (one op = one route)
 * </pre>
 *
 * Run: {@code mvn -B -q -o -Dbench=drivers -DskipTests -pl drivers -am verify -Djmh.args="MapMatchingBenchmark -f 1 -wi 3 -i 5 -prof gc"}.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MapMatchingBenchmark {

    static final GeoPoint FROM = new GeoPoint(42.56819, 1.603231);
    static final GeoPoint TO = new GeoPoint(42.571034, 1.520662);

    private RoadNetwork andorra;
    private List<GeoPoint> fixes;
    private HmmMapMatcher matcher;
    private int next;
    private long stamp;

    @Setup(Level.Trial)
    public void load() {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "osm", "andorra.osm.pbf");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("../shared/data/osm/andorra.osm.pbf not found: " + file.toAbsolutePath());
        }
        andorra = RoadNetwork.load(file, MapConfig.defaults());
        Route route = andorra.route(FROM, TO);
        fixes = new ArrayList<>();
        Random random = new Random(42);
        List<GeoPoint> path = route.path();
        double carry = 0;
        for (int i = 1; i < path.size(); i++) {
            GeoPoint a = path.get(i - 1);
            GeoPoint b = path.get(i);
            double mLat = 111_132.954;
            double mLon = 111_319.49 * Math.cos(Math.toRadians(a.latitudeDeg()));
            double len = Math.hypot((b.latitudeDeg() - a.latitudeDeg()) * mLat, (b.longitudeDeg() - a.longitudeDeg()) * mLon);
            double s = carry;
            for (; s < len; s += 10) {
                double t = s / len;
                fixes.add(new GeoPoint(a.latitudeDeg() + t * (b.latitudeDeg() - a.latitudeDeg())
                        + random.nextGaussian() * 3 / mLat,
                        a.longitudeDeg() + t * (b.longitudeDeg() - a.longitudeDeg()) + random.nextGaussian() * 3 / mLon));
            }
            carry = s - len;
        }
        matcher = new HmmMapMatcher(andorra, MatcherConfig.defaults());
    }

    @TearDown(Level.Trial)
    public void close() {
        andorra.close();
    }

    @Benchmark
    public MatchedFix matchFix() {
        if (next == fixes.size()) {
            next = 0;
            matcher = new HmmMapMatcher(andorra, MatcherConfig.defaults());
        }
        MatchedFix m = matcher.offer(++stamp, fixes.get(next++));
        matcher.drainSettled();
        return m;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Route routeAndorra() {
        return andorra.route(FROM, TO);
    }
}
