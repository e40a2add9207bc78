package org.avfusion.calibration.tools;

import java.util.Arrays;
import java.util.Objects;

/**
 * Scores a lidar-to-camera extrinsic by how well the cloud's depth discontinuities, projected into the image, fall on
 * the image's intensity edges: the mean distance (pixels) from each projected depth-edge point to the nearest image
 * edge. A correct extrinsic puts object outlines on object outlines; a rotation of a degree or two moves them by
 * several pixels and the score rises. After Levinson and Thrun, "Automatic Online Calibration of Cameras and Lasers"
 * (RSS 2013), which rewards depth edges on image edges; here as a distance, readable in pixels.
 *
 * <p>Input: points already projected (pixel column {@code u}, row {@code v}, depth along the optical axis, metres)
 * and the image's edge distance map (for every pixel, its distance to the nearest edge pixel, row-major; e.g. Canny
 * then a distance transform). Depth edges are found in image space: the nearest point of each pixel is kept
 * (z-buffer); a kept point whose nearest kept neighbour to the left or right (at most {@link
 * DepthEdgeConfig#neighbourRadiusPixels()} columns away) is further by {@code max(minDepthJump, relativeDepthJump * depth)} is on a foreground outline.
 *
 * <p>Not thread-safe: it reuses a z-buffer sized for one image size (no allocation per scan). Arrays are read only
 * during the call.
 */
public final class DepthEdgeAlignmentScorer {
    private final int width;
    private final int height;
    private final DepthEdgeConfig config;
    private final float[] zBuffer;

    public DepthEdgeAlignmentScorer(int widthPixels, int heightPixels, DepthEdgeConfig config) {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x"
                    + heightPixels);
        }
        this.width = widthPixels;
        this.height = heightPixels;
        this.config = Objects.requireNonNull(config, "config");
        this.zBuffer = new float[widthPixels * heightPixels];
    }

    /**
     * Scores {@code count} projected points.
     *
     * @param uPixels            column of each point (pixel centres at integers)
     * @param vPixels            row of each point
     * @param depthMeters        depth of each point; points with depth {@code <= 0} (behind the camera) are skipped
     * @param edgeDistancePixels {@code width * height} distances to the nearest image edge, row-major
     * @param edgeMask           if not null, {@code width * height} flags set true for each point's pixel that is a
     *                           depth edge (for drawing); cleared first
     */
    public AlignmentScore score(float[] uPixels, float[] vPixels, float[] depthMeters, int count,
            float[] edgeDistancePixels, boolean[] edgeMask) {
        if (count < 0 || count > uPixels.length || count > vPixels.length || count > depthMeters.length) {
            throw new IllegalArgumentException("count " + count + " exceeds the point arrays");
        }
        if (edgeDistancePixels.length != width * height) {
            throw new IllegalArgumentException("edgeDistancePixels has " + edgeDistancePixels.length
                    + " values, the image " + width + "x" + height + " needs " + width * height);
        }
        if (edgeMask != null) {
            if (edgeMask.length != width * height) {
                throw new IllegalArgumentException("edgeMask has " + edgeMask.length + " flags, needs "
                        + width * height);
            }
            Arrays.fill(edgeMask, false);
        }
        Arrays.fill(zBuffer, Float.POSITIVE_INFINITY);
        int projected = 0;
        for (int i = 0; i < count; i++) {
            float depth = depthMeters[i];
            int u = Math.round(uPixels[i]);
            int v = Math.round(vPixels[i]);
            if (!(depth > 0) || u < 0 || v < 0 || u >= width || v >= height) {
                continue;
            }
            projected++;
            int at = v * width + u;
            if (depth < zBuffer[at]) {
                zBuffer[at] = depth;
            }
        }
        int radius = config.neighbourRadiusPixels();
        double cap = config.maxEdgeDistancePixels();
        double sum = 0;
        int edges = 0;
        for (int v = 0; v < height; v++) {
            int row = v * width;
            for (int u = 0; u < width; u++) {
                float depth = zBuffer[row + u];
                if (depth == Float.POSITIVE_INFINITY) {
                    continue;
                }
                double jump = Math.max(config.minDepthJumpMeters(), config.relativeDepthJump() * depth);
                boolean edge = jumpsBeyond(row, u, -1, radius, depth, jump)
                        || jumpsBeyond(row, u, 1, radius, depth, jump);
                if (edge) {
                    sum += Math.min(cap, edgeDistancePixels[row + u]);
                    edges++;
                    if (edgeMask != null) {
                        edgeMask[row + u] = true;
                    }
                }
            }
        }
        return new AlignmentScore(edges == 0 ? Double.NaN : sum / edges, edges, projected);
    }

    /** Whether the nearest filled pixel within {@code radius} columns in direction {@code step} is further by jump. */
    private boolean jumpsBeyond(int row, int u, int step, int radius, float depth, double jump) {
        for (int d = 1; d <= radius; d++) {
            int nu = u + step * d;
            if (nu < 0 || nu >= width) {
                return false;
            }
            float other = zBuffer[row + nu];
            if (other != Float.POSITIVE_INFINITY) {
                return other - depth > jump;
            }
        }
        return false;
    }

    public int widthPixels() {
        return width;
    }

    public int heightPixels() {
        return height;
    }
}
