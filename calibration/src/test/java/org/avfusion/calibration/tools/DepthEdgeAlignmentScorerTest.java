package org.avfusion.calibration.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepthEdgeAlignmentScorerTest {
    private static final int W = 200;
    private static final int H = 100;
    private static final int BOX_LEFT = 80;
    private static final int BOX_RIGHT = 120;

    /** Image edges: the box's two vertical outlines; every pixel's distance to the nearer one. */
    private static float[] edgeDistance() {
        float[] d = new float[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                d[v * W + u] = Math.min(Math.abs(u - BOX_LEFT), Math.abs(u - BOX_RIGHT));
            }
        }
        return d;
    }

    /** A scan of a box 5 m away (columns 80..120) before a wall 20 m away, every 4th row, moved by {@code du}. */
    private static AlignmentScore scoreWithShift(int du) {
        int n = W * H / 4;
        float[] u = new float[n];
        float[] v = new float[n];
        float[] depth = new float[n];
        int count = 0;
        for (int row = 0; row < H; row += 4) {
            for (int col = 0; col < W; col++) {
                u[count] = col + du;
                v[count] = row;
                depth[count] = col >= BOX_LEFT && col <= BOX_RIGHT ? 5f : 20f;
                count++;
            }
        }
        return new DepthEdgeAlignmentScorer(W, H, DepthEdgeConfig.DEFAULTS).score(u, v, depth, count,
                edgeDistance(), null);
    }

    @Test
    void depthEdgesOnImageEdgesScoreZero() {
        AlignmentScore aligned = scoreWithShift(0);
        assertEquals(0.0, aligned.meanEdgeDistancePixels(), 1e-9);
        assertEquals(2 * 25, aligned.edgePoints(), "two box outlines in 25 rows");
    }

    @Test
    void aShiftedProjectionScoresItsShiftInPixels() {
        AlignmentScore shifted = scoreWithShift(6);
        assertEquals(6.0, shifted.meanEdgeDistancePixels(), 1e-9);
        assertTrue(shifted.meanEdgeDistancePixels() > scoreWithShift(0).meanEdgeDistancePixels());
    }

    @Test
    void pointsBehindTheCameraOrOutsideTheImageAreNotProjected() {
        float[] u = {10, -3, 50, 250};
        float[] v = {10, 10, 10, 10};
        float[] depth = {5, 5, -2, 5};
        AlignmentScore s = new DepthEdgeAlignmentScorer(W, H, DepthEdgeConfig.DEFAULTS).score(u, v, depth, 4,
                edgeDistance(), null);
        assertEquals(1, s.projectedPoints());
        assertEquals(0, s.edgePoints());
        assertTrue(Double.isNaN(s.meanEdgeDistancePixels()));
    }
}
