package org.avfusion.calibration.tools;

import java.util.Objects;

/**
 * Scores a lidar-to-camera extrinsic by how well the cloud's depth discontinuities, projected into the image, fall on
 * the image's intensity edges: the mean distance (pixels) from each projected depth-edge point to the nearest image
 * edge. A correct extrinsic puts object outlines on object outlines; a rotation of a degree or two moves them by
 * many pixels and the score rises. After Levinson and Thrun, "Automatic Online Calibration of Cameras and Lasers"
 * (RSS 2013): depth edges from neighbouring returns of one laser, scored against the image's edges; here as a
 * capped distance, readable in pixels.
 *
 * <p>Depth edges ({@link #markDepthEdges}): the cloud in scan order (a spinning lidar writes each ring in azimuth
 * order, as KITTI's {@code .bin} files do); a point is an edge when a scan neighbour on the same ring (azimuth within
 * {@link DepthEdgeConfig#maxNeighbourAngleDegrees()}) is further away by {@code max(minDepthJump, relativeDepthJump
 * * range)}: the point is on the near side of an outline. Scoring ({@link #score}): the points already projected
 * (pixel {@code u, v}, NaN when not visible) and the image's edge distance map (for every pixel, its distance to the
 * nearest edge pixel, row-major; e.g. Canny then a distance transform).
 *
 * <p>Stateless apart from its settings; thread-safe. Does not allocate: the caller owns every array.
 */
public final class DepthEdgeAlignmentScorer {
    private final int width;
    private final int height;
    private final DepthEdgeConfig config;

    public DepthEdgeAlignmentScorer(int widthPixels, int heightPixels, DepthEdgeConfig config) {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + widthPixels + "x"
                    + heightPixels);
        }
        this.width = widthPixels;
        this.height = heightPixels;
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Marks the depth-edge points of a cloud in scan order.
     *
     * @param points       x, y, z first (metres, sensor frame), {@code strideFloats} floats per point
     * @param edgeOut      {@code edgeOut[i]} set to whether point {@code i} is a depth edge
     * @return the number of edge points
     */
    public int markDepthEdges(float[] points, int strideFloats, int count, boolean[] edgeOut) {
        if (strideFloats < 3 || count < 0 || (long) count * strideFloats > points.length || edgeOut.length < count) {
            throw new IllegalArgumentException("arrays too small for " + count + " points of stride " + strideFloats);
        }
        double maxAngle = Math.toRadians(config.maxNeighbourAngleDegrees());
        int edges = 0;
        for (int i = 0; i < count; i++) {
            edgeOut[i] = false;
            int s = i * strideFloats;
            double range = Math.sqrt(points[s] * points[s] + points[s + 1] * points[s + 1]
                    + points[s + 2] * points[s + 2]);
            if (!(range > 0)) {
                continue;
            }
            double jump = Math.max(config.minDepthJumpMeters(), config.relativeDepthJump() * range);
            boolean edge = i > 0 && isFurtherNeighbour(points, s, s - strideFloats, range, jump, maxAngle);
            edge = edge || (i + 1 < count && isFurtherNeighbour(points, s, s + strideFloats, range, jump, maxAngle));
            if (edge) {
                edgeOut[i] = true;
                edges++;
            }
        }
        return edges;
    }

    private static boolean isFurtherNeighbour(float[] p, int at, int other, double range, double jump,
            double maxAngle) {
        double otherRange = Math.sqrt(p[other] * p[other] + p[other + 1] * p[other + 1] + p[other + 2] * p[other + 2]);
        if (otherRange - range <= jump) {
            return false;
        }
        double azimuth = Math.atan2(p[at + 1], p[at]);
        double otherAzimuth = Math.atan2(p[other + 1], p[other]);
        double difference = Math.abs(azimuth - otherAzimuth);
        difference = Math.min(difference, 2 * Math.PI - difference);
        return difference <= maxAngle;
    }

    /**
     * Scores the projected edge points.
     *
     * @param uv                 {@code u, v} per point (pixel centres at integers), NaN when not visible
     * @param isEdge             which points are depth edges ({@link #markDepthEdges})
     * @param edgeDistancePixels {@code width * height} distances to the nearest image edge, row-major
     */
    public AlignmentScore score(float[] uv, boolean[] isEdge, int count, float[] edgeDistancePixels) {
        if (count < 0 || uv.length < 2L * count || isEdge.length < count) {
            throw new IllegalArgumentException("count " + count + " exceeds the point arrays");
        }
        if (edgeDistancePixels.length != width * height) {
            throw new IllegalArgumentException("edgeDistancePixels has " + edgeDistancePixels.length
                    + " values, the image " + width + "x" + height + " needs " + width * height);
        }
        double cap = config.maxEdgeDistancePixels();
        double sum = 0;
        int edges = 0;
        int projected = 0;
        for (int i = 0; i < count; i++) {
            float uf = uv[2 * i];
            float vf = uv[2 * i + 1];
            if (Float.isNaN(uf) || Float.isNaN(vf)) {
                continue;
            }
            int u = Math.round(uf);
            int v = Math.round(vf);
            if (u < 0 || v < 0 || u >= width || v >= height) {
                continue;
            }
            projected++;
            if (isEdge[i]) {
                sum += Math.min(cap, edgeDistancePixels[v * width + u]);
                edges++;
            }
        }
        return new AlignmentScore(edges == 0 ? Double.NaN : sum / edges, edges, projected);
    }

    public int widthPixels() {
        return width;
    }

    public int heightPixels() {
        return height;
    }
}
