package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A simulated drive's replay does not use a rig ({@code vehicle.rigFile}, {@code --rig}), but one that is named must
 * still be readable: a missing or broken rig exits 2 naming it before the drive starts, as {@code run} does (it
 * passed with exit 0 and no word).
 */
class ReplaySimulatedRigTest {
    @TempDir
    Path dir;

    @Test
    void missingRigFileOfTheProfileExits2NamingIt() throws IOException {
        Path profile = Files.writeString(dir.resolve("p.yaml"), "vehicle:\n  rigFile: no-such-rig.yaml\n");
        String err = exits2("replay", "--config", profile.toString(), "--broker", "tcp://127.0.0.1:1", "--max", "1");
        assertTrue(err.contains("no-such-rig.yaml") && err.contains("not found"), err);
    }

    @Test
    void brokenRigOptionExits2NamingIt() throws IOException {
        Path rig = Files.writeString(dir.resolve("broken.yaml"), "sensors: [\n");
        String err = exits2("replay", "--rig", rig.toString(), "--broker", "tcp://127.0.0.1:1", "--max", "1");
        assertTrue(err.contains("--rig " + rig), err);
    }

    private static String exits2(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(args), out + "\n" + err);
        return err.toString();
    }
}
