package org.avfusion.drivers.map.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map matching on two real GNSS tracks: the Clearpath Husky's {@code /fix} in
 * {@code ../shared/data/rosbag/husky-gps-imu-odom.bag} (2.5 Hz, Cambridge MA) and comma2k19's u-blox fixes in
 * {@code ../shared/data/comma2k19/segment-40} (10 Hz, San Francisco).
 *
 * <p><b>How the maps are built.</b> The shared data has no OpenStreetMap extract of either place, so each test writes a
 * small OSM XML map: the <i>true road</i> is the track smoothed by a centred moving average (21 fixes for the Husky,
 * 11 for the car, resampled every 2 m), and a <i>decoy road</i> runs parallel to it 12 m to its left (a frontage road
 * or the neighbouring street). Both are two-way {@code highway=residential}. Because the true road comes from the
 * track itself, these tests check the matcher on real receiver noise, real sampling and real stops (the Husky stands
 * still for long stretches), including the choice between two close parallel roads; they cannot check which real
 * street the vehicle was on. For the Husky, which drives partly off road, the road covers only the first half of the
 * drive and the search radius is 15 m (a robot at walking pace): in the second half the robot wanders up to 40 m
 * from that road, and every fix farther than the radius from both roads must come out OFF_ROAD and be counted.
 */
class RecordedTrackMatchingTest {

    @TempDir
    Path tmp;

    static Path shared(String relative) {
        Path p = Path.of(System.getProperty("avfusion.shared", "../shared"), "data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared/data/" + relative + " not found: " + p.toAbsolutePath());
        return p;
    }

    @Test
    void huskyFixesMatchTheTrueRoadOrAreOffRoadWhereItEnds() throws Exception {
        Path bag = shared("rosbag/husky-gps-imu-odom.bag");
        RecordedHealth health = new RecordedHealth(bag.getFileName().toString());
        RosbagConfig config = RosbagConfig.of(Map.of("/fix", new SensorId("gnss", SensorKind.GNSS)))
                .withTimeBase(RecordedTimeBase.fixed(0, 0));
        List<GeoPoint> track = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        try (RosbagSource source = RosbagSource.open(bag, config, health)) {
            FrameSink sink = (header, payload) -> {
                GnssFix f = (GnssFix) payload;
                if (!Double.isNaN(f.latitudeDeg()) && !Double.isNaN(f.longitudeDeg())) {
                    track.add(new GeoPoint(f.latitudeDeg(), f.longitudeDeg()));
                    stamps.add(header.stampNanos());
                }
                return true;
            };
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        assertTrue(track.size() > 900, "the README lists 989 /fix messages; read " + track.size());
        List<GeoPoint> road = resample(smooth(track.subList(0, track.size() / 2), 10), 2);
        // a robot on paths at walking pace: roads farther than 15 m are not where it is
        MatcherConfig walking = new MatcherConfig(15, MatcherConfig.DEFAULT_SIGMA_METERS,
                MatcherConfig.DEFAULT_BETA_METERS, MatcherConfig.DEFAULT_LAG_FIXES, MatcherConfig.DEFAULT_MAX_CANDIDATES);
        Result r = matchOver(track, stamps, road, walking);
        System.out.printf(Locale.ROOT, "husky: %d fixes, first half on road %.1f%% true road, second half: %d beyond "
                + "the radius, OFF_ROAD exactly there: %b; %s%n", track.size(), 100 * r.onTrueRoadShare(track.size() / 2),
                r.beyondRadius, r.statusAgreesWithDistance, r.stats);
        assertTrue(r.onTrueRoadShare(track.size() / 2) >= 0.95, "first half on the true road");
        assertTrue(r.beyondRadius > 0, "the second half leaves the road: some fixes must be beyond the radius");
        assertTrue(r.statusAgreesWithDistance, "every fix beyond the search radius of both roads is OFF_ROAD, every fix"
                + " within it ON_ROAD");
        long offRoadSettled = r.settled.stream().filter(m -> m.status() == MatchStatus.OFF_ROAD).count();
        assertEquals(offRoadSettled, r.stats.offRoad(), "OFF_ROAD counted once per such fix");
        assertTrue(r.stats.offRoad() >= r.beyondRadius);
    }

    @Test
    void comma2k19FixesMatchTheTrueRoadNotTheParallelOne() throws Exception {
        Path dir = shared("comma2k19/segment-40/processed_log/GNSS/live_gnss_ublox");
        double[] t = readNpy(dir.resolve("t"));
        double[] v = readNpy(dir.resolve("value"));
        int cols = v.length / t.length;
        List<GeoPoint> track = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            track.add(new GeoPoint(v[i * cols], v[i * cols + 1]));
            stamps.add(Math.round(t[i] * 1e9));
        }
        assertEquals(579, track.size(), "u-blox fixes in the segment");
        List<GeoPoint> road = resample(smooth(track, 5), 2);
        Result r = matchOver(track, stamps, road, MatcherConfig.defaults());
        System.out.printf(Locale.ROOT, "comma2k19: %d fixes, %.1f%% on the true road; %s%n", track.size(),
                100 * r.onTrueRoadShare(track.size()), r.stats);
        assertTrue(r.onTrueRoadShare(track.size()) >= 0.95);
        assertEquals(0, r.stats.offRoad());
    }

    static final long TRUE_WAY = 1000;
    static final long DECOY_WAY = 2000;

    record Result(List<MatchedFix> settled, int beyondRadius, boolean statusAgreesWithDistance, MatcherStats stats) {
        double onTrueRoadShare(int firstN) {
            int right = 0;
            for (int i = 0; i < firstN; i++) {
                if (settled.get(i).osmWayId() == TRUE_WAY) {
                    right++;
                }
            }
            return right / (double) firstN;
        }
    }

    Result matchOver(List<GeoPoint> track, List<Long> stamps, List<GeoPoint> road, MatcherConfig config)
            throws IOException {
        List<GeoPoint> decoy = offsetLeft(road, 12);
        Path osm = writeOsm(tmp.resolve("track.osm"), road, decoy);
        try (RoadNetwork network = RoadNetwork.load(osm, MapConfig.defaults().withCacheRoot(tmp.resolve("cache")))) {
            HmmMapMatcher matcher = new HmmMapMatcher(network, config);
            long last = Long.MIN_VALUE;
            int beyond = 0;
            boolean allOff = true;
            List<MatchedFix> settled = new ArrayList<>();
            for (int i = 0; i < track.size(); i++) {
                long stamp = Math.max(stamps.get(i), last + 1);
                last = stamp;
                MatchedFix m = matcher.offer(stamp, track.get(i));
                double nearest = Math.min(distanceToPolyline(track.get(i), road), distanceToPolyline(track.get(i), decoy));
                // 0.5 m either side of the radius: the map's geometry is GraphHopper's simplified copy of ours
                if (nearest > config.searchRadiusMeters() + 0.5) {
                    beyond++;
                    allOff &= m.status() == MatchStatus.OFF_ROAD;
                } else if (nearest < config.searchRadiusMeters() - 0.5) {
                    allOff &= m.status() == MatchStatus.ON_ROAD;
                }
                settled.addAll(matcher.drainSettled());
            }
            settled.addAll(matcher.flush());
            assertEquals(track.size(), settled.size());
            return new Result(settled, beyond, allOff, matcher.stats());
        }
    }

    static List<GeoPoint> smooth(List<GeoPoint> track, int half) {
        List<GeoPoint> out = new ArrayList<>();
        for (int i = 0; i < track.size(); i++) {
            double lat = 0;
            double lon = 0;
            int n = 0;
            for (int k = Math.max(0, i - half); k <= Math.min(track.size() - 1, i + half); k++) {
                lat += track.get(k).latitudeDeg();
                lon += track.get(k).longitudeDeg();
                n++;
            }
            out.add(new GeoPoint(lat / n, lon / n));
        }
        return out;
    }

    /** Keeps a point whenever the line has moved {@code stepMeters} from the last kept one. */
    static List<GeoPoint> resample(List<GeoPoint> line, double stepMeters) {
        List<GeoPoint> out = new ArrayList<>();
        out.add(line.get(0));
        for (GeoPoint p : line) {
            if (HmmMapMatcher.greatCircleMeters(out.get(out.size() - 1), p) >= stepMeters) {
                out.add(p);
            }
        }
        return out;
    }

    static List<GeoPoint> offsetLeft(List<GeoPoint> line, double meters) {
        List<GeoPoint> out = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            GeoPoint a = line.get(Math.max(0, i - 1));
            GeoPoint b = line.get(Math.min(line.size() - 1, i + 1));
            double mLat = 111_132.954;
            double mLon = 111_319.49 * Math.cos(Math.toRadians(a.latitudeDeg()));
            double e = (b.longitudeDeg() - a.longitudeDeg()) * mLon;
            double n = (b.latitudeDeg() - a.latitudeDeg()) * mLat;
            double len = Math.max(Math.hypot(e, n), 1e-9);
            // left normal of (e, n) is (-n, e)
            GeoPoint p = line.get(i);
            out.add(new GeoPoint(p.latitudeDeg() + e / len * meters / mLat, p.longitudeDeg() - n / len * meters / mLon));
        }
        return out;
    }

    static double distanceToPolyline(GeoPoint p, List<GeoPoint> line) {
        double mLat = 111_132.954;
        double mLon = 111_319.49 * Math.cos(Math.toRadians(p.latitudeDeg()));
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < line.size(); i++) {
            double ax = (line.get(i - 1).longitudeDeg() - p.longitudeDeg()) * mLon;
            double ay = (line.get(i - 1).latitudeDeg() - p.latitudeDeg()) * mLat;
            double dx = (line.get(i).longitudeDeg() - p.longitudeDeg()) * mLon - ax;
            double dy = (line.get(i).latitudeDeg() - p.latitudeDeg()) * mLat - ay;
            double l2 = dx * dx + dy * dy;
            double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
            best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
        }
        return best;
    }

    static Path writeOsm(Path file, List<GeoPoint> road, List<GeoPoint> decoy) throws IOException {
        StringBuilder sb = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'>\n");
        long id = 1;
        StringBuilder ways = new StringBuilder();
        for (Object[] way : new Object[][] {{TRUE_WAY, road, "True Road"}, {DECOY_WAY, decoy, "Decoy Road"}}) {
            @SuppressWarnings("unchecked")
            List<GeoPoint> pts = (List<GeoPoint>) way[1];
            ways.append("<way id='").append(way[0]).append("'>");
            for (GeoPoint p : pts) {
                sb.append(String.format(Locale.ROOT, "<node id='%d' lat='%.8f' lon='%.8f'/>%n", id, p.latitudeDeg(),
                        p.longitudeDeg()));
                ways.append("<nd ref='").append(id++).append("'/>");
            }
            ways.append("<tag k='highway' v='residential'/><tag k='name' v='").append(way[2]).append("'/></way>\n");
        }
        sb.append(ways).append("</osm>\n");
        return Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** A little-endian float64 {@code .npy} array (version 1), flattened in C order. */
    static double[] readNpy(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, b.get(0), file + " is not .npy");
        int headerLen = b.getShort(8) & 0xffff;
        String header = new String(b.array(), 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'<f8'") && header.contains("'fortran_order': False"), header);
        int start = 10 + headerLen;
        double[] out = new double[(b.capacity() - start) / 8];
        b.position(start);
        b.asDoubleBuffer().get(out);
        return out;
    }
}
