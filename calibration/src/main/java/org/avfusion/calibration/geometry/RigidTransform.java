package org.avfusion.calibration.geometry;

import java.util.Arrays;

/**
 * A rigid transform in SE(3): a proper rotation {@code R} and a translation {@code t} in metres. It maps a
 * point expressed in a <em>source</em> frame into a <em>target</em> frame: {@code p_target = R * p_source + t}.
 * Name variables for the frames, target first: {@code cameraFromLidar} maps lidar coordinates into the camera
 * frame; {@code cameraFromLidar.compose(lidarFromImu)} is {@code cameraFromImu}; the pose of a sensor in its
 * parent frame is {@code parentFromSensor}.
 *
 * <p>Immutable and thread-safe. The rotation is checked at construction: orthonormal within
 * {@link #ROTATION_TOLERANCE} (largest entry of {@code R^T R - I}) and {@code det R = +1}; it is stored as
 * given (no silent re-orthonormalisation), so imported matrices round-trip exactly. The point methods do not
 * allocate.
 */
public final class RigidTransform {

    /** Largest accepted entry of {@code |R^T R - I|} and {@code |det R - 1|}: 7-digit calibration files pass. */
    public static final double ROTATION_TOLERANCE = 1e-5;

    private static final RigidTransform IDENTITY = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0, 0, 0);

    private final double r00, r01, r02, r10, r11, r12, r20, r21, r22;
    private final double tx, ty, tz;

    private RigidTransform(double[] r, double txMeters, double tyMeters, double tzMeters) {
        r00 = r[0]; r01 = r[1]; r02 = r[2];
        r10 = r[3]; r11 = r[4]; r12 = r[5];
        r20 = r[6]; r21 = r[7]; r22 = r[8];
        tx = txMeters; ty = tyMeters; tz = tzMeters;
    }

    /** The identity (target and source frames coincide). */
    public static RigidTransform identity() {
        return IDENTITY;
    }

    /**
     * A transform from a row-major 3x3 rotation and a translation.
     *
     * @throws IllegalArgumentException when the array is not 9 long, a value is not finite, or the matrix is not
     *                                  a proper rotation within {@link #ROTATION_TOLERANCE} (the message gives the error)
     */
    public static RigidTransform of(double[] rotationRowMajor, double txMeters, double tyMeters, double tzMeters) {
        if (rotationRowMajor == null || rotationRowMajor.length != 9) {
            throw new IllegalArgumentException("rotation must be a 3x3 matrix (9 values, row-major), had "
                    + (rotationRowMajor == null ? "none" : rotationRowMajor.length + " values"));
        }
        for (double v : rotationRowMajor) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("rotation has a non-finite value: " + Arrays.toString(rotationRowMajor));
            }
        }
        if (!Double.isFinite(txMeters) || !Double.isFinite(tyMeters) || !Double.isFinite(tzMeters)) {
            throw new IllegalArgumentException("translation has a non-finite value: (" + txMeters + ", " + tyMeters
                    + ", " + tzMeters + ")");
        }
        double err = orthonormalityError(rotationRowMajor);
        if (err > ROTATION_TOLERANCE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "rotation is not orthonormal with determinant +1 (error %.3g > tolerance %.0g): %s",
                    err, ROTATION_TOLERANCE, Arrays.toString(rotationRowMajor)));
        }
        return new RigidTransform(rotationRowMajor.clone(), txMeters, tyMeters, tzMeters);
    }

    /** A pure translation. */
    public static RigidTransform translation(double txMeters, double tyMeters, double tzMeters) {
        return of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, txMeters, tyMeters, tzMeters);
    }

    /**
     * From a translation and roll/pitch/yaw in radians, intrinsic Z-Y-X (as {@link MountPose}):
     * {@code R = Rz(yaw) * Ry(pitch) * Rx(roll)}.
     */
    public static RigidTransform fromRollPitchYaw(double txMeters, double tyMeters, double tzMeters,
            double rollRad, double pitchRad, double yawRad) {
        double cr = Math.cos(rollRad), sr = Math.sin(rollRad);
        double cp = Math.cos(pitchRad), sp = Math.sin(pitchRad);
        double cy = Math.cos(yawRad), sy = Math.sin(yawRad);
        double[] r = {
            cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
            sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
            -sp, cp * sr, cp * cr};
        return of(r, txMeters, tyMeters, tzMeters);
    }

    /** The mount as {@code parentFromSensor} (parent = base_link). */
    public static RigidTransform fromMountPose(MountPose mount) {
        return fromRollPitchYaw(mount.xMeters(), mount.yMeters(), mount.zMeters(), mount.rollRad(), mount.pitchRad(),
                mount.yawRad());
    }

    /** From a 3x4 row-major matrix {@code [R | t]} (the KITTI {@code Tr_*} layout). */
    public static RigidTransform fromMatrix3x4(double[] rowMajor12) {
        if (rowMajor12 == null || rowMajor12.length != 12) {
            throw new IllegalArgumentException("a 3x4 transform needs 12 values, had "
                    + (rowMajor12 == null ? "none" : rowMajor12.length));
        }
        double[] r = {rowMajor12[0], rowMajor12[1], rowMajor12[2], rowMajor12[4], rowMajor12[5], rowMajor12[6],
            rowMajor12[8], rowMajor12[9], rowMajor12[10]};
        return of(r, rowMajor12[3], rowMajor12[7], rowMajor12[11]);
    }

    /** From a 4x4 row-major homogeneous matrix; the last row must be {@code 0 0 0 1}. */
    public static RigidTransform fromMatrix4x4(double[] rowMajor16) {
        if (rowMajor16 == null || rowMajor16.length != 16) {
            throw new IllegalArgumentException("a 4x4 transform needs 16 values, had "
                    + (rowMajor16 == null ? "none" : rowMajor16.length));
        }
        if (Math.abs(rowMajor16[12]) > 1e-12 || Math.abs(rowMajor16[13]) > 1e-12 || Math.abs(rowMajor16[14]) > 1e-12
                || Math.abs(rowMajor16[15] - 1) > 1e-12) {
            throw new IllegalArgumentException("the last row of a 4x4 rigid transform must be 0 0 0 1, was "
                    + rowMajor16[12] + " " + rowMajor16[13] + " " + rowMajor16[14] + " " + rowMajor16[15]);
        }
        return fromMatrix3x4(Arrays.copyOf(rowMajor16, 12));
    }

    /**
     * Largest of {@code |R^T R - I|} (entry-wise) and {@code |det R - 1|}; 0 for an exact rotation. Used by
     * validators that want to report the error themselves.
     */
    public static double orthonormalityError(double[] r) {
        double err = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = r[i] * r[j] + r[3 + i] * r[3 + j] + r[6 + i] * r[6 + j];
                err = Math.max(err, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        return Math.max(err, Math.abs(det - 1));
    }

    /** {@code this * other}: applies {@code other} first. {@code aFromB.compose(bFromC)} is {@code aFromC}. */
    public RigidTransform compose(RigidTransform o) {
        double[] r = {
            r00 * o.r00 + r01 * o.r10 + r02 * o.r20, r00 * o.r01 + r01 * o.r11 + r02 * o.r21, r00 * o.r02 + r01 * o.r12 + r02 * o.r22,
            r10 * o.r00 + r11 * o.r10 + r12 * o.r20, r10 * o.r01 + r11 * o.r11 + r12 * o.r21, r10 * o.r02 + r11 * o.r12 + r12 * o.r22,
            r20 * o.r00 + r21 * o.r10 + r22 * o.r20, r20 * o.r01 + r21 * o.r11 + r22 * o.r21, r20 * o.r02 + r21 * o.r12 + r22 * o.r22};
        return new RigidTransform(r, r00 * o.tx + r01 * o.ty + r02 * o.tz + tx, r10 * o.tx + r11 * o.ty + r12 * o.tz + ty,
                r20 * o.tx + r21 * o.ty + r22 * o.tz + tz);
    }

    /** The inverse: {@code aFromB.inverse()} is {@code bFromA} ({@code R^T, -R^T t}). */
    public RigidTransform inverse() {
        double[] r = {r00, r10, r20, r01, r11, r21, r02, r12, r22};
        return new RigidTransform(r, -(r00 * tx + r10 * ty + r20 * tz), -(r01 * tx + r11 * ty + r21 * tz),
                -(r02 * tx + r12 * ty + r22 * tz));
    }

    /** Maps a source-frame point; writes x, y, z into {@code out[offset..offset+2]}. Does not allocate. */
    public void transformPoint(double x, double y, double z, double[] out, int offset) {
        out[offset] = r00 * x + r01 * y + r02 * z + tx;
        out[offset + 1] = r10 * x + r11 * y + r12 * z + ty;
        out[offset + 2] = r20 * x + r21 * y + r22 * z + tz;
    }

    /** Rotates a source-frame direction (no translation); writes into {@code out[offset..offset+2]}. */
    public void rotateVector(double x, double y, double z, double[] out, int offset) {
        out[offset] = r00 * x + r01 * y + r02 * z;
        out[offset + 1] = r10 * x + r11 * y + r12 * z;
        out[offset + 2] = r20 * x + r21 * y + r22 * z;
    }

    /**
     * Maps {@code count} points stored as float triples with a stride (e.g. x, y, z, intensity: stride 4) from
     * {@code src} into {@code dst} (x, y, z with stride 3). {@code src} and {@code dst} may not overlap unless they
     * are the same array with the same layout. Does not allocate.
     */
    public void transformPoints(float[] src, int srcOffsetFloats, int srcStrideFloats, int count, float[] dst,
            int dstOffsetFloats) {
        for (int i = 0, s = srcOffsetFloats, d = dstOffsetFloats; i < count; i++, s += srcStrideFloats, d += 3) {
            double x = src[s], y = src[s + 1], z = src[s + 2];
            dst[d] = (float) (r00 * x + r01 * y + r02 * z + tx);
            dst[d + 1] = (float) (r10 * x + r11 * y + r12 * z + ty);
            dst[d + 2] = (float) (r20 * x + r21 * y + r22 * z + tz);
        }
    }

    /** Entry {@code (row, col)} of the rotation, both in 0..2. */
    public double rotation(int row, int col) {
        return switch (row * 3 + col) {
            case 0 -> r00; case 1 -> r01; case 2 -> r02;
            case 3 -> r10; case 4 -> r11; case 5 -> r12;
            case 6 -> r20; case 7 -> r21; case 8 -> r22;
            default -> throw new IndexOutOfBoundsException("rotation entry (" + row + ", " + col + ")");
        };
    }

    /** A copy of the rotation, row-major (9 values). */
    public double[] rotationRowMajor() {
        return new double[] {r00, r01, r02, r10, r11, r12, r20, r21, r22};
    }

    public double txMeters() {
        return tx;
    }

    public double tyMeters() {
        return ty;
    }

    public double tzMeters() {
        return tz;
    }

    /** Length of the translation, metres (e.g. a stereo baseline). */
    public double translationNormMeters() {
        return Math.sqrt(tx * tx + ty * ty + tz * tz);
    }

    /** {@code [R | t]} row-major, 12 values (the KITTI {@code Tr_*} layout). */
    public double[] toMatrix3x4() {
        return new double[] {r00, r01, r02, tx, r10, r11, r12, ty, r20, r21, r22, tz};
    }

    /** The homogeneous 4x4 matrix, row-major, 16 values. */
    public double[] toMatrix4x4() {
        return new double[] {r00, r01, r02, tx, r10, r11, r12, ty, r20, r21, r22, tz, 0, 0, 0, 1};
    }

    /**
     * Roll, pitch, yaw in radians (intrinsic Z-Y-X, the inverse of {@link #fromRollPitchYaw}); pitch in
     * [-pi/2, pi/2]. At gimbal lock (|pitch| = pi/2) roll is reported as 0.
     */
    public double[] rollPitchYawRad() {
        double pitch = Math.asin(Math.max(-1, Math.min(1, -r20)));
        double roll, yaw;
        if (Math.abs(r20) < 1 - 1e-12) {
            roll = Math.atan2(r21, r22);
            yaw = Math.atan2(r10, r00);
        } else {
            roll = 0;
            yaw = Math.atan2(-r01, r11);
        }
        return new double[] {roll, pitch, yaw};
    }

    /** The rotation angle of {@code R} in radians, in [0, pi]. */
    public double rotationAngleRad() {
        double c = (r00 + r11 + r22 - 1) / 2;
        return Math.acos(Math.max(-1, Math.min(1, c)));
    }

    /**
     * Whether both transforms agree: rotation entries within {@code rotationTolerance}, translation within
     * {@code toleranceMeters} per axis.
     */
    public boolean approxEquals(RigidTransform o, double rotationTolerance, double toleranceMeters) {
        double[] a = rotationRowMajor(), b = o.rotationRowMajor();
        for (int i = 0; i < 9; i++) {
            if (Math.abs(a[i] - b[i]) > rotationTolerance) {
                return false;
            }
        }
        return Math.abs(tx - o.tx) <= toleranceMeters && Math.abs(ty - o.ty) <= toleranceMeters
                && Math.abs(tz - o.tz) <= toleranceMeters;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RigidTransform o && Arrays.equals(toMatrix3x4(), o.toMatrix3x4());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toMatrix3x4());
    }

    @Override
    public String toString() {
        return "RigidTransform[R=" + Arrays.toString(rotationRowMajor()) + ", t=(" + tx + ", " + ty + ", " + tz + ") m]";
    }
}
