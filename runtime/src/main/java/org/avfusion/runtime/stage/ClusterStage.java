package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Lidar clustering as the reference sweeps arrive: runs beside the align stage
 * ({@link org.avfusion.runtime.ring.FrameRing.Placement#BESIDE_PREVIOUS}: both see every slot, the perceive stage
 * waits for both), clusters each reference sweep with its own {@link LidarObstaclePipeline} (the same algorithm and
 * configuration as the track stage's) and hands the clusters to the track stage through a {@link ClusterHandoff}.
 * Clustering needs nothing the align stage computes (it works in the lidar frame, on the sweep alone), so it runs
 * while the align stage's lidar odometry runs on the same sweep, instead of after perception and fusion: about 10 ms
 * of an HDL-64E sweep's critical path on a second core. The ring's order makes the clusters ready before the track
 * stage reaches the set; when no hand-off buffer was free the track stage clusters the sweep itself (same result).
 *
 * <p>Threading: its own ring thread; the pipeline instance is this stage's alone.
 */
public final class ClusterStage implements EventHandler<FrameEvent> {
    private final LidarObstaclePipeline lidar;
    private final GroundPrior prior;
    private final ClusterHandoff handoff;
    private final int referenceIndex;
    private final long referenceOffsetNanos;
    private final StageTimer timer = new StageTimer("cluster");
    private final AtomicLong clustered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param lidar                this stage's own obstacle pipeline, configured as the track stage's
     * @param prior                the ground prior the track stage clusters with
     * @param referenceIndex       sensor index of the alignment's reference lidar
     * @param referenceOffsetNanos its clock offset (removed from its stamps, as the aligner does)
     */
    public ClusterStage(LidarObstaclePipeline lidar, GroundPrior prior, ClusterHandoff handoff, int referenceIndex,
            long referenceOffsetNanos) {
        this.lidar = java.util.Objects.requireNonNull(lidar, "lidar");
        this.prior = java.util.Objects.requireNonNull(prior, "prior");
        this.handoff = java.util.Objects.requireNonNull(handoff, "handoff");
        this.referenceIndex = referenceIndex;
        this.referenceOffsetNanos = referenceOffsetNanos;
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        if (event.type() != FrameEvent.Type.FRAME || event.sensorIndex() != referenceIndex
                || !(event.payload() instanceof PointCloud cloud)) {
            return;
        }
        ObstacleClusters out = handoff.beginFill(cloud, event.header().stampNanos() - referenceOffsetNanos);
        if (out == null) {
            skipped.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        boolean done = false;
        try {
            lidar.process(cloud, prior, out);
            done = true;
        } finally {
            if (done) {
                handoff.ready(out);
            } else {
                handoff.abandon(out); // the track stage clusters the sweep itself (and meets the same error)
            }
        }
        clustered.incrementAndGet();
        timer.record(start);
    }

    /** Reference sweeps clustered here. */
    public long clusteredCount() {
        return clustered.get();
    }

    /** Reference sweeps left to the track stage because every hand-off buffer was in use. */
    public long skippedCount() {
        return skipped.get();
    }

    public StageTimer timer() {
        return timer;
    }
}
