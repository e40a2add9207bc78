package org.avfusion.runtime.align;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frames a set takes (the camera frame nearest each sweep's stamp within the tolerance) against the frames the
 * predictor wanted, over 60 s of arrivals: lidar sweeps arrive when complete (stamp + period), camera frames after
 * their transport latency, both with stamp jitter; every 37th sweep is lost.
 */
class SetFramePredictorTest {
    private static final long MS = 1_000_000L;
    private static final long TOLERANCE = 40 * MS;

    private record Arrival(long arrivalNanos, boolean lidar, long stampNanos) {
    }

    @ParameterizedTest(name = "lidar {0} Hz, camera {1} Hz, camera phase {2} ms, latency {3} ms")
    @CsvSource({
        "10, 15, 0, 30, 1.55",  // the simulator's rig (every other sweep lies halfway between two frames: a tie)
        "10, 30, 5, 20, 1.2",   // a vehicle camera at 30 Hz: about one frame per sweep instead of three
        "10, 10, 30, 10, 1.05", // the camera fires as the lidar faces forward
        "10, 10, 0, 0, 1.05",   // KITTI without timestamps: same stamps, the image first
        "20, 25, 3, 15, 1.35"})
    void everySetsFrameIsWantedAndLittleElse(double lidarHz, double cameraHz, long phaseMs, long latencyMs,
            double maxWantedPerSweep) {
        Random rng = new Random(11);
        long lidarPeriod = Math.round(1e9 / lidarHz);
        long cameraPeriod = Math.round(1e9 / cameraHz);
        List<Arrival> arrivals = new ArrayList<>();
        List<Long> sweeps = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        for (long t = 0; t < 60_000 * MS; t += lidarPeriod) {
            long stamp = t + (long) (rng.nextGaussian() * 0.5 * MS);
            if ((t / lidarPeriod) % 37 != 36) {
                sweeps.add(stamp);
                arrivals.add(new Arrival(stamp + lidarPeriod + 2 * MS, true, stamp));
            }
        }
        for (long t = phaseMs * MS; t < 60_000 * MS; t += cameraPeriod) {
            long stamp = t + (long) (rng.nextGaussian() * 2 * MS);
            frames.add(stamp);
            arrivals.add(new Arrival(stamp + latencyMs * MS, false, stamp));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrivalNanos));
        SetFramePredictor predictor = new SetFramePredictor(TOLERANCE);
        Set<Long> wanted = new HashSet<>();
        for (Arrival a : arrivals) {
            if (a.lidar()) {
                predictor.onReference(a.stampNanos());
            } else if (predictor.onCamera(a.stampNanos())) {
                wanted.add(a.stampNanos());
            }
        }
        int sets = 0;
        int missed = 0;
        for (long sweep : sweeps) {
            long best = Long.MIN_VALUE;
            for (long f : frames) {
                if (Math.abs(f - sweep) <= TOLERANCE && (best == Long.MIN_VALUE
                        || Math.abs(f - sweep) < Math.abs(best - sweep))) {
                    best = f;
                }
            }
            if (best != Long.MIN_VALUE && sweep > 2 * lidarPeriod) {
                sets++;
                if (!wanted.contains(best)) {
                    missed++;
                }
            }
        }
        String what = sets + " sets, " + missed + " of their frames not wanted, " + wanted.size() + " frames wanted of "
                + frames.size();
        assertTrue(missed <= sets / 100, what); // only around the lost sweeps
        assertTrue(sets > sweeps.size() / 2, what);
        assertTrue(wanted.size() <= maxWantedPerSweep * sweeps.size() + 3, what);
        System.out.println(lidarHz + " Hz / " + cameraHz + " Hz: " + what);
    }

    @ParameterizedTest(name = "tolerance {0} ns")
    @CsvSource({"0", "-1"})
    void aToleranceThatIsNotPositiveIsRefused(long tolerance) {
        assertThrows(IllegalArgumentException.class, () -> new SetFramePredictor(tolerance));
    }
}
