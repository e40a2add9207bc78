package org.avfusion.runtime.stage;

import java.util.concurrent.locks.ReentrantLock;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.ObjectDetector;

/**
 * One detector used by two ring threads: the {@link DetectStage} (frames as they arrive) and the
 * {@link PerceiveStage} (a set's image that was not detected on arrival). A detector is not thread-safe (one ONNX
 * Runtime session, its reused buffers), so each use holds a lock; uncontended in the usual case, where the perceive
 * stage finds every image in the {@link DetectionCache}. Closed once, by whichever stage shuts down first; a use
 * after that does nothing.
 */
public final class SharedDetector implements AutoCloseable {
    private final ObjectDetector detector;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // under lock

    public SharedDetector(ObjectDetector detector) {
        this.detector = java.util.Objects.requireNonNull(detector, "detector");
    }

    /**
     * Detects objects in {@code image} into {@code out} (cleared by the detector).
     *
     * @return false, with {@code out} cleared, when the detector is already closed (the ring is shutting down)
     */
    public boolean detect(CameraImage image, long stampNanos, DetectionList out) {
        lock.lock();
        try {
            if (closed) {
                out.clear();
                return false;
            }
            detector.detect(image, stampNanos, out);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The detector itself (warm-up before the ring starts, tests). */
    public ObjectDetector detector() {
        return detector;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                detector.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
