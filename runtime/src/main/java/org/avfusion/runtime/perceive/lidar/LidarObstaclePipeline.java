package org.avfusion.runtime.perceive.lidar;

import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;

/**
 * The lidar obstacle pipeline: one sweep in, oriented boxes out.
 *
 * <pre>
 *   PointCloud --crop+voxel--&gt; VoxelCloud --ground filter--&gt; ground flags
 *              --Euclidean clustering (non-ground)--&gt; clusters --min-area rectangle--&gt; ObstacleClusters
 * </pre>
 *
 * <p>Stages: {@link VoxelDownsampler} (crop by range and height above the {@link GroundPrior}, voxel centroids),
 * {@link PolarGroundFilter} (slope-limited polar grid), {@link EuclideanClusterer} (voxel-hash neighbour search,
 * cluster size counted in lidar points) and {@link MinAreaRectangle} (box footprint; height from the member voxels).
 * Ground voxels are never clustered.
 *
 * <p>Not thread-safe: one instance per calling thread. No allocation per sweep in steady state: every buffer grows
 * to the largest sweep seen. The caller keeps ownership of the cloud, which is only read during the call.
 */
public final class LidarObstaclePipeline {
    private final ClusterConfig config;
    private final VoxelDownsampler downsampler;
    private final PolarGroundFilter groundFilter;
    private final EuclideanClusterer clusterer = new EuclideanClusterer();
    private final MinAreaRectangle rectangle = new MinAreaRectangle();
    private final VoxelCloud voxels = new VoxelCloud();
    private double[] boxX = new double[256];
    private double[] boxY = new double[256];
    /** The most voxels, and cluster members, one sweep has had so far (for {@link #reserveHeadroom}). */
    private int mostVoxels;
    private int mostMembers;

    public LidarObstaclePipeline(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.downsampler = new VoxelDownsampler(config);
        this.groundFilter = new PolarGroundFilter(config);
    }

    /**
     * Forgets the most voxels and members seen so far (not the room they made): the warm-up calls it between its
     * synthetic sweeps and the recording's, so that {@link #reserveHeadroom} and {@link #mostMembers} follow the
     * recording.
     */
    public void resetPeaks() {
        mostVoxels = 0;
        mostMembers = 0;
    }

    /** The most cluster members one sweep has had so far (what an {@link ObstacleClusters} must hold for it). */
    public int mostMembers() {
        return mostMembers;
    }

    /**
     * Grows the per-voxel scratch now for sweeps with up to {@code factor} times the voxels of the largest sweep so
     * far, so that a later sweep that is somewhat larger than those seen (a street that opens up) allocates nothing:
     * the pipeline calls it before the clock, after the warm-up ran the recording's first sweeps through it.
     *
     * @throws IllegalArgumentException unless {@code factor} is in [1, 4]
     */
    public void reserveHeadroom(double factor) {
        if (!(factor >= 1 && factor <= 4)) {
            throw new IllegalArgumentException("headroom factor must be in [1, 4], was " + factor);
        }
        int room = (int) Math.ceil(mostVoxels * factor);
        downsampler.reserveVoxels(room);
        voxels.ensureCapacity(room);
        clusterer.reserve(room);
    }

    /** One-line entry point for tools and tests: a fresh pipeline over one sweep. */
    public static ObstacleClusters detectOnce(ClusterConfig config, PointCloud cloud, GroundPrior prior) {
        ObstacleClusters out = new ObstacleClusters();
        new LidarObstaclePipeline(config).process(cloud, prior, out);
        return out;
    }

    public ClusterConfig config() {
        return config;
    }

    /** The last sweep's voxels with their ground flags and cluster indices (valid until the next call). */
    public VoxelCloud voxels() {
        return voxels;
    }

    /** The ground filter, for the ground height it left per cell. */
    public PolarGroundFilter groundFilter() {
        return groundFilter;
    }

    /** Runs every stage on {@code cloud} (lidar frame) and writes the clusters to {@code out}. */
    public void process(PointCloud cloud, GroundPrior prior, ObstacleClusters out) {
        Objects.requireNonNull(prior, "prior");
        downsampler.downsample(cloud, prior, voxels);
        groundFilter.classify(voxels);
        int n = voxels.size;
        clusterer.cluster(voxels.x, voxels.y, voxels.z, voxels.weight, voxels.ground, n, config.toleranceMeters(),
                config.minClusterPoints(), config.maxClusterPoints());

        out.clear();
        out.inputPoints = cloud.size();
        out.croppedPoints = downsampler.croppedPoints();
        out.voxels = n;
        out.groundVoxels = groundFilter.groundVoxels();
        out.rejectedSmall = clusterer.rejectedSmall();
        out.rejectedLarge = clusterer.rejectedLarge();
        int clusters = clusterer.clusterCount();
        int totalMembers = clusters == 0 ? 0
                : clusterer.clusterStart(clusters - 1) + clusterer.clusterSize(clusters - 1);
        out.ensureMemberCapacity(totalMembers);
        mostVoxels = Math.max(mostVoxels, n);
        mostMembers = Math.max(mostMembers, totalMembers);
        for (int i = 0; i < n; i++) {
            voxels.cluster[i] = clusterer.label(i);
        }
        for (int c = 0; c < clusters; c++) {
            int start = clusterer.clusterStart(c);
            int size = clusterer.clusterSize(c);
            if (boxX.length < size) {
                boxX = new double[Math.max(size, boxX.length * 2)];
                boxY = new double[boxX.length];
            }
            double minZ = Double.POSITIVE_INFINITY, maxZ = Double.NEGATIVE_INFINITY;
            int points = 0;
            for (int k = 0; k < size; k++) {
                int v = clusterer.member(start + k);
                boxX[k] = voxels.x[v];
                boxY[k] = voxels.y[v];
                minZ = Math.min(minZ, voxels.z[v]);
                maxZ = Math.max(maxZ, voxels.z[v]);
                points += voxels.weight[v];
                out.addMember(voxels.x[v], voxels.y[v], voxels.z[v]);
            }
            rectangle.fit(boxX, boxY, size);
            out.add(rectangle.centerX(), rectangle.centerY(), (minZ + maxZ) / 2, rectangle.lengthMeters(),
                    rectangle.widthMeters(), maxZ - minZ, rectangle.yawRad(), points);
        }
    }
}
