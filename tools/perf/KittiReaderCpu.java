import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;

/**
 * The KITTI {@code .bin} reader alone: a folder's sweeps, held as bytes, decoded (rings and time offsets from the
 * scan order and azimuths) REPS times in one JVM; the fastest pass of the second half, and a digest of every 7th
 * point's time offset and ring, which two builds must agree on. Single-file program against any build's jar:
 * {@code java -cp runtime/target/avfusion.jar tools/perf/KittiReaderCpu.java SWEEP_FOLDER REPS}
 */
public class KittiReaderCpu {
    public static void main(String[] args) throws Exception {
        List<byte[]> sweeps = new ArrayList<>();
        try (var listing = Files.list(Path.of(args[0]))) {
            for (Path f : listing.filter(p -> p.toString().endsWith(".bin")).sorted().toList()) {
                sweeps.add(Files.readAllBytes(f));
            }
        }
        int reps = Integer.parseInt(args[1]);
        KittiBinReader reader = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        List<PointCloud> clouds = new ArrayList<>();
        double fastestMs = Double.MAX_VALUE;
        long digest = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < sweeps.size(); i++) { // empty clouds made before the clock: the reader fills them
                clouds.add(new PointCloud(200_000));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < sweeps.size(); i++) {
                reader.read(sweeps.get(i), sweeps.get(i).length, "sweep " + i, clouds.get(i));
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rep >= reps / 2) {
                fastestMs = Math.min(fastestMs, ms);
            }
            digest = 0;
            for (PointCloud c : clouds) {
                for (int p = 0; p < c.size(); p += 7) {
                    digest = digest * 31 + c.timeOffsetNanos(p) + 17L * c.ring(p);
                }
            }
            clouds.clear();
        }
        System.out.printf(Locale.ROOT, "%d sweeps, fastest pass of the second half %.1f ms, digest %d%n",
                sweeps.size(), fastestMs, digest);
    }
}
