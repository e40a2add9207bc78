package org.avfusion.calibration.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Projecting one 120k-point lidar scan (x, y, z, intensity floats, a 360 degree sweep) into a camera image:
 * <pre>
 *   float[] scan (stride 4) --cameraFromLidar--> camera frame --K + OpenCV distortion--> float[] uv, float[] depth
 * </pre>
 * with a pinhole camera and with KITTI's strongly distorted raw camera 02. Run with {@code -prof gc} to see the
 * allocation rate (0 B/op expected):
 * {@code mvn -B -q -o -Dbench=calibration -DskipTests -pl calibration verify -Djmh.args="ProjectionBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ProjectionBenchmark {

    private static final int POINTS = 120_000;

    @Param({"pinhole", "kitti-distorted"})
    public String camera;

    private PointProjector projector;
    private final float[] scan = new float[4 * POINTS];
    private final float[] uv = new float[2 * POINTS];
    private final float[] depth = new float[POINTS];

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        for (int i = 0; i < POINTS; i++) {
            double range = 2 + rnd.nextDouble() * 80, az = rnd.nextDouble() * 2 * Math.PI;
            double el = Math.toRadians(-25 + rnd.nextDouble() * 27);
            scan[4 * i] = (float) (range * Math.cos(el) * Math.cos(az));
            scan[4 * i + 1] = (float) (range * Math.cos(el) * Math.sin(az));
            scan[4 * i + 2] = (float) (range * Math.sin(el));
            scan[4 * i + 3] = rnd.nextFloat();
        }
        RigidTransform cameraFromLidar = RigidTransform.of(new double[] {0, -1, 0, 0, 0, -1, 1, 0, 0}, 0, -0.08, -0.27);
        CameraIntrinsics k = camera.equals("pinhole")
                ? new CameraIntrinsics(721.5377, 721.5377, 609.5593, 172.854, 1242, 375, DistortionCoefficients.NONE)
                : new CameraIntrinsics(959.791, 956.9251, 696.0217, 224.1806, 1392, 512,
                        DistortionCoefficients.ofOpenCv(-0.3691481, 0.1968681, 0.001353473, 0.0005677587, -0.06770705));
        projector = new PointProjector(cameraFromLidar, k);
    }

    @Benchmark
    public int projectScan() {
        return projector.project(scan, 0, 4, POINTS, uv, depth);
    }
}
