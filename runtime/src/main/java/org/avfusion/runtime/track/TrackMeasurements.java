package org.avfusion.runtime.track;

import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;

/**
 * One sweep's measured objects for {@link KalmanTracker}, in the ego's base frame (the lidar frame when the two are
 * the same): box centre, size, yaw, class, points, and optionally each lidar measurement's footprint (its member
 * points, {@link #addFootprintPoint}) with the position of the lidar that saw it ({@link #sensorAt}). Preallocated
 * with a fixed capacity; an {@link #add} beyond it is dropped and counted; footprint buffers grow to the largest
 * sweep and are reused. Not thread-safe; valid until the next {@link #clear()}.
 */
public final class TrackMeasurements {
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] length;
    final double[] width;
    final double[] height;
    final double[] yaw;
    final ObjectClass[] objectClass;
    final int[] points;
    final int[] modalities;
    final double[] sigma;
    int size;
    private long dropped;
    // footprints: measurement i's lidar points (base frame) are fpX/fpY[fpStart[i], fpStart[i + 1])
    float[] fpX = new float[256];
    float[] fpY = new float[256];
    final int[] fpStart;
    int fpSize;
    double sensorX;
    double sensorY;
    private boolean lastDropped;

    public TrackMeasurements(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        x = new double[capacity];
        y = new double[capacity];
        z = new double[capacity];
        length = new double[capacity];
        width = new double[capacity];
        height = new double[capacity];
        yaw = new double[capacity];
        objectClass = new ObjectClass[capacity];
        points = new int[capacity];
        modalities = new int[capacity];
        sigma = new double[capacity];
        fpStart = new int[capacity + 1];
    }

    /** Forgets every measurement and footprint point (the sensor position stays). */
    public void clear() {
        size = 0;
        lastDropped = false;
        fpSize = 0;
        fpStart[0] = 0;
    }

    /**
     * Where the lidar that saw the footprints sits, base frame, metres (default 0, 0): an object shows it the faces
     * that look toward it, which is how {@link KalmanTracker} places a box on a partial view.
     */
    public void sensorAt(double xMeters, double yMeters) {
        sensorX = xMeters;
        sensorY = yMeters;
    }

    /** Room for {@code points} footprint points of one set's measurements now (those held are kept). */
    public void reserveFootprintPoints(int points) {
        if (fpX.length < points) {
            fpX = java.util.Arrays.copyOf(fpX, points);
            fpY = java.util.Arrays.copyOf(fpY, points);
        }
    }

    /**
     * Adds one point (base frame, metres) of the last added measurement's lidar footprint: its member points, so that
     * the tracker can fit the box of a known small road user along its heading. Optional; ignored before the first
     * {@code add} or for a measurement that was dropped.
     */
    public void addFootprintPoint(double xMeters, double yMeters) {
        if (size == 0 || lastDropped || !Double.isFinite(xMeters) || !Double.isFinite(yMeters)) {
            return;
        }
        if (fpSize == fpX.length) {
            fpX = java.util.Arrays.copyOf(fpX, fpX.length * 2);
            fpY = java.util.Arrays.copyOf(fpY, fpY.length * 2);
        }
        fpX[fpSize] = (float) xMeters;
        fpY[fpSize] = (float) yMeters;
        fpSize++;
        fpStart[size] = fpSize;
    }

    /** Footprint points of measurement {@code i}. */
    public int footprintSize(int i) {
        return fpStart[i + 1] - fpStart[i];
    }

    /** Appends a lidar measurement (base frame, metres, radians); false (counted) when full. */
    public boolean add(double xMeters, double yMeters, double zMeters, double lengthMeters, double widthMeters,
            double heightMeters, double yawRad, ObjectClass c, int pointCount) {
        return add(xMeters, yMeters, zMeters, lengthMeters, widthMeters, heightMeters, yawRad, c, pointCount,
                Modality.LIDAR.bit());
    }

    /**
     * Appends a measurement (base frame, metres, radians) with the modalities behind it ({@link Modality#bit()}
     * mask); false (counted) when full.
     */
    public boolean add(double xMeters, double yMeters, double zMeters, double lengthMeters, double widthMeters,
            double heightMeters, double yawRad, ObjectClass c, int pointCount, int modalityMask) {
        return add(xMeters, yMeters, zMeters, lengthMeters, widthMeters, heightMeters, yawRad, c, pointCount,
                modalityMask, Double.NaN);
    }

    /**
     * As above, with the standard deviation of the position (metres, per axis), for measurements less exact than a
     * lidar cluster (a camera detection placed by the flat-ground range or the depth model); NaN or less than the
     * tracker's {@code measurementNoiseMeters}: that.
     */
    public boolean add(double xMeters, double yMeters, double zMeters, double lengthMeters, double widthMeters,
            double heightMeters, double yawRad, ObjectClass c, int pointCount, int modalityMask,
            double positionSigmaMeters) {
        if (size == x.length) {
            dropped++;
            lastDropped = true;
            return false;
        }
        lastDropped = false;
        int i = size++;
        fpStart[i] = fpSize;
        fpStart[i + 1] = fpSize;
        x[i] = xMeters;
        y[i] = yMeters;
        z[i] = zMeters;
        length[i] = lengthMeters;
        width[i] = widthMeters;
        height[i] = heightMeters;
        yaw[i] = yawRad;
        objectClass[i] = c == null ? ObjectClass.UNKNOWN : c;
        points[i] = pointCount;
        modalities[i] = modalityMask;
        sigma[i] = positionSigmaMeters;
        return true;
    }

    /** Appends every fused object (their lidar frame taken as the base frame). */
    public void addAll(FusedObjects objects) {
        for (int i = 0; i < objects.size(); i++) {
            add(objects.xMeters(i), objects.yMeters(i), objects.zMeters(i), objects.lengthMeters(i),
                    objects.widthMeters(i), objects.heightMeters(i), objects.yawRad(i), objects.objectClass(i),
                    objects.points(i), objects.modalityMask(i));
        }
    }

    public int size() {
        return size;
    }

    /** Measurements dropped for want of capacity, over this object's life. */
    public long dropped() {
        return dropped;
    }
}
