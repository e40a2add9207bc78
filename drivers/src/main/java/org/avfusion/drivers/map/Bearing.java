package org.avfusion.drivers.map;

/**
 * Initial great-circle bearing between two positions, the formula of Ed Williams' Aviation Formulary
 * ("Course between points"). Pure function, no allocation.
 */
final class Bearing {

    private Bearing() {
    }

    /**
     * Direction from the first position towards the second, degrees clockwise from true north, in [0, 360);
     * 0 when the positions coincide.
     */
    static double degrees(double fromLatDeg, double fromLonDeg, double toLatDeg, double toLonDeg) {
        double phi1 = Math.toRadians(fromLatDeg);
        double phi2 = Math.toRadians(toLatDeg);
        double dLambda = Math.toRadians(toLonDeg - fromLonDeg);
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        if (x == 0 && y == 0) {
            return 0;
        }
        double deg = Math.toDegrees(Math.atan2(y, x));
        deg = deg < 0 ? deg + 360 : deg;
        return deg >= 360 ? 0 : deg;
    }
}
