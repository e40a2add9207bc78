package org.avfusion.drivers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.PcdEncoding;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.drivers.pointcloud.io.PcdWriter;
import org.avfusion.drivers.pool.BufferPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read throughput of one lidar sweep from a file (page cache warm) into a pooled cloud:
 *
 * <pre>
 *   file (120k points) --read--> PcdReader / KittiBinReader --> PointCloud (pool of 1, released each op)
 * </pre>
 *
 * PCD files are written once per trial from a fixed-seed random cloud of 120,268 points (x y z intensity ring t);
 * the KITTI scan is ../shared/data/kitti/object/training/velodyne/000001.bin (120,268 points) when present, else a
 * synthetic scan of the same size. Divide 120,268 points by the time per op for points per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PointCloudReadBenchmark {
    private static final int POINTS = 120_268;

    private Path dir;
    private Path binaryPcd;
    private Path compressedPcd;
    private Path asciiPcd;
    private Path kittiBin;
    private final BufferPool<PointCloud> pool = new BufferPool<>("bench", () -> new PointCloud(130_000), 1, 1);
    private final PcdReader pcdReader = new PcdReader();
    private final KittiBinReader kittiReader = new KittiBinReader(KittiBinReader.Options.DEFAULT);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pointcloud-bench");
        PointCloud cloud = new PointCloud(POINTS);
        Random random = new Random(1);
        for (int i = 0; i < POINTS; i++) {
            cloud.add((float) (random.nextGaussian() * 30), (float) (random.nextGaussian() * 30),
                    (float) (random.nextGaussian() * 2), random.nextInt(256), random.nextInt(100_000_000), i % 64);
        }
        binaryPcd = dir.resolve("cloud-binary.pcd");
        compressedPcd = dir.resolve("cloud-compressed.pcd");
        asciiPcd = dir.resolve("cloud-ascii.pcd");
        PcdWriter.write(binaryPcd, cloud, PcdEncoding.BINARY);
        PcdWriter.write(compressedPcd, cloud, PcdEncoding.BINARY_COMPRESSED);
        PcdWriter.write(asciiPcd, cloud, PcdEncoding.ASCII);
        kittiBin = realKittiScan();
        if (kittiBin == null) {
            kittiBin = dir.resolve("scan.bin");
            ByteBuffer b = ByteBuffer.allocate(POINTS * 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < POINTS; i++) {
                b.putFloat(cloud.x(i)).putFloat(cloud.y(i)).putFloat(cloud.z(i)).putFloat(0.5f);
            }
            Files.write(kittiBin, b.array());
        }
    }

    private static Path realKittiScan() {
        String[] roots = {System.getProperty("avfusion.shared", "../shared"), "../shared", "../../shared"};
        for (String root : roots) {
            Path p = Path.of(root, "data", "kitti", "object", "training", "velodyne", "000001.bin");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (Path p : new Path[] {binaryPcd, compressedPcd, asciiPcd, dir.resolve("scan.bin"), dir}) {
            Files.deleteIfExists(p);
        }
    }

    @Benchmark
    public int pcdBinary() throws IOException {
        PointCloud cloud = pool.acquire();
        try {
            return pcdReader.read(binaryPcd, cloud).pointsRead();
        } finally {
            cloud.release();
        }
    }

    @Benchmark
    public int pcdBinaryCompressed() throws IOException {
        PointCloud cloud = pool.acquire();
        try {
            return pcdReader.read(compressedPcd, cloud).pointsRead();
        } finally {
            cloud.release();
        }
    }

    @Benchmark
    public int pcdAscii() throws IOException {
        PointCloud cloud = pool.acquire();
        try {
            return pcdReader.read(asciiPcd, cloud).pointsRead();
        } finally {
            cloud.release();
        }
    }

    @Benchmark
    public int kittiBin() throws IOException {
        PointCloud cloud = pool.acquire();
        try {
            return kittiReader.read(kittiBin, cloud).pointsRead();
        } finally {
            cloud.release();
        }
    }
}
