package org.avfusion.runtime.perceive;

import java.util.Arrays;

/**
 * What one sweep says about the vehicle's surroundings, in {@code base_link} (x forward, y left, metres): per
 * azimuth bin the nearest obstacle range and the farthest ground return (how far the lidar saw free ground), and
 * the obstacle points themselves. Preallocated and reused: valid until the next {@link GroundSegmenter#segment}
 * into it.
 */
public final class ObstacleScan extends org.avfusion.drivers.pool.PooledPayload {
    private final float[] nearestObstacleMeters;
    private final float[] farthestGroundMeters;
    private final float[] obstacleX;
    private final float[] obstacleY;
    private final float[] obstacleZ;
    private int obstacleCount;
    private int groundCount;
    private double sensorXMeters;
    private double sensorYMeters;
    private boolean valid;

    /** @param azimuthBins bins over 360 degrees; @param maxObstaclePoints capacity for obstacle points */
    public ObstacleScan(int azimuthBins, int maxObstaclePoints) {
        nearestObstacleMeters = new float[azimuthBins];
        farthestGroundMeters = new float[azimuthBins];
        obstacleX = new float[maxObstaclePoints];
        obstacleY = new float[maxObstaclePoints];
        obstacleZ = new float[maxObstaclePoints];
        clear();
    }

    @Override
    public void clear() {
        Arrays.fill(nearestObstacleMeters, Float.POSITIVE_INFINITY);
        Arrays.fill(farthestGroundMeters, 0f);
        obstacleCount = 0;
        groundCount = 0;
        valid = false;
    }

    void begin(double sensorX, double sensorY) {
        clear();
        sensorXMeters = sensorX;
        sensorYMeters = sensorY;
        valid = true;
    }

    void addObstacle(int bin, float range, float x, float y, float z) {
        if (range < nearestObstacleMeters[bin]) {
            nearestObstacleMeters[bin] = range;
        }
        if (obstacleCount < obstacleX.length) {
            obstacleX[obstacleCount] = x;
            obstacleY[obstacleCount] = y;
            obstacleZ[obstacleCount] = z;
            obstacleCount++;
        }
    }

    void addGround(int bin, float range) {
        groundCount++;
        if (range > farthestGroundMeters[bin]) {
            farthestGroundMeters[bin] = range;
        }
    }

    public int azimuthBins() {
        return nearestObstacleMeters.length;
    }

    /** Nearest obstacle in bin {@code bin} (bin 0 starts at azimuth 0 = straight ahead, counter-clockwise), or +inf. */
    public float nearestObstacleMeters(int bin) {
        return nearestObstacleMeters[bin];
    }

    /** Farthest ground return in the bin (0 when none). */
    public float farthestGroundMeters(int bin) {
        return farthestGroundMeters[bin];
    }

    public int obstacleCount() {
        return obstacleCount;
    }

    public float obstacleX(int i) {
        return obstacleX[i];
    }

    public float obstacleY(int i) {
        return obstacleY[i];
    }

    public float obstacleZ(int i) {
        return obstacleZ[i];
    }

    public int groundCount() {
        return groundCount;
    }

    /** Sensor origin in base_link, where rays start. */
    public double sensorXMeters() {
        return sensorXMeters;
    }

    public double sensorYMeters() {
        return sensorYMeters;
    }

    /** False until a sweep was segmented into it. */
    public boolean isValid() {
        return valid;
    }

    /** Azimuth bin of a direction in base_link. */
    public int binOf(double dx, double dy) {
        double a = Math.atan2(dy, dx);
        if (a < 0) {
            a += 2 * Math.PI;
        }
        int bin = (int) (a / (2 * Math.PI) * nearestObstacleMeters.length);
        return bin >= nearestObstacleMeters.length ? 0 : bin;
    }
}
