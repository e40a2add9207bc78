package org.avfusion.runtime.render;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What one bird's-eye-view frame shows, in base_link (x forward, y left, metres).
 *
 * @param decisionKind   PROCEED, SLOW or STOP
 * @param reason         why, e.g. OBSTACLE_IN_CORRIDOR
 * @param stampNanos     the set's reference stamp
 * @param obstacleMeters distance to the nearest obstacle in the corridor, NaN when none
 * @param speedMetersPerSecond ego speed, NaN when unknown
 * @param grid           the latest occupancy grid, or null
 * @param obstacles      obstacles of this set
 * @param tracks         tracked objects, empty when the recording has none
 * @param corridor       the corridor checked, or null
 * @param camera         the latest camera image (any size), or null
 * @param detections     camera detections in that image's pixels
 */
public record BevScene(String decisionKind, String reason, long stampNanos, double obstacleMeters,
        double speedMetersPerSecond, Grid grid, List<Box> obstacles, List<Track> tracks, Corridor corridor,
        BufferedImage camera, List<Detection> detections) {
    public BevScene {
        Objects.requireNonNull(decisionKind, "decisionKind");
        Objects.requireNonNull(reason, "reason");
        obstacles = List.copyOf(obstacles);
        tracks = List.copyOf(tracks);
        detections = List.copyOf(detections);
    }

    /** An occupancy grid: log-odds x 10 per cell, row-major, row 0 at {@code minYMeters}, column 0 at minX. */
    public record Grid(int cols, int rows, double cellSizeMeters, double minXMeters, double minYMeters,
            byte[] logOddsX10) {
        public Grid {
            if (cols < 1 || rows < 1 || logOddsX10.length != cols * rows) {
                throw new IllegalArgumentException("grid " + cols + "x" + rows + " with " + logOddsX10.length
                        + " cells");
            }
        }
    }

    /** An obstacle's footprint, axis-aligned. */
    public record Box(double xMeters, double yMeters, double lengthMeters, double widthMeters) {
    }

    /** A tracked object with its velocity. */
    public record Track(String id, double xMeters, double yMeters, double vxMetersPerSecond,
            double vyMetersPerSecond) {
    }

    /**
     * The corridor: an arc of curvature {@code curvaturePerMeter} from the front bumper, {@code halfWidthMeters} to
     * each side, {@code lengthMeters} long.
     */
    public record Corridor(double startXMeters, double halfWidthMeters, double lengthMeters,
            double curvaturePerMeter) {
    }

    /** A camera detection box, pixels of the camera image. */
    public record Detection(String label, double x1, double y1, double x2, double y2) {
    }
}
