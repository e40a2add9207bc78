package org.avfusion.runtime.cli.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("avfusion.shared", "../shared"));

    @TempDir
    Path temp;

    private record Run(int exitCode, List<JsonNode> lines, String err) {
    }

    private static Path shared(String relative) {
        Path file = SHARED.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared not found: " + file.toAbsolutePath());
        return file;
    }

    private static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DetectCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(code, lines, err.toString());
    }

    @Test
    void printsThePedestrianOfKitti000000AsAJsonLineAndDrawsIt() throws IOException {
        Path image = shared("data/kitti/object/training/image_2/000000.png");
        Path drawn = temp.resolve("drawn");
        Run run = run("--model", shared("models/yolox_nano.onnx").toString(), "--draw", drawn.toString(),
                image.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode person = run.lines().stream().filter(l -> l.get("class").asText().equals("pedestrian"))
                .findFirst().orElseThrow(() -> new AssertionError("no pedestrian in " + run.lines()));
        assertEquals(image.toString(), person.get("image").asText());
        assertEquals("person", person.get("label").asText());
        assertTrue(person.get("score").asDouble() > 0.7, person.toString());
        assertEquals(712.4, person.get("x1").asDouble(), 5.0);
        assertEquals(810.7, person.get("x2").asDouble(), 8.0);
        for (String field : List.of("image", "class", "label", "score", "x1", "y1", "x2", "y2")) {
            assertTrue(person.has(field), field + " in " + person);
        }
        assertEquals(8, person.size());
        Mat written = opencv_imgcodecs.imread(drawn.resolve("000000.png").toString());
        assertFalse(written.empty(), "the drawn image is written");
        assertEquals(1224, written.cols());
    }

    @Test
    void nanoDetLayoutFindsThePedestrianToo() throws IOException {
        Run run = run("--model", shared("models/nanodet_m_320.onnx").toString(), "--layout", "nanodet",
                shared("data/kitti/object/training/image_2/000000.png").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lines().stream().anyMatch(l -> l.get("class").asText().equals("pedestrian")), run.lines()
                .toString());
    }

    @Test
    void corruptModelExitsTwoNamingIt() throws IOException {
        Path bad = temp.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        Run run = run("--model", bad.toString(), "whatever.png");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("cannot load model " + bad), run.err());
    }

    @Test
    void missingImageExitsTwoNamingIt() throws IOException {
        Path missing = temp.resolve("none.png");
        Run run = run("--model", shared("models/yolox_nano.onnx").toString(), missing.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file"), run.err());
    }

    @Test
    void unknownLayoutExitsTwoNamingTheChoices() throws IOException {
        Run run = run("--model", "m.onnx", "--layout", "ssd", "a.png");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("yolox, nanodet or yolov8"), run.err());
    }
}
