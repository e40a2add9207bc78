package org.avfusion.runtime.warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.CameraDetector;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.perceive.GroundSegmenter;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.DecisionPolicy;

/**
 * Runs synthetic sweeps through the pipeline's algorithms and a few inferences through its detector before the
 * first real frame, so that the first real decisions do not pay for class loading, interpretation, JIT compilation
 * and the detector's first-run initialisation (issue #17: the first 3-4 decisions took 53-215 ms).
 *
 * <p>The sweeps go through <em>fresh</em> algorithm instances built from the same config (ground segmentation,
 * grid update and ego motion, obstacle extraction, decision policy): the JIT compiles code, not instances, and the
 * stages' own state (live grid, last decision, counters) stays untouched. The detector is the pipeline's own
 * instance, since its session's first inference is what has to be paid; call this before any frame is published
 * (the perceive stage uses the detector afterwards, from its own thread; the ring's publication orders the two).
 *
 * <p>The synthetic sweep is a 32-beam, 1,000-azimuth ring scan of flat ground seen from the configured lidar mount
 * with a pedestrian-sized column that approaches from 30 m to 4 m over the sweeps (so decisions go through GO, SLOW
 * and STOP), at 10 m/s ego speed. Not thread-safe; one call at a time.
 */
public final class StageWarmup {
    /** Default number of synthetic sweeps: enough for C2 to compile the per-point loops (OSR) on a loaded CPU. */
    public static final int DEFAULT_SWEEPS = 30;
    /** Default number of inferences: the first (initialisation) plus two to measure the warm per-image cost. */
    public static final int DEFAULT_INFERENCES = 3;
    private static final int BEAMS = 32;
    private static final int AZIMUTHS = 1000;
    private static final long SWEEP_PERIOD_NANOS = 100_000_000L;

    private final RuntimeConfig config;
    private final int sweeps;
    private final int inferences;

    /**
     * @param sweeps     synthetic sweeps, in [1, 1000]
     * @param inferences detector inferences when a detector is given, in [1, 100]
     */
    public StageWarmup(RuntimeConfig config, int sweeps, int inferences) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        if (sweeps < 1 || sweeps > 1000) {
            throw new IllegalArgumentException("warm-up sweeps must be in [1, 1000], was " + sweeps);
        }
        if (inferences < 1 || inferences > 100) {
            throw new IllegalArgumentException("warm-up inferences must be in [1, 100], was " + inferences);
        }
        this.sweeps = sweeps;
        this.inferences = inferences;
    }

    public StageWarmup(RuntimeConfig config) {
        this(config, DEFAULT_SWEEPS, DEFAULT_INFERENCES);
    }

    /**
     * Runs the warm-up.
     *
     * @param detector     the pipeline's detector, or null for none
     * @param cameraWidth  width of the camera images the detector will see, or 0 for the model's input width
     * @param cameraHeight height likewise
     */
    public WarmupReport run(CameraDetector detector, int cameraWidth, int cameraHeight) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long wall0 = System.nanoTime();

        MountPose mount = config.vehicle().lidarMount().toPose();
        GroundSegmenter segmenter = new GroundSegmenter(config.perception());
        ObstacleScan scan = new ObstacleScan(config.perception().azimuthBins(), 131_072);
        GridUpdater updater = new GridUpdater(config.occupancy());
        OccupancyGrid live = new OccupancyGrid(config.occupancy());
        OccupancyGrid snapshot = new OccupancyGrid(config.occupancy());
        ObstacleExtractor extractor = new ObstacleExtractor();
        ObstacleList obstacles = new ObstacleList(config.occupancy().maxObjects());
        DecisionPolicy policy = new DecisionPolicy(config.decision(), true);
        BufferPool<PointCloud> clouds = new BufferPool<>("warmup.clouds", () -> new PointCloud(BEAMS * AZIMUTHS + 4096),
                1, 1);
        double speed = 10.0;
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < sweeps; i++) {
            double obstacleX = 30.0 - 26.0 * i / Math.max(1, sweeps - 1);
            PointCloud cloud = clouds.acquire(); // cleared by the pool
            fillSweep(cloud, mount.zMeters(), obstacleX);
            long stamp = (i + 1) * SWEEP_PERIOD_NANOS;
            long t0 = System.nanoTime();
            segmenter.segment(cloud, mount, scan);
            if (i > 0) {
                updater.moveWithEgo(live, speed * SWEEP_PERIOD_NANOS / 1e9, 0.0);
            }
            updater.integrate(live, scan);
            live.stampNanos(stamp);
            snapshot.copyFrom(live);
            extractor.extract(live, obstacles);
            policy.decide(stamp, true, false, speed, 0.0, snapshot);
            double ms = (System.nanoTime() - t0) / 1e6;
            cloud.release();
            if (i == 0) {
                first = ms;
            }
            last = ms;
        }

        double firstInference = Double.NaN;
        double warmInference = Double.NaN;
        int ran = 0;
        if (detector != null) {
            int w = cameraWidth > 0 ? cameraWidth : detector.config().inputWidth();
            int h = cameraHeight > 0 ? cameraHeight : detector.config().inputHeight();
            CameraImage image = new CameraImage(w, h);
            fillImage(image.prepare(w, h), w, h);
            DetectionList out = new DetectionList(256);
            for (int i = 0; i < inferences; i++) {
                long t0 = System.nanoTime();
                detector.detect(image, out);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i == 0) {
                    firstInference = ms;
                } else {
                    warmInference = Double.isNaN(warmInference) ? ms : Math.min(warmInference, ms);
                }
                ran++;
            }
        }
        long wall = System.nanoTime() - wall0;
        long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - cpu0 : 0;
        return new WarmupReport(wall, cpuNanos, sweeps, first, last, ran, firstInference, warmInference);
    }

    /**
     * Flat ground {@code mountHeight} below the sensor (beams from -25 to +2 degrees, ranges beyond 80 m dropped)
     * plus a 0.6 m wide, 1.7 m tall column at {@code obstacleX} metres ahead, slightly left of the centre line.
     */
    static void fillSweep(PointCloud cloud, double mountHeight, double obstacleX) {
        for (int a = 0; a < AZIMUTHS; a++) {
            double az = 2 * Math.PI * a / AZIMUTHS;
            double ca = Math.cos(az);
            double sa = Math.sin(az);
            int offset = (int) (SWEEP_PERIOD_NANOS * a / AZIMUTHS);
            for (int b = 0; b < BEAMS; b++) {
                double elev = Math.toRadians(-25.0 + 27.0 * b / (BEAMS - 1));
                if (elev >= -0.01) {
                    continue;
                }
                double range = mountHeight / Math.tan(-elev);
                if (range > 80) {
                    continue;
                }
                cloud.add((float) (range * ca), (float) (range * sa), (float) -mountHeight, 20f, offset, b);
            }
        }
        for (int k = 0; k < 400 && cloud.size() < cloud.capacity(); k++) {
            float y = (float) (0.2 + 0.6 * (k % 20) / 19.0);
            float z = (float) (-mountHeight + 1.7 * (k / 20) / 19.0);
            cloud.add((float) obstacleX, y, z, 40f, 0, k % BEAMS);
        }
    }

    /** A deterministic gradient with a dark box in the middle: enough structure for the detector's post-processing. */
    static void fillImage(ByteBuffer bgr, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean box = x > w * 2 / 5 && x < w * 3 / 5 && y > h / 3 && y < h * 5 / 6;
                byte v = box ? (byte) 30 : (byte) ((x + y) & 0xff);
                bgr.put(v).put((byte) (box ? 30 : 128)).put((byte) (box ? 30 : (y & 0xff)));
            }
        }
        bgr.flip();
    }
}
