package org.avfusion.runtime.cli.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code avfusion clusters} through picocli with captured out and err: the JSON lines on a real KITTI scan, and the
 * exit code and message for bad input.
 */
class ClustersCommandTest {
    /** The keys of a KITTI object calibration file the command does not use, with plausible values. */
    private static final String OTHER_KEYS = "P0: 700 0 600 0 0 700 180 0 0 0 1 0\nP1: 700 0 600 -380 0 700 180 0 0 0 1 0\nP2: 700 0 600 45 0 700 180 0 0 0 1 0\nP3: 700 0 600 -330 0 700 180 0 0 0 1 0\nTr_imu_to_velo: 1 0 0 0 0 1 0 0 0 0 1 0\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KITTI = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "kitti",
            "object", "training");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String both() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    static Run clusters(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClustersCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assumeKitti() {
        Assumptions.assumeTrue(Files.isRegularFile(KITTI.resolve("velodyne/000000.bin")),
                "../shared/data/kitti/object/training not found: " + KITTI.toAbsolutePath());
    }

    @Test
    void printsOneJsonLinePerClusterWithThePedestrianOfKitti000000() throws Exception {
        assumeKitti();
        Run r = clusters("--kitti-calib", KITTI.resolve("calib/000000.txt").toString(),
                KITTI.resolve("velodyne/000000.bin").toString());
        assertEquals(0, r.code(), r.both());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertTrue(lines.size() > 10, r.both());
        for (JsonNode n : lines) {
            for (String field : new String[] {"scan", "x", "y", "z", "length", "width", "height", "yaw", "points"}) {
                assertTrue(n.has(field), "no " + field + " in " + n);
            }
            assertEquals("000000.bin", n.get("scan").asText());
            assertTrue(n.get("length").asDouble() >= n.get("width").asDouble(), n.toString());
            assertTrue(Math.abs(n.get("yaw").asDouble()) <= Math.PI / 2 + 1e-3, n.toString());
            assertTrue(n.get("points").asInt() >= 8, n.toString());
        }
        // label_2/000000.txt: Pedestrian, bottom centre (1.84, 1.47, 8.41) in the camera frame = lidar (8.7, -1.7)
        boolean pedestrian = lines.stream().anyMatch(n -> Math.hypot(n.get("x").asDouble() - 8.7,
                n.get("y").asDouble() + 1.7) < 0.8 && n.get("height").asDouble() > 1.2 && n.get("points").asInt() > 200);
        assertTrue(pedestrian, "no pedestrian-sized cluster near lidar (8.7, -1.7):\n" + r.both());
        assertTrue(r.err().contains("000000.bin: 115384 points"), r.both());
    }

    @Test
    void missingCalibrationFileIsBadInputNamingTheOption() throws Exception {
        Path scan = Files.write(dir.resolve("tiny.bin"), new byte[16]);
        Run r = clusters("--kitti-calib", dir.resolve("absent.txt").toString(), scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertTrue(r.err().contains("--kitti-calib: no such file") && r.err().contains("absent.txt"), r.both());
    }

    @Test
    void calibrationWithoutR0RectIsBadInputNamingTheKey() throws Exception {
        Path calib = Files.writeString(dir.resolve("calib.txt"), OTHER_KEYS + "Tr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0\n");
        Path scan = Files.write(dir.resolve("tiny.bin"), new byte[16]);
        Run r = clusters("--kitti-calib", calib.toString(), scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertTrue(r.err().contains("R0_rect"), r.both());
    }

    @Test
    void calibrationWithAWordForANumberIsBadInputNamingLineAndValue() throws Exception {
        Path calib = Files.writeString(dir.resolve("calib.txt"),
                OTHER_KEYS + "R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: 0 -1 0 0 0 0 -1 zero 1 0 0 0\n");
        Path scan = Files.write(dir.resolve("tiny.bin"), new byte[16]);
        Run r = clusters("--kitti-calib", calib.toString(), scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertTrue(r.err().contains("Tr_velo_to_cam") && r.err().contains("zero"), r.both());
    }

    @Test
    void scanWhoseLengthIsNotAMultipleOf16BytesIsBadInput() throws Exception {
        Path calib = Files.writeString(dir.resolve("calib.txt"),
                OTHER_KEYS + "R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0\n");
        Path scan = Files.write(dir.resolve("torn.bin"), new byte[16 * 3 + 5]);
        Run r = clusters("--kitti-calib", calib.toString(), scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertTrue(r.err().contains("torn.bin"), r.both());
    }

    @Test
    void negativeToleranceIsBadInputNamingTheSetting() throws Exception {
        Path calib = Files.writeString(dir.resolve("calib.txt"),
                OTHER_KEYS + "R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0\n");
        Path scan = Files.write(dir.resolve("tiny.bin"), new byte[16]);
        Run r = clusters("--kitti-calib", calib.toString(), "--tolerance", "-1", scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertTrue(r.err().contains("toleranceMeters must be > 0, was -1.0"), r.both());
    }

    /** A 0-byte .bin is no scan (a sweep file the logger never wrote): refused, named, as a replay counts it. */
    @Test
    void emptyScanIsRefusedNamingTheFile() throws Exception {
        Path calib = Files.writeString(dir.resolve("calib.txt"),
                OTHER_KEYS + "R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 0 0\n");
        Path scan = Files.write(dir.resolve("empty.bin"), new byte[0]);
        Run r = clusters("--kitti-calib", calib.toString(), scan.toString());
        assertEquals(ClustersCommand.EXIT_BAD_INPUT, r.code(), r.both());
        assertEquals("", r.out(), r.both());
        assertTrue(r.err().contains("empty.bin @0: the file is empty: 0 bytes"), r.both());
        assertFalse(r.err().contains("\tat "), r.both());
    }
}
