package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.align.SetFramePredictor;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Camera detection as the frames arrive: runs beside the ring's whole chain
 * ({@link org.avfusion.runtime.ring.FrameRing.Placement#BESIDE_CHAIN}: it sees every slot as soon as it is published and
 * nothing but the clearing of slots waits for it), detects each frame of the detecting camera and leaves the result in
 * a {@link DetectionCache} for the perceive stage to take when a set uses that frame. A camera frame arrives before
 * the sweep it is aligned with is complete, so the inference is done by the time the set exists and is off the
 * decision's critical path. It must not hold up the sets before it either: the camera frame taken at a sweep's start,
 * which the next set wants, arrives as the previous sweep completes; had the chain waited for this stage (it ran beside
 * the align stage until 2026-12-05), that set's perception would have waited for the next set's inference. Of a camera
 * faster than the lidar only the frames a set can take are detected ({@link SetFramePredictor}, from the reference
 * sweeps and camera frames this stage sees go by): about one inference per set, as when the perceive stage detected
 * each set's image.
 *
 * <p>Each frame is detected once: {@link DetectionCache#begin} claims it, and a frame the perceive stage reached first
 * (this stage was behind) is skipped; a set whose frame is being detected waits for the result. When the stage falls
 * behind (a camera frame waited in the ring longer than {@link #BEHIND_NANOS} before this stage got to it), it skips
 * that frame: the perceive stage then detects the set's image itself, as without this stage, so a detector slower than
 * the camera costs latency, not the ring.
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
    private final AtomicLong skippedTaken = new AtomicLong();
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
        long setStamp = event.header().stampNanos() - cameraOffsetNanos; // the stamp the set carries
        if (!cache.begin(image, setStamp)) {
            skippedTaken.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        boolean ran = false;
        try {
            ran = detector.detect(image, event.header().stampNanos(), scratch);
        } finally {
            if (ran) {
                cache.complete(scratch);
            } else {
                cache.abandon(); // closed, or the detector threw: a waiting perceive stage detects itself
            }
        }
        detected.incrementAndGet();
        timer.record(start);
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

    /** Camera frames skipped because the perceive stage had already taken them (this stage was behind). */
    public long skippedTakenCount() {
        return skippedTaken.get();
    }

    /** Camera frames skipped because the stage was behind (they waited too long in the ring). */
    public long skippedBehindCount() {
        return skippedBehind.get();
    }

    public StageTimer timer() {
        return timer;
    }
}
