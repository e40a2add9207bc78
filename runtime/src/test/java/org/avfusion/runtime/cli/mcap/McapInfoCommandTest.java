package org.avfusion.runtime.cli.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.avfusion.runtime.cli.AvfusionCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion mcap info} on the rosbag2 files, a truncated copy, a non-MCAP file and a missing file. */
class McapInfoCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AvfusionCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path shared(String name) {
        Path path = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "mcap", name);
        Assumptions.assumeTrue(Files.isRegularFile(path), "../shared/data/mcap/" + name + " not found: "
                + path.toAbsolutePath());
        return path;
    }

    @Test
    void talkerShowsLibraryCountsTimesCompressionAndChannels() {
        Run run = run("mcap", "info", shared("talker.mcap").toString());
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("library:     mcap go #(devel)\n"), out);
        assertTrue(out.contains("profile:     ros2\n"), out);
        assertTrue(out.contains("messages:    20\n"), out);
        assertTrue(out.contains("duration:    4.531096768s\n"), out);
        assertTrue(out.contains("start:       2020-04-02T22:23:55.112411371Z (1585866235.112411371)\n"), out);
        assertTrue(out.contains("\tzstd: [1/1 chunks] [11.54 KiB/2.84 KiB (75.35%)]"), out);
        assertTrue(out.contains("\t(3) /topic             10 msgs (2.21 Hz) : std_msgs/msg/String [ros2msg] (cdr)\n"),
                out);
        assertTrue(out.contains("\t(2) /parameter_events   0 msgs (0.00 Hz) : rcl_interfaces/msg/ParameterEvent"),
                out);
        assertTrue(out.contains("attachments: 0\nmetadata:    0\n"), out);
    }

    @Test
    void wbagHasEightChannelsAndTopicsAndServicesTwoMetadata() {
        Run wbag = run("mcap", "info", shared("wbag_0.mcap").toString());
        assertEquals(0, wbag.exit(), wbag.err());
        assertTrue(wbag.out().contains("messages:    1246\n"), wbag.out());
        assertEquals(8, wbag.out().lines().filter(l -> l.contains(" msgs ")).count(), wbag.out());
        assertTrue(wbag.out().contains("(1) AAA  174 msgs"), wbag.out());
        Run services = run("mcap", "info", shared("topics_and_services.mcap").toString());
        assertEquals(0, services.exit(), services.err());
        assertTrue(services.out().contains("metadata:    2\n"), services.out());
        assertTrue(services.out().contains("\tnone: [1/1 chunks]"), services.out());
    }

    @Test
    void truncatedFilePrintsWhatComesBeforeTheDamageAndExitsTwoNamingFileAndOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(shared("wbag_0.mcap"));
        Path cut = Files.write(tmp.resolve("cut.mcap"), Arrays.copyOf(bytes, bytes.length / 3));
        Run run = run("mcap", "info", cut.toString());
        assertEquals(2, run.exit());
        assertTrue(run.out().contains("counted by a linear scan"), run.out());
        assertTrue(run.err().contains(cut + "@") && run.err().contains("truncated"), run.err());
    }

    @Test
    void notAnMcapFileAndMissingFileExitTwoNamingTheFile() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.mcap"), "hello, this is not MCAP");
        Run notMcap = run("mcap", "info", text.toString());
        assertEquals(2, notMcap.exit());
        assertTrue(notMcap.err().contains(text + "@0: not an MCAP file"), notMcap.err());
        Path missing = tmp.resolve("missing.mcap");
        Run none = run("mcap", "info", missing.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains(missing + ": no such file"), none.err());
    }
}
