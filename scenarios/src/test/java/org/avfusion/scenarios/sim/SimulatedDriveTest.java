package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.scenarios.sim.render.Material;
import org.avfusion.drivers.map.LocalTangentPlane;
import org.avfusion.drivers.source.FrameSink;
import org.junit.jupiter.api.Test;

class SimulatedDriveTest {

    /** One emitted frame, reduced to what two runs must agree on. */
    private record Seen(FrameHeader header, long arrivalNanos, int payloadHash, Payload smallPayload) {
    }

    /** Hashes each payload and releases pooled ones; keeps GNSS and IMU records. */
    private static List<Seen> run(SimulatedDrive drive, long untilArrivalNanos) {
        List<Seen> seen = new ArrayList<>();
        while (drive.nextArrivalNanos() <= untilArrivalNanos) {
            long arrival = drive.nextArrivalNanos();
            drive.emitNext(recorder(seen, arrival));
        }
        return seen;
    }

    private static FrameSink recorder(List<Seen> seen, long arrival) {
        return (header, payload) -> {
            if (payload instanceof PointCloud cloud) {
                int h = Arrays.hashCode(Arrays.copyOf(cloud.xArray(), cloud.size()));
                h = 31 * h + Arrays.hashCode(Arrays.copyOf(cloud.zArray(), cloud.size()));
                seen.add(new Seen(header, arrival, 31 * h + cloud.size(), null));
                cloud.release();
            } else if (payload instanceof CameraImage image) {
                int h = image.hasPixels() ? image.pixels().hashCode() : sizeOnly(image.width(), image.height());
                seen.add(new Seen(header, arrival, h, null));
                image.release();
            } else {
                seen.add(new Seen(header, arrival, payload.hashCode(), payload));
            }
            return true;
        };
    }

    /** What {@link #recorder} keeps of a camera frame that carries its size only. */
    private static int sizeOnly(int widthPixels, int heightPixels) {
        return 0x5126_0000 ^ (31 * widthPixels + heightPixels);
    }

    private static ScenarioSpec shortened(String name, double seconds, long seed) {
        ScenarioSpec s = ScenarioCatalog.loadBuiltIn(name);
        return new ScenarioSpec(s.name(), s.description(), seed, seconds, s.origin(), s.startUtc(), s.road(), s.ego(),
                s.actors(), s.sensors());
    }

    private static List<Seen> of(List<Seen> frames, SensorId sensor) {
        return frames.stream().filter(f -> f.header().sensor().equals(sensor)).toList();
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalFramesAndAnotherSeedDoesNot() {
        ScenarioSpec spec = shortened("pedestrian-crossing", 1.0, 42);
        List<Seen> first;
        List<Seen> second;
        List<Seen> reseeded;
        try (SimulatedDrive a = new SimulatedDrive(spec); SimulatedDrive b = new SimulatedDrive(spec);
                SimulatedDrive c = new SimulatedDrive(shortened("pedestrian-crossing", 1.0, 43))) {
            first = run(a, Long.MAX_VALUE - 1);
            second = run(b, Long.MAX_VALUE - 1);
            reseeded = run(c, Long.MAX_VALUE - 1);
        }
        assertTrue(first.size() > 100, "frames: " + first.size());
        assertEquals(first, second);
        assertNotEquals(first, reseeded);
    }

    /**
     * Like {@link #run}, but before each frame the frames of the next {@code horizonNanos} are rendered ahead
     * ({@code prepareUntil}, twice), as a paced replay does.
     */
    private static List<Seen> runPrepared(SimulatedDrive drive, long untilArrivalNanos, long horizonNanos) {
        List<Seen> seen = new ArrayList<>();
        while (true) {
            long before = drive.nextArrivalNanos();
            if (before != SimulatedDrive.END) {
                drive.prepareUntil(before + horizonNanos);
                drive.prepareUntil(before + horizonNanos); // twice prepares once
            }
            long arrival = drive.nextArrivalNanos();
            assertEquals(before, arrival, "prepareUntil must not move the next arrival");
            if (arrival > untilArrivalNanos) {
                return seen;
            }
            drive.emitNext(recorder(seen, arrival));
        }
    }

    @Test
    void framesRenderedAheadAreTheFramesRenderedAtRelease() {
        ScenarioSpec spec = shortened("pedestrian-crossing", 1.0, 42);
        try (SimulatedDrive atRelease = new SimulatedDrive(spec); SimulatedDrive ahead = new SimulatedDrive(spec)) {
            List<Seen> expected = run(atRelease, Long.MAX_VALUE - 1);
            List<Seen> prepared = runPrepared(ahead, Long.MAX_VALUE - 1, 50_000_000L);
            assertEquals(expected, prepared);
            assertTrue(of(prepared, SimulatedDrive.LIDAR).size() >= 9, "lidar sweeps: " + prepared.size());
            assertTrue(of(prepared, SimulatedDrive.CAMERA).size() >= 9, "camera frames: " + prepared.size());
        }
    }

    /**
     * A drive for a replay that reads no pixels: its camera frames carry their size only ({@code pixels()} throws),
     * with the stamps, sequences and arrivals of rendered ones, and every other sensor's frames are the same bits,
     * rendered ahead or at release.
     */
    @Test
    void withoutCameraPixelsCameraFramesCarryTheirSizeAndEveryOtherFrameIsTheSame() {
        ScenarioSpec spec = shortened("pedestrian-crossing", 1.0, 42);
        try (SimulatedDrive rendered = new SimulatedDrive(spec);
                SimulatedDrive sizeOnly = new SimulatedDrive(spec, false);
                SimulatedDrive sizeOnlyAhead = new SimulatedDrive(spec, false)) {
            assertTrue(rendered.cameraPixels());
            assertFalse(sizeOnly.cameraPixels());
            int w = sizeOnly.cameraIntrinsics().widthPixels();
            int h = sizeOnly.cameraIntrinsics().heightPixels();
            List<Seen> expected = run(rendered, Long.MAX_VALUE - 1).stream()
                    .map(f -> f.header().sensor().equals(SimulatedDrive.CAMERA)
                            ? new Seen(f.header(), f.arrivalNanos(), sizeOnly(w, h), null) : f)
                    .toList();
            assertTrue(of(expected, SimulatedDrive.CAMERA).size() >= 9, "camera frames: " + expected.size());
            assertEquals(expected, run(sizeOnly, Long.MAX_VALUE - 1));
            assertEquals(expected, runPrepared(sizeOnlyAhead, Long.MAX_VALUE - 1, 50_000_000L));
        }
        try (SimulatedDrive drive = new SimulatedDrive(spec, false)) {
            List<CameraImage> images = new ArrayList<>();
            while (images.isEmpty()) {
                drive.emitNext((header, payload) -> {
                    if (payload instanceof CameraImage image) {
                        images.add(image);
                    } else if (payload instanceof PointCloud cloud) {
                        cloud.release();
                    }
                    return true;
                });
            }
            CameraImage image = images.get(0);
            assertFalse(image.hasPixels());
            IllegalStateException e = assertThrows(IllegalStateException.class, image::pixels);
            assertTrue(e.getMessage().contains("has no pixels"), e.getMessage());
            image.release();
        }
    }

    /** Rendering a whole second ahead (every sensor's next frame, interleaved differently) changes nothing. */
    @Test
    void framesRenderedFarAheadAreTheSameToo() {
        ScenarioSpec spec = shortened("pedestrian-crossing", 1.0, 42);
        try (SimulatedDrive atRelease = new SimulatedDrive(spec); SimulatedDrive ahead = new SimulatedDrive(spec)) {
            assertEquals(run(atRelease, Long.MAX_VALUE - 1), runPrepared(ahead, Long.MAX_VALUE - 1, 1_000_000_000L));
        }
    }

    @Test
    void closingWithAFrameRenderedAheadGivesItsBufferBack() {
        SimulatedDrive drive = new SimulatedDrive(shortened("pedestrian-crossing", 1.0, 42));
        List<Seen> seen = new ArrayList<>();
        // emit GNSS and IMU frames until the next one is a lidar sweep or a camera image, rendered ahead
        while (true) {
            drive.prepareUntil(drive.nextArrivalNanos());
            if (drive.preparedIsPooled()) {
                break;
            }
            drive.emitNext(recorder(seen, drive.nextArrivalNanos()));
        }
        int free = drive.freePooledBuffers();
        drive.close();
        assertEquals(free + 1, drive.freePooledBuffers(), "the buffer rendered ahead is back in its pool");
    }

    @Test
    void sensorsRunAtTheirRatesWithConsecutiveSequencesInArrivalOrder() {
        ScenarioSpec spec = shortened("car-ahead-braking", 3.0, 1);
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            List<Seen> frames = run(drive, Long.MAX_VALUE - 1);
            Map<SensorId, Integer> expected = Map.of(SimulatedDrive.LIDAR, 30, SimulatedDrive.CAMERA, 45,
                    SimulatedDrive.GNSS, 31, SimulatedDrive.IMU, 301);
            for (SensorId sensor : drive.sensors()) {
                List<Seen> mine = of(frames, sensor);
                assertEquals(expected.get(sensor), mine.size(), sensor + " frames in 3 s");
                assertEquals(drive.frameCount(sensor), mine.size());
                for (int i = 0; i < mine.size(); i++) {
                    assertEquals(i, mine.get(i).header().sequence(), sensor + " sequence");
                }
            }
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i).arrivalNanos() >= frames.get(i - 1).arrivalNanos(), "arrival order at " + i);
            }
            // arrival = capture end + latency
            Seen sweep = of(frames, SimulatedDrive.LIDAR).get(3);
            assertEquals(3 * 100_000_000L + 100_000_000L + 8_000_000L, sweep.arrivalNanos());
            Seen fix = of(frames, SimulatedDrive.GNSS).get(5);
            assertEquals(500_000_000L + 60_000_000L, fix.arrivalNanos());
            assertEquals(RecordedSourceEnd.END, drive.nextArrivalNanos());
        }
    }

    /** Keeps the END constant readable in the table above. */
    private static final class RecordedSourceEnd {
        static final long END = org.avfusion.drivers.source.RecordedSource.END;
    }

    @Test
    void stampsCarryTheConfiguredOffsetAndJitter() {
        ScenarioSpec spec = shortened("clear-road", 3.0, 5);
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            List<Seen> frames = run(drive, Long.MAX_VALUE - 1);
            Object[][] table = {
                {SimulatedDrive.IMU, 10_000_000L, SimDefaults.IMU_CLOCK_OFFSET_MILLIS, SimDefaults.IMU_STAMP_JITTER_MILLIS},
                {SimulatedDrive.CAMERA, Math.round(1e9 / 15), SimDefaults.CAMERA_CLOCK_OFFSET_MILLIS,
                    SimDefaults.CAMERA_STAMP_JITTER_MILLIS},
                {SimulatedDrive.GNSS, 100_000_000L, SimDefaults.GNSS_CLOCK_OFFSET_MILLIS, SimDefaults.GNSS_STAMP_JITTER_MILLIS},
            };
            for (Object[] row : table) {
                SensorId sensor = (SensorId) row[0];
                long period = (long) row[1];
                double offsetMillis = (double) row[2];
                double jitterMillis = (double) row[3];
                assertEquals(Math.round(offsetMillis * 1e6), drive.trueClockOffsets().get(sensor).offsetNanos());
                List<Seen> mine = of(frames, sensor);
                double sum = 0;
                double sumSq = 0;
                for (Seen f : mine) {
                    double residualMillis = (f.header().stampNanos() - f.header().sequence() * period) / 1e6
                            - offsetMillis;
                    sum += residualMillis;
                    sumSq += residualMillis * residualMillis;
                }
                int n = mine.size();
                double mean = sum / n;
                double std = Math.sqrt(sumSq / n - mean * mean);
                assertEquals(0, mean, 4 * jitterMillis / Math.sqrt(n), sensor + " mean stamp error, ms");
                assertEquals(jitterMillis, std, 0.35 * jitterMillis, sensor + " stamp jitter, ms");
            }
        }
    }

    @Test
    void gnssFixesParseBackThroughNmeaToTheTruePosition() {
        ScenarioSpec spec = shortened("clear-road", 3.0, 9);
        LocalTangentPlane plane = new LocalTangentPlane(spec.origin().latitudeDeg(), spec.origin().longitudeDeg(),
                spec.origin().altitudeMeters());
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            List<Seen> fixes = of(run(drive, Long.MAX_VALUE - 1), SimulatedDrive.GNSS);
            assertEquals(31, fixes.size());
            double[] enu = new double[3];
            for (Seen f : fixes) {
                GnssFix fix = (GnssFix) f.smallPayload();
                assertTrue(fix.hasPosition(), "fix " + f.header().sequence());
                long vehicleNanos = f.header().sequence() * 100_000_000L;
                EgoState truth = drive.groundTruth().egoAt(vehicleNanos);
                plane.toEnu(fix.latitudeDeg(), fix.longitudeDeg(), spec.origin().altitudeMeters(), enu);
                double error = Math.hypot(enu[0] - truth.xMeters(), enu[1] - truth.yMeters());
                assertTrue(error < 0.1, "fix " + f.header().sequence() + " is " + error + " m off the truth");
                assertEquals(truth.speedMetersPerSecond(), fix.speedMetersPerSecond(), 1e-3);
                assertEquals(90.0, fix.trackDeg(), 1e-2, "heading east is track 90 deg");
                assertEquals(spec.startUtc().toEpochMilli() + vehicleNanos / 1_000_000, fix.utcEpochMillis());
            }
        }
    }

    @Test
    void imuMeasuresTheCurveYawRateAndCentripetalAcceleration() {
        ScenarioSpec s = ScenarioCatalog.loadBuiltIn("clear-road");
        try (SimulatedDrive drive = new SimulatedDrive(new ScenarioSpec(s.name(), s.description(), 3, 15.0, s.origin(),
                s.startUtc(), s.road(), new ScenarioSpec.Ego(60.0, null, null, s.ego().speedProfile()), s.actors(),
                s.sensors()))) {
            List<Seen> imu = of(run(drive, Long.MAX_VALUE - 1), SimulatedDrive.IMU);
            ImuSample straight = (ImuSample) imu.get(100).smallPayload(); // t = 1 s, s = 70 m
            ImuSample curve = (ImuSample) imu.get(1000).smallPayload(); // t = 10 s, s = 160 m, radius 80 m
            assertEquals(0, straight.gyroZRadPerSec(), 0.01);
            assertEquals(10.0 / 80, curve.gyroZRadPerSec(), 0.01);
            assertEquals(10.0 * 10.0 / 80, curve.accelYMetersPerSec2(), 0.1);
            assertEquals(9.81, curve.accelZMetersPerSec2(), 0.1);
        }
    }

    @Test
    void cameraShowsThePedestrianWherePinholeProjectsIt() {
        ScenarioSpec spec = ScenarioCatalog.loadBuiltIn("pedestrian-crossing");
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            long period = Math.round(1e9 / 15);
            int wanted = 120; // captured at t = 8.0 s: ego stopped, pedestrian mid-road
            byte[][] pixels = new byte[1][];
            int[] size = new int[2];
            long lidarNanos = 0;
            int sweeps = 0;
            SensorId[] emitted = new SensorId[1];
            while (pixels[0] == null) {
                long start = System.nanoTime();
                drive.emitNext((header, payload) -> {
                    emitted[0] = header.sensor();
                    if (payload instanceof CameraImage image) {
                        if (header.sequence() == wanted) {
                            ByteBuffer b = image.pixels();
                            pixels[0] = new byte[b.remaining()];
                            b.get(pixels[0]);
                            size[0] = image.width();
                            size[1] = image.height();
                        }
                        image.release();
                    } else if (payload instanceof PointCloud cloud) {
                        cloud.release();
                    }
                    return true;
                });
                if (emitted[0].equals(SimulatedDrive.LIDAR)) {
                    lidarNanos += System.nanoTime() - start;
                    sweeps++;
                }
            }
            System.out.printf("lidar sweep: %.2f ms on average over %d sweeps%n", lidarNanos / 1e6 / sweeps, sweeps);
            long t = wanted * period;
            EgoState ego = drive.groundTruth().egoAt(t);
            ActorState pedestrian = drive.groundTruth().actorsAt(t).stream()
                    .filter(a -> a.type() == ActorType.PEDESTRIAN).findFirst().orElseThrow();
            PinholeIntrinsics k = drive.cameraIntrinsics();
            int[] centre = project(k, drive.cameraMount(), ego, pedestrian.centreXMeters(), pedestrian.centreYMeters(),
                    pedestrian.centreZMeters());
            assertNotNull(centre, "pedestrian in front of the camera");
            int[] bgr = pixel(pixels[0], size[0], centre[0], centre[1]);
            assertTrue(looksLike(bgr, Material.PEDESTRIAN), "pixel at the pedestrian " + Arrays.toString(centre)
                    + " is " + Arrays.toString(bgr));
            // the road 1.5 m beside the pedestrian, at its feet, is road-coloured
            int[] beside = project(k, drive.cameraMount(), ego, pedestrian.centreXMeters(),
                    pedestrian.centreYMeters() + 1.5, 0.0);
            int[] road = pixel(pixels[0], size[0], beside[0], beside[1]);
            assertTrue(looksLike(road, Material.ROAD), "road pixel " + Arrays.toString(beside) + " is "
                    + Arrays.toString(road));
            assertFalse(Arrays.equals(bgr, road));
        }
    }

    private static int[] project(PinholeIntrinsics k, MountPose mount, EgoState ego, double x, double y, double z) {
        double dx = x - ego.xMeters();
        double dy = y - ego.yMeters();
        double bx = Math.cos(ego.yawRad()) * dx + Math.sin(ego.yawRad()) * dy - mount.xMeters();
        double by = -Math.sin(ego.yawRad()) * dx + Math.cos(ego.yawRad()) * dy - mount.yMeters();
        double bz = z - mount.zMeters();
        if (bx <= 0.1) {
            return null;
        }
        return new int[] {(int) Math.round(k.projectU(-by, bx)), (int) Math.round(k.projectV(-bz, bx))};
    }

    private static int[] pixel(byte[] bgr, int width, int u, int v) {
        int i = (v * width + u) * 3;
        return new int[] {bgr[i] & 0xff, bgr[i + 1] & 0xff, bgr[i + 2] & 0xff};
    }

    /** True when the pixel is the material's colour under one of the renderer's flat face shades (0.7 to 1). */
    private static boolean looksLike(int[] bgr, Material m) {
        for (double shade : new double[] {1.0, 0.85, 0.7}) {
            if (Math.abs(bgr[0] - m.blue() * shade) <= 2 && Math.abs(bgr[1] - m.green() * shade) <= 2
                    && Math.abs(bgr[2] - m.red() * shade) <= 2) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pedestrianIsInTheEgoLaneAheadOfTheEgoOnlyWhileCrossing() {
        ScenarioSpec spec = ScenarioCatalog.loadBuiltIn("pedestrian-crossing");
        try (SimulatedDrive drive = new SimulatedDrive(spec)) {
            GroundTruth truth = drive.groundTruth();
            double halfRoad = spec.road().widthMeters() / 2;
            Object[][] table = {
                {4.0, false}, {5.2, false}, {5.8, true}, {8.0, true}, {10.4, true}, {10.8, false}, {13.0, false}};
            for (Object[] row : table) {
                double seconds = (double) row[0];
                long t = Math.round(seconds * 1e9);
                EgoState ego = truth.egoAt(t);
                ActorState p = truth.actorsAt(t).get(0);
                assertEquals(ActorType.PEDESTRIAN, p.type());
                boolean inLane = Math.abs(p.centreYMeters()) - p.widthMeters() / 2 < halfRoad
                        && p.centreXMeters() > ego.xMeters() + drive.egoFrontOverhangMeters();
                assertEquals(row[1], inLane, "pedestrian in the ego lane ahead at t = " + seconds + " s (y = "
                        + p.centreYMeters() + ")");
            }
            EgoState stopped = truth.egoAt(9_000_000_000L);
            assertEquals(0, stopped.speedMetersPerSecond(), 1e-9);
            double gap = 60 - 0.25 - (stopped.xMeters() + drive.egoFrontOverhangMeters());
            assertTrue(gap > 3 && gap < 5, "ego stops ~4 m before the crossing, gap " + gap);
            assertTrue(truth.egoAt(truth.durationNanos()).xMeters() > 60, "ego drives past the crossing");
        }
    }
}
