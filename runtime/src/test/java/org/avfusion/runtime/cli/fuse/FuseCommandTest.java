package org.avfusion.runtime.cli.fuse;

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
import java.util.Set;
import org.avfusion.calibration.geometry.OrientedBox;
import org.avfusion.calibration.io.KittiObjectLabel;
import org.avfusion.runtime.cli.clusters.KittiCalibration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code avfusion fuse} on KITTI object frames ({@code ../shared/data/kitti/object/training}) with YOLOX-Nano
 * ({@code ../shared/models/yolox_nano.onnx}): 000000's Pedestrian comes out as a pedestrian within 0.5 m of its
 * label; in 000001 (where YOLOX-Nano finds nothing at score 0.3) the Truck at 69 m and the Cyclist at 46 m come out
 * inside their labelled footprints + 1 m, with the camera's class where a detection matched and {@code unknown}
 * otherwise, never a wrong class.
 */
class FuseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("avfusion.shared", "../shared"));
    private static final Path KITTI = SHARED.resolve("data/kitti/object/training");
    private static final Path MODEL = SHARED.resolve("models/yolox_nano.onnx");
    private static final Set<String> FIELDS = Set.of("class", "x", "y", "z", "length", "width", "height", "yaw",
            "points", "modalities", "score");

    @TempDir
    Path dir;

    record Run(int code, List<JsonNode> objects, String out, String err) {
        String both() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    static Run fuse(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new FuseCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        List<JsonNode> objects = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                objects.add(JSON.readTree(line));
            }
        }
        return new Run(code, objects, out.toString(), err.toString());
    }

    private static void assumeData() {
        Assumptions.assumeTrue(Files.isRegularFile(KITTI.resolve("velodyne/000001.bin")) && Files.isRegularFile(MODEL),
                "../shared KITTI object frames or models/yolox_nano.onnx not found: " + KITTI.toAbsolutePath());
    }

    private static KittiObjectLabel label(String id, String type) {
        return KittiObjectLabel.read(KITTI.resolve("label_2/" + id + ".txt")).stream()
                .filter(l -> l.type().equals(type)).findFirst().orElseThrow();
    }

    /** The label's centre in the lidar frame. */
    private static double[] centre(KittiCalibration calib, KittiObjectLabel l) {
        return calib.rectToLidar(l.xMeters(), l.yMeters() - l.heightMeters() / 2, l.zMeters());
    }

    /** Whether a lidar-frame (x, y) lies in the label's footprint enlarged by {@code margin} (any height). */
    private static boolean inFootprint(KittiCalibration calib, KittiObjectLabel l, double x, double y, double margin) {
        double[] c = centre(calib, l);
        double[] r = calib.lidarToRect(x, y, c[2]);
        OrientedBox box = l.boxInRectifiedCamera();
        return box.contains(r[0], box.frameFromBox().tyMeters(), r[2], margin);
    }

    @Test
    void thePedestrianOf000000IsAFusedPedestrianWithinHalfAMetreOfItsLabel() throws Exception {
        assumeData();
        Run r = fuse("--kitti-object", KITTI.toString(), "--frame", "0", "--model", MODEL.toString());
        assertEquals(0, r.code(), r.both());
        System.out.println(r.err().strip());
        for (JsonNode n : r.objects()) {
            Set<String> names = new java.util.HashSet<>();
            n.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names, n.toString());
        }
        KittiCalibration calib = KittiCalibration.read(KITTI.resolve("calib/000000.txt"));
        double[] c = centre(calib, label("000000", "Pedestrian"));
        List<JsonNode> pedestrians = r.objects().stream().filter(n -> n.get("class").asText().equals("pedestrian"))
                .toList();
        assertEquals(1, pedestrians.size(), r.both());
        JsonNode p = pedestrians.get(0);
        double error = Math.hypot(p.get("x").asDouble() - c[0], p.get("y").asDouble() - c[1]);
        System.out.printf("000000 pedestrian: fused (%.2f, %.2f), label centre (%.2f, %.2f): %.2f m; %s%n",
                p.get("x").asDouble(), p.get("y").asDouble(), c[0], c[1], error, p);
        assertTrue(error < 0.5, "pedestrian " + error + " m from its label: " + p);
        assertEquals("[\"LIDAR\",\"CAMERA\"]", p.get("modalities").toString());
        assertTrue(p.get("score").asDouble() > 0.5, p.toString());
    }

    @Test
    void theTruckAndCyclistOf000001LieInTheirFootprintsNeverWithAWrongClass() throws Exception {
        assumeData();
        Run r = fuse("--kitti-object", KITTI.toString(), "--frame", "1", "--model", MODEL.toString());
        assertEquals(0, r.code(), r.both());
        System.out.println(r.err().strip());
        KittiCalibration calib = KittiCalibration.read(KITTI.resolve("calib/000001.txt"));
        // label type -> the fused classes that are right for it (the camera's, or unknown without a match)
        Object[][] table = {{"Truck", Set.of("vehicle", "unknown")}, {"Cyclist", Set.of("cyclist", "unknown")}};
        for (Object[] row : table) {
            KittiObjectLabel l = label("000001", (String) row[0]);
            @SuppressWarnings("unchecked")
            Set<String> allowed = (Set<String>) row[1];
            List<JsonNode> on = r.objects().stream()
                    .filter(n -> inFootprint(calib, l, n.get("x").asDouble(), n.get("y").asDouble(), 1.0)).toList();
            System.out.println("000001 " + row[0] + ": " + on);
            assertFalse(on.isEmpty(), "no fused object in the " + row[0] + "'s footprint + 1 m\n" + r.both());
            for (JsonNode n : on) {
                String cls = n.get("class").asText();
                assertTrue(allowed.contains(cls), row[0] + " fused as " + cls + ": " + n);
                boolean camera = n.get("modalities").toString().contains("CAMERA");
                assertEquals(camera, !cls.equals("unknown"), "a class comes from the camera, and only: " + n);
            }
        }
    }

    @Test
    void withoutAModelEveryObjectIsLidarOnlyAndUnknown() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(KITTI.resolve("velodyne/000000.bin")), "no KITTI object data");
        Run r = fuse("--kitti-object", KITTI.toString(), "--frame", "0");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.objects().size() > 10, r.both());
        for (JsonNode n : r.objects()) {
            assertEquals("unknown", n.get("class").asText());
            assertEquals("[\"LIDAR\"]", n.get("modalities").toString());
        }
    }

    @Test
    void aMissingFrameIsBadInputNamingTheFile() throws Exception {
        Run r = fuse("--kitti-object", dir.toString(), "--frame", "7");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().contains("no such file") && r.err().contains("000007.bin"), r.both());
    }

    @Test
    void anUnknownAssociationMethodIsBadInputNamingIt() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(KITTI.resolve("velodyne/000000.bin")), "no KITTI object data");
        Run r = fuse("--kitti-object", KITTI.toString(), "--frame", "0", "--association", "nearest");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().contains("'nearest'"), r.both());
    }
}
