package org.avfusion.runtime.perceive;

/**
 * Test fixtures that write an {@link ObstacleScan} directly (its writers are package-private to the segmenter), so
 * that grid tests can feed exact rays without a point cloud.
 */
public final class ScanFixtures {
    private ScanFixtures() {
    }

    /** Starts a scan from a sensor at (x, y) in base_link. */
    public static void begin(ObstacleScan scan, double sensorXMeters, double sensorYMeters) {
        scan.begin(sensorXMeters, sensorYMeters);
    }

    /** Adds an obstacle point at base_link (x, y, z), binned and ranged from the scan's sensor origin. */
    public static void obstacle(ObstacleScan scan, double xMeters, double yMeters, double zMeters) {
        double dx = xMeters - scan.sensorXMeters();
        double dy = yMeters - scan.sensorYMeters();
        scan.addObstacle(scan.binOf(dx, dy), (float) Math.hypot(dx, dy), (float) xMeters, (float) yMeters,
                (float) zMeters);
    }

    /** Records a ground return in {@code bin} at {@code rangeMeters} from the sensor. */
    public static void ground(ObstacleScan scan, int bin, double rangeMeters) {
        scan.addGround(bin, (float) rangeMeters);
    }
}
