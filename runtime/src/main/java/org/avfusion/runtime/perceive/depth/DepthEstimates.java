package org.avfusion.runtime.perceive.depth;

import java.util.Arrays;

/**
 * One depth per detection, parallel to a {@code DetectionList}: depth (metres, camera z), spread (inter-quartile
 * range of the depths in the chosen mode, metres), the source and the number of depth pixels in the mode.
 * Preallocated and reused; NaN depth and spread with {@link DepthSource#NONE} when there is no estimate.
 *
 * <p>Not thread-safe: written by {@link DetectionDepth#estimate}, read after it returns, valid until the next.
 */
public final class DepthEstimates {
    private final float[] depthMeters;
    private final float[] spreadMeters;
    private final DepthSource[] source;
    private final int[] pointCount;
    private int size;

    public DepthEstimates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        depthMeters = new float[capacity];
        spreadMeters = new float[capacity];
        source = new DepthSource[capacity];
        pointCount = new int[capacity];
        Arrays.fill(source, DepthSource.NONE);
    }

    void reset(int n) {
        if (n > depthMeters.length) {
            throw new IllegalArgumentException(n + " detections exceed the estimates' capacity " + depthMeters.length);
        }
        size = n;
    }

    void set(int i, float depth, float spread, DepthSource src, int points) {
        depthMeters[i] = depth;
        spreadMeters[i] = spread;
        source[i] = src;
        pointCount[i] = points;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return depthMeters.length;
    }

    public float depthMeters(int i) {
        checkIndex(i);
        return depthMeters[i];
    }

    public float spreadMeters(int i) {
        checkIndex(i);
        return spreadMeters[i];
    }

    public DepthSource source(int i) {
        checkIndex(i);
        return source[i];
    }

    /** Depth pixels in the chosen mode (0 for {@link DepthSource#NONE}). */
    public int pointCount(int i) {
        checkIndex(i);
        return pointCount[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("estimate " + i + " of " + size);
        }
    }
}
