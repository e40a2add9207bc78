package org.avfusion.runtime.ego;

/** ECEF to WGS-84 geodetic (Bowring's method, three iterations: well under a millimetre near the surface). */
final class Ecef {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double B = A * (1 - F);
    private static final double EP2 = (A * A - B * B) / (B * B);

    private Ecef() {
    }

    /** {latitude deg, longitude deg, height m}. */
    static double[] toGeodetic(double x, double y, double z) {
        double p = Math.hypot(x, y);
        double theta = Math.atan2(z * A, p * B);
        double lat = 0;
        for (int i = 0; i < 3; i++) {
            double st = Math.sin(theta);
            double ct = Math.cos(theta);
            lat = Math.atan2(z + EP2 * B * st * st * st, p - E2 * A * ct * ct * ct);
            theta = Math.atan2((1 - F) * Math.sin(lat), Math.cos(lat));
        }
        double sl = Math.sin(lat);
        double n = A / Math.sqrt(1 - E2 * sl * sl);
        return new double[] {Math.toDegrees(lat), Math.toDegrees(Math.atan2(y, x)), p / Math.cos(lat) - n};
    }
}
