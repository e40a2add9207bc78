package org.avfusion.runtime.perceive.lidar;

import java.util.Arrays;

/**
 * A downsampled cloud: one entry per occupied voxel, in structure-of-arrays layout, lidar frame (metres). Per voxel:
 * the centroid of its points, how many lidar points it holds ({@link #weight}), its height above the
 * {@link GroundPrior}, whether the ground filter called it ground and which cluster it joined (-1: none).
 *
 * <p>Owned and refilled by {@link LidarObstaclePipeline} (or whoever calls {@link VoxelDownsampler}); valid until
 * the next sweep. Arrays grow (once) to the largest sweep seen and are never shrunk. Not thread-safe.
 */
public final class VoxelCloud {
    float[] x = new float[0];
    float[] y = new float[0];
    float[] z = new float[0];
    float[] heightMeters = new float[0];
    int[] weight = new int[0];
    boolean[] ground = new boolean[0];
    int[] cluster = new int[0];
    int size;

    void ensureCapacity(int n) {
        if (x.length < n) {
            int cap = Math.max(n + (n >> 3), 1024); // reserve: a slightly larger sweep must not reallocate
            x = new float[cap];
            y = new float[cap];
            z = new float[cap];
            heightMeters = new float[cap];
            weight = new int[cap];
            ground = new boolean[cap];
            cluster = new int[cap];
        }
    }

    void clear() {
        size = 0;
    }

    void resetLabels() {
        Arrays.fill(ground, 0, size, false);
        Arrays.fill(cluster, 0, size, -1);
    }

    public int size() {
        return size;
    }

    public float x(int i) {
        return x[i];
    }

    public float y(int i) {
        return y[i];
    }

    public float z(int i) {
        return z[i];
    }

    /** Height of the centroid above the ground prior, metres. */
    public float heightMeters(int i) {
        return heightMeters[i];
    }

    /** Lidar points the voxel holds (>= 1). */
    public int weight(int i) {
        return weight[i];
    }

    public boolean isGround(int i) {
        return ground[i];
    }

    /** Index of the cluster in {@link ObstacleClusters} the voxel belongs to, -1 when none (ground, noise). */
    public int cluster(int i) {
        return cluster[i];
    }

    /** Backing array of x, valid in {@code [0, size())}; read it, never write it (it belongs to the pipeline). */
    public float[] xArray() {
        return x;
    }

    /** Backing array of y, valid in {@code [0, size())}; read-only by contract. */
    public float[] yArray() {
        return y;
    }

    /** Backing array of z, valid in {@code [0, size())}; read-only by contract. */
    public float[] zArray() {
        return z;
    }

    /** Backing array of the weights, valid in {@code [0, size())}; read-only by contract. */
    public int[] weightArray() {
        return weight;
    }

    /** Backing array of the ground flags, valid in {@code [0, size())}; read-only by contract. */
    public boolean[] groundArray() {
        return ground;
    }
}
