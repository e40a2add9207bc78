package org.avfusion.calibration.projection;

import java.util.Arrays;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;

/**
 * A 3x4 projection matrix {@code P} (row-major, pixels per metre): a homogeneous point {@code [X; 1]} maps to
 * {@code (u, v) = (P[0]·X / P[2]·X, P[1]·X / P[2]·X)}. This is the KITTI {@code P0..P3} / ROS
 * {@code projection_matrix} form; it has no distortion. A rectified camera's matrix is {@code K [I | t]}
 * ({@link #decomposeRectified}). Immutable.
 */
public final class ProjectionMatrix {

    private final double[] p;

    private ProjectionMatrix(double[] p) {
        this.p = p;
    }

    /**
     * @throws IllegalArgumentException when the array is not 12 finite values or the last row is all zero
     */
    public static ProjectionMatrix of(double[] rowMajor12) {
        if (rowMajor12 == null || rowMajor12.length != 12) {
            throw new IllegalArgumentException("a projection matrix is 3x4 (12 values), had "
                    + (rowMajor12 == null ? "none" : rowMajor12.length + " values"));
        }
        for (double v : rowMajor12) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("projection matrix has a non-finite value: " + Arrays.toString(rowMajor12));
            }
        }
        if (rowMajor12[8] == 0 && rowMajor12[9] == 0 && rowMajor12[10] == 0) {
            throw new IllegalArgumentException("projection matrix has a zero third row: " + Arrays.toString(rowMajor12));
        }
        return new ProjectionMatrix(rowMajor12.clone());
    }

    /** {@code K [R | t]}: the projection of a source-frame point through a distortion-free camera. */
    public static ProjectionMatrix of(CameraIntrinsics intrinsics, RigidTransform cameraFromSource) {
        double[] k = intrinsics.cameraMatrixRowMajor();
        double[] rt = cameraFromSource.toMatrix3x4();
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = k[3 * i] * rt[j] + k[3 * i + 1] * rt[4 + j] + k[3 * i + 2] * rt[8 + j];
            }
        }
        return of(out);
    }

    /** {@code P * [R | t; 0 0 0 1]}: the projection of points in the transform's source frame. */
    public ProjectionMatrix compose(RigidTransform cameraFromSource) {
        double[] m = cameraFromSource.toMatrix4x4();
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += p[4 * i + k] * m[4 * k + j];
                }
                out[4 * i + j] = s;
            }
        }
        return of(out);
    }

    /** The entry at {@code (row, col)}, row 0..2, col 0..3. */
    public double get(int row, int col) {
        if (row < 0 || row > 2 || col < 0 || col > 3) {
            throw new IndexOutOfBoundsException("projection matrix entry (" + row + ", " + col + ")");
        }
        return p[4 * row + col];
    }

    /** A copy, row-major (12 values). */
    public double[] toRowMajor() {
        return p.clone();
    }

    /**
     * Projects a point; writes {@code u, v} into {@code uvOut[0..1]}. Returns false (NaN written) when the
     * point is on or behind the camera plane (homogeneous {@code w <= 0}). Does not allocate.
     */
    public boolean project(double x, double y, double z, double[] uvOut) {
        double w = p[8] * x + p[9] * y + p[10] * z + p[11];
        if (!(w > 0)) {
            uvOut[0] = Double.NaN;
            uvOut[1] = Double.NaN;
            return false;
        }
        uvOut[0] = (p[0] * x + p[1] * y + p[2] * z + p[3]) / w;
        uvOut[1] = (p[4] * x + p[5] * y + p[6] * z + p[7]) / w;
        return true;
    }

    /** Largest absolute entry-wise difference to another matrix after scaling both to {@code P[2][2] = 1}. */
    public double maxDifference(ProjectionMatrix o) {
        double sa = p[10], sb = o.p[10];
        double d = 0;
        for (int i = 0; i < 12; i++) {
            d = Math.max(d, Math.abs(p[i] / sa - o.p[i] / sb));
        }
        return d;
    }

    /**
     * Splits a rectified camera's matrix {@code K [I | t]} (left 3x3 upper triangular with {@code K[2] = (0,0,1)}
     * and zero skew, as KITTI {@code P_rect_xx} and ROS stereo matrices are) into its intrinsics and the
     * translation {@code t = K^-1 P[:,3]} from the reference frame into this camera's frame.
     *
     * @throws IllegalArgumentException when the matrix is not of that form
     */
    public Rectified decomposeRectified(int widthPixels, int heightPixels) {
        if (p[4] != 0 || p[8] != 0 || p[9] != 0 || Math.abs(p[10] - 1) > 1e-9 || Math.abs(p[1]) > 1e-9 * p[0]) {
            throw new IllegalArgumentException("not a rectified projection matrix K [I | t] (needs [fx 0 cx tx; 0 fy cy ty;"
                    + " 0 0 1 tz]): " + Arrays.toString(p));
        }
        double fx = p[0], cx = p[2], fy = p[5], cy = p[6];
        double tz = p[11];
        double ty = (p[7] - cy * tz) / fy;
        double tx = (p[3] - cx * tz) / fx;
        CameraIntrinsics k = new CameraIntrinsics(fx, fy, cx, cy, widthPixels, heightPixels, DistortionCoefficients.NONE);
        return new Rectified(k, RigidTransform.translation(tx, ty, tz));
    }

    /**
     * A rectified camera: its intrinsics and {@code cameraFromReference} (a pure translation).
     */
    public record Rectified(CameraIntrinsics intrinsics, RigidTransform cameraFromReference) {
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ProjectionMatrix o && Arrays.equals(p, o.p);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p);
    }

    @Override
    public String toString() {
        return "ProjectionMatrix" + Arrays.toString(p);
    }
}
