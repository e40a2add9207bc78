package org.avfusion.runtime.cli.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion map-drive} refuses bad input with exit 2 and a message naming it, before any broker is opened. */
class MapDriveCommandTest {

    @TempDir
    static Path cache;

    record Run(int exitCode, String err) {
    }

    static Run mapDrive(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = new CommandLine(new MapDriveCommand()).execute(args);
            return new Run(code, err.toString());
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void aMissingMapExitsTwoNamingIt() {
        Run r = mapDrive("--map", "/nonexistent/monaco.osm.gz", "--from", "43.7314811,7.4193567", "--to",
                "43.727697,7.419199", "--cache", cache.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--map: file not found: /nonexistent/monaco.osm.gz"), r.err());
    }

    @Test
    void aTruckBeyondTheRouteExitsTwoSayingHowLongTheRouteIs() {
        Run r = mapDrive("--map", RouteCommandTest.monaco(), "--from", "43.7314811,7.4193567", "--to",
                "43.727697,7.419199", "--truck-at", "5000", "--cache", cache.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("block 'truck1' at 5000.0 m is beyond the planned route of 66"), r.err());
    }
}
