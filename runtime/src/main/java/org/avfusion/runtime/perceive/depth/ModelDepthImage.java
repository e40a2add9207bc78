package org.avfusion.runtime.perceive.depth;

import org.avfusion.drivers.pool.PooledPayload;

/**
 * The monocular depth model's metric depth for one camera image, at the camera's resolution (row-major, metres; NaN
 * where there is none), pooled so that the depth stage can fill the next one while the track stage reads this one.
 * Written by the depth stage before it is published on the ring, read only afterwards.
 */
public final class ModelDepthImage extends PooledPayload {
    private final float[] meters;

    /** @param capacityPixels width x height of the camera it serves */
    public ModelDepthImage(int capacityPixels) {
        if (capacityPixels < 1) {
            throw new IllegalArgumentException("capacityPixels must be >= 1, was " + capacityPixels);
        }
        meters = new float[capacityPixels];
    }

    /** The depth in metres, row-major at the camera's resolution (the array itself: read, do not keep). */
    public float[] meters() {
        return meters;
    }

    @Override
    protected void clear() {
        // overwritten in full before each use
    }
}
