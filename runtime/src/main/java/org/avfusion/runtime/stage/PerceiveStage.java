package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Segments the set's sweep into ground and obstacles and, when a detector is configured, puts the camera detections of
 * the set's image of the first camera into the slot: taken from the {@link DetectionCache} when a {@link DetectStage}
 * detected the frame as it arrived (waiting for it while that stage is still running it), else detected here. When every scan buffer is in use downstream, perception of the
 * set is skipped and counted, and the decision fails safe. The stage closes the detector at shutdown (so does the
 * detect stage: whichever stops first).
 */
public final class PerceiveStage implements EventHandler<FrameEvent> {
    /**
     * Longest wait for a frame the detect stage is running (an inference takes 10-50 ms on a CPU); past it, the stage
     * detects the image itself, which waits for the detector anyway: the bound only keeps a hung inference from
     * hiding here (the watchdog reports the missing decisions).
     */
    static final long MAX_WAIT_FOR_ARRIVAL_NANOS = 1_000_000_000L;

    private final GroundSegmenter segmenter;
    private final MountPose lidarMount;
    private final BufferPool<ObstacleScan> scans;
    private final StageTimer timer = new StageTimer("perceive");
    private final AtomicLong skipped = new AtomicLong();

    private final SharedDetector detector;
    private final DetectionCache cache;
    private final int cameraIndex;
    private final AtomicLong detectedImages = new AtomicLong();
    private final AtomicLong detections = new AtomicLong();

    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans) {
        this(segmenter, lidarMount, scans, null, null, -1);
    }

    /**
     * @param detector    camera detector, or null for none
     * @param cameraIndex sensor index of the camera it runs on (ignored without a detector)
     */
    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans,
            ObjectDetector detector, int cameraIndex) {
        this(segmenter, lidarMount, scans, detector == null ? null : new SharedDetector(detector), null, cameraIndex);
    }

    /**
     * @param detector    camera detector (shared with a detect stage), or null for none
     * @param cache       detections of frames detected on arrival by a {@link DetectStage}, or null when there is none
     * @param cameraIndex sensor index of the camera it runs on (ignored without a detector)
     */
    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans,
            SharedDetector detector, DetectionCache cache, int cameraIndex) {
        this.segmenter = segmenter;
        this.lidarMount = lidarMount;
        this.scans = scans;
        this.detector = detector;
        this.cache = cache;
        this.cameraIndex = cameraIndex;
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        AlignedSet set = event.set();
        if (!set.isFilled()) {
            return;
        }
        long start = System.nanoTime();
        if (set.cloud() != null) {
            ObstacleScan scan = scans.acquire();
            if (scan == null) {
                skipped.incrementAndGet();
                event.perceptionSkipped(true);
            } else {
                event.scan(scan);
                segmenter.segment(set.cloud(), lidarMount, scan);
            }
        }
        if (detector != null && set.image(cameraIndex) != null) {
            CameraImage image = set.image(cameraIndex);
            if ((cache != null && fromArrival(image, set.stampNanos(cameraIndex), event))
                    || detector.detect(image, set.stampNanos(cameraIndex), event.detections())) {
                detectedImages.incrementAndGet();
                detections.addAndGet(event.detections().size());
            }
        }
        timer.record(start);
    }

    private boolean fromArrival(CameraImage image, long stampNanos, FrameEvent event) {
        try {
            return cache.take(image, stampNanos, event.detections(), MAX_WAIT_FOR_ARRIVAL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the ring is stopping
            return false;
        }
    }

    @Override
    public void onShutdown() {
        if (detector != null) {
            detector.close();
        }
    }

    /** Camera images run through the detector. */
    public long detectedImageCount() {
        return detectedImages.get();
    }

    /** Detections found, over all images. */
    public long detectionCount() {
        return detections.get();
    }

    public StageTimer timer() {
        return timer;
    }

    /** Sets whose perception was skipped because all scan buffers were in use. */
    public long skippedCount() {
        return skipped.get();
    }
}
