package org.avfusion.runtime.occupancy;

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

    public OccupancyConfig {
        positive("occupancy.cellSizeMeters", cellSizeMeters);
        positive("occupancy.forwardMeters", forwardMeters);
        positive("occupancy.backwardMeters", backwardMeters);
        positive("occupancy.lateralMeters", lateralMeters);
        positive("occupancy.hitLogOdds", hitLogOdds);
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
        positive("occupancy.freeRayMaxMeters", freeRayMaxMeters);
        if (maxObjects < 1 || maxObjects > 4096) {
            throw new IllegalArgumentException("occupancy.maxObjects must be in [1, 4096], was " + maxObjects);
        }
        long cells = Math.round((forwardMeters + backwardMeters) / cellSizeMeters)
                * Math.round(2 * lateralMeters / cellSizeMeters);
        if (cells > 4_000_000) {
            throw new IllegalArgumentException("occupancy grid of " + cells + " cells is too large (max 4,000,000): "
                    + "raise occupancy.cellSizeMeters or shrink its extent");
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be > 0, was " + v);
        }
    }
}
