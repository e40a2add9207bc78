package org.avfusion.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.runtime.cli.AvfusionCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The profile's sensors against the vehicle's rig file: the rig's mount and offsets win; a rig lacking one stops start-up. */
class RigBindingTest {
    private static final Path SIM_RIG = Path.of("../config/rigs/sim-rig.yaml");

    @TempDir
    Path dir;

    private static String simRigText() throws Exception {
        return Files.readString(SIM_RIG);
    }

    /** The sim rig with the lidar moved and the camera's clock offset set, as YAML text. */
    private static String editedRig() throws Exception {
        return simRigText()
                .replace("translationMeters: [1.2, 0.0, 1.8]", "translationMeters: [0.9, 0.1, 2.0]")
                .replaceFirst("(camera_front:[\\s\\S]*?clockOffsetNanos: )0", "$1-12000000");
    }

    @Test
    void aProfileWithoutARigIsLeftAsItIs() {
        RuntimeConfig config = new ConfigLoader().loadDefault();
        assertSame(config, RigBinding.apply(config, dir));
    }

    @Test
    void theRigsLidarMountAndClockOffsetsReplaceTheProfiles() throws Exception {
        Rig rig = RigYamlReader.parse(editedRig(), "edited-sim-rig.yaml");
        RuntimeConfig bound = RigBinding.apply(new ConfigLoader().loadDefault(), rig, "edited-sim-rig.yaml");
        VehicleConfig.MountConfig mount = bound.vehicle().lidarMount();
        assertEquals(0.9, mount.xMeters(), 1e-9);
        assertEquals(0.1, mount.yMeters(), 1e-9);
        assertEquals(2.0, mount.zMeters(), 1e-9);
        assertEquals(-12.0, bound.sensors().get(1).clockOffsetMillis(), 1e-9, "camera_front's offset from the rig");
        assertEquals(bound.vehicle().lengthMeters(), bound.perception().egoLengthMeters(), 1e-9,
                "derived body dimensions follow the vehicle");
        assertEquals("", bound.vehicle().rigFile(), "the rig was given directly, not by file");
    }

    @Test
    void aRigThatLacksAConfiguredSensorStopsStartUpNamingTheFileAndTheSensor() throws Exception {
        String withoutGnss = simRigText().replaceFirst("  gnss:\\n(    .*\\n)+", "");
        Rig rig = RigYamlReader.parse(withoutGnss, "no-gnss.yaml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> RigBinding.apply(new ConfigLoader().loadDefault(), rig, "no-gnss.yaml"));
        assertTrue(e.getMessage().startsWith("no-gnss.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("no sensor 'gnss'"), e.getMessage());
    }

    @Test
    void runRefusesToStartOnARigThatLacksASensorWithExitCode2() throws Exception {
        Files.writeString(dir.resolve("no-gnss.yaml"), simRigText().replaceFirst("  gnss:\\n(    .*\\n)+", ""));
        Path profile = Files.writeString(dir.resolve("vehicle.yaml"), "vehicle:\n  rigFile: no-gnss.yaml\n");
        StringWriter err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute("run", "--config", profile.toString(), "--simulate", "pedestrian-crossing",
                "--duration", "0.1");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("no-gnss.yaml") && err.toString().contains("no sensor 'gnss'"), err.toString());
    }

    @Test
    void theSimulatedRigFileFitsTheDefaultProfile() {
        Rig rig = RigYamlReader.read(SIM_RIG);
        RuntimeConfig bound = RigBinding.apply(new ConfigLoader().loadDefault(), rig, SIM_RIG.toString());
        assertEquals(1.8, bound.vehicle().lidarMount().zMeters(), 1e-9);
    }
}
