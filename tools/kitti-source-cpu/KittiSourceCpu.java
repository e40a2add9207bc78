import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.format.KittiRawFormat;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.recorded.format.RecordingSource;

/**
 * CPU time of the KITTI raw replay source per 100 ms set (one HDL-64E sweep, one 1242x375 PNG) on the 20 sets of
 * ../shared/data/kitti/raw/2011_09_26/sfnd_sequence_sync, opened as {@code avfusion replay} opens it
 * ({@link KittiRawFormat}, default request), every frame emitted on this thread into a sink that releases it at
 * once, pass after pass (pass 0 is the cold JIT). Thread CPU time (ThreadMXBean) of {@code emitNext}, split by what
 * the frame was. Mode {@code reader}: KittiBinReader alone on the 20 {@code .bin} files. Mode {@code decode} (default) decodes the PNGs; mode {@code header} asks the request for no pixels
 * ({@code RecordingRequest.withDecodeImagePixels(false)}, called by reflection so the same file runs against code that
 * predates it, where it fails). The digest covers every published frame's stamp, sequence and size and every point's
 * x, y, z, intensity, time offset and ring (not the pixels): equal digests, equal frames. Not a test, not JMH
 * (docs/PERFORMANCE.md, "KITTI source CPU per sweep"); run with tools/kitti-source-cpu/run.sh [passes] [mode].
 */
public class KittiSourceCpu {
    public static void main(String[] args) throws Exception {
        Path drive = Path.of(System.getProperty("avfusion.shared", "../shared"),
                "data/kitti/raw/2011_09_26/sfnd_sequence_sync");
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        boolean header = args.length > 1 && args[1].equals("header");
        if (args.length > 1 && args[1].equals("reader")) {
            readerOnly(drive, passes);
            return;
        }
        RecordingRequest request = RecordingRequest.defaults();
        if (header) {
            request = (RecordingRequest) RecordingRequest.class.getMethod("withDecodeImagePixels", boolean.class)
                    .invoke(request, false);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] setMillis = new double[passes];
        double[] sweepMillis = new double[passes];
        double[] imageMillis = new double[passes];
        for (int p = 0; p < passes; p++) {
            long[] digest = {17};
            Payload[] seen = new Payload[1];
            long sweepNanos = 0;
            long imageNanos = 0;
            int sweeps = 0;
            int images = 0;
            try (RecordingSource source = new KittiRawFormat().open(drive, request)) {
                while (source.nextArrivalNanos() != RecordingSource.END) {
                    seen[0] = null;
                    long t0 = mx.getCurrentThreadCpuTime();
                    source.emitNext((h, payload) -> {
                        seen[0] = payload;
                        digest[0] = digest[0] * 31 + h.stampNanos();
                        digest[0] = digest[0] * 31 + h.sequence();
                        return true;
                    });
                    long t1 = mx.getCurrentThreadCpuTime();
                    if (seen[0] instanceof PointCloud c) {
                        sweepNanos += t1 - t0;
                        sweeps++;
                        long d = digest[0];
                        for (int i = 0; i < c.size(); i++) {
                            d = d * 31 + Float.floatToIntBits(c.x(i));
                            d = d * 31 + Float.floatToIntBits(c.y(i));
                            d = d * 31 + Float.floatToIntBits(c.z(i));
                            d = d * 31 + Float.floatToIntBits(c.intensity(i));
                            d = d * 31 + c.timeOffsetNanos(i);
                            d = d * 31 + c.ring(i);
                        }
                        digest[0] = d * 31 + c.size();
                    } else if (seen[0] instanceof CameraImage im) {
                        imageNanos += t1 - t0;
                        images++;
                        digest[0] = (digest[0] * 31 + im.width()) * 31 + im.height();
                    }
                    if (seen[0] instanceof PooledPayload pooled) {
                        pooled.release();
                    }
                }
            }
            setMillis[p] = (sweepNanos + imageNanos) / 1e6 / Math.max(1, sweeps);
            sweepMillis[p] = sweepNanos / 1e6 / Math.max(1, sweeps);
            imageMillis[p] = imageNanos / 1e6 / Math.max(1, images);
            System.out.printf(Locale.ROOT, "pass %d (%s): cpu ms: per sweep %.2f (%d), per image %.2f (%d), per set "
                    + "%.2f | digest %016x%n", p, header ? "header" : "decode", sweepNanos / 1e6 / Math.max(1, sweeps),
                    sweeps, imageNanos / 1e6 / Math.max(1, images), images, setMillis[p], digest[0]);
        }
        if (passes > 1) {
            System.out.printf(Locale.ROOT, "median of passes 1..%d: cpu ms per sweep %.2f, per image %.2f, per set "
                    + "%.2f%n", passes - 1, warmMedian(sweepMillis), warmMedian(imageMillis), warmMedian(setMillis));
        }
    }

    /** Mode {@code reader}: KittiBinReader alone (default options) on the 20 sweeps, file read included. */
    private static void readerOnly(Path drive, int passes) throws Exception {
        java.util.List<Path> files;
        try (var s = java.nio.file.Files.list(drive.resolve("velodyne_points/data"))) {
            files = s.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.avfusion.drivers.pool.BufferPool<PointCloud> pool = new org.avfusion.drivers.pool.BufferPool<>("bench",
                () -> new PointCloud(150_000), 0, 1);
        org.avfusion.drivers.pointcloud.io.KittiBinReader reader = new org.avfusion.drivers.pointcloud.io.KittiBinReader(
                org.avfusion.drivers.pointcloud.io.KittiBinReader.Options.DEFAULT);
        double[] sweepMillis = new double[passes];
        for (int p = 0; p < passes; p++) {
            long digest = 17;
            long t0 = mx.getCurrentThreadCpuTime();
            for (Path f : files) {
                PointCloud c = pool.acquire();
                reader.read(f, c);
                digest = digest * 31 + c.timeOffsetNanos(c.size() / 2) + 7L * c.ring(c.size() / 3);
                c.release();
            }
            sweepMillis[p] = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / files.size();
            System.out.printf(Locale.ROOT, "pass %d (reader): cpu ms per sweep %.2f | %016x%n", p, sweepMillis[p],
                    digest);
        }
        if (passes > 1) {
            System.out.printf(Locale.ROOT, "median of passes 1..%d: reader cpu ms per sweep %.2f%n", passes - 1,
                    warmMedian(sweepMillis));
        }
    }

    /** Median of all passes but the cold first. */
    private static double warmMedian(double[] perPass) {
        double[] warm = Arrays.copyOfRange(perPass, 1, perPass.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
