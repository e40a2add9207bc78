package org.avfusion.runtime.plan;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Corridor geometry on the default profile: 1.85 m wide ego + 0.4 m margin each side (half-width 1.325 m), front
 * bumper 3.7 m ahead of base_link, 0.25 m cells. Distances are along the path from the bumper; stations are half a
 * cell apart, so a distance is exact to within one cell (0.25 m).
 */
class CorridorCheckerTest {
    private static final double CELL = 0.25;
    private final CorridorChecker checker = new CorridorChecker(PlanFixtures.defaultConfig());

    @Test
    void emptyGridIsClear() {
        assertTrue(Double.isNaN(checker.nearestObstacleMeters(emptyGrid(), 0.0)));
        assertTrue(Double.isNaN(checker.nearestObstacleMeters(emptyGrid(), 0.05)));
    }

    @ParameterizedTest(name = "straight path, cell at ({0}, {1}): distance from bumper {2} (NaN = clear)")
    @CsvSource({
        // x,     y,      expected distance from the front bumper
        "10.1,    0.1,    6.3",
        "20.1,    0.1,    16.3",
        "20.1,    1.1,    16.3",    // inside the half-width
        "20.1,   -1.1,    16.3",
        "20.1,    3.0,    NaN",     // beside the corridor
        "20.1,   -3.0,    NaN",
        "2.0,     0.1,    NaN",     // under the ego's own body, behind the bumper
        "53.3,    0.1,    49.6",    // just within the 50 m look-ahead
        "55.0,    0.1,    NaN",     // beyond it
    })
    void straightCorridor(double x, double y, double expected) {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, x, y);
        double d = checker.nearestObstacleMeters(grid, 0.0);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(d), "expected clear, got " + d);
        } else {
            // the cell's near edge is at floor(x / cell) * cell; the station that first reaches it is at most half
            // a cell further
            double nearEdge = Math.floor(x / CELL) * CELL - PlanFixtures.FRONT_OVERHANG_METERS;
            assertEquals(nearEdge + CELL / 4, d, CELL / 4 + 1e-9, "distance to the cell at (" + x + ", " + y + ")");
            assertEquals(expected, d, CELL);
        }
    }

    /**
     * The corridor is symmetric: a cell that overlaps the band |y| <= 1.325 m counts on either side. A cell at
     * y in [1.25, 1.5) overlaps the left edge by 7.5 cm just as its mirror [-1.5, -1.25) overlaps the right edge.
     */
    @ParameterizedTest(name = "cell at |y| = {0} is in the corridor: {1}, on both sides")
    @CsvSource({
        "0.1,   true",
        "1.0,   true",
        "1.2,   true",
        "1.3,   true",
        "1.45,  true",
        "1.55,  false",
        "2.0,   false",
    })
    void corridorIsSymmetricAboutThePath(double absY, boolean inCorridor) {
        for (double y : new double[] {absY, -absY}) {
            OccupancyGrid grid = emptyGrid();
            occupy(grid, 20.1, y);
            double d = checker.nearestObstacleMeters(grid, 0.0);
            assertEquals(inCorridor, !Double.isNaN(d), "cell at (20.1, " + y + "): distance " + d);
        }
    }

    /**
     * Left curve with radius 20 m (curvature 0.05 /m): the path passes (12, 4) (heading 36.9 deg, arc length
     * 12.87 m). A cell at (12, 0) is 3.3 m outside that arc, far beyond the corridor's 1.325 m half-width, though a
     * straight corridor runs right through it.
     */
    @ParameterizedTest(name = "curvature {2}: cell at ({0}, {1}) -> distance {3} (NaN = clear)")
    @CsvSource({
        "12.0,  0.0,   0.0,    8.3",
        "12.0,  0.0,   0.05,   NaN",     // outside of the left curve: not in the curved corridor
        "12.0,  4.0,   0.05,   9.17",    // on the curved path
        "12.0,  4.0,   0.0,    NaN",     // ... which a straight corridor would miss
        "12.0, -4.0,  -0.05,   9.17",    // right curve, mirrored
        "12.0,  4.0,  -0.05,   NaN",
    })
    void curvedCorridorFollowsTheArc(double x, double y, double curvature, double expected) {
        OccupancyGrid grid = emptyGrid();
        occupy(grid, x, y);
        double d = checker.nearestObstacleMeters(grid, curvature);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(d), "expected clear, got " + d);
        } else {
            // the corridor reaches a cell before its centre line does: allow the half-width's projection
            assertEquals(expected, d, 1.0, "distance along the arc");
        }
    }

    @Test
    void curvedDistanceIsMeasuredAlongTheArc() {
        // a cell on the arc at heading 60 deg: arc length 20 * pi/3 = 20.94 m, chord 20 m; from the bumper 17.24 m
        double k = 0.05;
        double theta = Math.PI / 3;
        OccupancyGrid grid = emptyGrid();
        occupy(grid, Math.sin(theta) / k, (1 - Math.cos(theta)) / k);
        double d = checker.nearestObstacleMeters(grid, k);
        // the corridor's leading edge touches the cell up to about half-width * tan(...) earlier; 1.5 m is generous
        // but far tighter than the 2.9 m between arc length (17.24) and chord (14.3)
        assertEquals(20 * theta - PlanFixtures.FRONT_OVERHANG_METERS, d, 1.5);
    }

    @Test
    void minCorridorCellsRejectsALoneCell() {
        DecisionConfig twoCells = PlanFixtures.defaultConfig().withMinCorridorCells(2);
        CorridorChecker strict = new CorridorChecker(twoCells);
        OccupancyGrid grid = emptyGrid();
        occupy(grid, 10.1, 0.1);
        assertTrue(Double.isNaN(strict.nearestObstacleMeters(grid, 0.0)), "one cell is noise at minCorridorCells 2");
        occupy(grid, 10.1, 0.6);
        assertEquals(6.3, strict.nearestObstacleMeters(grid, 0.0), CELL);
    }
}
