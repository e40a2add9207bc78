package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.align.SetFramePredictor;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Camera detection as the frames arrive: runs beside the align stage (both see every slot; the perceive stage waits
 * for both), detects each frame of the detecting camera and leaves the result in a {@link DetectionCache} for the
 * perceive stage to take when a set uses that frame. A camera frame arrives before the sweep it is aligned with is
 * complete (it is taken as the lidar faces forward, the sweep is complete a half turn later), so the inference is
 * done by the time the set exists and is off the decision's critical path. Of a camera faster than the lidar only the
 * frames a set can take are detected ({@link SetFramePredictor}, from the reference sweeps and camera frames this
 * stage sees go by): about one inference per set, as when the perceive stage detected each set's image.
 *
 * <p>When the stage falls behind (a camera frame waited in the ring longer than {@link #BEHIND_NANOS} before this
 * stage got to it), it skips that frame: the perceive stage then detects the set's image itself, as without this
 * stage, so a detector slower than the camera costs latency, not the ring.
 *
 * <p>Threading: its own ring thread. The detector is shared with the perceive stage's fallback
 * ({@link SharedDetector}); this stage closes it on shutdown too (whichever stage stops first does).
 */
public final class DetectStage implements EventHandler<FrameEvent> {
    /** A camera frame that waited longer than this in the ring (wall time) finds the stage behind: skipped. */
    static final long BEHIND_NANOS = 50_000_000L;

    private final SharedDetector detector;
    private final int cameraIndex;
    private final DetectionCache cache;
    private final DetectionList scratch;
    private final StageTimer timer = new StageTimer("detect");
    private final AtomicLong detected = new AtomicLong();
    private final AtomicLong skippedBehind = new AtomicLong();
    private final AtomicLong skippedUnwanted = new AtomicLong();
    private final SetFramePredictor predictor;
    private final int referenceIndex;
    private final long referenceOffsetNanos;
    private final long cameraOffsetNanos;

    /**
     * @param detector             the pipeline's detector, shared with the perceive stage
     * @param cameraIndex          sensor index of the detecting camera
     * @param cache                where the detections go
     * @param maxDetections        detections kept per image
     * @param predictor            which camera frames a set can take, or null to detect every frame
     * @param referenceIndex       sensor index of the alignment's reference (the lidar)
     * @param referenceOffsetNanos the reference's clock offset (removed from its stamps, as the aligner does)
     * @param cameraOffsetNanos    the camera's clock offset
     */
    public DetectStage(SharedDetector detector, int cameraIndex, DetectionCache cache, int maxDetections,
            SetFramePredictor predictor, int referenceIndex, long referenceOffsetNanos, long cameraOffsetNanos) {
        this.detector = detector;
        this.predictor = referenceIndex == cameraIndex ? null : predictor;
        this.referenceIndex = referenceIndex;
        this.referenceOffsetNanos = referenceOffsetNanos;
        this.cameraOffsetNanos = cameraOffsetNanos;
        this.cameraIndex = cameraIndex;
        this.cache = cache;
        this.scratch = new DetectionList(maxDetections);
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        if (event.type() != FrameEvent.Type.FRAME) {
            return;
        }
        if (event.sensorIndex() == referenceIndex && predictor != null) {
            predictor.onReference(event.header().stampNanos() - referenceOffsetNanos);
        }
        if (event.sensorIndex() != cameraIndex || !(event.payload() instanceof CameraImage image)) {
            return;
        }
        if (predictor != null && !predictor.onCamera(event.header().stampNanos() - cameraOffsetNanos)) {
            skippedUnwanted.incrementAndGet();
            return;
        }
        if (System.nanoTime() - event.wallNanos() > BEHIND_NANOS) {
            skippedBehind.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        if (detector.detect(image, event.header().stampNanos(), scratch)) {
            cache.put(image, event.header().stampNanos() - cameraOffsetNanos, scratch); // the stamp the set carries
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

    /** Camera frames skipped because no set was expected to take them. */
    public long skippedUnwantedCount() {
        return skippedUnwanted.get();
    }

    /** Camera frames skipped because the stage was behind (slots waiting behind them). */
    public long skippedBehindCount() {
        return skippedBehind.get();
    }

    public StageTimer timer() {
        return timer;
    }
}
