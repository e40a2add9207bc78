package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Segments the set's sweep into ground and obstacles. Camera detection is not run in this stage version; the
 * decision says so in its {@code cameraDetection} field. When every scan buffer is in use downstream, perception of
 * the set is skipped and counted, and the decision fails safe.
 */
public final class PerceiveStage implements EventHandler<FrameEvent> {
    private final GroundSegmenter segmenter;
    private final MountPose lidarMount;
    private final BufferPool<ObstacleScan> scans;
    private final StageTimer timer = new StageTimer("perceive");
    private final AtomicLong skipped = new AtomicLong();

    public PerceiveStage(GroundSegmenter segmenter, MountPose lidarMount, BufferPool<ObstacleScan> scans) {
        this.segmenter = segmenter;
        this.lidarMount = lidarMount;
        this.scans = scans;
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
        timer.record(start);
    }

    public StageTimer timer() {
        return timer;
    }

    /** Sets whose perception was skipped because all scan buffers were in use. */
    public long skippedCount() {
        return skipped.get();
    }
}
