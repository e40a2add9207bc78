package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.fusion.FusedObjects;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.fusion.RoiClusterFusion;
import org.avfusion.runtime.perceive.depth.LidarDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.LidarObstaclePipeline;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;
import org.avfusion.runtime.ring.FrameEvent;
import org.avfusion.runtime.track.EgoMotion;
import org.avfusion.runtime.track.EgoMotionSource;
import org.avfusion.runtime.track.KalmanTracker;
import org.avfusion.runtime.track.TrackMeasurements;
import org.avfusion.runtime.track.TrackSnapshot;
import org.avfusion.runtime.track.Tracks;

/**
 * Clusters the set's sweep ({@link LidarObstaclePipeline}; or takes the clusters a {@link ClusterStage} computed as
 * the sweep arrived, through a {@link ClusterHandoff}), fuses the clusters with the set's camera detections
 * ({@link RoiClusterFusion}; without a camera projector or detections every cluster stays {@code unknown}), moves
 * the fused objects from the lidar frame into base_link and updates the {@link KalmanTracker} with the ego motion
 * from an {@link EgoMotionSource}; hands a pooled {@link TrackSnapshot} of the confirmed tracks (base_link) down the
 * ring. A detection's lidar depth comes from the returns in its box at least {@value #DEPTH_MIN_HEIGHT_METERS} m
 * above the road prior (the road in front of an object is not its depth); a detection without one is placed at the
 * depth model's depth when the depth stage gave one ({@code Modality.DEPTH_MODEL}), else by the flat-ground range of
 * its box's bottom edge ({@code Modality.GROUND_PLANE}). A set without a sweep (lidar dropout) updates the tracker
 * with the camera's detections alone, placed the same way; without detections the tracks coast. A fused object that
 * is a whole cluster hands the tracker its member voxels (base frame) as its footprint, and the lidar's mount as the
 * sensor position, so that the tracker can merge a small road user's fragments and place a partial view by its size.
 * When every snapshot buffer is in use downstream the set goes without tracks (counted). The algorithms are owned by
 * this stage's thread.
 */
public final class TrackStage implements EventHandler<FrameEvent> {
    private final LidarObstaclePipeline lidar;
    private final ClusterHandoff handoff;
    private final AtomicLong clustersHandedOver = new AtomicLong();
    private final GroundPrior prior;
    private final MountPose lidarMount;
    private final PointProjector projector;
    private final RoiClusterFusion fusion;
    private final KalmanTracker tracker;
    private final EgoMotionSource egoMotion;
    private final BufferPool<TrackSnapshot> snapshots;
    private final ObstacleClusters clusters = new ObstacleClusters();
    private final ObstacleClusters none = new ObstacleClusters();
    private final FusedObjects fused;
    private final TrackMeasurements measurements;
    private final Tracks tracks;
    private final LidarDepthImage depth;
    private final StageTimer timer = new StageTimer("track");
    private final AtomicLong snapshotsMissed = new AtomicLong();
    private final AtomicLong fusedObjects = new AtomicLong();
    private final AtomicLong cameraMatched = new AtomicLong();
    private final AtomicLong groundPlaced = new AtomicLong();
    /** Most sweep points one set's lidar depth image takes (more are dropped and counted by the image). */
    public static final int DEPTH_IMAGE_MAX_POINTS = 200_000;
    /** Lidar returns lower than this above the road prior are the road, not the detected object's depth. */
    static final double DEPTH_MIN_HEIGHT_METERS = 0.3;
    private final AtomicLong confirmed = new AtomicLong();
    private int[] objectsOfCluster = new int[64];
    private final double mountCos;
    private final double mountSin;

    /**
     * @param projector lidar frame to the detecting camera's image, or null when there is none (no fusion)
     */
    public TrackStage(LidarObstaclePipeline lidar, GroundPrior prior, MountPose lidarMount, PointProjector projector,
            RoiClusterFusion fusion, KalmanTracker tracker, EgoMotionSource egoMotion,
            BufferPool<TrackSnapshot> snapshots) {
        this(lidar, prior, lidarMount, projector, fusion, tracker, egoMotion, snapshots, null);
    }

    /**
     * @param handoff the clusters a {@link ClusterStage} computed as the sweeps arrived, or null to cluster every
     *                sweep here
     */
    public TrackStage(LidarObstaclePipeline lidar, GroundPrior prior, MountPose lidarMount, PointProjector projector,
            RoiClusterFusion fusion, KalmanTracker tracker, EgoMotionSource egoMotion,
            BufferPool<TrackSnapshot> snapshots, ClusterHandoff handoff) {
        this(lidar, prior, lidarMount, projector, fusion, tracker, egoMotion, snapshots, handoff,
                projector == null ? null : newDepthImage(projector));
    }

    /** A lidar depth image for {@code projector}'s camera, as this stage renders each set's sweep into. */
    public static LidarDepthImage newDepthImage(PointProjector projector) {
        return new LidarDepthImage(projector.intrinsics().widthPixels(), projector.intrinsics().heightPixels(),
                DEPTH_IMAGE_MAX_POINTS);
    }

    /**
     * As above, rendering each set's sweep into {@code depth} ({@link #newDepthImage}; null without a projector): an
     * image holds nothing from one set to the next, so a warm-up's stage may render into the ring's stage's image
     * while the ring runs no frame (10 MB at 1242 x 375 held once, not twice).
     */
    public TrackStage(LidarObstaclePipeline lidar, GroundPrior prior, MountPose lidarMount, PointProjector projector,
            RoiClusterFusion fusion, KalmanTracker tracker, EgoMotionSource egoMotion,
            BufferPool<TrackSnapshot> snapshots, ClusterHandoff handoff, LidarDepthImage depth) {
        if ((projector == null) != (depth == null)) {
            throw new IllegalArgumentException("a depth image goes with a camera projector and only with one");
        }
        if (depth != null && (depth.widthPixels() != projector.intrinsics().widthPixels()
                || depth.heightPixels() != projector.intrinsics().heightPixels())) {
            throw new IllegalArgumentException("depth image " + depth.widthPixels() + "x" + depth.heightPixels()
                    + " does not match the camera's " + projector.intrinsics().widthPixels() + "x"
                    + projector.intrinsics().heightPixels());
        }
        this.handoff = handoff;
        this.lidar = lidar;
        this.prior = prior;
        this.lidarMount = lidarMount;
        this.projector = projector;
        this.fusion = fusion;
        this.tracker = tracker;
        this.egoMotion = egoMotion;
        this.snapshots = snapshots;
        this.fused = new FusedObjects(fusion.config().maxObjects());
        this.measurements = new TrackMeasurements(tracker.config().maxMeasurements());
        this.tracks = new Tracks(tracker.config().maxTracks());
        this.depth = depth;
        this.mountCos = Math.cos(lidarMount.yawRad());
        this.mountSin = Math.sin(lidarMount.yawRad());
    }

    /**
     * Forgets the peaks of the clustering pipeline this stage clusters with when no hand-off has a sweep's clusters
     * ({@link LidarObstaclePipeline#resetPeaks}): the warm-up's track stage, which clusters with the cluster stage's
     * pipeline, calls it before the recording's sweeps.
     */
    public void resetClusterPeaks() {
        lidar.resetPeaks();
    }

    /**
     * Room for sweeps whose clusters have up to {@code members} members, in the camera association's projection and
     * the tracker's footprints, now: the pipeline calls it before the ring starts, so that the first real sets do not
     * grow these (each about a megabyte on KITTI sweeps). Not while the ring runs: the stage's thread owns them.
     *
     * @throws IllegalArgumentException unless {@code members} is in [0, 2^26]
     */
    public void reserveMembers(int members) {
        if (members < 0 || members > 1 << 26) {
            throw new IllegalArgumentException("members must be in [0, 2^26], was " + members);
        }
        fusion.reserveMembers(members);
        measurements.reserveFootprintPoints(members);
        tracker.reserveFootprintPoints(members);
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        AlignedSet set = event.set();
        if (!set.isFilled()) {
            return;
        }
        long start = System.nanoTime();
        ObstacleClusters handed = handoff == null || set.cloud() == null ? null
                : handoff.take(set.cloud(), set.referenceStampNanos());
        try {
            update(set.referenceStampNanos(), set.cloud(), handed, event.detections(),
                    event.modelDepth() == null ? null : event.modelDepth().meters(), set.speedMetersPerSecond(),
                    set.yawRateRadPerSec());
        } finally {
            if (handed != null) {
                handoff.release(handed);
                clustersHandedOver.incrementAndGet();
            }
        }
        TrackSnapshot snapshot = snapshots.acquire();
        if (snapshot == null) {
            snapshotsMissed.incrementAndGet();
        } else {
            snapshotInto(snapshot);
            event.tracks(snapshot);
        }
        timer.record(start);
    }

    /**
     * One set's work (what {@link #onEvent} does between the ring's slot and the snapshot): clusters {@code cloud},
     * fuses the clusters with {@code detections}, and updates the tracker; the result is in {@link #snapshotInto}.
     * Public so that warm-up can run a fresh instance's real code on synthetic sets (issue #17); on one thread.
     *
     * @param cloud            the set's sweep (lidar frame), or null for none (lidar dropout)
     * @param detections       the set's camera detections (pixels), possibly empty
     * @param modelDepthMeters the depth stage's metric depth image, or null
     */
    public void update(long referenceStampNanos, PointCloud cloud, DetectionList detections, float[] modelDepthMeters,
            double speedMetersPerSec, double yawRateRadPerSec) {
        update(referenceStampNanos, cloud, null, detections, modelDepthMeters, speedMetersPerSec, yawRateRadPerSec);
    }

    /**
     * As {@link #update(long, PointCloud, DetectionList, float[], double, double)} with {@code cloud}'s clusters
     * already computed ({@code cloudClusters}, by a {@link ClusterStage} with the same pipeline configuration), or
     * null to cluster it here.
     */
    public void update(long referenceStampNanos, PointCloud cloud, ObstacleClusters cloudClusters,
            DetectionList detections, float[] modelDepthMeters, double speedMetersPerSec, double yawRateRadPerSec) {
        ObstacleClusters c = none;
        float[] lidarDepth = null;
        if (cloud != null) {
            if (cloudClusters != null) {
                c = cloudClusters;
            } else {
                lidar.process(cloud, prior, clusters);
                c = clusters;
            }
            if (depth != null && detections.size() > 0) {
                // the depth of what stands in the box, not of the road in front of it
                depth.renderAboveGround(projector, cloud, prior, DEPTH_MIN_HEIGHT_METERS);
                lidarDepth = depth.sparseDepthMeters();
            }
        }
        // a detection with no lidar return above the road in its box (a far object, a camera-only one, or no sweep
        // at all: lidar dropout) is placed by the flat-ground range of its box's bottom edge
        fusion.fuse(c, detections, detections.size() > 0 ? projector : null, lidarDepth, modelDepthMeters, prior,
                fused);
        groundPlaced.addAndGet(fused.groundPlanePlaced());
        measurements.clear();
        measurements.sensorAt(lidarMount.xMeters(), lidarMount.yMeters());
        countObjectsPerCluster(c);
        for (int i = 0; i < fused.size(); i++) {
            // lidar support means a cluster; lidar depth in a detection's box only placed it
            int modalities = fused.clusterIndex(i) >= 0 ? fused.modalityMask(i)
                    : fused.modalityMask(i) & ~Modality.LIDAR.bit();
            double lx = fused.xMeters(i), ly = fused.yMeters(i);
            measurements.add(lidarMount.xMeters() + mountCos * lx - mountSin * ly,
                    lidarMount.yMeters() + mountSin * lx + mountCos * ly, lidarMount.zMeters() + fused.zMeters(i),
                    fused.lengthMeters(i), fused.widthMeters(i), fused.heightMeters(i),
                    fused.yawRad(i) + lidarMount.yawRad(), fused.objectClass(i), fused.points(i),
                    modalities, fused.positionSigmaMeters(i));
            addFootprint(c, i);
        }
        fusedObjects.addAndGet(fused.size());
        cameraMatched.addAndGet(fused.matched());
        EgoMotion ego = egoMotion.next(referenceStampNanos, speedMetersPerSec, yawRateRadPerSec);
        tracker.update(referenceStampNanos, ego, measurements, tracks);
        confirmed.set(tracker.confirmedTotal());
    }

    /** Copies the tracks of the last {@link #update} into {@code snapshot} (base_link). */
    public void snapshotInto(TrackSnapshot snapshot) {
        snapshot.copyFrom(tracks, tracker.egoXMeters(), tracker.egoYMeters(), tracker.egoYawRad());
    }

    /**
     * The member voxels (base frame) of fused object i's cluster, when the object is that whole cluster: a cluster a
     * detection split has no footprint (which members went where is the fusion's), nor has an object without one.
     */
    private void addFootprint(ObstacleClusters c, int i) {
        int cluster = fused.clusterIndex(i);
        if (cluster < 0 || cluster >= c.size() || objectsOfCluster[cluster] != 1) {
            return;
        }
        for (int k = c.memberStart(cluster); k < c.memberStart(cluster + 1); k++) {
            double lx = c.memberX(k), ly = c.memberY(k);
            measurements.addFootprintPoint(lidarMount.xMeters() + mountCos * lx - mountSin * ly,
                    lidarMount.yMeters() + mountSin * lx + mountCos * ly);
        }
    }

    /** How many fused objects refer to each cluster (more than one: a detection split it). */
    private void countObjectsPerCluster(ObstacleClusters c) {
        if (objectsOfCluster.length < c.size()) {
            objectsOfCluster = new int[Math.max(c.size(), 2 * objectsOfCluster.length)];
        }
        java.util.Arrays.fill(objectsOfCluster, 0, c.size(), 0);
        for (int i = 0; i < fused.size(); i++) {
            int cluster = fused.clusterIndex(i);
            if (cluster >= 0 && cluster < c.size()) {
                objectsOfCluster[cluster]++;
            }
        }
    }

    public StageTimer timer() {
        return timer;
    }

    /** Sets that went without tracks because every snapshot buffer was in use. */
    public long snapshotsMissedCount() {
        return snapshotsMissed.get();
    }

    /** Fused objects over all sets. */
    public long fusedObjectCount() {
        return fusedObjects.get();
    }

    /** Clusters that took a camera detection's class, over all sets. */
    public long cameraMatchedCount() {
        return cameraMatched.get();
    }

    /** Detections placed by the flat-ground range (sets without a sweep), over all sets. */
    public long groundPlanePlacedCount() {
        return groundPlaced.get();
    }

    /** Sets whose clusters came from the {@link ClusterStage} (the rest were clustered here). */
    public long clustersHandedOverCount() {
        return clustersHandedOver.get();
    }

    /** Tracks confirmed (ids given) so far. */
    public long confirmedTrackCount() {
        return confirmed.get();
    }
}
