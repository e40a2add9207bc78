package org.avfusion.runtime.cli.clusters;

import org.avfusion.runtime.perceive.lidar.ClusterConfig;
import picocli.CommandLine.Option;

/**
 * The lidar obstacle pipeline's command-line options, shared by {@code avfusion clusters} and {@code avfusion fuse}
 * (a picocli mixin): the lidar's height above the road and the clustering settings over
 * {@link ClusterConfig#DEFAULTS}.
 */
public final class ClusterOptions {
    @Option(names = "--sensor-height", paramLabel = "M", defaultValue = "1.73",
            description = "Lidar height above the road, metres (default: ${DEFAULT-VALUE}, KITTI's HDL-64E).")
    double sensorHeightMeters;

    @Option(names = "--tolerance", paramLabel = "M",
            description = "Clustering distance, metres (default 0.60).")
    Double toleranceMeters;

    @Option(names = "--voxel", paramLabel = "M", description = "Voxel edge for downsampling, metres (default 0.10).")
    Double voxelMeters;

    @Option(names = "--min-points", paramLabel = "N", description = "Smallest cluster kept, lidar points (default 8).")
    Integer minPoints;

    @Option(names = "--max-points", paramLabel = "N",
            description = "Largest cluster kept, lidar points (default 40000).")
    Integer maxPoints;

    /** Lidar height above the road, metres. */
    public double sensorHeightMeters() {
        return sensorHeightMeters;
    }

    /**
     * The pipeline settings these options give.
     *
     * @throws IllegalArgumentException naming the setting when a value is impossible
     */
    public ClusterConfig config() {
        ClusterConfig c = ClusterConfig.DEFAULTS;
        if (toleranceMeters != null) {
            c = c.withToleranceMeters(toleranceMeters);
        }
        if (voxelMeters != null) {
            c = c.withVoxelSizeMeters(voxelMeters);
        }
        if (minPoints != null || maxPoints != null) {
            c = c.withClusterPoints(minPoints != null ? minPoints : c.minClusterPoints(),
                    maxPoints != null ? maxPoints : c.maxClusterPoints());
        }
        return c;
    }
}
