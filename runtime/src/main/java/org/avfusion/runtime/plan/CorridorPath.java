package org.avfusion.runtime.plan;

/**
 * SEAM (map in the loop, issue #12): the path the corridor follows ahead of the ego, in the vehicle frame
 * ({@code base_link}: x forward, y left, metres). {@link CorridorChecker} walks it station by station; without a route
 * it is the arc from speed and yaw rate ({@link #arc(double)}); with one, {@code runtime.route.RouteCorridor} supplies
 * the route's centre line and its buffered area (or a Lanelet2 lanelet sequence's drivable area).
 *
 * <p>Implementations are called on the decision thread only.
 */
public interface CorridorPath {

    /**
     * Writes the path's point at arc length {@code sMeters} from {@code base_link}: {@code out[0]} x, {@code out[1]} y
     * (metres), {@code out[2]} heading (radians, left positive).
     *
     * @return false when {@code sMeters} lies beyond the path's end (the corridor stops there)
     */
    boolean at(double sMeters, double[] out);

    /** Whether a vehicle-frame point belongs to the corridor's area; the arc's area is its whole swept width. */
    default boolean contains(double xMeters, double yMeters) {
        return true;
    }

    /** The circular arc with curvature {@code curvaturePerMeter} (left positive) through {@code base_link}. */
    static CorridorPath arc(double curvaturePerMeter) {
        double k = curvaturePerMeter;
        return (s, out) -> {
            double heading = k * s;
            if (Math.abs(k) < 1e-6) {
                out[0] = s;
                out[1] = 0;
            } else {
                out[0] = Math.sin(heading) / k;
                out[1] = (1 - Math.cos(heading)) / k;
            }
            out[2] = heading;
            return true;
        };
    }
}
