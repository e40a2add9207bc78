package org.avfusion.runtime.stage;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;

/**
 * Detections of recent camera frames, written by the {@link DetectStage} as the frames arrive and read by the
 * {@link PerceiveStage} when a set uses one of them. Keyed by the image buffer's identity and the frame's stamp (clock
 * offset removed, as the set carries it): a pooled buffer carries one frame after another, and a frame the detect
 * stage skipped must not find the entry of an earlier frame in the same buffer.
 *
 * <p>Threading: one writer, one reader, no lock. Each entry is a sequence lock (as {@link
 * java.util.concurrent.locks.StampedLock}'s optimistic read): the writer makes its version odd, writes, makes it even;
 * the reader copies, then checks that the version did not move. The ring's order already puts every write of a frame
 * before the reads of the sets that use it; the version only guards the case where the writer runs so far ahead that
 * it reuses the entry being read, which is then a miss (the perceive stage detects itself), never a torn copy.
 * Entries are reused oldest first. Allocation-free after construction.
 */
public final class DetectionCache {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = java.lang.invoke.MethodHandles.lookup().findVarHandle(Entry.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Entry {
        @SuppressWarnings("unused") // through VERSION
        volatile long version;
        CameraImage image;
        long stampNanos;
        final DetectionList detections;

        Entry(int maxDetections) {
            detections = new DetectionList(maxDetections);
        }
    }

    private final Entry[] entries;
    private int next; // writer only
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param size          entries, in [1, 1024]: camera frames kept (more than a set can reach back)
     * @param maxDetections detections per entry
     */
    public DetectionCache(int size, int maxDetections) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("detection cache size must be in [1, 1024], was " + size);
        }
        entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new Entry(maxDetections);
        }
    }

    /**
     * Writer: stores a copy of {@code detections} as the detections of the frame stamped {@code stampNanos} in
     * {@code image}, replacing the oldest entry.
     */
    public void put(CameraImage image, long stampNanos, DetectionList detections) {
        Entry e = entries[next];
        next = next + 1 == entries.length ? 0 : next + 1;
        long v = (long) VERSION.getVolatile(e);
        VERSION.setVolatile(e, v + 1); // odd: being written
        VarHandle.storeStoreFence();
        e.image = image;
        e.stampNanos = stampNanos;
        e.detections.clear();
        for (int i = 0; i < detections.size(); i++) {
            e.detections.addFrom(detections, i);
        }
        VERSION.setVolatile(e, v + 2);
    }

    /**
     * Reader: copies the detections of the frame stamped {@code stampNanos} in {@code image} into {@code out}
     * (cleared first).
     *
     * @return true if they were there; false (and {@code out} empty) if the frame was not detected on arrival
     */
    public boolean copyInto(CameraImage image, long stampNanos, DetectionList out) {
        for (Entry e : entries) {
            long v = (long) VERSION.getVolatile(e);
            if ((v & 1) != 0 || e.image != image || e.stampNanos != stampNanos) {
                continue;
            }
            out.clear();
            DetectionList d = e.detections;
            int n = d.size();
            for (int i = 0; i < n; i++) {
                out.addFrom(d, i);
            }
            VarHandle.acquireFence();
            if ((long) VERSION.getVolatile(e) == v) {
                hits.incrementAndGet();
                return true;
            }
            break; // overwritten while copied: the frame is gone from the cache
        }
        out.clear();
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
}
