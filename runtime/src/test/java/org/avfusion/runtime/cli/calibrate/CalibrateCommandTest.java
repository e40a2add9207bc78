package org.avfusion.runtime.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion calibrate ...} end to end on ../shared/data: exit codes, printed results, pictures. */
class CalibrateCommandTest {
    private static final Path DATA = Path.of(System.getProperty("avfusion.shared", "../shared"), "data");
    private static final Path BOARDS = DATA.resolve("calibration/chessboard-9x6");
    private static final Path KITTI = DATA.resolve("kitti/object/training");
    private static final Path BAG = DATA.resolve("rosbag/husky-gps-imu-odom.bag");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
        JsonNode yaml() throws Exception {
            return YAML.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CalibrateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void need(Path p) {
        Assumptions.assumeTrue(Files.exists(p), "../shared/data not found: " + p);
    }

    @Test
    void intrinsicsOfTheLeftCameraFromAFolderWithPictures(@TempDir Path draw) throws Exception {
        need(BOARDS);
        Path[] lefts;
        try (Stream<Path> files = Files.list(BOARDS)) {
            lefts = files.filter(p -> p.getFileName().toString().startsWith("left")).sorted().toArray(Path[]::new);
        }
        String[] args = new String[6 + lefts.length];
        String[] head = {"intrinsics", "--board", "9x6", "--square", "0.025", "--draw=" + draw};
        System.arraycopy(head, 0, args, 0, 6);
        for (int i = 0; i < lefts.length; i++) {
            args[6 + i] = lefts[i].toString();
        }
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        JsonNode y = r.yaml();
        System.out.println("calibrate intrinsics left: rms " + y.get("rmsPixels") + " px, fx "
                + y.get("cameraMatrix").get(0).get(0));
        assertTrue(y.get("rmsPixels").asDouble() < 0.5, r.out());
        assertEquals(640, y.get("imageSize").get("widthPixels").asInt());
        assertEquals(lefts.length, y.get("views").size());
        assertEquals(5, y.get("distortion").size());
        try (Stream<Path> drawn = Files.list(draw)) {
            assertEquals(lefts.length, drawn.count());
        }
    }

    @Test
    void intrinsicsAsJson() throws Exception {
        need(BOARDS);
        Run r = run("intrinsics", "--board", "9x6", "--square", "0.025", "--format", "json",
                BOARDS.resolve("right01.jpg").toString(), BOARDS.resolve("right02.jpg").toString(),
                BOARDS.resolve("right03.jpg").toString(), BOARDS.resolve("right04.jpg").toString(),
                BOARDS.resolve("right05.jpg").toString(), BOARDS.resolve("right06.jpg").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(6, json.get("views").size());
        assertTrue(json.get("rmsPixels").asDouble() < 1.0, "six views fit less tightly than all: " + r.out());
    }

    @Test
    void aChessboardNeverFoundExitsWith2() {
        need(BOARDS);
        Run r = run("intrinsics", "--board", "7x7", "--square", "0.025", BOARDS.resolve("left01.jpg").toString(),
                BOARDS.resolve("left03.jpg").toString(), BOARDS.resolve("left04.jpg").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("chessboard 7x7 found in 0 of 3 images"), r.err());
    }

    @Test
    void aMissingImageExitsWith2NamingIt() {
        Run r = run("intrinsics", "--board", "9x6", "--square", "0.025", "nowhere/left77.jpg");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("left77.jpg: image not found"), r.err());
    }

    @Test
    void imagesOfDifferentSizesExitWith2NamingTheFile() {
        need(BOARDS);
        need(KITTI);
        Run r = run("intrinsics", "--board", "9x6", "--square", "0.025", BOARDS.resolve("left01.jpg").toString(),
                KITTI.resolve("image_2/000000.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("000000.png") && r.err().contains("1224x370 differs from 640x480"), r.err());
    }

    @Test
    void aBadBoardSpecExitsWith2() {
        Run r = run("intrinsics", "--board", "nine", "--square", "0.025", "x.jpg");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("board: 'nine' is not COLSxROWS"), r.err());
    }

    @Test
    void stereoFromTwoFoldersReportsTheBaseline(@TempDir Path tmp) throws Exception {
        need(BOARDS);
        Path left = Files.createDirectories(tmp.resolve("left"));
        Path right = Files.createDirectories(tmp.resolve("right"));
        try (Stream<Path> files = Files.list(BOARDS)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Files.createSymbolicLink((name.startsWith("left") ? left : right).resolve(name), f.toAbsolutePath());
            }
        }
        Run r = run("stereo", "--board", "9x6", "--square", "0.025", "--left", left.toString(), "--right",
                right.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode y = r.yaml();
        System.out.println("calibrate stereo: baseline " + y.get("baselineMeters") + " m +- "
                + y.get("baselineStdErrorMeters") + " m, rotation " + y.get("rotationAngleDegrees") + " deg, rms "
                + y.get("rmsPixels") + " px");
        assertTrue(y.get("baselineMeters").asDouble() > 0.05 && y.get("baselineMeters").asDouble() < 0.15);
        assertTrue(y.get("rotationAngleDegrees").asDouble() < 2);
        assertTrue(y.get("rmsPixels").asDouble() < 0.6);
        assertEquals(13, y.get("pairs").size());
    }

    @Test
    void checkLidarCameraScoresTheTrueKittiExtrinsicBestOfItsNeighbours(@TempDir Path tmp) throws Exception {
        need(KITTI);
        Path picture = tmp.resolve("overlay.png");
        Run r = run("check-lidar-camera", "--kitti-calib", KITTI.resolve("calib/000000.txt").toString(), "--cloud",
                KITTI.resolve("velodyne/000000.bin").toString(), "--image", KITTI.resolve("image_2/000000.png")
                        .toString(), "--draw", picture.toString(), "--neighbours-deg", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode y = r.yaml();
        Run turned = run("check-lidar-camera", "--kitti-calib", KITTI.resolve("calib/000000.txt").toString(),
                "--cloud", KITTI.resolve("velodyne/000000.bin").toString(), "--image",
                KITTI.resolve("image_2/000000.png").toString(), "--turn-deg", "0,2,0");
        assertEquals(0, turned.code(), turned.err());
        double truth = y.get("meanEdgeDistancePixels").asDouble();
        double wrong = turned.yaml().get("meanEdgeDistancePixels").asDouble();
        System.out.printf("calibrate check-lidar-camera kitti 000000: true %.3f px, turned 2 deg about y %.3f px%n",
                truth, wrong);
        assertTrue(y.get("bestOfNeighbours").asBoolean(), r.out());
        assertTrue(wrong > 1.15 * truth);
        assertTrue(Files.size(picture) > 10_000);
    }

    @Test
    void checkLidarCameraWithAMissingCloudExitsWith2() {
        need(KITTI);
        Run r = run("check-lidar-camera", "--kitti-calib", KITTI.resolve("calib/000000.txt").toString(), "--cloud",
                "nowhere.bin", "--image", KITTI.resolve("image_2/000000.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nowhere.bin: --cloud: point cloud not found"), r.err());
    }

    @Test
    void checkLidarCameraWithAMissingCalibrationExitsWith2() {
        Run r = run("check-lidar-camera", "--kitti-calib", "nowhere.txt", "--cloud", "a.bin", "--image", "b.png");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nowhere.txt"), r.err());
    }

    @Test
    void timeOffsetOfTheHuskyRecoversA37MillisecondShift() throws Exception {
        need(BAG);
        String[] common = {"time-offset", "--bag", BAG.toString(), "--imu", "/imu/data", "--imu-axis", "y", "--odom",
            "/husky_velocity_controller/odom"};
        Run base = run(common);
        assertEquals(0, base.code(), base.err());
        String[] shifted = java.util.Arrays.copyOf(common, common.length + 2);
        shifted[common.length] = "--shift-odom-ms";
        shifted[common.length + 1] = "37";
        Run moved = run(shifted);
        assertEquals(0, moved.code(), moved.err());
        double recorded = base.yaml().get("offsetMillis").asDouble();
        double withShift = moved.yaml().get("offsetMillis").asDouble();
        System.out.printf("calibrate time-offset husky: recorded %.2f ms +- %.2f ms; +37 ms -> %.2f ms (%.2f)%n",
                recorded, base.yaml().get("uncertaintyMillis").asDouble(), withShift, withShift - recorded);
        assertEquals(37.0, withShift - recorded, 5.0);
        assertTrue(base.yaml().get("estimable").asBoolean());
    }

    @Test
    void timeOffsetOnAStretchWithoutRotationSaysItCannotEstimate() throws Exception {
        need(BAG);
        Run r = run("time-offset", "--bag", BAG.toString(), "--imu", "/imu/data", "--imu-axis", "y", "--odom",
                "/husky_velocity_controller/odom", "--from-s", "36", "--to-s", "50");
        assertEquals(CalibrateCommand.EXIT_NOT_ESTIMABLE, r.code(), r.out() + r.err());
        JsonNode y = r.yaml();
        assertFalse(y.get("estimable").asBoolean());
        assertFalse(y.has("offsetMillis"), "no number to misuse");
        assertTrue(y.get("reason").asText().contains("no motion"), r.out());
    }

    @Test
    void timeOffsetWithATopicNotInTheBagExitsWith2() {
        need(BAG);
        Run r = run("time-offset", "--bag", BAG.toString(), "--imu", "/imu/data", "--odom", "/odom");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("topic /odom is not in the bag"), r.err());
    }

    @Test
    void withoutASubcommandItSaysWhatIsMissing() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("intrinsics") && r.err().contains("time-offset"), r.err());
    }
}
