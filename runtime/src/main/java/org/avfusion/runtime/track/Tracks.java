package org.avfusion.runtime.track;

import org.avfusion.runtime.fusion.ObjectClass;

/**
 * The confirmed tracks after an update, in the odom frame (x, y and velocity; metres, m/s; heading and yaw in
 * radians from odom's x axis), with each track's 4x4 state covariance over {@code (x, y, vx, vy)}. Preallocated to
 * the tracker's capacity; written by {@link KalmanTracker#update}, valid until the next call. Not thread-safe.
 */
public final class Tracks {
    final long[] id;
    final ObjectClass[] objectClass;
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] vx;
    final double[] vy;
    final double[] heading;
    final double[] length;
    final double[] width;
    final double[] height;
    final double[] covariance;
    final int[] hits;
    final double[] secondsSinceUpdate;
    final boolean[] updated;
    final int[] modalities;
    final int[] lidarHits;
    int size;

    public Tracks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        id = new long[capacity];
        objectClass = new ObjectClass[capacity];
        x = new double[capacity];
        y = new double[capacity];
        z = new double[capacity];
        vx = new double[capacity];
        vy = new double[capacity];
        heading = new double[capacity];
        length = new double[capacity];
        width = new double[capacity];
        height = new double[capacity];
        covariance = new double[16 * capacity];
        hits = new int[capacity];
        secondsSinceUpdate = new double[capacity];
        updated = new boolean[capacity];
        modalities = new int[capacity];
        lidarHits = new int[capacity];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return id.length;
    }

    /** Stable id, from 1, given at confirmation and never reused. */
    public long id(int i) {
        return id[check(i)];
    }

    /** The class most measurements gave it (unknown until a camera-classified measurement joined). */
    public ObjectClass objectClass(int i) {
        return objectClass[check(i)];
    }

    public double xMeters(int i) {
        return x[check(i)];
    }

    public double yMeters(int i) {
        return y[check(i)];
    }

    /** The last measured box centre height (not filtered), metres. */
    public double zMeters(int i) {
        return z[check(i)];
    }

    public double vxMetersPerSec(int i) {
        return vx[check(i)];
    }

    public double vyMetersPerSec(int i) {
        return vy[check(i)];
    }

    public double speedMetersPerSec(int i) {
        return Math.hypot(vx[check(i)], vy[i]);
    }

    /** Direction of motion when moving, else the last box yaw (defined up to a half turn), radians. */
    public double headingRad(int i) {
        return heading[check(i)];
    }

    public double lengthMeters(int i) {
        return length[check(i)];
    }

    public double widthMeters(int i) {
        return width[check(i)];
    }

    public double heightMeters(int i) {
        return height[check(i)];
    }

    /** Element {@code (row, col)} of the state covariance over {@code (x, y, vx, vy)}, SI units squared. */
    public double covariance(int i, int row, int col) {
        check(i);
        if (row < 0 || row > 3 || col < 0 || col > 3) {
            throw new IndexOutOfBoundsException("covariance index (" + row + ", " + col + ") outside 4x4");
        }
        return covariance[16 * i + 4 * row + col];
    }

    /** Measurements that joined the track over its life. */
    public int hits(int i) {
        return hits[check(i)];
    }

    /** Time since the last measurement joined (0 when one joined in this update), seconds. */
    public double secondsSinceUpdate(int i) {
        return secondsSinceUpdate[check(i)];
    }

    /** Whether a measurement joined in this update (else the track coasted on its prediction). */
    public boolean updated(int i) {
        return updated[check(i)];
    }

    /** The modalities ({@link org.avfusion.runtime.fusion.Modality#bit()} mask) of the last measurement that joined. */
    public int modalityMask(int i) {
        return modalities[check(i)];
    }

    /** Measurements with lidar support (a cluster or lidar depth) that joined the track over its life. */
    public int lidarHits(int i) {
        return lidarHits[check(i)];
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("track " + i + " of " + size);
        }
        return i;
    }
}
