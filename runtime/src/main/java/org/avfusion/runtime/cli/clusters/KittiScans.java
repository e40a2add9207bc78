package org.avfusion.runtime.cli.clusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;

/** Reads KITTI Velodyne scans ({@code .bin}) the way the lidar commands do: no rings, no times, NaN points skipped. */
public final class KittiScans {
    private KittiScans() {
    }

    /**
     * One scan into a cloud sized for it.
     *
     * @throws PointCloudFormatException naming the file when it is not a KITTI scan
     * @throws IOException               when it cannot be read
     */
    public static PointCloud read(Path scan) throws IOException, PointCloudFormatException {
        PointCloud cloud = new PointCloud((int) Math.max(1, Files.size(scan) / KittiBinReader.POINT_BYTES));
        reader().read(scan, cloud);
        return cloud;
    }

    static KittiBinReader reader() {
        return new KittiBinReader(new KittiBinReader.Options(KittiBinReader.RingMode.UNKNOWN,
                KittiBinReader.TimeMode.ZERO, NonFinitePolicy.SKIP_POINT));
    }
}
