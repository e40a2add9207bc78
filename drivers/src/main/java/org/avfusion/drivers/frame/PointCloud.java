package org.avfusion.drivers.frame;

import org.avfusion.drivers.pool.PooledPayload;

/**
 * A pooled lidar point cloud in structure-of-arrays layout, in the lidar's own frame
 * (x forward, y left, z up, metres).
 *
 * <p>Per point: position, intensity (sensor units, 0..255 for Velodyne), time offset from the frame's
 * {@link FrameHeader#stampNanos()} in nanoseconds (for motion compensation) and ring (laser index,
 * 0 = lowest beam). The backing arrays are exposed for speed; only indices {@code [0, size())} are valid,
 * and only while the caller holds a reference (see {@link org.avfusion.drivers.pool.PooledPayload}).
 */
public final class PointCloud extends PooledPayload implements Payload {
    private final float[] xMeters;
    private final float[] yMeters;
    private final float[] zMeters;
    private final float[] intensity;
    private final int[] timeOffsetNanos;
    private final short[] ring;
    private int size;
    private int maxTimeOffsetNanos;
    private int declaredCompleteNanos;

    /** @param capacity the most points one cloud can hold, e.g. 32 beams x 1800 azimuths = 57,600 */
    public PointCloud(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("point cloud capacity must be >= 1, was " + capacity);
        }
        xMeters = new float[capacity];
        yMeters = new float[capacity];
        zMeters = new float[capacity];
        intensity = new float[capacity];
        timeOffsetNanos = new int[capacity];
        ring = new short[capacity];
    }

    /**
     * Appends one point.
     *
     * @throws IllegalStateException when the cloud is full (a driver sized its pool wrong)
     */
    public void add(float x, float y, float z, float pointIntensity, int offsetNanos, int ringIndex) {
        if (size == xMeters.length) {
            throw new IllegalStateException("point cloud full at capacity " + xMeters.length);
        }
        xMeters[size] = x;
        yMeters[size] = y;
        zMeters[size] = z;
        intensity[size] = pointIntensity;
        timeOffsetNanos[size] = offsetNanos;
        ring[size] = (short) ringIndex;
        if (size == 0 || offsetNanos > maxTimeOffsetNanos) {
            maxTimeOffsetNanos = offsetNanos;
        }
        size++;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return xMeters.length;
    }

    public float x(int i) {
        return xMeters[i];
    }

    public float y(int i) {
        return yMeters[i];
    }

    public float z(int i) {
        return zMeters[i];
    }

    public float intensity(int i) {
        return intensity[i];
    }

    public int timeOffsetNanos(int i) {
        return timeOffsetNanos[i];
    }

    /**
     * The latest point's time offset (ns after the stamp), 0 when empty: when the sweep was complete. Points need not
     * be stored in time order (a KITTI {@code .bin} sweep is stored laser by laser, each starting and ending facing
     * forward, so its last stored point is half a sweep before its latest).
     */
    public int maxTimeOffsetNanos() {
        return size == 0 ? 0 : maxTimeOffsetNanos;
    }

    /**
     * When the sweep was complete, ns after the stamp: its latest point's time offset or, for a sweep whose points
     * carry no times, what its source {@link #declareCompleteAfterNanos declared}, whichever is later; 0 when empty.
     */
    public int completeAfterNanos() {
        return size == 0 ? 0 : Math.max(maxTimeOffsetNanos, declaredCompleteNanos);
    }

    /**
     * Declares that the sweep was whole {@code nanos} after its stamp, though its points may carry no times (a PCD
     * sweep of a folder replayed at a nominal rate is whole one period after its first point). Cleared with the
     * cloud; the points' own offsets are left as they are (motion compensation uses those alone).
     *
     * @throws IllegalArgumentException when {@code nanos} is negative
     */
    public void declareCompleteAfterNanos(int nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a sweep cannot be complete before its stamp: " + nanos + " ns");
        }
        declaredCompleteNanos = nanos;
    }

    public int ring(int i) {
        return ring[i];
    }

    /** Backing array of x, valid in {@code [0, size())}. */
    public float[] xArray() {
        return xMeters;
    }

    /** Backing array of y, valid in {@code [0, size())}. */
    public float[] yArray() {
        return yMeters;
    }

    /** Backing array of z, valid in {@code [0, size())}. */
    public float[] zArray() {
        return zMeters;
    }

    @Override
    protected void clear() {
        size = 0;
        maxTimeOffsetNanos = 0;
        declaredCompleteNanos = 0;
    }

    @Override
    public SensorKind kind() {
        return SensorKind.LIDAR;
    }
}
