package org.avfusion.runtime.fusion;

import java.util.Arrays;
import java.util.Objects;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.assign.Assignment;
import org.avfusion.runtime.perceive.depth.DetectionDepth;
import org.avfusion.runtime.perceive.detect.BoxMath;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.lidar.GroundPrior;
import org.avfusion.runtime.perceive.lidar.MinAreaRectangle;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;

/**
 * Late fusion of lidar clusters with the detections of one camera, after Autoware's {@code roi_cluster_fusion}
 * (autoware.universe, perception/image_projection_based_fusion): each cluster's member voxels are projected into
 * the image and bounded by a box, boxes and detections are matched on IoU, and a matched cluster takes the
 * detection's class. Then, beyond roi_cluster_fusion:
 *
 * <ol>
 *   <li><b>Riders.</b> A person and a bicycle (or motorcycle) detection that both overlap one cluster
 *       ({@code IoU >= minIou}) make one cyclist: the unmatched one of the two is consumed.</li>
 *   <li><b>Split.</b> A detection left unmatched is often an object merged with a wall, fence or parked car into
 *       one cluster whose image box is far larger than the detection's. Its depth is taken as the nearest
 *       significant mode of the lidar depths in the box ({@link DetectionDepth}, which skips the background). The
 *       cluster members whose projection lies in the box and whose camera depth is within
 *       {@code splitMarginMeters} of that mode are the object: when at least {@code minSplitVoxels} of them belong
 *       to one cluster they are split off it into an object of the detection's class (box from their
 *       {@link MinAreaRectangle}); the rest of the cluster stays, refitted, with the class it had (unknown unless
 *       it matched another detection). When that rest would be smaller than {@code minSplitVoxels} and the cluster
 *       is unmatched, the whole cluster is the object (a cluster whose image box the detection only partly
 *       covers). <b>Overlapping boxes:</b> a point two boxes hold at both their depth modes goes to the one that
 *       precedes: a pedestrian, then a cyclist, then the rest; within a class the IoU-matched one, then the smaller
 *       box; and a box's depth mode skips the pixels a preceding box overlapping it explains (within
 *       {@code splitMarginMeters} of that box's mode, or for an IoU-matched one the depths of its cluster's members
 *       in its box). Unmatched detections are placed in that order. And when the members at a detection's depth
 *       span less than {@value #MIN_SPLIT_WIDTH_FRACTION} of its box's width, its nearest mode is something narrower
 *       standing before it: it is placed without lidar depth. Why: the parked car behind a pedestrian
 *       (pedestrian-between-parked-cars) had the pedestrian as the nearest mode in its box and split the
 *       pedestrian's points off into a vehicle (also when the pedestrian's own detection was missed), and a parked
 *       car's box split the side of the car before it, which hides it, into a second vehicle.</li>
 *   <li><b>Depth alone.</b> A detection with no such points whose depth ray lands within {@code 2 *
 *       splitMarginMeters} of a cluster no detection claimed takes that cluster (far away, a box of a few pixels and
 *       the cluster's image box miss the IoU). Otherwise it is placed by its depth: the box centre's ray at the
 *       lidar depth mode ({@link Modality#LIDAR}), or else at the model depth ({@link Modality#DEPTH_MODEL}), or else,
 *       when a road plane is given, at the flat-ground range of the box's bottom edge ({@link GroundPlaneRange},
 *       {@link Modality#GROUND_PLANE}: what keeps a camera object placed through a lidar dropout); its width and
 *       height from the box at that depth, length = width, yaw 0. No depth at all: counted, no object.</li>
 *   <li>A cluster no detection claims stays {@link ObjectClass#UNKNOWN}: lidar never guesses a class.</li>
 * </ol>
 *
 * <p>Bad input is counted in {@link FusedObjects}, never thrown: detections with a non-finite box, outside the image
 * (dropped) or reaching out of it (clipped), clusters of one voxel (kept as unknown, never matched), no projector
 * (the camera has no rig transform: every object lidar-only). NaN depths are no depth.
 *
 * <p>Buffers grow to the largest frame and are reused; no allocation per frame in steady state. Not thread-safe:
 * one instance per calling thread. Inputs are only read during {@link #fuse}.
 */
public final class RoiClusterFusion {
    private final FusionConfig config;
    private final Assignment solver;
    private final DetectionDepth detectionDepth;
    private final MinAreaRectangle rectangle = new MinAreaRectangle();
    private final GroundPlaneRange groundRange;
    /** Bottom-edge noise of a detection box, pixels (a detector's box edges wander by a pixel or two). */
    static final double GROUND_PLANE_ROW_SIGMA_PIXELS = 1.5;
    /** Relative depth error of the model's metric depth (the scale fit's inlier tolerance, 5 %, doubled). */
    static final double MODEL_DEPTH_RELATIVE_SIGMA = 0.1;
    /** Slack on a matched cluster's depths (voxel centres) for the raw returns of the depth image, metres. */
    static final float CLUSTER_DEPTH_SLACK_METERS = 0.25f;
    /**
     * A box claims what lies this far outside it, metres at the point's depth: a voxel (0.1 m) centre, and a return
     * the depth image rounded to the next pixel, fall just outside the box of the object they belong to.
     */
    static final double OWNER_SLACK_METERS = 0.1;
    private double fxPixels;
    /** Least share of a detection box's width the members at its depth must span to be its object. */
    static final double MIN_SPLIT_WIDTH_FRACTION = 0.5;
    private GroundPrior ground;
    private final double[] point = new double[3];

    // detections after clipping
    private final float[] dx1, dy1, dx2, dy2, dScore;
    private final ObjectClass[] dClass;
    private final int[] dIndex;
    private final int[] detToCluster;
    private final boolean[] detUsed;
    /** Each detection's lidar depth mode (NaN: none) and its pixel count; detections by precedence, and each one's rank. */
    private final float[] dMode;
    private final int[] dModeCount;
    /** The camera depths each detection claims in its box (NaN: none): its cluster's, or its mode's margin. */
    private final float[] dNear, dFar;
    private final int[] byArea;
    private final int[] areaRank;
    private float[] excluded = new float[6 * 16];

    // clusters
    private int[] objOfCluster = new int[64];
    private int[] clusterDet = new int[64];
    private boolean[] degenerate = new boolean[64];
    private boolean[] boxValid = new boolean[64];
    private boolean[] splitParent = new boolean[64];
    private int[] gated = new int[64];
    private float[] bx1 = new float[64], by1 = new float[64], bx2 = new float[64], by2 = new float[64];
    private double[] cost = new double[256];

    // members
    private float[] xyz = new float[3 * 1024];
    private float[] uv = new float[2 * 1024];
    private float[] memberDepth = new float[1024];
    private boolean[] taken = new boolean[1024];
    private double[] fitX = new double[256], fitY = new double[256];
    private boolean[] remove = new boolean[0];
    private ObstacleClusters lastClusters;
    private int lastClusterCount;

    public FusionConfig config() {
        return config;
    }

    public RoiClusterFusion(FusionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.solver = config.method().newSolver();
        this.detectionDepth = new DetectionDepth(config.depth(), config.maxDepthPixelsPerBox());
        this.groundRange = config.groundPlaneMaxRangeMeters() > 0
                ? new GroundPlaneRange(config.groundPlaneMaxRangeMeters()) : null;
        int n = config.maxDetections();
        dx1 = new float[n];
        dy1 = new float[n];
        dx2 = new float[n];
        dy2 = new float[n];
        dScore = new float[n];
        dClass = new ObjectClass[n];
        dIndex = new int[n];
        detToCluster = new int[n];
        detUsed = new boolean[n];
        dMode = new float[n];
        dModeCount = new int[n];
        dNear = new float[n];
        dFar = new float[n];
        byArea = new int[n];
        areaRank = new int[n];
    }

    /**
     * Fuses one lidar sweep's clusters with one camera's detections.
     *
     * @param clusters          the sweep's clusters (lidar frame); read only
     * @param detections        the camera's detections (image pixels); read only
     * @param projector         lidar frame to this camera's image, or null when the camera has no rig transform
     * @param lidarDepthMeters  row-major lidar depth image of the projector's size (e.g.
     *                          {@code LidarDepthImage#sparseDepthMeters()}), or null
     * @param modelDepthMeters  row-major metric model depth of the same size, or null
     * @param out               the fused objects (cleared first)
     */
    public void fuse(ObstacleClusters clusters, DetectionList detections, PointProjector projector,
            float[] lidarDepthMeters, float[] modelDepthMeters, FusedObjects out) {
        fuse(clusters, detections, projector, lidarDepthMeters, modelDepthMeters, null, out);
    }

    /**
     * As above, with the road plane: a detection with neither lidar nor model depth in its box is placed by the
     * flat-ground range of its bottom edge ({@link Modality#GROUND_PLANE}; off when
     * {@code groundPlaneMaxRangeMeters} is 0).
     *
     * @param ground the road plane in the lidar frame, or null for no ground-plane range
     */
    public void fuse(ObstacleClusters clusters, DetectionList detections, PointProjector projector,
            float[] lidarDepthMeters, float[] modelDepthMeters, GroundPrior ground, FusedObjects out) {
        this.ground = ground;
        out.clear();
        int nc = clusters.size();
        lastClusters = clusters;
        lastClusterCount = nc;
        growClusters(nc);
        for (int c = 0; c < nc; c++) {
            int members = clusters.memberStart(c + 1) - clusters.memberStart(c);
            degenerate[c] = members < 2;
            if (degenerate[c]) {
                out.degenerateClusters++;
            }
            clusterDet[c] = -1;
            splitParent[c] = false;
            boxValid[c] = false;
            objOfCluster[c] = out.add(ObjectClass.UNKNOWN, clusters.centerXMeters(c), clusters.centerYMeters(c),
                    clusters.centerZMeters(c), clusters.lengthMeters(c), clusters.widthMeters(c),
                    clusters.heightMeters(c), clusters.yawRad(c), clusters.points(c), Modality.LIDAR.bit(), 0f, c, -1);
        }
        if (projector == null) {
            out.cameraMissing = true;
            return;
        }
        int nd = clipDetections(detections, projector, out);
        if (nd == 0) {
            return;
        }
        int width = projector.intrinsics().widthPixels();
        int height = projector.intrinsics().heightPixels();
        if (lidarDepthMeters != null && lidarDepthMeters.length < width * height) {
            throw new IllegalArgumentException("lidar depth image of " + lidarDepthMeters.length
                    + " floats is smaller than the camera's " + width + "x" + height);
        }
        if (modelDepthMeters != null && modelDepthMeters.length < width * height) {
            throw new IllegalArgumentException("model depth image of " + modelDepthMeters.length
                    + " floats is smaller than the camera's " + width + "x" + height);
        }
        projectMembers(clusters, projector);
        fxPixels = projector.intrinsics().fxPixels();

        // IoU association
        if (cost.length < nd * nc) {
            cost = new double[Math.max(nd * nc, cost.length * 2)];
        }
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                cost[d * nc + c] = boxValid[c] && objOfCluster[c] >= 0
                        ? 1.0 - BoxMath.iou(dx1[d], dy1[d], dx2[d], dy2[d], bx1[c], by1[c], bx2[c], by2[c])
                        : Double.POSITIVE_INFINITY;
            }
        }
        solver.solve(cost, nd, nc, 1.0 - config.minIou(), detToCluster);
        for (int d = 0; d < nd; d++) {
            detUsed[d] = false;
            int c = detToCluster[d];
            if (c >= 0) {
                out.setClass(objOfCluster[c], dClass[d], dIndex[d], dScore[d]);
                clusterDet[c] = d;
                detUsed[d] = true;
                out.matched++;
            }
        }
        depthModes(nd, lidarDepthMeters, width, height);
        mergeRiders(nd, nc, out);
        for (int r = 0; r < nd; r++) {
            int d = byArea[r]; // by precedence: a pedestrian before the car whose box holds theirs
            if (!detUsed[d]) {
                placeUnmatched(d, clusters, projector, lidarDepthMeters, modelDepthMeters, width, height, out);
            }
        }
        refitSplitParents(clusters, out);
    }

    /** Copies the usable detections into the clipped arrays; returns how many. */
    private int clipDetections(DetectionList detections, PointProjector projector, FusedObjects out) {
        float uMax = projector.intrinsics().widthPixels() - 0.5f;
        float vMax = projector.intrinsics().heightPixels() - 0.5f;
        int nd = 0;
        for (int i = 0; i < detections.size(); i++) {
            ObjectClass cls = ObjectClass.of(detections.drivingClass(i));
            float s = detections.score(i);
            if (cls == null || !(s >= config.minScore())) {
                out.detectionsIgnored++;
                continue;
            }
            float x1 = detections.x1(i), y1 = detections.y1(i), x2 = detections.x2(i), y2 = detections.y2(i);
            if (!Float.isFinite(x1) || !Float.isFinite(y1) || !Float.isFinite(x2) || !Float.isFinite(y2) || x2 < x1
                    || y2 < y1) {
                out.detectionsInvalid++;
                continue;
            }
            if (x2 <= -0.5f || y2 <= -0.5f || x1 >= uMax || y1 >= vMax) {
                out.detectionsOutsideImage++;
                continue;
            }
            if (x1 < -0.5f || y1 < -0.5f || x2 > uMax || y2 > vMax) {
                out.detectionsClipped++;
                x1 = Math.max(x1, -0.5f);
                y1 = Math.max(y1, -0.5f);
                x2 = Math.min(x2, uMax);
                y2 = Math.min(y2, vMax);
            }
            if (nd == dx1.length) {
                out.detectionsDropped++;
                continue;
            }
            dx1[nd] = x1;
            dy1[nd] = y1;
            dx2[nd] = x2;
            dy2[nd] = y2;
            dScore[nd] = s;
            dClass[nd] = cls;
            dIndex[nd] = i;
            nd++;
        }
        return nd;
    }

    /**
     * Room for {@code members} cluster members in the per-member projection buffers now, so that a sweep with that
     * many allocates nothing here (the pipeline sizes its track stage so before the clock).
     */
    public void reserveMembers(int members) {
        if (memberDepth.length < members) {
            xyz = new float[3 * members];
            uv = new float[2 * members];
            memberDepth = new float[members];
            taken = new boolean[members];
        }
    }

    /** Projects every member voxel; bounds each cluster's visible members by an image box. */
    private void projectMembers(ObstacleClusters clusters, PointProjector projector) {
        int nc = clusters.size();
        int m = clusters.memberStart(nc);
        if (memberDepth.length < m) {
            int cap = Math.max(m, memberDepth.length * 2);
            xyz = new float[3 * cap];
            uv = new float[2 * cap];
            memberDepth = new float[cap];
            taken = new boolean[cap];
        }
        for (int k = 0; k < m; k++) {
            xyz[3 * k] = clusters.memberX(k);
            xyz[3 * k + 1] = clusters.memberY(k);
            xyz[3 * k + 2] = clusters.memberZ(k);
            taken[k] = false;
        }
        projector.project(xyz, 0, 3, m, uv, memberDepth);
        for (int c = 0; c < nc; c++) {
            float ax = Float.POSITIVE_INFINITY, ay = Float.POSITIVE_INFINITY;
            float bx = Float.NEGATIVE_INFINITY, by = Float.NEGATIVE_INFINITY;
            int visible = 0;
            for (int k = clusters.memberStart(c); k < clusters.memberStart(c + 1); k++) {
                float u = uv[2 * k], v = uv[2 * k + 1];
                if (u == u) {
                    visible++;
                    ax = Math.min(ax, u);
                    ay = Math.min(ay, v);
                    bx = Math.max(bx, u);
                    by = Math.max(by, v);
                }
            }
            boxValid[c] = !degenerate[c] && visible >= 2 && bx > ax && by > ay;
            bx1[c] = ax;
            by1[c] = ay;
            bx2[c] = bx;
            by2[c] = by;
        }
    }

    /** A person and a bicycle on one cluster are a cyclist. */
    private void mergeRiders(int nd, int nc, FusedObjects out) {
        for (int d = 0; d < nd; d++) {
            if (detUsed[d] || !isRiderPart(dClass[d])) {
                continue;
            }
            for (int c = 0; c < nc; c++) {
                int other = clusterDet[c];
                if (other < 0 || !isRiderPart(dClass[other]) || dClass[other] == dClass[d] || !boxValid[c]) {
                    continue;
                }
                double iou = BoxMath.iou(dx1[d], dy1[d], dx2[d], dy2[d], bx1[c], by1[c], bx2[c], by2[c]);
                if (iou >= config.minIou()) {
                    out.setClassOnly(objOfCluster[c], ObjectClass.CYCLIST);
                    detUsed[d] = true;
                    out.riderMerges++;
                    break;
                }
            }
        }
    }

    private static boolean isRiderPart(ObjectClass c) {
        return c == ObjectClass.PEDESTRIAN || c == ObjectClass.CYCLIST;
    }

    private void placeUnmatched(int d, ObstacleClusters clusters, PointProjector projector, float[] lidarDepth,
            float[] modelDepth, int width, int height, FusedObjects out) {
        if (lidarDepth != null && dMode[d] == dMode[d]) {
            float mode = dMode[d];
            int split = splitOff(d, mode, clusters, out);
            if (split == FOUND) {
                return;
            }
            if (split == NO_SPLIT && placeByDepth(d, mode, dModeCount[d], Modality.LIDAR, projector, out)) {
                return;
            }
        }
        if (modelDepth != null
                && detectionDepth.estimateBox(dx1[d], dy1[d], dx2[d], dy2[d], modelDepth, width, height)) {
            int placed = out.depthPlaced;
            float depth = detectionDepth.lastDepthMeters();
            if (placeByDepth(d, depth, detectionDepth.lastPointCount(), Modality.DEPTH_MODEL, projector, out)) {
                if (out.depthPlaced > placed) {
                    out.setPositionSigma(out.size() - 1, MODEL_DEPTH_RELATIVE_SIGMA * depth);
                }
                return;
            }
        }
        if (ground != null && groundRange != null) {
            if (dy2[d] >= height - 1.5f) {
                out.groundPlaneCut++; // cut by the image's bottom: its contact point is out of view
            } else {
                double z = groundRange.cameraDepthMeters(projector, ground, (dx1[d] + dx2[d]) / 2.0, dy2[d]);
                int placed = out.depthPlaced;
                if (placeByDepth(d, (float) z, 0, Modality.GROUND_PLANE, projector, out)) {
                    if (out.depthPlaced > placed) {
                        out.groundPlanePlaced++;
                        // the range error of a bottom edge a few pixels off; beyond max range: the range itself
                        double sigma = groundRange.rangeSigmaMeters(projector, ground, (dx1[d] + dx2[d]) / 2.0,
                                dy2[d], GROUND_PLANE_ROW_SIGMA_PIXELS);
                        out.setPositionSigma(out.size() - 1, Double.isNaN(sigma) ? z : Math.max(sigma, 0.05 * z));
                    }
                    return;
                }
            }
        }
        out.detectionsWithoutDepth++;
    }

    private static final int FOUND = 1;
    private static final int NO_SPLIT = 0;
    private static final int OCCLUDER = -1;

    /**
     * The split of the doc comment: {@link #FOUND} when the detection found its object among the clusters,
     * {@link #NO_SPLIT} when too few members lie at its depth, {@link #OCCLUDER} when those members span less than
     * {@value #MIN_SPLIT_WIDTH_FRACTION} of the box's width: the depth mode is something narrower standing before the
     * detected object (a pedestrian before the parked car whose box holds them, in a frame where the pedestrian's
     * own detection was missed), so the lidar depth is not the object's at all.
     */
    private int splitOff(int d, float modeMeters, ObstacleClusters clusters, FusedObjects out) {
        int nc = clusters.size();
        double margin = config.splitMarginMeters();
        int best = -1;
        for (int c = 0; c < nc; c++) {
            gated[c] = 0;
            if (degenerate[c] || objOfCluster[c] < 0) {
                continue;
            }
            for (int k = clusters.memberStart(c); k < clusters.memberStart(c + 1); k++) {
                if (inGate(k, d, modeMeters, margin)) {
                    gated[c]++;
                }
            }
            if (gated[c] > 0 && (best < 0 || gated[c] > gated[best])) {
                best = c;
            }
        }
        if (best < 0 || gated[best] < config.minSplitVoxels()) {
            return NO_SPLIT;
        }
        float uMin = Float.POSITIVE_INFINITY, uMax = Float.NEGATIVE_INFINITY;
        for (int k = clusters.memberStart(best); k < clusters.memberStart(best + 1); k++) {
            if (inGate(k, d, modeMeters, margin)) {
                uMin = Math.min(uMin, uv[2 * k]);
                uMax = Math.max(uMax, uv[2 * k]);
            }
        }
        if (uMax - uMin < MIN_SPLIT_WIDTH_FRACTION * (dx2[d] - dx1[d])) {
            out.occluderDepths++;
            return OCCLUDER;
        }
        int free = 0;
        for (int k = clusters.memberStart(best); k < clusters.memberStart(best + 1); k++) {
            if (!taken[k]) {
                free++;
            }
        }
        if (free - gated[best] < config.minSplitVoxels() && clusterDet[best] < 0 && !splitParent[best]) {
            out.setClass(objOfCluster[best], dClass[d], dIndex[d], dScore[d]);
            clusterDet[best] = d;
            detUsed[d] = true;
            out.matched++;
            return FOUND;
        }
        int n = 0;
        double minZ = Double.POSITIVE_INFINITY, maxZ = Double.NEGATIVE_INFINITY;
        growFit(gated[best]);
        for (int k = clusters.memberStart(best); k < clusters.memberStart(best + 1); k++) {
            if (inGate(k, d, modeMeters, margin)) {
                taken[k] = true;
                fitX[n] = clusters.memberX(k);
                fitY[n] = clusters.memberY(k);
                minZ = Math.min(minZ, clusters.memberZ(k));
                maxZ = Math.max(maxZ, clusters.memberZ(k));
                n++;
            }
        }
        rectangle.fit(fitX, fitY, n);
        int members = clusters.memberStart(best + 1) - clusters.memberStart(best);
        int points = (int) Math.round((double) clusters.points(best) * n / members);
        int i = out.add(dClass[d], rectangle.centerX(), rectangle.centerY(), (minZ + maxZ) / 2,
                rectangle.lengthMeters(), rectangle.widthMeters(), maxZ - minZ, rectangle.yawRad(), points,
                Modality.LIDAR.bit() | Modality.CAMERA.bit(), dScore[d], best, dIndex[d]);
        if (i >= 0) {
            splitParent[best] = true;
            out.splits++;
        }
        detUsed[d] = true;
        return FOUND;
    }

    private boolean inGate(int k, int d, float modeMeters, double margin) {
        if (taken[k]) {
            return false;
        }
        float u = uv[2 * k], v = uv[2 * k + 1], z = memberDepth[k];
        return u == u && u >= dx1[d] && u <= dx2[d] && v >= dy1[d] && v <= dy2[d] && Math.abs(z - modeMeters) <= margin
                && !ownedByPreceding(u, v, z, d);
    }

    /**
     * Whether a member at image (u, v), camera depth z, in detection d's box belongs to a detection that precedes d
     * ({@link #precedes}) whose box also holds it at a depth it claims: the depths of the cluster the IoU matched to
     * it, or within {@code splitMarginMeters} of its depth mode. A pedestrian's box nested in a parked car's wins the
     * points at the pedestrian's depth, whichever of the two the IoU matched; a parked car the IoU matched keeps its
     * side from the box of the car behind it, which its side hides.
     */
    private boolean ownedByPreceding(float u, float v, float z, int d) {
        double slack = OWNER_SLACK_METERS * fxPixels / Math.max(z, 1.0);
        for (int r = 0; r < areaRank[d]; r++) {
            int e = byArea[r];
            if (u >= dx1[e] - slack && u <= dx2[e] + slack && v >= dy1[e] - slack && v <= dy2[e] + slack
                    && z >= dNear[e] && z <= dFar[e]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every detection's lidar depth mode, in the order of {@link #precedes}; a box's mode skips the depths a preceding
     * box overlapping it explains (its pixels within {@code splitMarginMeters} of that box's mode): a parked car's box
     * that holds the pedestrian standing before it takes the car's depth, not the pedestrian's.
     */
    private void depthModes(int nd, float[] lidarDepth, int width, int height) {
        for (int d = 0; d < nd; d++) {
            byArea[d] = d;
        }
        for (int i = 1; i < nd; i++) {
            int d = byArea[i];
            int j = i - 1;
            while (j >= 0 && precedes(d, byArea[j])) {
                byArea[j + 1] = byArea[j];
                j--;
            }
            byArea[j + 1] = d;
        }
        double margin = config.splitMarginMeters();
        for (int r = 0; r < nd; r++) {
            int d = byArea[r];
            areaRank[d] = r;
            dMode[d] = Float.NaN;
            dModeCount[d] = 0;
            dNear[d] = Float.NaN;
            dFar[d] = Float.NaN;
            int c = detToCluster[d];
            if (c >= 0) {
                clusterDepths(d, c);
            }
            if (lidarDepth == null) {
                continue;
            }
            int regions = 0;
            for (int q = 0; q < r; q++) {
                int e = byArea[q];
                if (!(dNear[e] <= dFar[e]) || dx1[e] > dx2[d] || dx2[e] < dx1[d] || dy1[e] > dy2[d]
                        || dy2[e] < dy1[d]) {
                    continue;
                }
                if (excluded.length < 6 * (regions + 1)) {
                    excluded = Arrays.copyOf(excluded, 2 * excluded.length);
                }
                int o = 6 * regions++;
                float slack = (float) (1 + OWNER_SLACK_METERS * fxPixels / Math.max(dNear[e], 1.0));
                excluded[o] = dx1[e] - slack;
                excluded[o + 1] = dy1[e] - slack;
                excluded[o + 2] = dx2[e] + slack;
                excluded[o + 3] = dy2[e] + slack;
                excluded[o + 4] = dNear[e];
                excluded[o + 5] = dFar[e];
            }
            if (detectionDepth.estimateBox(dx1[d], dy1[d], dx2[d], dy2[d], lidarDepth, width, height, excluded,
                    regions)) {
                dMode[d] = detectionDepth.lastDepthMeters();
                dModeCount[d] = detectionDepth.lastPointCount();
                if (c < 0) {
                    dNear[d] = (float) (dMode[d] - margin);
                    dFar[d] = (float) (dMode[d] + margin);
                }
            }
        }
    }

    /**
     * The camera depths of cluster c's members in detection d's box, widened by
     * {@value #CLUSTER_DEPTH_SLACK_METERS} m, into dNear / dFar (NaN when none).
     */
    private void clusterDepths(int d, int c) {
        float near = Float.POSITIVE_INFINITY, far = Float.NEGATIVE_INFINITY;
        for (int k = lastClusters.memberStart(c); k < lastClusters.memberStart(c + 1); k++) {
            float u = uv[2 * k], v = uv[2 * k + 1];
            if (u == u && u >= dx1[d] && u <= dx2[d] && v >= dy1[d] && v <= dy2[d]) {
                near = Math.min(near, memberDepth[k]);
                far = Math.max(far, memberDepth[k]);
            }
        }
        if (near <= far) {
            dNear[d] = near - CLUSTER_DEPTH_SLACK_METERS;
            dFar[d] = far + CLUSTER_DEPTH_SLACK_METERS;
        }
    }

    /**
     * Which of two detections claims the points both boxes hold at both depths: a pedestrian, then a cyclist, then any
     * other class (the small road user is the one whose box a larger object's holds: its box is its own, the car's
     * box holds it only by the view); within a class a detection the IoU matched to a cluster, then the smaller box.
     * (Not box size alone: a far car's box, occluded by the pedestrian before it, can be smaller than the
     * pedestrian's and has the pedestrian as its nearest depth mode.)
     */
    private boolean precedes(int a, int b) {
        int ra = classRank(dClass[a]), rb = classRank(dClass[b]);
        if (ra != rb) {
            return ra < rb;
        }
        boolean ma = detToCluster[a] >= 0, mb = detToCluster[b] >= 0;
        if (ma != mb) {
            return ma;
        }
        return area(a) < area(b);
    }

    private static int classRank(ObjectClass c) {
        return c == ObjectClass.PEDESTRIAN ? 0 : c == ObjectClass.CYCLIST ? 1 : 2;
    }

    private double area(int d) {
        return (double) (dx2[d] - dx1[d]) * (dy2[d] - dy1[d]);
    }

    /** A detection placed on its box centre's ray at {@code depthMeters}. */
    private boolean placeByDepth(int d, float depthMeters, int pixels, Modality source, PointProjector projector,
            FusedObjects out) {
        double u = (dx1[d] + dx2[d]) / 2.0, v = (dy1[d] + dy2[d]) / 2.0;
        if (!(depthMeters > 0) || !projector.unproject(u, v, depthMeters, point)) {
            return false;
        }
        int cluster = unclaimedClusterNear(point[0], point[1]);
        if (cluster >= 0) {
            // the IoU missed it (a far object's boxes are a few pixels) but its depth lands on the cluster
            out.setClass(objOfCluster[cluster], dClass[d], dIndex[d], dScore[d]);
            clusterDet[cluster] = d;
            detUsed[d] = true;
            out.matched++;
            return true;
        }
        double w = (dx2[d] - dx1[d]) * depthMeters / projector.intrinsics().fxPixels();
        double h = (dy2[d] - dy1[d]) * depthMeters / projector.intrinsics().fyPixels();
        int i = out.add(dClass[d], point[0], point[1], point[2], w, w, h, 0, pixels,
                Modality.CAMERA.bit() | source.bit(), dScore[d], -1, dIndex[d]);
        if (i >= 0) {
            out.depthPlaced++;
        }
        detUsed[d] = true;
        return true;
    }

    /** A cluster no detection claimed whose centre lies within {@code 2 * splitMarginMeters} of (x, y), or -1. */
    private int unclaimedClusterNear(double x, double y) {
        double limit = 2 * config.splitMarginMeters();
        int best = -1;
        double bestD = limit;
        for (int c = 0; c < clusterDet.length && c < lastClusterCount; c++) {
            if (clusterDet[c] >= 0 || splitParent[c] || degenerate[c] || objOfCluster[c] < 0) {
                continue;
            }
            double d = Math.hypot(lastClusters.centerXMeters(c) - x, lastClusters.centerYMeters(c) - y);
            if (d <= bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** What is left of a cluster after splits: refitted, or removed when nothing is. */
    private void refitSplitParents(ObstacleClusters clusters, FusedObjects out) {
        int nc = clusters.size();
        boolean any = false;
        for (int c = 0; c < nc; c++) {
            if (!splitParent[c]) {
                continue;
            }
            int obj = objOfCluster[c];
            growFit(clusters.memberStart(c + 1) - clusters.memberStart(c));
            int n = 0;
            double minZ = Double.POSITIVE_INFINITY, maxZ = Double.NEGATIVE_INFINITY;
            for (int k = clusters.memberStart(c); k < clusters.memberStart(c + 1); k++) {
                if (!taken[k]) {
                    fitX[n] = clusters.memberX(k);
                    fitY[n] = clusters.memberY(k);
                    minZ = Math.min(minZ, clusters.memberZ(k));
                    maxZ = Math.max(maxZ, clusters.memberZ(k));
                    n++;
                }
            }
            if (n == 0) {
                if (!any) {
                    if (remove.length < out.size()) {
                        remove = new boolean[Math.max(out.size(), remove.length * 2)];
                    }
                    Arrays.fill(remove, 0, out.size(), false);
                    any = true;
                }
                remove[obj] = true;
                continue;
            }
            rectangle.fit(fitX, fitY, n);
            int members = clusters.memberStart(c + 1) - clusters.memberStart(c);
            out.setBox(obj, rectangle.centerX(), rectangle.centerY(), (minZ + maxZ) / 2, rectangle.lengthMeters(),
                    rectangle.widthMeters(), maxZ - minZ, rectangle.yawRad());
            out.setPoints(obj, (int) Math.round((double) clusters.points(c) * n / members));
        }
        if (any) {
            out.compact(remove);
        }
    }

    private void growClusters(int nc) {
        if (objOfCluster.length < nc) {
            int cap = Math.max(nc, objOfCluster.length * 2);
            objOfCluster = new int[cap];
            clusterDet = new int[cap];
            degenerate = new boolean[cap];
            boxValid = new boolean[cap];
            splitParent = new boolean[cap];
            gated = new int[cap];
            bx1 = new float[cap];
            by1 = new float[cap];
            bx2 = new float[cap];
            by2 = new float[cap];
        }
    }

    private void growFit(int n) {
        if (fitX.length < n) {
            fitX = new double[Math.max(n, fitX.length * 2)];
            fitY = new double[fitX.length];
        }
    }
}
