package org.avfusion.runtime.odometry;

/**
 * Allocation-free SE(3) arithmetic on row-major 3x4 matrices {@code [R | t]} stored in {@code double[12]}, and the
 * exponential and logarithm maps between SE(3) and twists {@code (rho, phi)} (translation part first, as Sophus
 * orders them; Barfoot, "State Estimation for Robotics", 2017, sections 7.1.3 and 7.1.5). Small angles use Taylor
 * series so the maps stay accurate near the identity, where odometry lives.
 *
 * <p>Stateless; every method writes only its {@code out} argument, which may alias an input.
 */
final class Se3 {
    /** Below this squared angle (0.01 rad) the closed forms are replaced by their Taylor series (error < 1e-15). */
    private static final double SMALL_ANGLE_SQ = 1e-4;

    private Se3() {
    }

    static void identity(double[] out) {
        for (int i = 0; i < 12; i++) {
            out[i] = 0;
        }
        out[0] = 1;
        out[5] = 1;
        out[10] = 1;
    }

    static void copy(double[] src, double[] out) {
        System.arraycopy(src, 0, out, 0, 12);
    }

    /** {@code out = a * b} (apply {@code b} first). */
    static void compose(double[] a, double[] b, double[] out) {
        double r00 = a[0] * b[0] + a[1] * b[4] + a[2] * b[8];
        double r01 = a[0] * b[1] + a[1] * b[5] + a[2] * b[9];
        double r02 = a[0] * b[2] + a[1] * b[6] + a[2] * b[10];
        double t0 = a[0] * b[3] + a[1] * b[7] + a[2] * b[11] + a[3];
        double r10 = a[4] * b[0] + a[5] * b[4] + a[6] * b[8];
        double r11 = a[4] * b[1] + a[5] * b[5] + a[6] * b[9];
        double r12 = a[4] * b[2] + a[5] * b[6] + a[6] * b[10];
        double t1 = a[4] * b[3] + a[5] * b[7] + a[6] * b[11] + a[7];
        double r20 = a[8] * b[0] + a[9] * b[4] + a[10] * b[8];
        double r21 = a[8] * b[1] + a[9] * b[5] + a[10] * b[9];
        double r22 = a[8] * b[2] + a[9] * b[6] + a[10] * b[10];
        double t2 = a[8] * b[3] + a[9] * b[7] + a[10] * b[11] + a[11];
        out[0] = r00; out[1] = r01; out[2] = r02; out[3] = t0;
        out[4] = r10; out[5] = r11; out[6] = r12; out[7] = t1;
        out[8] = r20; out[9] = r21; out[10] = r22; out[11] = t2;
    }

    /** {@code out = a^-1}. */
    static void inverse(double[] a, double[] out) {
        double r00 = a[0], r01 = a[4], r02 = a[8];
        double r10 = a[1], r11 = a[5], r12 = a[9];
        double r20 = a[2], r21 = a[6], r22 = a[10];
        double tx = a[3], ty = a[7], tz = a[11];
        out[0] = r00; out[1] = r01; out[2] = r02; out[3] = -(r00 * tx + r01 * ty + r02 * tz);
        out[4] = r10; out[5] = r11; out[6] = r12; out[7] = -(r10 * tx + r11 * ty + r12 * tz);
        out[8] = r20; out[9] = r21; out[10] = r22; out[11] = -(r20 * tx + r21 * ty + r22 * tz);
    }

    /**
     * {@code out = Exp(scale * (rho, phi))}: rotation {@code R = I + A K + B K^2}, translation {@code V rho} with
     * {@code V = I + B K + C K^2}, {@code K = hat(phi)}.
     */
    static void exp(double rx, double ry, double rz, double px, double py, double pz, double scale, double[] out) {
        rx *= scale; ry *= scale; rz *= scale;
        px *= scale; py *= scale; pz *= scale;
        double th2 = px * px + py * py + pz * pz;
        double a, b, c;
        if (th2 < SMALL_ANGLE_SQ) {
            double th4 = th2 * th2;
            a = 1 - th2 / 6 + th4 / 120;
            b = 0.5 - th2 / 24 + th4 / 720;
            c = 1.0 / 6 - th2 / 120 + th4 / 5040;
        } else {
            double th = Math.sqrt(th2);
            double s = Math.sin(th);
            double co = Math.cos(th);
            a = s / th;
            b = (1 - co) / th2;
            c = (th - s) / (th2 * th);
        }
        // K^2 = phi phi^T - th2 I
        double k00 = px * px - th2, k11 = py * py - th2, k22 = pz * pz - th2;
        double k01 = px * py, k02 = px * pz, k12 = py * pz;
        double r00 = 1 + b * k00, r01 = -a * pz + b * k01, r02 = a * py + b * k02;
        double r10 = a * pz + b * k01, r11 = 1 + b * k11, r12 = -a * px + b * k12;
        double r20 = -a * py + b * k02, r21 = a * px + b * k12, r22 = 1 + b * k22;
        double v00 = 1 + c * k00, v01 = -b * pz + c * k01, v02 = b * py + c * k02;
        double v10 = b * pz + c * k01, v11 = 1 + c * k11, v12 = -b * px + c * k12;
        double v20 = -b * py + c * k02, v21 = b * px + c * k12, v22 = 1 + c * k22;
        out[0] = r00; out[1] = r01; out[2] = r02; out[3] = v00 * rx + v01 * ry + v02 * rz;
        out[4] = r10; out[5] = r11; out[6] = r12; out[7] = v10 * rx + v11 * ry + v12 * rz;
        out[8] = r20; out[9] = r21; out[10] = r22; out[11] = v20 * rx + v21 * ry + v22 * rz;
    }

    /** The twist {@code (rho, phi)} of {@code m} into {@code out[0..5]}; angles up to (not including) pi. */
    static void log(double[] m, double[] out) {
        double cosTh = Math.max(-1, Math.min(1, (m[0] + m[5] + m[10] - 1) / 2));
        double th = Math.acos(cosTh);
        double th2 = th * th;
        double f; // phi = f * vee(R - R^T)
        double d; // V^-1 = I - K/2 + d K^2
        if (th2 < SMALL_ANGLE_SQ) {
            f = 0.5 + th2 / 12 + 7 * th2 * th2 / 720;
            d = 1.0 / 12 + th2 / 720 + th2 * th2 / 30240;
        } else {
            double s = Math.sin(th);
            f = th / (2 * s);
            d = (1 - th * s / (2 * (1 - cosTh))) / th2;
        }
        double px = f * (m[9] - m[6]);
        double py = f * (m[2] - m[8]);
        double pz = f * (m[4] - m[1]);
        double t0 = m[3], t1 = m[7], t2 = m[11];
        double pp = px * px + py * py + pz * pz;
        double dot = px * t0 + py * t1 + pz * t2;
        // K t = phi x t; K^2 t = phi (phi . t) - |phi|^2 t
        double cx = py * t2 - pz * t1, cy = pz * t0 - px * t2, cz = px * t1 - py * t0;
        out[0] = t0 - 0.5 * cx + d * (px * dot - pp * t0);
        out[1] = t1 - 0.5 * cy + d * (py * dot - pp * t1);
        out[2] = t2 - 0.5 * cz + d * (pz * dot - pp * t2);
        out[3] = px;
        out[4] = py;
        out[5] = pz;
    }

    /** Rotation angle of {@code m} in radians, in [0, pi]. */
    static double angle(double[] m) {
        return Math.acos(Math.max(-1, Math.min(1, (m[0] + m[5] + m[10] - 1) / 2)));
    }

    static double translationNorm(double[] m) {
        return Math.sqrt(m[3] * m[3] + m[7] * m[7] + m[11] * m[11]);
    }

    /** Re-orthonormalises the rotation rows (Gram-Schmidt, third row as a cross product) against round-off drift. */
    static void orthonormalize(double[] m) {
        double n0 = Math.sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
        m[0] /= n0; m[1] /= n0; m[2] /= n0;
        double dot = m[0] * m[4] + m[1] * m[5] + m[2] * m[6];
        m[4] -= dot * m[0]; m[5] -= dot * m[1]; m[6] -= dot * m[2];
        double n1 = Math.sqrt(m[4] * m[4] + m[5] * m[5] + m[6] * m[6]);
        m[4] /= n1; m[5] /= n1; m[6] /= n1;
        m[8] = m[1] * m[6] - m[2] * m[5];
        m[9] = m[2] * m[4] - m[0] * m[6];
        m[10] = m[0] * m[5] - m[1] * m[4];
    }
}
