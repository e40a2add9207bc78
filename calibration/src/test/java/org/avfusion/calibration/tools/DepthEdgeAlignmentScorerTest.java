package org.avfusion.calibration.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepthEdgeAlignmentScorerTest {
    private static final int W = 200;
    private static final int H = 100;
    private static final int BOX_LEFT = 80;
    private static final int BOX_RIGHT = 120;
    private static final DepthEdgeAlignmentScorer SCORER = new DepthEdgeAlignmentScorer(W, H,
            DepthEdgeConfig.DEFAULTS);

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

    /** One ring: points 0.1 degree apart straight ahead, a box 5 m away for indices 80..120 before a wall at 20 m. */
    private static float[] ring() {
        float[] p = new float[W * 4];
        for (int i = 0; i < W; i++) {
            double azimuth = Math.toRadians(0.1 * (i - W / 2));
            double range = i >= BOX_LEFT && i <= BOX_RIGHT ? 5 : 20;
            p[4 * i] = (float) (range * Math.cos(azimuth));
            p[4 * i + 1] = (float) (range * Math.sin(azimuth));
        }
        return p;
    }

    /** A stand-in projection: point i lands on column i + du, every 4th row. */
    private static float[] projection(int du) {
        float[] uv = new float[2 * W];
        for (int i = 0; i < W; i++) {
            uv[2 * i] = i + du;
            uv[2 * i + 1] = 40;
        }
        return uv;
    }

    @Test
    void marksTheNearSideOfEachOutline() {
        boolean[] edge = new boolean[W];
        assertEquals(2, SCORER.markDepthEdges(ring(), 4, W, edge));
        assertTrue(edge[BOX_LEFT] && edge[BOX_RIGHT]);
        assertTrue(!edge[BOX_LEFT - 1] && !edge[BOX_RIGHT + 1], "the far side is not an edge");
    }

    @Test
    void noEdgeAcrossARingChangeOrAGap() {
        float[] p = {10, 0, 0, 0, /* next ring starts 90 degrees away */ 0, 30, 0, 0};
        boolean[] edge = new boolean[2];
        assertEquals(0, SCORER.markDepthEdges(p, 4, 2, edge));
        assertArrayEquals(new boolean[] {false, false}, edge);
    }

    @Test
    void depthEdgesOnImageEdgesScoreZeroAndAShiftScoresItsPixels() {
        boolean[] edge = new boolean[W];
        SCORER.markDepthEdges(ring(), 4, W, edge);
        AlignmentScore aligned = SCORER.score(projection(0), edge, W, edgeDistance());
        AlignmentScore shifted = SCORER.score(projection(6), edge, W, edgeDistance());
        AlignmentScore farOff = SCORER.score(projection(60), edge, W, edgeDistance());
        assertEquals(0.0, aligned.meanEdgeDistancePixels(), 1e-9);
        assertEquals(6.0, shifted.meanEdgeDistancePixels(), 1e-9);
        assertEquals(DepthEdgeConfig.DEFAULTS.maxEdgeDistancePixels(), farOff.meanEdgeDistancePixels(), 1e-9,
                "capped");
    }

    @Test
    void pointsNotVisibleOrOutsideTheImageAreNotCounted() {
        float[] uv = {10, 10, Float.NaN, Float.NaN, -3, 10, 250, 10};
        boolean[] edge = {false, true, true, true};
        AlignmentScore s = SCORER.score(uv, edge, 4, edgeDistance());
        assertEquals(1, s.projectedPoints());
        assertEquals(0, s.edgePoints());
        assertTrue(Double.isNaN(s.meanEdgeDistancePixels()));
    }
}
