package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Segments the set's sweep into ground and obstacles and, when a detector is configured, runs camera detection on
 * the set's image of the first camera (its detections go into the slot). When every scan buffer is in use downstream,
 * perception of the set is skipped and counted, and the decision fails safe. The stage owns the detector and closes
 * it at shutdown.
 */
public final class PerceiveStage implements EventHandler<FrameEvent> {
    private final GroundSegmenter segmenter;
    private final MountPose lidarMount;
    private final BufferPool<ObstacleScan> scans;
    private final StageTimer timer = new StageTimer("perceive");
    private final AtomicLong skipped = new AtomicLong();

    private final ObjectDetector detector;
    private final int cameraIndex;
    private final AtomicLong detectedImages = new AtomicLong();
    private final AtomicLong detections = new AtomicLong();

    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans) {
        this(segmenter, lidarMount, scans, null, -1);
    }

    /**
     * @param detector    camera detector, or null for none
     * @param cameraIndex sensor index of the camera it runs on (ignored without a detector)
     */
    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans,
            ObjectDetector detector, int cameraIndex) {
        this.segmenter = segmenter;
        this.lidarMount = lidarMount;
        this.scans = scans;
        this.detector = detector;
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
            detector.detect(set.image(cameraIndex), set.stampNanos(cameraIndex), event.detections());
            detectedImages.incrementAndGet();
            detections.addAndGet(event.detections().size());
        }
        timer.record(start);
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
