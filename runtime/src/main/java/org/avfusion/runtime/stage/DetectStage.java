package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Camera detection as the frames arrive: runs beside the align stage (both see every slot; the perceive stage waits
 * for both), detects each frame of the detecting camera and leaves the result in a {@link DetectionCache} for the
 * perceive stage to take when a set uses that frame. A camera frame arrives before the sweep it is aligned with is
 * complete (it is taken as the lidar faces forward, the sweep is complete a half turn later), so the inference is
 * done by the time the set exists and is off the decision's critical path; the price is an inference for every
 * frame of the camera, also those no set uses (a 15 Hz camera with a 10 Hz lidar: 1.5 inferences per set).
 *
 * <p>When the stage falls behind (more slots are already waiting behind a camera frame, the Disruptor's
 * {@code endOfBatch} is false), it skips that frame: the perceive stage then detects the set's image itself, as
 * without this stage, so a detector slower than the camera costs latency, not the ring.
 *
 * <p>Threading: its own ring thread. The detector is shared with the perceive stage's fallback
 * ({@link SharedDetector}); this stage closes it on shutdown too (whichever stage stops first does).
 */
public final class DetectStage implements EventHandler<FrameEvent> {
    private final SharedDetector detector;
    private final int cameraIndex;
    private final DetectionCache cache;
    private final DetectionList scratch;
    private final StageTimer timer = new StageTimer("detect");
    private final AtomicLong detected = new AtomicLong();
    private final AtomicLong skippedBehind = new AtomicLong();

    /**
     * @param detector      the pipeline's detector, shared with the perceive stage
     * @param cameraIndex   sensor index of the detecting camera
     * @param cache         where the detections go
     * @param maxDetections detections kept per image
     */
    public DetectStage(SharedDetector detector, int cameraIndex, DetectionCache cache, int maxDetections) {
        this.detector = detector;
        this.cameraIndex = cameraIndex;
        this.cache = cache;
        this.scratch = new DetectionList(maxDetections);
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        if (event.type() != FrameEvent.Type.FRAME || event.sensorIndex() != cameraIndex
                || !(event.payload() instanceof CameraImage image)) {
            return;
        }
        if (!endOfBatch) {
            skippedBehind.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        if (detector.detect(image, event.header().stampNanos(), scratch)) {
            cache.put(image, scratch);
            detected.incrementAndGet();
            timer.record(start);
        }
    }

    @Override
    public void onShutdown() {
        detector.close();
    }

    /** Camera frames detected on arrival. */
    public long detectedCount() {
        return detected.get();
    }

    /** Camera frames skipped because the stage was behind (slots waiting behind them). */
    public long skippedBehindCount() {
        return skippedBehind.get();
    }

    public StageTimer timer() {
        return timer;
    }
}
