package org.avfusion.runtime.perceive.lidar;

import java.util.Arrays;

/**
 * The one ground model of the runtime: a polar grid around the sensor whose cells learn the local ground height,
 * used by the ring's {@code GroundSegmenter} (points in {@code base_link}) and by {@link PolarGroundFilter} (voxels
 * for the {@code clusters} pipeline).
 *
 * <p>Method (after Autoware's ray ground filter and {@code ScanGroundFilter}): heights are binned on a polar grid
 * ({@code azimuthBins} sectors x {@code rangeBins} rings of {@code rangeBinMeters}); each cell keeps its lowest height.
 * Walking each sector outward, the ground follows a cell's lowest height when it is within
 * {@code tan(localSlope) * (distance since the last ground cell) + step} above the last ground, no more than that
 * plus {@code belowToleranceMeters} below it, and within {@code tan(globalSlope) * range + step} of the reference
 * plane (height 0); a cell that breaks a limit (a car's body, a wall) keeps the previous ground.
 *
 * <p>Use per sweep: {@link #clear()}, {@link #add} every point or voxel, {@link #fitGround}, then read
 * {@link #groundMeters}. Not thread-safe; arrays are sized once, nothing is allocated per sweep.
 *
 * <p>Layout: ring by ring ({@code cell = ring * azimuthBins + sector}). A spinning lidar's consecutive returns are
 * neighbouring sectors at similar ranges, so {@link #add} and {@link #groundMeters} mostly touch the cache line the
 * return before touched; sector by sector, consecutive returns were {@code rangeBins} floats apart, each a cache line
 * of its own in tables larger than a core's cache (720 x 160 cells: 460 KB each). {@link #fitGround} walks the
 * rings outward for all sectors at once, with the same arithmetic per cell as a walk of each sector.
 */
public final class PolarGroundGrid {
    /** {@code sin(AzimuthBin.MARGIN_RAD)}: a position this far (times its range) inside a wedge's side is inside. */
    private static final double SIN_MARGIN = Math.sin(AzimuthBin.MARGIN_RAD);
    /**
     * Nearer positions always look their sector up: the range of one within a hair of the sensor (its squares
     * underflow) says nothing of the cross products' rounding.
     */
    private static final double MIN_SHORTCUT_RANGE_METERS = 1e-6;
    private final int azimuthBins;
    private final int rangeBins;
    private final double rangeBinMeters;
    private final double binsPerRad;
    private final float[] cellMinHeight;
    private final float[] cellGround;
    /**
     * Unit vectors along the sector boundaries: boundary {@code s} at azimuth {@code s / binsPerRad}, sector {@code s}
     * between boundaries {@code s} and {@code s + 1} (boundary {@code azimuthBins} is boundary 0 again).
     */
    private final double[] boundaryX;
    private final double[] boundaryY;
    /** The sector {@link #cellOf} found last, -1 before the first. */
    private int lastSector = -1;
    /** Per sector, the ground height and range {@link #fitGround} has reached on its walk outward. */
    private final double[] sectorGround;
    private final double[] sectorGroundRange;

    /**
     * @param azimuthBins    sectors over 360 degrees, >= 1
     * @param rangeBins      rings, >= 1
     * @param rangeBinMeters radial size of a ring, > 0
     */
    public PolarGroundGrid(int azimuthBins, int rangeBins, double rangeBinMeters) {
        if (azimuthBins < 1 || rangeBins < 1 || !(rangeBinMeters > 0) || Double.isInfinite(rangeBinMeters)) {
            throw new IllegalArgumentException("polar ground grid needs >= 1 sector, >= 1 ring and a finite ring size "
                    + "> 0, was " + azimuthBins + " x " + rangeBins + " x " + rangeBinMeters + " m");
        }
        this.azimuthBins = azimuthBins;
        this.rangeBins = rangeBins;
        this.rangeBinMeters = rangeBinMeters;
        this.binsPerRad = azimuthBins / (2 * Math.PI);
        this.cellMinHeight = new float[azimuthBins * rangeBins];
        this.cellGround = new float[azimuthBins * rangeBins];
        this.boundaryX = new double[azimuthBins + 1];
        this.boundaryY = new double[azimuthBins + 1];
        for (int b = 0; b <= azimuthBins; b++) {
            boundaryX[b] = Math.cos(b / binsPerRad);
            boundaryY[b] = Math.sin(b / binsPerRad);
        }
        this.sectorGround = new double[azimuthBins];
        this.sectorGroundRange = new double[azimuthBins];
    }

    public int azimuthBins() {
        return azimuthBins;
    }

    public int rangeBins() {
        return rangeBins;
    }

    /** Forgets the last sweep's heights. */
    public void clear() {
        Arrays.fill(cellMinHeight, Float.POSITIVE_INFINITY);
    }

    /**
     * The cell of a position relative to the sensor, or -1 when it lies beyond the last ring (or is not finite).
     *
     * <p>The sector is {@code floor(azimuth * binsPerRad)}, the azimuth {@code atan2(dy, dx)} in {@code [0, 2 pi)}.
     * A lidar's consecutive returns mostly lie in the sector of the return before (0.1-0.2 degrees apart, sectors of
     * 0.5): a position well inside that sector's wedge, farther than {@link AzimuthBin#MARGIN_RAD} from both of its
     * boundaries (two cross products with the boundaries' unit vectors), is in it, whatever rounding the azimuth's
     * computation would see; any other position gets its sector from {@link AzimuthBin} or {@code Math.atan2}.
     */
    public int cellOf(double dxMeters, double dyMeters) {
        double range = Math.sqrt(dxMeters * dxMeters + dyMeters * dyMeters);
        int r = (int) (range / rangeBinMeters);
        if (!(r < rangeBins) || Double.isNaN(range)) { // (int) NaN is 0: a NaN point must not land in ring 0
            return -1;
        }
        int last = lastSector;
        if (last >= 0 && range >= MIN_SHORTCUT_RANGE_METERS) {
            double clear = range * SIN_MARGIN;
            if (boundaryX[last] * dyMeters - boundaryY[last] * dxMeters > clear
                    && dxMeters * boundaryY[last + 1] - dyMeters * boundaryX[last + 1] > clear) {
                return r * azimuthBins + last;
            }
        }
        int az = AzimuthBin.sectorOrMinusOne(dxMeters, dyMeters, binsPerRad);
        if (az < 0) { // near a sector boundary: the exact sector
            double a = Math.atan2(dyMeters, dxMeters);
            if (a < 0) {
                a += 2 * Math.PI;
            }
            az = (int) (a * binsPerRad);
        }
        if (az >= azimuthBins) {
            az = 0;
        }
        lastSector = az;
        return r * azimuthBins + az;
    }

    /** The sector of a cell returned by {@link #cellOf}. */
    public int sectorOf(int cell) {
        return cell % azimuthBins;
    }

    /** Records a height in a cell (a cell below 0 is ignored). */
    public void add(int cell, double heightMeters) {
        if (cell >= 0 && heightMeters < cellMinHeight[cell]) {
            cellMinHeight[cell] = (float) heightMeters;
        }
    }

    /**
     * Walks every sector outward and sets each cell's ground height.
     *
     * @param localSlopeDeg        steepest slope followed from one ground cell to the next
     * @param globalSlopeDeg       steepest slope from the sensor's footprint; 90 or more turns the limit off
     * @param stepMeters           step allowed on top of both slopes (kerbs, noise)
     * @param belowToleranceMeters how much further below the last ground a cell's lowest height may lie and still be
     *                             followed (dips, ramps down)
     */
    public void fitGround(double localSlopeDeg, double globalSlopeDeg, double stepMeters, double belowToleranceMeters) {
        double localSlope = Math.tan(Math.toRadians(localSlopeDeg));
        double globalSlope = globalSlopeDeg >= 90 ? Double.POSITIVE_INFINITY : Math.tan(Math.toRadians(globalSlopeDeg));
        double[] ground = sectorGround;
        double[] groundRange = sectorGroundRange;
        Arrays.fill(ground, 0.0);
        Arrays.fill(groundRange, 0.0);
        for (int r = 0; r < rangeBins; r++) {
            double range = (r + 0.5) * rangeBinMeters;
            double global = globalSlope * range + stepMeters;
            int base = r * azimuthBins;
            for (int az = 0; az < azimuthBins; az++) {
                float minH = cellMinHeight[base + az];
                if (minH != Float.POSITIVE_INFINITY) {
                    double local = localSlope * (range - groundRange[az]) + stepMeters;
                    if (minH - ground[az] <= local && ground[az] - minH <= local + belowToleranceMeters
                            && Math.abs(minH) <= global) {
                        ground[az] = minH;
                        groundRange[az] = range;
                    }
                }
                cellGround[base + az] = (float) ground[az];
            }
        }
    }

    /** Ground height of a cell after {@link #fitGround}, metres above the reference plane. */
    public double groundMeters(int cell) {
        return cellGround[cell];
    }
}
