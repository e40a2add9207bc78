package org.avfusion.runtime.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RigCheckCommandTest {

    private static final Path RIGS = Path.of("..", "config", "rigs");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new RigCheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void simRigIsValidAndPrintsTheCameraPose() {
        Run r = run(RIGS.resolve("sim-rig.yaml").toString(), "--require", "lidar_top:lidar,camera_front:camera");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("camera_front:\n    type: camera\n    positionOnBaseLinkMeters: [1.5000, 0.0000, 1.4000]"),
                r.out());
        assertTrue(r.out().contains("horizontalFovDeg: 90.00"), r.out());
    }

    @Test
    void rigLackingARequiredSensorExitsWith2() {
        Run r = run(RIGS.resolve("husky.yaml").toString(), "--require", "lidar_top:lidar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no sensor 'lidar_top'"), r.err());
    }

    @Test
    void nonOrthonormalRotationExitsWith2NamingFileAndField(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bent.yaml");
        Files.writeString(bad, Files.readString(RIGS.resolve("husky.yaml"))
                .replace("[[1.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.0, 1.0, 0.0]]", "[[1.0, 0.0, 0.0], [0.0, 0.1, -1.0], [0.0, 1.0, 0.0]]"));
        Run r = run(bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bent.yaml: field 'sensors.imu_link.rotation'") && r.err().contains("not orthonormal"),
                r.err());
    }

    @Test
    void missingRigFileExitsWith2() {
        Run r = run(RIGS.resolve("nowhere.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nowhere.yaml: rig file not found"), r.err());
    }
}
