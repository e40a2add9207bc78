package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.inference.depth.DepthModel;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.depth.ModelDepthImage;
import org.avfusion.runtime.perceive.depth.ModelDepthScaler;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Runs the monocular depth model ({@code fusion.depthModel}) on the detecting camera's image of each set that has
 * detections, makes its output metric against the set's lidar depth ({@link ModelDepthScaler}; without a sweep the
 * last fit is held) and hands a pooled {@link ModelDepthImage} down the ring, where the track stage places detections
 * without lidar depth at it. In the ring only when a depth model is configured. When every depth buffer is in use
 * downstream the set goes without model depth (counted). The stage owns the model and closes it at shutdown.
 */
public final class DepthStage implements EventHandler<FrameEvent> {
    private final DepthModel model;
    private final int cameraIndex;
    private final PointProjector projector;
    private final ModelDepthScaler scaler;
    private final LidarDepthImage lidarDepth;
    private final BufferPool<ModelDepthImage> images;
    private final float[] inverse;
    private final StageTimer timer = new StageTimer("depth");
    private final AtomicLong ran = new AtomicLong();
    private final AtomicLong metric = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong wrongSize = new AtomicLong();

    /**
     * @param cameraIndex the sensor index of the detecting camera
     * @param projector   the lidar frame into that camera's image (its size is the depth image's)
     */
    public DepthStage(DepthModel model, int cameraIndex, PointProjector projector, ModelDepthScaler scaler,
            BufferPool<ModelDepthImage> images) {
        this.model = model;
        this.cameraIndex = cameraIndex;
        this.projector = projector;
        this.scaler = scaler;
        this.images = images;
        this.lidarDepth = new LidarDepthImage(scaler.widthPixels(), scaler.heightPixels(), 200_000);
        this.inverse = new float[model.widthPixels() * model.heightPixels()];
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        AlignedSet set = event.set();
        CameraImage image = set.isFilled() ? set.image(cameraIndex) : null;
        if (image == null || event.detections().size() == 0) {
            return; // nothing to place
        }
        long start = System.nanoTime();
        if (image.width() != scaler.widthPixels() || image.height() != scaler.heightPixels()) {
            wrongSize.incrementAndGet();
            timer.record(start);
            return;
        }
        ModelDepthImage out = images.acquire();
        if (out == null) {
            skipped.incrementAndGet();
            timer.record(start);
            return;
        }
        ModelDepthScaler.writeInput(image.pixels(), image.width(), image.height(), model.input(),
                model.widthPixels(), model.heightPixels());
        model.run();
        model.copyInverseDepth(inverse);
        ran.incrementAndGet();
        float[] lidar = null;
        if (set.cloud() != null) {
            lidarDepth.render(projector, set.cloud());
            lidar = lidarDepth.sparseDepthMeters();
        }
        if (scaler.toMetric(inverse, model.widthPixels(), model.heightPixels(), lidar, out.meters())) {
            metric.incrementAndGet();
            event.modelDepth(out);
        } else {
            out.release();
        }
        timer.record(start);
    }

    @Override
    public void onShutdown() {
        model.close();
    }

    public StageTimer timer() {
        return timer;
    }

    /** Images the model ran on. */
    public long ranCount() {
        return ran.get();
    }

    /** Of those, the ones made metric (a fit on this sweep, or one held through a lidar dropout). */
    public long metricCount() {
        return metric.get();
    }

    /** Sets that went without model depth because every depth buffer was in use. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Images whose size is not the camera's calibrated size (no depth for them). */
    public long wrongSizeCount() {
        return wrongSize.get();
    }
}
