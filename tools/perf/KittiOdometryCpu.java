import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.runtime.odometry.LidarOdometry;
import org.avfusion.runtime.odometry.OdometryConfig;
import org.avfusion.runtime.odometry.OdometryEstimate;

/**
 * Lidar odometry alone over a folder of KITTI {@code .bin} sweeps, read into memory first: the folder's sweeps
 * through a fresh {@link LidarOdometry} (the runtime's settings for an 80 m range) REPS times in one JVM, and the
 * fastest pass of the second half (the JIT done). Prints the ICP iterations and the last pose, which two builds must
 * agree on to the bit. Single-file program against any build's jar:
 * {@code java -cp runtime/target/avfusion.jar tools/perf/KittiOdometryCpu.java SWEEP_FOLDER REPS}
 */
public class KittiOdometryCpu {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(Path.of(args[0]))) {
            listing.filter(p -> p.toString().endsWith(".bin")).sorted().forEach(files::add);
        }
        int reps = Integer.parseInt(args[1]);
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        List<PointCloud> clouds = new ArrayList<>();
        for (Path f : files) {
            PointCloud cloud = new PointCloud(200_000);
            reader.read(f, cloud);
            clouds.add(cloud);
        }
        OdometryConfig config = OdometryConfig.forMaxRange(80);
        double fastestMs = Double.MAX_VALUE;
        int iterations = 0;
        String lastPose = "";
        for (int rep = 0; rep < reps; rep++) {
            LidarOdometry odometry = new LidarOdometry(config);
            iterations = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < clouds.size(); i++) {
                OdometryEstimate e = odometry.process(clouds.get(i), i * 100_000_000L);
                if (e != null) {
                    iterations += e.iterations();
                    lastPose = e.odomFromLidar().toString();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rep >= reps / 2) {
                fastestMs = Math.min(fastestMs, ms);
            }
        }
        System.out.printf(Locale.ROOT, "%d sweeps, fastest pass of the second half %.1f ms, %d ICP iterations%n",
                clouds.size(), fastestMs, iterations);
        System.out.println("last pose " + lastPose);
    }
}
