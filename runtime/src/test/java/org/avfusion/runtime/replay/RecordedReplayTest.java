package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.avfusion.drivers.recorded.format.RecordingFormats;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.mqtt.broker.EmbeddedBroker;
import org.avfusion.runtime.pipeline.RecordingProfile;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real recorded drives through the whole pipeline (ring, stages, embedded MQTT broker), read from
 * {@code ../shared/data}: every test names the recording and the fact it checks, and skips when the data is absent.
 */
class RecordedReplayTest {
    private static final String KITTI_SEQUENCE = "kitti/raw/2011_09_26/sfnd_sequence_sync";
    private static final String KITTI_TRACKING_PCD = "kitti/tracking/0000/pcd";
    private static final String HUSKY_BAG = "rosbag/husky-gps-imu-odom.bag";
    private static EmbeddedBroker broker;

    @TempDir
    Path temp;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ReplayJob.Result replay(Path recording, String vehicle, Path decisions, double speed,
            org.avfusion.runtime.inference.DetectorConfig detection) throws Exception {
        RuntimeConfig profile = Recordings.profile(broker.uri(), vehicle);
        RecordingRequest request = RecordingProfile.request(profile, null, 10.0, java.util.Map.of());
        try (RecordingSource source = RecordingFormats.detect(recording).open(recording, request)) {
            return ReplayJob.run(source, profile, null, "none", new ReplayJob.Options(speed, Long.MAX_VALUE, null,
                    null, java.util.function.UnaryOperator.identity(),
                    org.avfusion.runtime.output.DecisionListener.NONE, detection).withDecisionsFile(decisions));
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    private static long total(ReplayJob.Result r) {
        return r.decisions().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void kittiSequenceAlignsOneImageWithEverySweep() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        Path decisions = temp.resolve("kitti.jsonl");
        ReplayJob.Result r = replay(drive, "kitti-a", decisions, ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        List<JsonNode> d = lines(decisions);
        assertEquals(20, d.size(), "one decision per sweep of the 20-frame sequence");
        for (JsonNode n : d) {
            assertEquals("OK", n.path("sensors").path("velodyne").asText(), "lidar in set " + n);
            assertEquals("OK", n.path("sensors").path("image_02").asText(), "camera in set " + n);
            assertFalse(n.path("partial").asBoolean(), "partial set " + n);
        }
        // no oxts in this sequence: lidar odometry is the only ego-motion source; it needs two sweeps for a twist
        assertEquals("EGO_MOTION_UNKNOWN", d.get(0).path("reason").asText(), "first sweep: " + d.get(0));
        for (JsonNode n : d.subList(2, d.size())) {
            assertFalse(n.path("reason").asText().equals("EGO_MOTION_UNKNOWN"), "lidar odometry gives speed: " + n);
            double speed = n.path("speedMetersPerSecond").asDouble(Double.NaN);
            // the car creeps up behind the one ahead (it stays within a few metres of it for the 2 s)
            assertTrue(speed >= 0 && speed < 8, "speed from lidar odometry " + speed + " in " + n);
        }
        assertEquals(0, r.droppedFrames(), "drops at --speed max");
        assertEquals(0, r.skippedFrames(), "unreadable frames");
        assertFalse(r.reportJson().contains("stampWarnings"), "stamps on the recording's clock: " + r.reportJson());
        assertTrue(r.missing().contains(ReplayJob.NO_EGO_SOURCE_LIDAR_ODOMETRY), "summary: " + r.missing());
        assertEquals(0L, r.stageErrors().values().stream().mapToLong(Long::longValue).sum(), "" + r.stageErrors());
    }

    @Test
    void kittiSequenceWithYoloxNanoDetectsOnEveryFrame() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        Path model = Recordings.sharedModel("yolox_nano.onnx");
        ReplayJob.Result r = replay(drive, "kitti-det", temp.resolve("det.jsonl"), ReplayPacer.AS_FAST_AS_POSSIBLE,
                org.avfusion.runtime.inference.DetectorConfig.forModel(model,
                        org.avfusion.runtime.perceive.detect.DetectionLayout.YOLOX));
        assertEquals(20, total(r));
        assertEquals(20, r.cameraImagesDetected(), "one detector run per frame");
    }

    @Test
    void replayingTwiceGivesIdenticalDecisionsAndDiffNamesTheRemovedSweep() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        Path a = temp.resolve("a.jsonl");
        Path b = temp.resolve("b.jsonl");
        replay(drive, "kitti-b", a, ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        replay(drive, "kitti-b", b, ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        Recordings.Cli same = Recordings.cli("diff", a.toString(), b.toString());
        assertEquals(0, same.exitCode(), same.out() + same.err());
        assertTrue(same.out().startsWith("identical: 20 decisions"), same.out());
        // paced (4x real time) the vehicle's drop policies apply: identical unless the machine was too slow to keep
        // up, and then only where a counted drop or skip (pool exhausted) left a sensor or a sweep missing
        Path paced = temp.resolve("paced.jsonl");
        ReplayJob.Result p = replay(drive, "kitti-b", paced, 4.0, null);
        Recordings.Cli pacedDiff = Recordings.cli("diff", a.toString(), paced.toString());
        if (p.droppedFrames() + p.skippedFrames() == 0) {
            assertEquals(0, pacedDiff.exitCode(), pacedDiff.out() + pacedDiff.err());
        } else {
            System.out.println("4x replay dropped " + p.droppedFrames() + " and skipped " + p.skippedFrames() + " frames on this machine: " + pacedDiff.out());
            // a dropped image leaves the camera MISSING in its set; a dropped sweep leaves no set at all
            assertTrue(pacedDiff.exitCode() == 0 || pacedDiff.out().contains("\"MISSING\"")
                    || pacedDiff.out().contains("B lacks"), pacedDiff.out());
        }

        Path copy = temp.resolve("day").resolve("sfnd_sequence_sync");
        copyWithout(drive, copy, "0000000007.bin");
        // the day's calibration beside the copy, as beside the original (it gives the rig: the lidar mount)
        copyCalibration(drive, copy);
        Path c = temp.resolve("c.jsonl");
        replay(copy, "kitti-b", c, ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        Recordings.Cli differ = Recordings.cli("diff", a.toString(), c.toString());
        assertEquals(1, differ.exitCode(), differ.out() + differ.err());
        assertTrue(differ.out().contains("stamp 700000000 ns"), "names sweep 7's stamp: " + differ.out());
    }

    /**
     * Sweeps 4 and 5 of the KITTI sequence cut short, replayed at half real time (the vehicle's drop policies apply):
     * the aligner holds the camera's frames until the next sweep's set goes out, so images 4 to 6 wait for sweep 6.
     * Only the two sweeps are lost, each named: a recorded camera pools as many images as a live camera
     * ({@link RecordingProfile#IMAGE_BUFFERS}); with 4 images it also lost images 7 and 8 (POOL_EXHAUSTED). The hold
     * is in recording time, so the pace does not change it; half speed leaves the stages slack on a loaded machine.
     * A starved one (two suites on two cores) can still hold the stages a second and more, and then the vehicle's
     * drop policy loses frames to the pools, as it must: seen once, with 8 deadlines missed, cluster p99 1.6 s and 5
     * frames lost. A run whose report says deadlines were missed (or the watchdog fired) and that lost more than the
     * two sweeps is run once more; one that loses them without missing a deadline, or twice, fails.
     */
    @Test
    void sweepsCutShortAtPaceCostNoCameraFrame() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        Path copy = temp.resolve("day").resolve("sfnd_sequence_sync");
        copyWithout(drive, copy, "");
        copyCalibration(drive, copy);
        for (String sweep : List.of("0000000004.bin", "0000000005.bin")) {
            Path cut = copy.resolve("velodyne_points/data/" + sweep);
            byte[] bytes = Files.readAllBytes(cut);
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 1));
        }
        Path decisions = temp.resolve("cut.jsonl");
        ReplayJob.Result r = replayAtHalfSpeed(copy, decisions);
        JsonNode deadline = new ObjectMapper().readTree(r.reportJson()).path("deadline");
        if ((r.skippedFrames() != 2 || r.droppedFrames() != 0)
                && (deadline.path("missed").asLong() > 0 || deadline.path("watchdogFailSafes").asLong() > 0)) {
            System.out.println("starved run (deadlines missed), run once more: " + r.reportJson());
            decisions = temp.resolve("cut-again.jsonl");
            r = replayAtHalfSpeed(copy, decisions);
        }
        assertTrue(r.reportJson().contains("\"rehearsal\""), r.reportJson());
        assertEquals(2, r.skippedFrames(), "the two cut sweeps, nothing else: " + r.reportJson());
        assertTrue(r.reportJson().contains("0000000004.bin") && r.reportJson().contains("0000000005.bin"),
                "the report names both: " + r.reportJson());
        assertFalse(r.reportJson().contains("POOL_EXHAUSTED"), r.reportJson());
        assertEquals(0, r.droppedFrames(), r.reportJson());
        List<JsonNode> d = lines(decisions);
        assertEquals(18, d.size(), "one decision per readable sweep");
        for (JsonNode n : d) {
            assertEquals("OK", n.path("sensors").path("image_02").asText(), "camera in set " + n);
        }
    }

    /**
     * As {@code avfusion replay --speed 0.5 --decisions FILE}: the recording rehearsed first, so the first sets are not
     * the cold JIT's (in this JVM, without the launcher's class-data archive, a cold pipeline's first sets take 1.7-1.9
     * s).
     */
    private ReplayJob.Result replayAtHalfSpeed(Path recording, Path decisions) throws Exception {
        return Replay.run(ReplayInput.recording(recording), Recordings.profile(broker.uri(), "kitti-cut"),
                new ReplayJob.Options(0.5, Long.MAX_VALUE, null, null, java.util.function.UnaryOperator.identity(),
                        org.avfusion.runtime.output.DecisionListener.NONE, null).withDecisionsFile(decisions), null);
    }

    /** The day's calibration files beside {@code copy}, as beside the original (they give the rig). */
    private static void copyCalibration(Path drive, Path copy) throws IOException {
        try (Stream<Path> calib = Files.list(drive.getParent())) {
            for (Path f : (Iterable<Path>) calib.filter(Files::isRegularFile)::iterator) {
                Files.copy(f, copy.getParent().resolve(f.getFileName().toString()));
            }
        }
    }

    private static void copyWithout(Path from, Path to, String skipped) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals(skipped)) {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * {@code pointcloud2.bag}'s one PointCloud2 is stamped 245.3 days before the bag recorded it (header stamp against
     * record time): the replay goes through and says so, naming the sensor, instead of leaving a decision with a
     * latency of 2.1e10 ms unexplained.
     */
    @Test
    void aBagStampedOnAnotherClockIsNamed() throws Exception {
        Path bag = Recordings.sharedData("rosbag/pointcloud2.bag");
        ReplayJob.Result r = replay(bag, "pc2", temp.resolve("pc2.jsonl"), ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        assertEquals(1, total(r), r.reportJson());
        JsonNode warnings = new ObjectMapper().readTree(r.reportJson()).path("stampWarnings");
        assertEquals(1, warnings.size(), r.reportJson());
        assertTrue(warnings.get(0).asText().startsWith("lidar_top: 1 of 1 frames stamped more than 1 s")
                && warnings.get(0).asText().contains("245.3 days, stamped before"), warnings.get(0).asText());
        // the latency it gives is past the histogram's hour: counted, and the max is the one measured, not the clamp
        JsonNode latency = new ObjectMapper().readTree(r.reportJson()).path("latencyMillis");
        assertEquals(1, latency.path("aboveRange").asInt(), latency.toString());
        assertEquals(245.3, latency.path("max").asDouble() / 86_400_000, 0.05, latency.toString());
    }

    @Test
    void kittiTrackingPcdFolderReplaysThirtySweepsIntoThirtySetsWithoutDrops() throws Exception {
        Path pcd = Recordings.sharedData(KITTI_TRACKING_PCD);
        Path decisions = temp.resolve("pcd.jsonl");
        ReplayJob.Result r = replay(pcd, "pcd", decisions, ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        assertEquals(30, lines(decisions).size(), "sets");
        assertEquals(30, total(r), "decisions");
        assertEquals(0, r.droppedFrames(), "drops");
        assertTrue(r.missing().contains("no camera"), "summary: " + r.missing());
        assertFalse(r.reportJson().contains("aboveRange"), "no latency out of the histogram's range");
    }

    /**
     * The warm-up runs the recording's first sweeps (copies it owns), then releases them: the run's heap does not hold
     * them (8 MB for three sweeps of this folder, found in a heap dump of a paced replay).
     */
    @Test
    void theWarmUpsRecordedSweepsAreReleasedOnceItHasRunThem() throws Exception {
        Path pcd = Recordings.sharedData(KITTI_TRACKING_PCD);
        RuntimeConfig profile = Recordings.profile(broker.uri(), "pcd-warm");
        RecordingRequest request = RecordingProfile.request(profile, null, 10.0, java.util.Map.of());
        org.avfusion.runtime.warmup.WarmUpFrames frames = Replay.firstFrames(ReplayInput.recording(pcd), request,
                false);
        assertEquals(3, frames.sweeps().size(), "the recording's first sweeps, for the warm-up");
        try (RecordingSource source = RecordingFormats.detect(pcd).open(pcd, request)) {
            ReplayJob.Result r = ReplayJob.run(source, profile, null, "none", new ReplayJob.Options(
                    ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null, null,
                    java.util.function.UnaryOperator.identity(), org.avfusion.runtime.output.DecisionListener.NONE,
                    null).withWarmUp(ReplayJob.WarmUp.ON).withWarmUpFrames(frames));
            assertEquals(30, total(r), "decisions");
            assertTrue(r.reportJson().contains("\"firstSweepMillis\""), "the warm-up ran: " + r.reportJson());
        }
        assertTrue(frames.sweeps().isEmpty(), "sweeps still held after the warm-up: " + frames.sweeps().size());
    }

    @Test
    void huskyBagFeedsItsGnssImuAndOdometryThroughTheAligner() throws Exception {
        Path bag = Recordings.sharedData(HUSKY_BAG);
        Path rig = Path.of("../config/rigs/husky.yaml");
        Path decisions = temp.resolve("husky.jsonl");
        Recordings.Cli run = Recordings.cli("replay", "--recording", bag.toString(), "--rig", rig.toString(),
                "--speed", "max", "--to", "60", "--no-progress", "--decisions", decisions.toString(),
                "--config", profileFile().toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<JsonNode> d = lines(decisions);
        assertTrue(d.size() >= 500, "a set every lidar period though the bag has no lidar: " + d.size());
        long gnss = d.stream().filter(n -> n.path("sensors").path("gps").asText().equals("OK")).count();
        long imu = d.stream().filter(n -> n.path("sensors").path("imu_link").asText().equals("OK")).count();
        // /fix comes at 2.5 Hz: only sets within alignment.poseMaxGapMillis (250 ms) of a fix carry it
        assertTrue(gnss > d.size() / 4, "sets with the GNSS fix aligned: " + gnss + " of " + d.size());
        assertTrue(imu > d.size() * 9 / 10, "sets with the 30 Hz IMU aligned: " + imu + " of " + d.size());
        long odom = d.stream().filter(n -> n.path("sensors").path("odom").asText().equals("OK")).count();
        assertTrue(odom > d.size() * 9 / 10, "sets with the 10 Hz wheel odometry aligned: " + odom + " of "
                + d.size());
        System.out.println("husky first decision: " + d.get(0) + "\nlast: " + d.get(d.size() - 1));
        assertTrue(d.stream().allMatch(n -> n.path("reason").asText().equals("LIDAR_MISSING")), "fail-safe STOP");
        assertTrue(run.out().contains("no lidar"), run.out());
    }

    /** A profile on the test broker (the CLI reads profiles from files). */
    private Path profileFile() throws IOException {
        Path f = temp.resolve("profile.yaml");
        Files.writeString(f, "vehicle:\n  id: husky\nmqtt:\n  brokerUrl: " + broker.uri() + "\n");
        return f;
    }

    /** {@code --decisions -}: the decisions alone on stdout, the console on stderr, no file called "-". */
    @Test
    void decisionsToStdoutLeaveTheConsoleOnStderr() throws Exception {
        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        Recordings.Cli run;
        System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run = Recordings.cli("replay", "--recording", drive.toString(), "--speed", "max", "--no-progress",
                    "--decisions", "-", "--config", profileFile().toString());
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(Path.of("-")), "no file called '-'");
        String printed = stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
        // the tests' logback writes its log lines to System.out too (the CLI's goes to stderr): leave those out
        List<String> lines = printed.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).toList();
        assertEquals(20, lines.size(), "one line per set: " + lines);
        for (String l : lines) {
            assertTrue(new ObjectMapper().readTree(l).has("stampNanos"), "a decision: " + l);
        }
        assertEquals("", run.out(), "picocli's out carries nothing");
        assertTrue(run.err().contains("avfusion replay: kitti-raw") && run.err().contains("\"summary\":\"replay\""),
                "the console text, on stderr: " + run.err());
    }

    @Test
    void badInputGetsAClearMessageAndExitCodeTwo() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("nothing-here"));
        Files.writeString(empty.resolve("notes.txt"), "hello");
        Recordings.Cli none = Recordings.cli("replay", "--recording", empty.toString(), "--no-progress");
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("velodyne_points") && none.err().contains("*.pcd"),
                "says which files were expected: " + none.err());
        assertFalse(none.err().contains("\tat "), "no stack trace: " + none.err());

        Path bag = Recordings.sharedData(HUSKY_BAG);
        Recordings.Cli topics = Recordings.cli("replay", "--recording", bag.toString(), "--topic", "/velodyne=lidar_top",
                "--no-progress");
        assertEquals(2, topics.exitCode(), topics.err());
        assertTrue(topics.err().contains("/imu/data") && topics.err().contains("/fix"), "lists its topics: "
                + topics.err());

        Path drive = Recordings.sharedData(KITTI_SEQUENCE);
        Recordings.Cli rig = Recordings.cli("replay", "--recording", drive.toString(), "--rig",
                "../config/rigs/husky.yaml", "--no-progress");
        assertEquals(2, rig.exitCode(), rig.err());
        assertTrue(rig.err().contains("velodyne"), "names the sensor the rig lacks: " + rig.err());

        // options the format does not use are named, not silently ignored
        assertEquals(java.util.List.of(), org.avfusion.runtime.cli.ReplayCommandAccess.ignored(null, drive, false,
                false));
        List<String> ignored = org.avfusion.runtime.cli.ReplayCommandAccess.ignored(null, drive, false, true);
        assertEquals(1, ignored.size(), ignored.toString());
        assertTrue(ignored.get(0).contains("--topic is ignored") && ignored.get(0).contains("kitti-raw"), ignored.get(0));
        List<String> rate = org.avfusion.runtime.cli.ReplayCommandAccess.ignored(null, bag, true, false);
        assertTrue(rate.size() == 1 && rate.get(0).contains("--rate is ignored"), rate.toString());

        // outputs that cannot be written fail before the replay, with the reason; a window past the end is refused
        String[][] cases = {
            {"--report", temp.toString(), "is a folder"},
            {"--decisions", temp.resolve("no-such-folder/d.jsonl").toString(), "does not exist"},
            {"--from", "100", "its frames span 0 to 2.000 s"},
            {"--format", "rosbag", "is a folder, not a ROS bag file (expected a ROS 1 bag file"},
        };
        for (String[] c : cases) {
            Recordings.Cli bad = Recordings.cli("replay", "--recording", drive.toString(), "--speed", "max",
                    "--no-progress", c[0], c[1]);
            assertEquals(2, bad.exitCode(), c[0] + ": " + bad.out() + bad.err());
            assertTrue(bad.err().contains(c[0]) && bad.err().contains(c[2]), c[0] + ": " + bad.err());
            assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
            assertFalse(bad.out().contains("t=  "), c[0] + ": refused before any decision: " + bad.out());
        }
    }

    @Test
    void aSweepCutShortIsCountedAndTheReplayGoesOn() throws Exception {
        Path pcd = Recordings.sharedData(KITTI_TRACKING_PCD);
        Path copy = Files.createDirectories(temp.resolve("pcd"));
        try (Stream<Path> files = Files.list(pcd)) {
            files.sorted().limit(5).forEach(f -> {
                try {
                    Files.copy(f, copy.resolve(f.getFileName()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        Path cut = copy.resolve("0000000002.pcd");
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ReplayJob.Result r = replay(copy, "cut", temp.resolve("cut.jsonl"), ReplayPacer.AS_FAST_AS_POSSIBLE, null);
        assertEquals(1, r.skippedFrames(), "the partial sweep");
        assertTrue(r.reportJson().contains("0000000002.pcd"), "the report names it: " + r.reportJson());
        assertEquals(4, lines(temp.resolve("cut.jsonl")).size(), "the other sweeps");

        // the console says so too, naming the file and the reason
        Path profile = temp.resolve("cut.yaml");
        Files.writeString(profile, "vehicle:\n  id: cut\nmqtt:\n  brokerUrl: " + broker.uri() + "\n");
        Recordings.Cli run = Recordings.cli("replay", "--recording", copy.toString(), "--speed", "max",
                "--config", profile.toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.err());
        String[] console = run.out().split("\n");
        int at = java.util.Arrays.asList(console).indexOf("  skipped in the recording: 1 frame");
        assertTrue(at >= 0, "a skipped line: " + run.out());
        assertTrue(console[at + 1].startsWith("    MALFORMED: ") && console[at + 1].contains("0000000002.pcd"),
                "names the file and the reason: " + console[at + 1]);
    }

    /**
     * KITTI raw drive 0001 (108 OXTS records with their timestamps, 6 images, sweep timestamps without sweeps) with
     * OXTS timestamps 50 and 51 swapped: time goes backwards once. The replay runs to its end (exit 0), reports the
     * missing lidar, and skips the record whose stamp is not after the one before it, counted and named with both
     * stamps (time only moves forward; the other 107 fixes go through).
     */
    @Test
    void timestampsGoingBackwardsAreReplayedNotThrown() throws Exception {
        Path drive = Recordings.sharedData("kitti/raw/2011_09_26/2011_09_26_drive_0001_sync");
        Path day = Files.createDirectories(temp.resolve("2011_09_26"));
        try (Stream<Path> calib = Files.list(drive.getParent())) {
            for (Path f : (Iterable<Path>) calib.filter(f -> f.getFileName().toString().startsWith("calib_"))::iterator) {
                Files.copy(f, day.resolve(f.getFileName()));
            }
        }
        Path copy = day.resolve("drive_0001_sync");
        copyWithout(drive, copy, "none");
        Path stamps = copy.resolve("oxts/timestamps.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(stamps));
        java.util.Collections.swap(lines, 50, 51);
        Files.write(stamps, lines);
        Path decisions = temp.resolve("backwards.jsonl");
        Recordings.Cli run = Recordings.cli("replay", "--recording", copy.toString(), "--speed", "max",
                "--no-progress", "--decisions", decisions.toString(), "--config", profileFile().toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.out().contains("no lidar"), run.out());
        assertTrue(lines(decisions).size() > 50, "sets on the lidar's rate for 11 s");
        String[] console = run.out().split("\n");
        int at = java.util.Arrays.asList(console).indexOf("  skipped in the recording: 1 frame");
        assertTrue(at >= 0, "a skipped line: " + run.out());
        assertEquals("    OUT_OF_ORDER: " + stamps + ":52: '" + lines.get(51) + "' is not after line 51's '"
                + lines.get(50) + "' (time going backwards); frame 0000000051.txt skipped", console[at + 1]);
    }
}
