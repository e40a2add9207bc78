package org.avfusion.runtime.track;

import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.runtime.fusion.ObjectClass;

/**
 * The confirmed tracks of one set in {@code base_link} at the set's reference stamp (x forward, y left; metres),
 * for the stages after tracking (decision, publication). Velocities are over ground (not relative to the ego),
 * expressed in base_link's axes; heading is from base_link's x axis; the 4x4 covariance over {@code (x, y, vx, vy)}
 * is rotated into base_link.
 *
 * <p>A pooled buffer: the track stage acquires one per set, fills it with {@link #copyFrom} and hands it down the
 * ring in the slot; the ring's clearing handler releases it. Written by one thread, then only read.
 */
public final class TrackSnapshot extends PooledPayload {
    private final long[] id;
    private final ObjectClass[] objectClass;
    private final double[] x, y, z, vx, vy, heading, length, width, height, secondsSinceUpdate;
    private final double[] covariance;
    private final int[] modalities, lidarHits, hits;
    private final double[] rot = new double[16];
    private final double[] tmp = new double[16];
    private int size;
    private long dropped;

    public TrackSnapshot(int capacity) {
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
        secondsSinceUpdate = new double[capacity];
        covariance = new double[16 * capacity];
        modalities = new int[capacity];
        lidarHits = new int[capacity];
        hits = new int[capacity];
    }

    @Override
    protected void clear() {
        size = 0;
        dropped = 0;
    }

    /**
     * Fills this snapshot from the tracker's output (odom frame), moved into base_link at the ego pose
     * {@code (egoX, egoY, egoYaw)} in odom. Tracks beyond the capacity are dropped (counted in {@link #dropped()}).
     */
    public void copyFrom(Tracks odom, double egoXMeters, double egoYMeters, double egoYawRad) {
        double c = Math.cos(egoYawRad), s = Math.sin(egoYawRad);
        int n = Math.min(odom.size, id.length);
        for (int i = 0; i < n; i++) {
            double dx = odom.x[i] - egoXMeters, dy = odom.y[i] - egoYMeters;
            id[i] = odom.id[i];
            objectClass[i] = odom.objectClass[i];
            x[i] = c * dx + s * dy;
            y[i] = -s * dx + c * dy;
            z[i] = odom.z[i];
            vx[i] = c * odom.vx[i] + s * odom.vy[i];
            vy[i] = -s * odom.vx[i] + c * odom.vy[i];
            heading[i] = Math.IEEEremainder(odom.heading[i] - egoYawRad, 2 * Math.PI);
            length[i] = odom.length[i];
            width[i] = odom.width[i];
            height[i] = odom.height[i];
            secondsSinceUpdate[i] = odom.secondsSinceUpdate[i];
            modalities[i] = odom.modalities[i];
            lidarHits[i] = odom.lidarHits[i];
            hits[i] = odom.hits[i];
            rotateCovariance(odom.covariance, 16 * i, c, s, covariance, 16 * i);
        }
        size = n;
        dropped = odom.size - n;
    }

    /** {@code R P R^T} with {@code R = diag(Q, Q)}, {@code Q} the rotation from odom axes into base_link axes. */
    private void rotateCovariance(double[] p, int po, double c, double s, double[] out, int oo) {
        double[] r = rot;
        r[0] = c; r[1] = s; r[4] = -s; r[5] = c; r[10] = c; r[11] = s; r[14] = -s; r[15] = c;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double acc = 0;
                for (int k = 0; k < 4; k++) {
                    acc += r[4 * i + k] * p[po + 4 * k + j];
                }
                tmp[4 * i + j] = acc;
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double acc = 0;
                for (int k = 0; k < 4; k++) {
                    acc += tmp[4 * i + k] * r[4 * j + k];
                }
                out[oo + 4 * i + j] = acc;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Confirmed tracks that did not fit into this snapshot. */
    public long dropped() {
        return dropped;
    }

    public long id(int i) {
        return id[i];
    }

    public ObjectClass objectClass(int i) {
        return objectClass[i];
    }

    public double xMeters(int i) {
        return x[i];
    }

    public double yMeters(int i) {
        return y[i];
    }

    public double zMeters(int i) {
        return z[i];
    }

    public double vxMetersPerSec(int i) {
        return vx[i];
    }

    public double vyMetersPerSec(int i) {
        return vy[i];
    }

    public double speedMetersPerSec(int i) {
        return Math.hypot(vx[i], vy[i]);
    }

    public double headingRad(int i) {
        return heading[i];
    }

    public double lengthMeters(int i) {
        return length[i];
    }

    public double widthMeters(int i) {
        return width[i];
    }

    public double heightMeters(int i) {
        return height[i];
    }

    public double secondsSinceUpdate(int i) {
        return secondsSinceUpdate[i];
    }

    /** Modalities of the last measurement that joined ({@link org.avfusion.runtime.fusion.Modality#bit()} mask). */
    public int modalityMask(int i) {
        return modalities[i];
    }

    /** Measurements with lidar support over the track's life. */
    public int lidarHits(int i) {
        return lidarHits[i];
    }

    public int hits(int i) {
        return hits[i];
    }

    /** Covariance element {@code (row, col)} over {@code (x, y, vx, vy)} in base_link, SI units squared. */
    public double covariance(int i, int row, int col) {
        return covariance[16 * i + 4 * row + col];
    }

    /**
     * Test fixture and tools: appends one track directly (base_link); returns false when full.
     */
    public boolean add(long trackId, ObjectClass c, double xMeters, double yMeters, double vxMetersPerSec,
            double vyMetersPerSec, double lengthMeters, double widthMeters, int modalityMask, int lidarHitCount) {
        if (size == id.length) {
            return false;
        }
        int i = size++;
        id[i] = trackId;
        objectClass[i] = c;
        x[i] = xMeters;
        y[i] = yMeters;
        z[i] = 0.8;
        vx[i] = vxMetersPerSec;
        vy[i] = vyMetersPerSec;
        heading[i] = Math.atan2(vyMetersPerSec, vxMetersPerSec);
        length[i] = lengthMeters;
        width[i] = widthMeters;
        height[i] = 1.5;
        secondsSinceUpdate[i] = 0;
        modalities[i] = modalityMask;
        lidarHits[i] = lidarHitCount;
        hits[i] = lidarHitCount;
        java.util.Arrays.fill(covariance, 16 * i, 16 * i + 16, 0);
        return true;
    }
}
