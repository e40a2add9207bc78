package org.avfusion.runtime.stage;

import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;

/**
 * Detections of recent camera frames, written by the {@link DetectStage} as the frames arrive and read by the
 * {@link PerceiveStage} when a set uses one of them. Keyed by the image buffer's identity and the frame's stamp (clock
 * offset removed, as the set carries it): a pooled buffer carries one frame after another, and a frame the detect
 * stage skipped must not find the entry of an earlier frame in the same buffer.
 *
 * <p>The detect stage runs beside the ring's chain ({@link org.avfusion.runtime.ring.FrameRing.Placement#BESIDE_CHAIN}),
 * so nothing orders its work on a frame before the perceive stage's use of it: each frame is <em>claimed</em> once,
 * by whichever of the two comes first, and detected only by that one.
 * <ul>
 * <li>Detect stage: {@link #begin} claims the frame (false when the perceive stage already has: skip it), then
 *     {@link #complete} with the detections, or {@link #abandon} when the detector did not run.</li>
 * <li>Perceive stage: {@link #take} copies the frame's detections when they are there; waits for them while the detect
 *     stage is running the frame (the inference is under way: waiting is shorter than running it again); and
 *     otherwise claims the frame and returns false, and the perceive stage detects the image itself.</li>
 * </ul>
 *
 * <p>Threading: any threads; every call holds this cache's monitor (a few calls per camera frame, never per pixel),
 * and {@link #take} waits on it. Entries are reused oldest first, skipping the one being detected. Allocation-free
 * after construction.
 */
public final class DetectionCache {
    private enum State {
        EMPTY, DETECTING, DONE, TAKEN
    }

    private static final class Entry {
        State state = State.EMPTY;
        CameraImage image;
        long stampNanos;
        final DetectionList detections;

        Entry(int maxDetections) {
            detections = new DetectionList(maxDetections);
        }

        boolean holds(CameraImage i, long stamp) {
            return state != State.EMPTY && image == i && stampNanos == stamp;
        }
    }

    private final Entry[] entries;
    private int next; // under this
    private Entry detecting; // under this: the entry the detect stage is filling, or null
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();

    /**
     * @param size          entries, in [2, 1024]: camera frames kept (more than a set can reach back)
     * @param maxDetections detections per entry
     */
    public DetectionCache(int size, int maxDetections) {
        if (size < 2 || size > 1024) {
            throw new IllegalArgumentException("detection cache size must be in [2, 1024], was " + size);
        }
        entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new Entry(maxDetections);
        }
    }

    /**
     * Detect stage: claims the frame stamped {@code stampNanos} in {@code image} for detection, replacing the oldest
     * entry. At most one frame is being detected at a time: the previous one must be completed or abandoned first.
     *
     * @return false when the frame is already claimed (the perceive stage took it first): do not detect it
     */
    public synchronized boolean begin(CameraImage image, long stampNanos) {
        if (detecting != null) {
            throw new IllegalStateException("a frame is already being detected: complete or abandon it first");
        }
        if (find(image, stampNanos) != null) {
            return false;
        }
        Entry e = claim(image, stampNanos, State.DETECTING);
        detecting = e;
        return true;
    }

    /** Detect stage: the claimed frame's detections (copied); wakes a perceive stage waiting for them. */
    public synchronized void complete(DetectionList detections) {
        Entry e = requireDetecting();
        e.detections.clear();
        for (int i = 0; i < detections.size(); i++) {
            e.detections.addFrom(detections, i);
        }
        e.state = State.DONE;
        detecting = null;
        notifyAll();
    }

    /** Detect stage: the claimed frame was not detected (the detector is closed); a waiting reader detects it itself. */
    public synchronized void abandon() {
        Entry e = requireDetecting();
        e.state = State.EMPTY;
        e.image = null;
        detecting = null;
        notifyAll();
    }

    /**
     * Perceive stage: copies the detections of the frame stamped {@code stampNanos} in {@code image} into {@code out}
     * (cleared first), waiting up to {@code maxWaitNanos} while the detect stage is running it.
     *
     * @return true if they were there; false (and {@code out} empty) when the frame was not detected on arrival, in
     *         which case it is now claimed for the caller, which detects the image itself
     */
    public synchronized boolean take(CameraImage image, long stampNanos, DetectionList out, long maxWaitNanos)
            throws InterruptedException {
        out.clear();
        Entry e = find(image, stampNanos);
        if (e != null && e.state == State.DETECTING) {
            waits.incrementAndGet();
            long deadline = System.nanoTime() + maxWaitNanos;
            for (long left = maxWaitNanos; left > 0 && e.holds(image, stampNanos) && e.state == State.DETECTING; ) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                left = deadline - System.nanoTime();
            }
            e = find(image, stampNanos);
        }
        if (e != null && e.state == State.DONE) {
            DetectionList d = e.detections;
            for (int i = 0; i < d.size(); i++) {
                out.addFrom(d, i);
            }
            hits.incrementAndGet();
            return true;
        }
        if (e == null) {
            claim(image, stampNanos, State.TAKEN);
        }
        misses.incrementAndGet();
        return false;
    }

    /** Sets whose image's detections came from the cache. */
    public long hitCount() {
        return hits.get();
    }

    /** Sets whose image was not in the cache (detected by the perceive stage instead). */
    public long missCount() {
        return misses.get();
    }

    /** Sets whose image was still being detected when the perceive stage wanted it (it waited). */
    public long waitCount() {
        return waits.get();
    }

    private Entry find(CameraImage image, long stampNanos) {
        for (Entry e : entries) {
            if (e.holds(image, stampNanos)) {
                return e;
            }
        }
        return null;
    }

    private Entry claim(CameraImage image, long stampNanos, State state) {
        Entry e = entries[next];
        if (e == detecting) { // never reuse the entry being filled (size >= 2: the next one is free of it)
            next = next + 1 == entries.length ? 0 : next + 1;
            e = entries[next];
        }
        next = next + 1 == entries.length ? 0 : next + 1;
        e.state = state;
        e.image = image;
        e.stampNanos = stampNanos;
        e.detections.clear();
        return e;
    }

    private Entry requireDetecting() {
        if (detecting == null) {
            throw new IllegalStateException("no frame is being detected");
        }
        return detecting;
    }
}
