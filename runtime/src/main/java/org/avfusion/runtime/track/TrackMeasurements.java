package org.avfusion.runtime.track;

import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.ObjectClass;

/**
 * One sweep's measured objects for {@link KalmanTracker}, in the ego's base frame (the lidar frame when the two are
 * the same): box centre, size, yaw, class, points. Preallocated with a fixed capacity; an {@link #add} beyond it is
 * dropped and counted. Not thread-safe; valid until the next {@link #clear()}.
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
    }

    public void clear() {
        size = 0;
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
            return false;
        }
        int i = size++;
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
