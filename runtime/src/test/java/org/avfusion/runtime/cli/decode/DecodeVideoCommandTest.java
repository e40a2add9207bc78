package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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

class DecodeVideoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Run(int exitCode, List<JsonNode> lines, String err) {
    }

    private static Path video(String name) {
        Path file = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "video", name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data/video not found: " + file.toAbsolutePath());
        return file;
    }

    private static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DecodeVideoCommand());
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
    void printsOneJsonLinePerFrameOfTheHighwayClip() throws IOException {
        Run run = run(video("highway-1280x720.mp4").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(38, run.lines().size());
        for (int i = 0; i < 38; i++) {
            JsonNode line = run.lines().get(i);
            assertEquals(i, line.get("index").asLong());
            assertEquals(i * 40_000_000L, line.get("pts_ns").asLong(), "pts of frame " + i);
            assertEquals(1280, line.get("width").asInt());
            assertEquals(720, line.get("height").asInt());
            assertEquals(4, line.size(), "exactly index, pts_ns, width, height: " + line);
        }
    }

    @Test
    void maxStopsEarly() throws IOException {
        Run run = run("--max", "5", video("lane-960x540.mp4").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(5, run.lines().size());
    }

    @Test
    void truncatedFilePrintsTheGoodFramesThenExitsTwoNamingTheFile() throws IOException {
        Path cut = temp.resolve("lane-cut.mp4");
        try (InputStream in = Files.newInputStream(video("lane-960x540.mp4"))) {
            Files.write(cut, in.readNBytes(1_000_000));
        }
        Run run = run(cut.toString());
        assertEquals(2, run.exitCode());
        int good = run.lines().size();
        assertTrue(good > 0 && good < 221, "frames before the break are printed: " + good);
        assertTrue(run.err().contains(cut.toString()) && run.err().contains("frame " + good + ":"), run.err());
    }

    @Test
    void missingFileExitsTwoNamingIt() throws IOException {
        Path missing = temp.resolve("nothing.mp4");
        Run run = run(missing.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.lines().isEmpty());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file"), run.err());
    }

    @Test
    void nonVideoFileExitsTwoNamingIt() throws IOException {
        Path text = temp.resolve("readme.txt");
        Files.writeString(text, "not a video\n".repeat(100));
        Run run = run(text.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(text.toString()) && run.err().contains("not a video"), run.err());
    }

    @Test
    void maxBelowOneExitsTwoNamingTheOption() throws IOException {
        Run run = run("--max", "0", "whatever.mp4");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--max"), run.err());
    }
}
