package org.avfusion.runtime.fusion;

/**
 * The fused objects of one frame as parallel arrays (lidar frame, metres, radians), with the frame's counts of bad
 * or unusual input. Preallocated with a fixed capacity ({@link FusionConfig#maxObjects}); filled by
 * {@link RoiClusterFusion#fuse}, valid until the next call. Not thread-safe.
 */
public final class FusedObjects {
    private final ObjectClass[] objectClass;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] length;
    private final double[] width;
    private final double[] height;
    private final double[] yaw;
    private final int[] points;
    private final int[] modalities;
    private final float[] score;
    private final int[] cluster;
    private final int[] detection;
    private final float[] sigma;
    private int size;

    int matched;
    int splits;
    int occluderDepths;
    int riderMerges;
    int depthPlaced;
    int groundPlanePlaced;
    int groundPlaneCut;
    int detectionsIgnored;
    int detectionsInvalid;
    int detectionsOutsideImage;
    int detectionsClipped;
    int detectionsDropped;
    int detectionsWithoutDepth;
    int degenerateClusters;
    int objectsDropped;
    boolean cameraMissing;

    public FusedObjects(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        objectClass = new ObjectClass[capacity];
        x = new double[capacity];
        y = new double[capacity];
        z = new double[capacity];
        length = new double[capacity];
        width = new double[capacity];
        height = new double[capacity];
        yaw = new double[capacity];
        points = new int[capacity];
        modalities = new int[capacity];
        score = new float[capacity];
        cluster = new int[capacity];
        detection = new int[capacity];
        sigma = new float[capacity];
    }

    void clear() {
        size = 0;
        matched = 0;
        splits = 0;
        occluderDepths = 0;
        riderMerges = 0;
        depthPlaced = 0;
        groundPlanePlaced = 0;
        groundPlaneCut = 0;
        detectionsIgnored = 0;
        detectionsInvalid = 0;
        detectionsOutsideImage = 0;
        detectionsClipped = 0;
        detectionsDropped = 0;
        detectionsWithoutDepth = 0;
        degenerateClusters = 0;
        objectsDropped = 0;
        cameraMissing = false;
    }

    /** Appends an object; returns its index, or -1 (counted in {@link #objectsDropped()}) when full. */
    int add(ObjectClass c, double cx, double cy, double cz, double len, double wid, double hgt, double yawRad,
            int pointCount, int modalityMask, float detectionScore, int clusterIndex, int detectionIndex) {
        if (size == x.length) {
            objectsDropped++;
            return -1;
        }
        int i = size++;
        objectClass[i] = c;
        setBox(i, cx, cy, cz, len, wid, hgt, yawRad);
        points[i] = pointCount;
        modalities[i] = modalityMask;
        score[i] = detectionScore;
        cluster[i] = clusterIndex;
        detection[i] = detectionIndex;
        sigma[i] = Float.NaN;
        return i;
    }

    /** Sets object {@code i}'s position uncertainty (see {@link #positionSigmaMeters}). */
    void setPositionSigma(int i, double sigmaMeters) {
        sigma[i] = (float) sigmaMeters;
    }

    /**
     * The standard deviation of object {@code i}'s position, metres, where its placement knows it (the flat-ground
     * range: its range error from a few pixels of the bottom edge; the depth model: a fraction of its depth); NaN
     * for lidar-placed objects (the tracker's {@code measurementNoiseMeters}).
     */
    public float positionSigmaMeters(int i) {
        return sigma[i];
    }

    void setBox(int i, double cx, double cy, double cz, double len, double wid, double hgt, double yawRad) {
        x[i] = cx;
        y[i] = cy;
        z[i] = cz;
        length[i] = len;
        width[i] = wid;
        height[i] = hgt;
        yaw[i] = yawRad;
    }

    void setPoints(int i, int pointCount) {
        points[i] = pointCount;
    }

    void setClass(int i, ObjectClass c, int detectionIndex, float detectionScore) {
        objectClass[i] = c;
        detection[i] = detectionIndex;
        score[i] = detectionScore;
        modalities[i] |= Modality.CAMERA.bit();
    }

    void setClassOnly(int i, ObjectClass c) {
        objectClass[i] = c;
    }

    /** Removes the objects whose {@code remove} flag is set, keeping the order of the rest. */
    void compact(boolean[] remove) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (remove[r]) {
                continue;
            }
            if (w != r) {
                objectClass[w] = objectClass[r];
                setBox(w, x[r], y[r], z[r], length[r], width[r], height[r], yaw[r]);
                points[w] = points[r];
                modalities[w] = modalities[r];
                score[w] = score[r];
                cluster[w] = cluster[r];
                detection[w] = detection[r];
                sigma[w] = sigma[r];
            }
            w++;
        }
        size = w;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return x.length;
    }

    public ObjectClass objectClass(int i) {
        return objectClass[check(i)];
    }

    /** Box centre, lidar frame, metres. */
    public double xMeters(int i) {
        return x[check(i)];
    }

    public double yMeters(int i) {
        return y[check(i)];
    }

    public double zMeters(int i) {
        return z[check(i)];
    }

    /** Longer horizontal side, metres. */
    public double lengthMeters(int i) {
        return length[check(i)];
    }

    public double widthMeters(int i) {
        return width[check(i)];
    }

    public double heightMeters(int i) {
        return height[check(i)];
    }

    /** Direction of the length side from the lidar's x axis, counter-clockwise, radians. */
    public double yawRad(int i) {
        return yaw[check(i)];
    }

    /** Lidar points in the object (depth pixels for an object placed by depth alone). */
    public int points(int i) {
        return points[check(i)];
    }

    /** Bit mask of {@link Modality#bit()}. */
    public int modalityMask(int i) {
        return modalities[check(i)];
    }

    public boolean has(int i, Modality m) {
        return (modalities[check(i)] & m.bit()) != 0;
    }

    /** The matched detection's score, 0 for lidar alone. */
    public float score(int i) {
        return score[check(i)];
    }

    /** The cluster this object came from (index into the frame's {@code ObstacleClusters}), or -1. */
    public int clusterIndex(int i) {
        return cluster[check(i)];
    }

    /** The detection that classified it (index into the frame's {@code DetectionList}), or -1. */
    public int detectionIndex(int i) {
        return detection[check(i)];
    }

    /** Object {@code i} as a value (allocates). */
    public FusedObject get(int i) {
        check(i);
        return new FusedObject(objectClass[i], x[i], y[i], z[i], length[i], width[i], height[i], yaw[i], points[i],
                Modality.of(modalities[i]), score[i]);
    }

    /** Clusters matched to a detection by IoU. */
    public int matched() {
        return matched;
    }

    /** Objects split off a cluster by a detection box and its depth gate. */
    public int splits() {
        return splits;
    }

    /**
     * Unmatched detections whose lidar depth mode was something narrower standing before them (the members at that
     * depth spanned less than half the box's width): placed without lidar depth.
     */
    public int occluderDepths() {
        return occluderDepths;
    }

    /** A person and a bicycle detection on one cluster, fused into one cyclist. */
    public int riderMerges() {
        return riderMerges;
    }

    /** Detections without a cluster, placed by lidar or model depth in their box or by the flat-ground range. */
    public int depthPlaced() {
        return depthPlaced;
    }

    /** Of {@link #depthPlaced()}, detections placed by the flat-ground range of their box's bottom edge. */
    public int groundPlanePlaced() {
        return groundPlanePlaced;
    }

    /** Detections with no lidar or model depth whose box the image's bottom border cuts: no ground-plane range. */
    public int groundPlaneCut() {
        return groundPlaneCut;
    }

    /** Detections left out: a class that is no road object (traffic light, stop sign) or a score under the least. */
    public int detectionsIgnored() {
        return detectionsIgnored;
    }

    /** Detections with a non-finite or inverted box. */
    public int detectionsInvalid() {
        return detectionsInvalid;
    }

    /** Detections entirely outside the image. */
    public int detectionsOutsideImage() {
        return detectionsOutsideImage;
    }

    /** Detections reaching outside the image, clipped to it. */
    public int detectionsClipped() {
        return detectionsClipped;
    }

    /** Detections beyond {@link FusionConfig#maxDetections}. */
    public int detectionsDropped() {
        return detectionsDropped;
    }

    /** Detections with no cluster and no usable depth in their box (NaN or too few depth pixels): no object. */
    public int detectionsWithoutDepth() {
        return detectionsWithoutDepth;
    }

    /** Clusters of one member voxel (or none visible with a zero-size box): kept as unknown, never matched. */
    public int degenerateClusters() {
        return degenerateClusters;
    }

    /** Objects beyond the capacity. */
    public int objectsDropped() {
        return objectsDropped;
    }

    /** Whether the frame had no camera transform (no projector): every object is lidar-only. */
    public boolean cameraMissing() {
        return cameraMissing;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("object " + i + " of " + size);
        }
        return i;
    }
}
