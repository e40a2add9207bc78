package org.avfusion.runtime.perceive.depth;

import java.util.Arrays;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Sparse metric depth from lidar: every visible point is projected through a {@link PointProjector} and the pixel
 * it lands in (rounded) keeps the nearest camera depth (z, metres). {@link #densify(int)} then fills holes with the
 * minimum of the valid depths in a square window, so thin near objects are not eaten by the background.
 *
 * <p>Buffers ({@link #sparseDepthMeters()}, {@link #denseDepthMeters()}, row-major {@code width x height}, NaN where
 * no depth) are allocated once in the constructor and owned by this object; they are valid until the next
 * {@link #render}. Nothing is allocated per frame. Not thread-safe: one frame at a time.
 */
public final class LidarDepthImage {
    private final int widthPixels;
    private final int heightPixels;
    private final int maxPoints;
    private final float[] sparse;
    private final float[] dense;
    private final float[] rowMin;
    private final float[] xyz;
    private final float[] uv;
    private final float[] depth;
    private int filledPixels;
    private long droppedPoints;

    /**
     * @param widthPixels image width (must match the projector's intrinsics)
     * @param heightPixels image height
     * @param maxPoints the most points one {@link #render} takes; more are dropped and counted
     */
    public LidarDepthImage(int widthPixels, int heightPixels, int maxPoints) {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x" + heightPixels);
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be >= 1, was " + maxPoints);
        }
        this.widthPixels = widthPixels;
        this.heightPixels = heightPixels;
        this.maxPoints = maxPoints;
        int n = Math.multiplyExact(widthPixels, heightPixels);
        sparse = new float[n];
        dense = new float[n];
        rowMin = new float[n];
        xyz = new float[Math.multiplyExact(3, maxPoints)];
        uv = new float[Math.multiplyExact(2, maxPoints)];
        depth = new float[maxPoints];
        Arrays.fill(sparse, Float.NaN);
        Arrays.fill(dense, Float.NaN);
    }

    /** Renders a point cloud (lidar frame); returns the number of pixels that received a depth. */
    public int render(PointProjector projector, PointCloud cloud) {
        int n = Math.min(cloud.size(), maxPoints);
        droppedPoints += cloud.size() - n;
        float[] x = cloud.xArray(), y = cloud.yArray(), z = cloud.zArray();
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = x[i];
            xyz[3 * i + 1] = y[i];
            xyz[3 * i + 2] = z[i];
        }
        return render(projector, xyz, 0, 3, n);
    }

    /**
     * Renders the points of a cloud (lidar frame) at least {@code minHeightMeters} above the road plane
     * {@code ground}: the depth of what stands on the road, not of the road itself (a ring meeting the road inside a
     * car's box would otherwise be its nearest depth). Returns the number of pixels that received a depth.
     */
    public int renderAboveGround(PointProjector projector, PointCloud cloud, GroundPrior ground,
            double minHeightMeters) {
        float[] x = cloud.xArray(), y = cloud.yArray(), z = cloud.zArray();
        int n = 0;
        int size = cloud.size();
        for (int i = 0; i < size; i++) {
            if (ground.heightAboveMeters(x[i], y[i], z[i]) < minHeightMeters) {
                continue;
            }
            if (n == maxPoints) {
                droppedPoints++;
                continue;
            }
            xyz[3 * n] = x[i];
            xyz[3 * n + 1] = y[i];
            xyz[3 * n + 2] = z[i];
            n++;
        }
        return render(projector, xyz, 0, 3, n);
    }

    /**
     * Renders {@code count} points stored from {@code offsetFloats} with {@code strideFloats} floats per point
     * (x, y, z first, metres, the projector's source frame). The dense image is cleared; call {@link #densify}.
     *
     * @return the number of pixels that received a depth
     */
    public int render(PointProjector projector, float[] points, int offsetFloats, int strideFloats, int count) {
        checkProjector(projector);
        int n = Math.min(count, maxPoints);
        droppedPoints += count - n;
        Arrays.fill(sparse, Float.NaN);
        Arrays.fill(dense, Float.NaN);
        projector.project(points, offsetFloats, strideFloats, n, uv, depth);
        int filled = 0;
        for (int i = 0; i < n; i++) {
            float d = depth[i];
            if (d != d) {
                continue;
            }
            int u = Math.round(uv[2 * i]);
            int v = Math.round(uv[2 * i + 1]);
            if (u < 0 || v < 0 || u >= widthPixels || v >= heightPixels) {
                continue;
            }
            int p = v * widthPixels + u;
            float old = sparse[p];
            if (old != old) {
                sparse[p] = d;
                filled++;
            } else if (d < old) {
                sparse[p] = d;
            }
        }
        filledPixels = filled;
        return filled;
    }

    /**
     * Fills {@link #denseDepthMeters()} with, at each pixel, the minimum valid sparse depth within
     * {@code radiusPixels} (a {@code (2r+1)^2} window; separable, so O(r) per pixel); NaN where the window holds
     * none. Radius 0 copies the sparse image.
     */
    public void densify(int radiusPixels) {
        if (radiusPixels < 0) {
            throw new IllegalArgumentException("radiusPixels must be >= 0, was " + radiusPixels);
        }
        int w = widthPixels, h = heightPixels;
        for (int v = 0; v < h; v++) {
            int row = v * w;
            for (int u = 0; u < w; u++) {
                float m = Float.NaN;
                int lo = Math.max(0, u - radiusPixels), hi = Math.min(w - 1, u + radiusPixels);
                for (int k = lo; k <= hi; k++) {
                    float d = sparse[row + k];
                    if (d == d && !(d >= m)) {
                        m = d;
                    }
                }
                rowMin[row + u] = m;
            }
        }
        for (int v = 0; v < h; v++) {
            int lo = Math.max(0, v - radiusPixels), hi = Math.min(h - 1, v + radiusPixels);
            for (int u = 0; u < w; u++) {
                float m = Float.NaN;
                for (int k = lo; k <= hi; k++) {
                    float d = rowMin[k * w + u];
                    if (d == d && !(d >= m)) {
                        m = d;
                    }
                }
                dense[v * w + u] = m;
            }
        }
    }

    private void checkProjector(PointProjector projector) {
        if (projector.intrinsics().widthPixels() != widthPixels
                || projector.intrinsics().heightPixels() != heightPixels) {
            throw new IllegalArgumentException("projector image " + projector.intrinsics().widthPixels() + "x"
                    + projector.intrinsics().heightPixels() + " does not match the depth image " + widthPixels + "x"
                    + heightPixels);
        }
    }

    /** Nearest lidar depth per pixel, metres, NaN where no point landed; owned by this object. */
    public float[] sparseDepthMeters() {
        return sparse;
    }

    /** The window-minimum fill of the sparse image after {@link #densify}; owned by this object. */
    public float[] denseDepthMeters() {
        return dense;
    }

    /** Sparse depth at a pixel (NaN when none). */
    public float sparseAt(int uPixels, int vPixels) {
        return sparse[vPixels * widthPixels + uPixels];
    }

    public int widthPixels() {
        return widthPixels;
    }

    public int heightPixels() {
        return heightPixels;
    }

    /** Pixels with a sparse depth after the last render. */
    public int filledPixels() {
        return filledPixels;
    }

    /** Points dropped over this object's life because a render had more than {@code maxPoints}. */
    public long droppedPoints() {
        return droppedPoints;
    }
}
