package org.avfusion.runtime.perceive.detect;

/**
 * Detections of one image as parallel primitive arrays: box corners in source-image pixels ({@code x1 <= x2},
 * {@code y1 <= y2}), score in [0, 1], COCO class index. Preallocated with a fixed capacity and reused frame after
 * frame, so detecting allocates nothing; an {@link #add} beyond capacity is dropped and counted in
 * {@link #overflowCount()}.
 *
 * <p>Not thread-safe: one writer (a detector or a decoder), read after it returns; contents valid until the next
 * {@link #clear()}.
 */
public final class DetectionList {
    private final float[] x1;
    private final float[] y1;
    private final float[] x2;
    private final float[] y2;
    private final float[] score;
    private final int[] cocoClass;
    private int size;
    private long overflowCount;

    public DetectionList(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        x1 = new float[capacity];
        y1 = new float[capacity];
        x2 = new float[capacity];
        y2 = new float[capacity];
        score = new float[capacity];
        cocoClass = new int[capacity];
    }

    /** Empties the list (the overflow count is kept: it counts over the list's life). */
    public void clear() {
        size = 0;
    }

    /** Appends a detection; returns false (and counts it) when the list is full. */
    public boolean add(float x1Pixels, float y1Pixels, float x2Pixels, float y2Pixels, float score, int cocoClass) {
        if (size == x1.length) {
            overflowCount++;
            return false;
        }
        set(size++, x1Pixels, y1Pixels, x2Pixels, y2Pixels, score, cocoClass);
        return true;
    }

    /** Copies entry {@code i} of {@code other} onto the end of this list. */
    public boolean addFrom(DetectionList other, int i) {
        return add(other.x1[i], other.y1[i], other.x2[i], other.y2[i], other.score[i], other.cocoClass[i]);
    }

    void set(int i, float ax1, float ay1, float ax2, float ay2, float s, int c) {
        x1[i] = ax1;
        y1[i] = ay1;
        x2[i] = ax2;
        y2[i] = ay2;
        score[i] = s;
        cocoClass[i] = c;
    }

    /** Removes entry {@code i} by moving the last entry into its place (order is not kept). */
    public void removeSwap(int i) {
        checkIndex(i);
        int last = --size;
        set(i, x1[last], y1[last], x2[last], y2[last], score[last], cocoClass[last]);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return x1.length;
    }

    /** Detections dropped because the list was full, over its life. */
    public long overflowCount() {
        return overflowCount;
    }

    public float x1(int i) {
        checkIndex(i);
        return x1[i];
    }

    public float y1(int i) {
        checkIndex(i);
        return y1[i];
    }

    public float x2(int i) {
        checkIndex(i);
        return x2[i];
    }

    public float y2(int i) {
        checkIndex(i);
        return y2[i];
    }

    public float score(int i) {
        checkIndex(i);
        return score[i];
    }

    public int cocoClass(int i) {
        checkIndex(i);
        return cocoClass[i];
    }

    public DrivingClass drivingClass(int i) {
        return DrivingClass.ofCoco(cocoClass(i));
    }

    /** Intersection over union of entry {@code i} with the box {@code (bx1, by1, bx2, by2)}. */
    public float iou(int i, float bx1, float by1, float bx2, float by2) {
        checkIndex(i);
        return BoxMath.iou(x1[i], y1[i], x2[i], y2[i], bx1, by1, bx2, by2);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("detection " + i + " of " + size);
        }
    }

    // package-private raw access for the decoders and NMS (no bounds checks in their inner loops)
    float[] x1s() {
        return x1;
    }

    float[] y1s() {
        return y1;
    }

    float[] x2s() {
        return x2;
    }

    float[] y2s() {
        return y2;
    }

    float[] scores() {
        return score;
    }

    int[] classes() {
        return cocoClass;
    }
}
