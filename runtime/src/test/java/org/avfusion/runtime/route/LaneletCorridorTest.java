package org.avfusion.runtime.route;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.map.lanelet2.Lanelet;
import org.avfusion.drivers.map.lanelet2.Lanelet2Reader;
import org.avfusion.drivers.map.lanelet2.LaneletMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The corridor on Lanelet2's example map ({@code ../shared/data/maps/lanelet2-mapping-example.osm}): a simulated
 * drive along the lanelet sequence 42973 -> 42977 -> 42997 (successors read from the file) stays inside the
 * lanelets' bounds, and the corridor built at each step is that sequence's drivable area.
 */
class LaneletCorridorTest {

    @Test
    void aDriveAlongALaneletSequenceStaysInsideItsBounds() {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "maps",
                "lanelet2-mapping-example.osm");
        Assumptions.assumeTrue(Files.isRegularFile(file), "not found: " + file);
        LaneletMap map = Lanelet2Reader.read(file);
        LocalTangentPlane plane = new LocalTangentPlane(map.origin().latitudeDeg(), map.origin().longitudeDeg(), 0);
        double[] geo = new double[3];
        int steps = 0;
        long[] sequence = {42973, 42977, 42997};
        for (int k = 0; k < sequence.length; k++) {
            Lanelet l = map.lanelet(sequence[k]);
            if (k + 1 < sequence.length) {
                assertTrue(map.successors(l.id()).contains(sequence[k + 1]));
            }
            double[] c = l.centerlineMeters();
            for (int i = 0; i + 3 < c.length; i += 2) {
                for (double t = 0.25; t < 1; t += 0.5) {
                    double e = c[i] + t * (c[i + 2] - c[i]);
                    double n = c[i + 1] + t * (c[i + 3] - c[i + 1]);
                    double heading = Math.toDegrees(Math.atan2(c[i + 2] - c[i], c[i + 3] - c[i + 1]));
                    Lanelet in = map.laneletAt(e, n);
                    assertNotNull(in, "the drive leaves every lanelet at " + e + ", " + n);
                    assertTrue(in.id() == 42973 || in.id() == 42977 || in.id() == 42997 || contains(l, e, n),
                            "inside lanelet " + in.id() + ", not the sequence");
                    plane.toGeodetic(e, n, 0, geo);
                    RouteCorridor corridor = RouteCorridor.fromLanelets(map, new GeoPoint(geo[0], geo[1]),
                            (heading + 360) % 360, 30);
                    assertNotNull(corridor, "a corridor where the vehicle is in a lanelet");
                    assertTrue(corridor.contains(0.0, 0.0), "the vehicle is inside its corridor");
                    double[] p = new double[3];
                    assertTrue(corridor.at(Math.min(2, corridor.lengthMeters() / 2), p));
                    assertTrue(corridor.contains(p[0], p[1]), "the corridor's line runs inside its area: lanelet " + l.id()
                            + " vertex " + i + " t " + t + " point " + p[0] + ", " + p[1] + " area " + corridor.area());
                    steps++;
                }
            }
        }
        assertTrue(steps >= 6, "drove " + steps + " steps");
    }

    private static boolean contains(Lanelet l, double e, double n) {
        double[] ring = l.polygonMeters();
        boolean inside = false;
        for (int i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
            if ((ring[i + 1] > n) != (ring[j + 1] > n)
                    && e < (ring[j] - ring[i]) * (n - ring[i + 1]) / (ring[j + 1] - ring[i + 1]) + ring[i]) {
                inside = !inside;
            }
        }
        return inside;
    }
}
