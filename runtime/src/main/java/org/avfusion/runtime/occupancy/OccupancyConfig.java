package org.avfusion.runtime.occupancy;

import static org.avfusion.calibration.yaml.Bounds.*;

/**
 * Settings of the occupancy grid.
 *
 * @param cellSizeMeters    cell edge
 * @param forwardMeters     extent ahead of base_link
 * @param backwardMeters    extent behind base_link
 * @param lateralMeters     extent to each side
 * @param hitLogOdds        added to a cell a return lands in (> 0)
 * @param missLogOdds       added to a cell a ray passes through (< 0)
 * @param minLogOdds        clamp (< 0), so a cell can turn occupied again quickly
 * @param maxLogOdds        clamp (> 0), so a cell can turn free again quickly
 * @param occupiedLogOdds   a cell above this counts as occupied
 * @param freeRayMaxMeters  how far a ray that hit nothing marks free space (where ground was seen)
 * @param maxObjects        most obstacles reported per sweep (nearest first)
 */
public record OccupancyConfig(
        double cellSizeMeters,
        double forwardMeters,
        double backwardMeters,
        double lateralMeters,
        double hitLogOdds,
        double missLogOdds,
        double minLogOdds,
        double maxLogOdds,
        double occupiedLogOdds,
        double freeRayMaxMeters,
        int maxObjects) {

    /** Largest grid, cells (measured in the launcher's 96 MB heap: see the check in the constructor). */
    public static final long MAX_CELLS = 400_000;

    public OccupancyConfig {
        requireInRange("occupancy.cellSizeMeters", cellSizeMeters, 0.01, 10, "m");
        requirePositive("occupancy.forwardMeters", forwardMeters, 500, "m");
        requirePositive("occupancy.backwardMeters", backwardMeters, 500, "m");
        requirePositive("occupancy.lateralMeters", lateralMeters, 500, "m");
        requirePositive("occupancy.hitLogOdds", hitLogOdds, 100, "");
        requireInRange("occupancy.missLogOdds", missLogOdds, -100, 100, "");
        requireInRange("occupancy.minLogOdds", minLogOdds, -100, 100, "");
        requireInRange("occupancy.maxLogOdds", maxLogOdds, -100, 100, "");
        if (!(missLogOdds < 0)) {
            throw new IllegalArgumentException("occupancy.missLogOdds must be < 0, was " + missLogOdds);
        }
        if (!(minLogOdds < 0) || !(maxLogOdds > 0)) {
            throw new IllegalArgumentException("occupancy.minLogOdds must be < 0 and maxLogOdds > 0, were "
                    + minLogOdds + " and " + maxLogOdds);
        }
        if (!(occupiedLogOdds > 0 && occupiedLogOdds < maxLogOdds)) {
            throw new IllegalArgumentException("occupancy.occupiedLogOdds must be in (0, maxLogOdds=" + maxLogOdds
                    + "), was " + occupiedLogOdds);
        }
        requirePositive("occupancy.freeRayMaxMeters", freeRayMaxMeters, 500, "m");
        requireInRange("occupancy.maxObjects", maxObjects, 1, 4096, "");
        long cells = cellCount(forwardMeters, backwardMeters, lateralMeters, cellSizeMeters);
        // the grid and its per-decision buffers are preallocated: in the launcher's smallest heap (96 MB, a
        // simulated drive's replay) 512,000 cells (lateralMeters 200 at the defaults) ran and 1,280,000 (500) ended
        // in an OutOfMemoryError (2026-12 probe); 400,000 keeps a margin
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("occupancy grid of " + cells + " cells ((forwardMeters + "
                    + "backwardMeters) / cellSizeMeters x 2 lateralMeters / cellSizeMeters, occupancy.lateralMeters "
                    + lateralMeters + ") is too large (max " + MAX_CELLS + "): raise occupancy.cellSizeMeters or "
                    + "shrink occupancy.forwardMeters, backwardMeters or lateralMeters");
        }
    }

    /** Cells of the grid (as {@link OccupancyGrid} lays it out): columns along x times rows along y. */
    public long cellCount() {
        return cellCount(forwardMeters, backwardMeters, lateralMeters, cellSizeMeters);
    }

    private static long cellCount(double forwardMeters, double backwardMeters, double lateralMeters,
            double cellSizeMeters) {
        return Math.round((forwardMeters + backwardMeters) / cellSizeMeters)
                * Math.round(2 * lateralMeters / cellSizeMeters);
    }
}
