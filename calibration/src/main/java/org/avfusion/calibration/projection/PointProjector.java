package org.avfusion.calibration.projection;

import java.util.Optional;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.OrientedBox;
import org.avfusion.calibration.geometry.RigidTransform;

/**
 * Projects points of a source frame (a lidar, base_link) into a camera image, with the OpenCV distortion model:
 * {@code p_cam = cameraFromSource * p}, then {@link CameraIntrinsics#project}. A point is visible when its depth
 * ({@code z} in the camera frame) is at least {@code minDepthMeters}, its undistorted normalised radius is within
 * the region where the distortion polynomial is monotonic ({@link DistortionCoefficients#maxMonotonicRadius()};
 * outside it the polynomial folds back and far-off points would land on the image), and its pixel lies on the
 * image.
 *
 * <p>{@link #project(float[], int, int, int, float[], float[])} is the hot path: a 120k-point scan is projected
 * into caller-owned arrays with no allocation. Immutable and thread-safe; the output arrays belong to the caller.
 */
public final class PointProjector {

    /** Points nearer than this to the camera plane are not projected, metres. */
    public static final double DEFAULT_MIN_DEPTH_METERS = 0.1;

    private static final int BOX_SAMPLES_PER_EDGE = 16;

    private final RigidTransform cameraFromSource;
    private final CameraIntrinsics intrinsics;
    private final double minDepthMeters;
    private final double r00, r01, r02, r10, r11, r12, r20, r21, r22, tx, ty, tz;
    private final double fx, fy, cx, cy;
    private final double k1, k2, p1, p2, k3, k4, k5, k6;
    private final boolean distorted;
    private final double maxRadiusSquared;
    private final double uMin, uMax, vMin, vMax;

    /** A projector with {@link #DEFAULT_MIN_DEPTH_METERS}. */
    public PointProjector(RigidTransform cameraFromSource, CameraIntrinsics intrinsics) {
        this(cameraFromSource, intrinsics, DEFAULT_MIN_DEPTH_METERS);
    }

    public PointProjector(RigidTransform cameraFromSource, CameraIntrinsics intrinsics, double minDepthMeters) {
        if (cameraFromSource == null || intrinsics == null) {
            throw new IllegalArgumentException("a projector needs the camera-from-source transform and the intrinsics");
        }
        if (!(minDepthMeters > 0) || !Double.isFinite(minDepthMeters)) {
            throw new IllegalArgumentException("minDepthMeters must be > 0, was " + minDepthMeters);
        }
        this.cameraFromSource = cameraFromSource;
        this.intrinsics = intrinsics;
        this.minDepthMeters = minDepthMeters;
        r00 = cameraFromSource.rotation(0, 0); r01 = cameraFromSource.rotation(0, 1); r02 = cameraFromSource.rotation(0, 2);
        r10 = cameraFromSource.rotation(1, 0); r11 = cameraFromSource.rotation(1, 1); r12 = cameraFromSource.rotation(1, 2);
        r20 = cameraFromSource.rotation(2, 0); r21 = cameraFromSource.rotation(2, 1); r22 = cameraFromSource.rotation(2, 2);
        tx = cameraFromSource.txMeters(); ty = cameraFromSource.tyMeters(); tz = cameraFromSource.tzMeters();
        fx = intrinsics.fxPixels(); fy = intrinsics.fyPixels(); cx = intrinsics.cxPixels(); cy = intrinsics.cyPixels();
        DistortionCoefficients d = intrinsics.distortion();
        k1 = d.k1(); k2 = d.k2(); p1 = d.p1(); p2 = d.p2(); k3 = d.k3(); k4 = d.k4(); k5 = d.k5(); k6 = d.k6();
        distorted = !d.isNone();
        double maxR = distorted ? d.maxMonotonicRadius() : Double.POSITIVE_INFINITY;
        maxRadiusSquared = maxR * maxR;
        uMin = -0.5; uMax = intrinsics.widthPixels() - 0.5;
        vMin = -0.5; vMax = intrinsics.heightPixels() - 0.5;
    }

    public RigidTransform cameraFromSource() {
        return cameraFromSource;
    }

    public CameraIntrinsics intrinsics() {
        return intrinsics;
    }

    public double minDepthMeters() {
        return minDepthMeters;
    }

    /**
     * Projects {@code count} points stored as floats from {@code pointsOffsetFloats} with {@code strideFloats}
     * per point (x, y, z first, metres, source frame; e.g. stride 4 for x, y, z, intensity). For point {@code i}
     * writes {@code u, v} into {@code uvOut[2i], uvOut[2i+1]} and the camera depth (z, metres) into
     * {@code depthOut[i]} ({@code depthOut} may be null); invisible points get NaN in all three. Does not allocate.
     *
     * @return the number of visible points
     * @throws IllegalArgumentException when an output array is too small
     */
    public int project(float[] points, int pointsOffsetFloats, int strideFloats, int count, float[] uvOut,
            float[] depthOut) {
        if (strideFloats < 3 || pointsOffsetFloats < 0 || count < 0
                || (count > 0 && pointsOffsetFloats + (long) (count - 1) * strideFloats + 3 > points.length)) {
            throw new IllegalArgumentException("points array of " + points.length + " floats cannot hold " + count
                    + " points at offset " + pointsOffsetFloats + " with stride " + strideFloats);
        }
        if (uvOut.length < 2 * count || (depthOut != null && depthOut.length < count)) {
            throw new IllegalArgumentException("output arrays too small for " + count + " points: uv " + uvOut.length
                    + " (needs " + 2 * count + "), depth " + (depthOut == null ? "none" : depthOut.length));
        }
        int visible = 0;
        for (int i = 0, s = pointsOffsetFloats; i < count; i++, s += strideFloats) {
            double x = points[s], y = points[s + 1], z = points[s + 2];
            double xc = r00 * x + r01 * y + r02 * z + tx;
            double yc = r10 * x + r11 * y + r12 * z + ty;
            double zc = r20 * x + r21 * y + r22 * z + tz;
            float u = Float.NaN, v = Float.NaN, depth = Float.NaN;
            if (zc >= minDepthMeters) {
                double xn = xc / zc, yn = yc / zc;
                double uu, vv;
                boolean ok = true;
                if (distorted) {
                    double r2 = xn * xn + yn * yn;
                    if (r2 > maxRadiusSquared) {
                        ok = false;
                    }
                    double radial = (1 + r2 * (k1 + r2 * (k2 + r2 * k3))) / (1 + r2 * (k4 + r2 * (k5 + r2 * k6)));
                    double xy = xn * yn;
                    double xd = xn * radial + 2 * p1 * xy + p2 * (r2 + 2 * xn * xn);
                    double yd = yn * radial + p1 * (r2 + 2 * yn * yn) + 2 * p2 * xy;
                    uu = fx * xd + cx;
                    vv = fy * yd + cy;
                } else {
                    uu = fx * xn + cx;
                    vv = fy * yn + cy;
                }
                if (ok && uu >= uMin && uu < uMax && vv >= vMin && vv < vMax) {
                    u = (float) uu;
                    v = (float) vv;
                    depth = (float) zc;
                    visible++;
                }
            }
            uvOut[2 * i] = u;
            uvOut[2 * i + 1] = v;
            if (depthOut != null) {
                depthOut[i] = depth;
            }
        }
        return visible;
    }

    /**
     * Projects one source-frame point; writes {@code u, v, depth} into {@code out[0..2]} (NaN when not visible).
     *
     * @return whether the point is visible
     */
    public boolean projectPoint(double x, double y, double z, double[] out) {
        double xc = r00 * x + r01 * y + r02 * z + tx;
        double yc = r10 * x + r11 * y + r12 * z + ty;
        double zc = r20 * x + r21 * y + r22 * z + tz;
        if (zc >= minDepthMeters && projectCamera(xc, yc, zc, out)
                && out[0] >= uMin && out[0] < uMax && out[1] >= vMin && out[1] < vMax) {
            out[2] = zc;
            return true;
        }
        out[0] = Double.NaN;
        out[1] = Double.NaN;
        out[2] = Double.NaN;
        return false;
    }

    /**
     * The source-frame point seen at pixel {@code (u, v)} at camera depth {@code depthMeters}; writes x, y, z
     * (source frame, metres) into {@code out[0..2]}.
     *
     * @return false (NaN written) where the distortion cannot be inverted
     */
    public boolean unproject(double uPixels, double vPixels, double depthMeters, double[] out) {
        if (!intrinsics.pixelToPoint(uPixels, vPixels, depthMeters, out, 0)) {
            return false;
        }
        // source = R^T (p_cam - t)
        double dx = out[0] - tx, dy = out[1] - ty, dz = out[2] - tz;
        out[0] = r00 * dx + r10 * dy + r20 * dz;
        out[1] = r01 * dx + r11 * dy + r21 * dz;
        out[2] = r02 * dx + r12 * dy + r22 * dz;
        return true;
    }

    /**
     * The image box around a source-frame 3D box: its 12 edges are sampled ({@value #BOX_SAMPLES_PER_EDGE} points
     * each, so curved edges of a distorted image are bounded too) and the extremes taken, not clipped to the
     * image (see {@link ImageBox#clippedTo}). Empty when any corner is nearer than {@code minDepthMeters}
     * (the box then reaches behind the camera and has no finite image box) or a sample leaves the distortion's
     * valid region. Allocates a little; meant for a few boxes per frame.
     */
    public Optional<ImageBox> projectBox(OrientedBox boxInSource) {
        OrientedBox inCamera = boxInSource.transformedBy(cameraFromSource);
        double[] c = inCamera.corners();
        for (int i = 0; i < 8; i++) {
            if (c[3 * i + 2] < minDepthMeters) {
                return Optional.empty();
            }
        }
        double left = Double.POSITIVE_INFINITY, top = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY, bottom = Double.NEGATIVE_INFINITY;
        double[] uv = new double[2];
        for (int a = 0; a < 8; a++) {
            for (int bit = 1; bit <= 4; bit <<= 1) {
                int b = a | bit;
                if (b == a) {
                    continue;
                }
                for (int s = 0; s <= BOX_SAMPLES_PER_EDGE; s++) {
                    double f = (double) s / BOX_SAMPLES_PER_EDGE;
                    double x = c[3 * a] + f * (c[3 * b] - c[3 * a]);
                    double y = c[3 * a + 1] + f * (c[3 * b + 1] - c[3 * a + 1]);
                    double z = c[3 * a + 2] + f * (c[3 * b + 2] - c[3 * a + 2]);
                    if (!projectCamera(x, y, z, uv)) {
                        return Optional.empty();
                    }
                    left = Math.min(left, uv[0]);
                    right = Math.max(right, uv[0]);
                    top = Math.min(top, uv[1]);
                    bottom = Math.max(bottom, uv[1]);
                }
            }
        }
        return Optional.of(new ImageBox(left, top, right, bottom));
    }

    /** Camera-frame point (z > 0) to pixel with distortion; false outside the distortion's valid region. */
    private boolean projectCamera(double xc, double yc, double zc, double[] uv) {
        double xn = xc / zc, yn = yc / zc;
        if (distorted) {
            double r2 = xn * xn + yn * yn;
            if (r2 > maxRadiusSquared) {
                return false;
            }
            double radial = (1 + r2 * (k1 + r2 * (k2 + r2 * k3))) / (1 + r2 * (k4 + r2 * (k5 + r2 * k6)));
            double xy = xn * yn;
            uv[0] = fx * (xn * radial + 2 * p1 * xy + p2 * (r2 + 2 * xn * xn)) + cx;
            uv[1] = fy * (yn * radial + p1 * (r2 + 2 * yn * yn) + 2 * p2 * xy) + cy;
        } else {
            uv[0] = fx * xn + cx;
            uv[1] = fy * yn + cy;
        }
        return true;
    }
}
