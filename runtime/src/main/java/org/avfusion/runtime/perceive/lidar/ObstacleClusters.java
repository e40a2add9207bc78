package org.avfusion.runtime.perceive.lidar;

import java.util.Arrays;

/**
 * What the lidar obstacle pipeline found in one sweep: per cluster an oriented box in the lidar frame (centre,
 * length >= width, height, yaw of the length side in {@code (-pi/2, pi/2]}, all in metres and radians), the lidar
 * points it holds, and its member voxels (centroids, for projecting into a camera), plus the sweep's counts.
 *
 * <p>Preallocated and reused: filled by {@link LidarObstaclePipeline#process}, valid until the next call into it;
 * arrays grow to the largest sweep and are never shrunk. Not thread-safe.
 */
public final class ObstacleClusters {
    private float[] centerX = new float[64];
    private float[] centerY = new float[64];
    private float[] centerZ = new float[64];
    private float[] length = new float[64];
    private float[] width = new float[64];
    private float[] height = new float[64];
    private float[] yaw = new float[64];
    private int[] points = new int[64];
    private int[] memberStart = new int[65];
    private float[] memberX = new float[1024];
    private float[] memberY = new float[1024];
    private float[] memberZ = new float[1024];
    private int count;
    private int members;
    int inputPoints;
    int croppedPoints;
    int voxels;
    int groundVoxels;
    int rejectedSmall;
    int rejectedLarge;

    void clear() {
        count = 0;
        members = 0;
        memberStart[0] = 0;
    }

    /**
     * Makes room for {@code members} cluster members now, so that filling this list with a sweep of that many
     * allocates nothing (the cluster stage's hand-off buffers are sized so before the clock).
     *
     * @throws IllegalArgumentException unless {@code members} is in [0, 2^26]
     */
    public void reserveMembers(int members) {
        if (members < 0 || members > 1 << 26) {
            throw new IllegalArgumentException("members must be in [0, 2^26], was " + members);
        }
        ensureMemberCapacity(members);
    }

    /** Members this list has room for now: for tests. */
    int memberCapacity() {
        return memberX.length;
    }

    void ensureMemberCapacity(int n) {
        if (memberX.length < n) {
            memberX = Arrays.copyOf(memberX, Math.max(n, memberX.length * 2));
            memberY = Arrays.copyOf(memberY, memberX.length);
            memberZ = Arrays.copyOf(memberZ, memberX.length);
        }
    }

    void addMember(float x, float y, float z) {
        memberX[members] = x;
        memberY[members] = y;
        memberZ[members] = z;
        members++;
    }

    void add(double cx, double cy, double cz, double len, double wid, double hgt, double yawRad, int pointCount) {
        if (count == centerX.length) {
            int cap = count * 2;
            centerX = Arrays.copyOf(centerX, cap);
            centerY = Arrays.copyOf(centerY, cap);
            centerZ = Arrays.copyOf(centerZ, cap);
            length = Arrays.copyOf(length, cap);
            width = Arrays.copyOf(width, cap);
            height = Arrays.copyOf(height, cap);
            yaw = Arrays.copyOf(yaw, cap);
            points = Arrays.copyOf(points, cap);
            memberStart = Arrays.copyOf(memberStart, cap + 1);
        }
        centerX[count] = (float) cx;
        centerY[count] = (float) cy;
        centerZ[count] = (float) cz;
        length[count] = (float) len;
        width[count] = (float) wid;
        height[count] = (float) hgt;
        yaw[count] = (float) yawRad;
        points[count] = pointCount;
        count++;
        memberStart[count] = members;
    }

    /** Clusters found. */
    public int size() {
        return count;
    }

    /** Box centre x, lidar frame, metres. */
    public float centerXMeters(int c) {
        return centerX[c];
    }

    public float centerYMeters(int c) {
        return centerY[c];
    }

    /** Middle between the cluster's lowest and highest voxel, lidar frame, metres. */
    public float centerZMeters(int c) {
        return centerZ[c];
    }

    /** Longer horizontal side, metres. */
    public float lengthMeters(int c) {
        return length[c];
    }

    /** Shorter horizontal side, metres. */
    public float widthMeters(int c) {
        return width[c];
    }

    /** Vertical extent of the member voxels' centroids, metres. */
    public float heightMeters(int c) {
        return height[c];
    }

    /** Direction of the length side from the lidar's x axis, counter-clockwise, in {@code (-pi/2, pi/2]}. */
    public float yawRad(int c) {
        return yaw[c];
    }

    /** Lidar points in the cluster (before downsampling). */
    public int points(int c) {
        return points[c];
    }

    /** Member voxels of cluster {@code c}: indices {@code [memberStart(c), memberStart(c + 1))}. */
    public int memberStart(int c) {
        return memberStart[c];
    }

    public float memberX(int k) {
        return memberX[k];
    }

    public float memberY(int k) {
        return memberY[k];
    }

    public float memberZ(int k) {
        return memberZ[k];
    }

    /** Points in the sweep given to the pipeline. */
    public int inputPoints() {
        return inputPoints;
    }

    /** Points left after the range and height crop. */
    public int croppedPoints() {
        return croppedPoints;
    }

    /** Occupied voxels after downsampling. */
    public int voxels() {
        return voxels;
    }

    /** Voxels the ground filter marked ground (never clustered). */
    public int groundVoxels() {
        return groundVoxels;
    }

    /** Components dropped for holding fewer than {@code minClusterPoints}. */
    public int rejectedSmall() {
        return rejectedSmall;
    }

    /** Components dropped for holding more than {@code maxClusterPoints}. */
    public int rejectedLarge() {
        return rejectedLarge;
    }
}
