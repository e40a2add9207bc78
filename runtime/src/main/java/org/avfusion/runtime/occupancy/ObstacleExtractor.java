package org.avfusion.runtime.occupancy;

/**
 * Reads obstacles off a grid: 8-connected components of occupied cells, each reported with its centre and
 * axis-aligned extent, the {@code maxObjects} nearest first. Flood fill with a preallocated stack; no allocation per
 * call after the first on a grid geometry.
 */
public final class ObstacleExtractor {
    private int[] label = new int[0];
    private int[] stack = new int[0];
    private int pass;

    /**
     * Sizes the labels and the flood fill's stack for {@code grid}'s geometry now, so that the first extraction from
     * such a grid allocates nothing (the fuse stage calls this before the ring starts; see {@link FuseStage}).
     */
    public void prepare(OccupancyGrid grid) {
        int n = grid.cols() * grid.rows();
        if (label.length != n) {
            label = new int[n];
            stack = new int[n];
            pass = 0;
        }
    }

    /** Extracts into {@code out} (capacity {@code maxObjects} of the grid's config or less). */
    public void extract(OccupancyGrid grid, ObstacleList out) {
        int cols = grid.cols();
        int rows = grid.rows();
        int n = cols * rows;
        prepare(grid);
        pass++;
        out.clear();
        int found = 0;
        int capacity = out.capacity();
        double size = grid.cellSizeMeters();
        // the scan reads the cells directly (cell start is (start % cols, start / cols): what isOccupied reads)
        float[] cells = grid.cells();
        double occupied = grid.config().occupiedLogOdds();
        // keep the nearest `capacity` components: fill, then replace the farthest when a nearer one appears
        for (int start = 0; start < n; start++) {
            if (!(cells[start] > occupied) || label[start] == pass) { // most cells are free: their labels stay unread
                continue;
            }
            int top = 0;
            stack[top++] = start;
            label[start] = pass;
            int count = 0;
            double sumX = 0;
            double sumY = 0;
            int c0 = Integer.MAX_VALUE, c1 = -1, r0 = Integer.MAX_VALUE, r1 = -1;
            while (top > 0) {
                int k = stack[--top];
                int c = k % cols;
                int r = k / cols;
                count++;
                sumX += grid.cellCenterX(c);
                sumY += grid.cellCenterY(r);
                c0 = Math.min(c0, c);
                c1 = Math.max(c1, c);
                r0 = Math.min(r0, r);
                r1 = Math.max(r1, r);
                for (int dr = -1; dr <= 1; dr++) {
                    int rr = r + dr;
                    if (rr < 0 || rr >= rows) {
                        continue;
                    }
                    for (int dc = -1; dc <= 1; dc++) {
                        int cc = c + dc;
                        if (cc < 0 || cc >= cols || (dr == 0 && dc == 0)) {
                            continue;
                        }
                        int kk = rr * cols + cc;
                        if (label[kk] != pass && grid.isOccupied(cc, rr)) {
                            label[kk] = pass;
                            stack[top++] = kk;
                        }
                    }
                }
            }
            double cx = sumX / count;
            double cy = sumY / count;
            double x0 = grid.minXMeters() + c0 * size;
            double x1 = grid.minXMeters() + (c1 + 1) * size;
            double y0 = grid.minYMeters() + r0 * size;
            double y1 = grid.minYMeters() + (r1 + 1) * size;
            if (found < capacity) {
                out.set(found++, cx, cy, x0, x1, y0, y1, count);
            } else {
                int far = 0;
                for (int i = 1; i < capacity; i++) {
                    if (out.rangeMeters(i) > out.rangeMeters(far)) {
                        far = i;
                    }
                }
                if (Math.hypot(cx, cy) < out.rangeMeters(far)) {
                    out.set(far, cx, cy, x0, x1, y0, y1, count);
                }
            }
        }
        out.size(found);
        for (int i = 1; i < found; i++) {
            for (int j = i; j > 0 && out.rangeMeters(j) < out.rangeMeters(j - 1); j--) {
                out.swap(j, j - 1);
            }
        }
    }
}
