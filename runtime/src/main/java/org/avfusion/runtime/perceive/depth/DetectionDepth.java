package org.avfusion.runtime.perceive.depth;

import java.util.Arrays;
import org.avfusion.runtime.perceive.detect.DetectionList;

/**
 * A robust depth per detection box. The median of all depths in a box is the background's whenever the object
 * covers less than half of it (KITTI 000000's pedestrian box holds 1,483 lidar points with a median of 12.2 m, the
 * wall behind, against 8.4 m for the person), so this takes the <em>nearest significant mode</em>: a histogram of
 * the box's depths, the first three-bin window from the near side that holds {@code peakFraction} of them, climbed
 * to its local peak; the depths within {@code modeHalfWidthMeters} of that peak's median are the object's. The
 * estimate is their median and the spread their inter-quartile range.
 *
 * <p>Lidar depth comes first ({@link DepthSource#LIDAR}); without {@code minPoints} lidar pixels in the box the scaled
 * model depth is used ({@link DepthSource#MODEL}) when given, else {@link DepthSource#NONE} with NaN depth and
 * spread.
 *
 * <p>Buffers sized in the constructor; {@link #estimate} allocates nothing. Not thread-safe.
 */
public final class DetectionDepth {
    private final DetectionDepthConfig config;
    private final float[] values;
    private final float[] mode;
    private final int[] histogram;
    private float lastDepth;
    private float lastSpread;
    private int lastCount;
    private long truncatedBoxes;

    /**
     * @param maxPixelsPerBox depth pixels one box may contribute; beyond it the box is sampled on a coarser grid
     *        (counted in {@link #truncatedBoxes()})
     */
    public DetectionDepth(DetectionDepthConfig config, int maxPixelsPerBox) {
        if (config == null) {
            throw new IllegalArgumentException("config must be given (DetectionDepthConfig.DEFAULT for the defaults)");
        }
        if (maxPixelsPerBox < 1) {
            throw new IllegalArgumentException("maxPixelsPerBox must be >= 1, was " + maxPixelsPerBox);
        }
        this.config = config;
        values = new float[maxPixelsPerBox];
        mode = new float[maxPixelsPerBox];
        histogram = new int[(int) Math.ceil(config.maxDepthMeters() / config.binMeters()) + 2];
    }

    /**
     * Estimates every detection's depth from row-major depth images of {@code widthPixels x heightPixels}
     * (metres, NaN = none): {@code lidarDepthMeters} (e.g. {@link LidarDepthImage#sparseDepthMeters()}) and,
     * optionally, {@code modelDepthMetersOrNull} (e.g. from {@link DepthScaleFit#toMetric}).
     */
    public void estimate(DetectionList detections, float[] lidarDepthMeters, float[] modelDepthMetersOrNull,
                         int widthPixels, int heightPixels, DepthEstimates out) {
        int n = detections.size();
        out.reset(n);
        for (int i = 0; i < n; i++) {
            float x1 = detections.x1(i), y1 = detections.y1(i), x2 = detections.x2(i), y2 = detections.y2(i);
            if (estimateBox(x1, y1, x2, y2, lidarDepthMeters, widthPixels, heightPixels)) {
                out.set(i, lastDepth, lastSpread, DepthSource.LIDAR, lastCount);
            } else if (modelDepthMetersOrNull != null
                    && estimateBox(x1, y1, x2, y2, modelDepthMetersOrNull, widthPixels, heightPixels)) {
                out.set(i, lastDepth, lastSpread, DepthSource.MODEL, lastCount);
            } else {
                out.set(i, Float.NaN, Float.NaN, DepthSource.NONE, 0);
            }
        }
    }

    /**
     * The nearest-mode depth of one box (pixels, inclusive of the pixels whose centres lie inside) over one depth
     * image; read the result from {@link #lastDepthMeters()}, {@link #lastSpreadMeters()}, {@link #lastPointCount()}.
     *
     * @return false when the box holds fewer than {@code minPoints} usable depths (results NaN, 0)
     */
    public boolean estimateBox(float x1Pixels, float y1Pixels, float x2Pixels, float y2Pixels, float[] depthMeters,
                               int widthPixels, int heightPixels) {
        return estimateBox(x1Pixels, y1Pixels, x2Pixels, y2Pixels, depthMeters, widthPixels, heightPixels, null, 0);
    }

    /**
     * As {@link #estimateBox(float, float, float, float, float[], int, int)}, skipping the depths another object
     * explains: a pixel inside one of {@code excludedCount} regions whose depth lies in that region's depth range.
     * Region r is {@code excluded[6r .. 6r+5]} = x1, y1, x2, y2 (pixels, inclusive as the box), nearest and farthest
     * depth (metres). A car's box that holds a nearer pedestrian's box is the car's depth this way, not the
     * pedestrian's.
     *
     * @param excluded      the regions, or null
     * @param excludedCount how many regions {@code excluded} holds
     */
    public boolean estimateBox(float x1Pixels, float y1Pixels, float x2Pixels, float y2Pixels, float[] depthMeters,
                               int widthPixels, int heightPixels, float[] excluded, int excludedCount) {
        if (depthMeters.length < widthPixels * heightPixels) {
            throw new IllegalArgumentException("depth image of " + depthMeters.length + " floats is smaller than "
                    + widthPixels + "x" + heightPixels);
        }
        lastDepth = Float.NaN;
        lastSpread = Float.NaN;
        lastCount = 0;
        if (!(x2Pixels >= x1Pixels) || !(y2Pixels >= y1Pixels)) {
            return false;
        }
        // pixel (u, v) has its centre at (u, v), as in PointProjector
        int u0 = (int) Math.max(0, Math.ceil(x1Pixels));
        int u1 = (int) Math.min(widthPixels - 1, Math.floor(x2Pixels));
        int v0 = (int) Math.max(0, Math.ceil(y1Pixels));
        int v1 = (int) Math.min(heightPixels - 1, Math.floor(y2Pixels));
        if (u1 < u0 || v1 < v0) {
            return false;
        }
        long area = (long) (u1 - u0 + 1) * (v1 - v0 + 1);
        int step = 1;
        while (area / ((long) step * step) > values.length) {
            step++;
        }
        if (step > 1) {
            truncatedBoxes++;
        }
        float max = (float) config.maxDepthMeters();
        int n = 0;
        for (int v = v0; v <= v1; v += step) {
            int row = v * widthPixels;
            for (int u = u0; u <= u1; u += step) {
                float d = depthMeters[row + u];
                if (d > 0 && d < max && !explained(u, v, d, excluded, excludedCount)) {
                    values[n++] = d;
                }
            }
        }
        if (n < config.minPoints()) {
            return false;
        }
        double bin = config.binMeters();
        int bins = histogram.length;
        Arrays.fill(histogram, 0);
        for (int k = 0; k < n; k++) {
            histogram[Math.min(bins - 1, (int) (values[k] / bin))]++;
        }
        int threshold = Math.max(config.minPoints(), (int) Math.ceil(config.peakFraction() * n));
        int peak = -1;
        for (int b = 0; b < bins; b++) {
            if (window(b) >= threshold) {
                peak = b;
                break;
            }
        }
        if (peak < 0) {
            return false;
        }
        while (peak + 1 < bins && window(peak + 1) > window(peak)) {
            peak++;
        }
        double lo = (peak - 1) * bin, hi = (peak + 2) * bin;
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (values[k] >= lo && values[k] < hi) {
                mode[m++] = values[k];
            }
        }
        double centre = FloatSelect.quantile(mode, 0, m, 0.5);
        double half = config.modeHalfWidthMeters();
        m = 0;
        for (int k = 0; k < n; k++) {
            if (Math.abs(values[k] - centre) <= half) {
                mode[m++] = values[k];
            }
        }
        if (m < config.minPoints()) {
            return false;
        }
        float q25 = FloatSelect.quantile(mode, 0, m, 0.25);
        float q75 = FloatSelect.quantile(mode, 0, m, 0.75);
        lastDepth = FloatSelect.quantile(mode, 0, m, 0.5);
        lastSpread = q75 - q25;
        lastCount = m;
        return true;
    }

    private static boolean explained(int u, int v, float d, float[] excluded, int count) {
        for (int r = 0; r < count; r++) {
            int o = 6 * r;
            if (u >= excluded[o] && u <= excluded[o + 2] && v >= excluded[o + 1] && v <= excluded[o + 3]
                    && d >= excluded[o + 4] && d <= excluded[o + 5]) {
                return true;
            }
        }
        return false;
    }

    private int window(int b) {
        int s = histogram[b];
        if (b > 0) {
            s += histogram[b - 1];
        }
        if (b + 1 < histogram.length) {
            s += histogram[b + 1];
        }
        return s;
    }

    public float lastDepthMeters() {
        return lastDepth;
    }

    public float lastSpreadMeters() {
        return lastSpread;
    }

    public int lastPointCount() {
        return lastCount;
    }

    /** Boxes with more pixels than {@code maxPixelsPerBox}, sampled on a coarser grid, over this object's life. */
    public long truncatedBoxes() {
        return truncatedBoxes;
    }

    public DetectionDepthConfig config() {
        return config;
    }
}
