package org.avfusion.runtime.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.MapStartup;
import org.avfusion.runtime.config.RigBinding;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code config check} refuses a profile whose map, Lanelet2 map, depth model or rig file cannot be opened, with the
 * message start-up gives for it (before, it printed {@code ok} and {@code replay}/{@code run} then refused), and
 * loads none of them. Map paths, {@code fusion.depthModel.file} and {@code vehicle.rigFile} are relative to the
 * profile's folder.
 */
class ConfigCheckFilesTest {
    @TempDir
    Path dir;

    private static String check(Path profile) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("config", "check", profile.toString());
        assertEquals(2, code, out + " " + err);
        String prefix = "error " + profile + " (profile): ";
        assertTrue(err.toString().startsWith(prefix) && err.toString().strip().lines().count() == 1, err.toString());
        return err.toString().strip().substring(prefix.length());
    }

    /** The message start-up gives: {@code run}'s rig binding, then the pipeline a replay builds. */
    private static String startUp(Path profile) {
        Path folder = profile.toAbsolutePath().getParent();
        RuntimeConfig p = new ConfigLoader().load(profile);
        ConfigException e = assertThrows(ConfigException.class, () -> {
            RuntimeConfig bound = RigBinding.apply(p, folder);
            Replay.inProcess(ReplayInput.scenario("clear-road"), MapStartup.resolvePaths(bound, folder));
        });
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing road map        | 'map: {file: nosuch.osm}'                                 | map.file: map file not found: DIR/nosuch.osm (give an OSM XML, .osm.gz or PBF file, relative to the profile's folder, or "" for no map)
            a folder as road map      | 'map: {file: adir}'                                       | map.file: map file is a directory: DIR/adir (give an OSM XML, .osm.gz or PBF file, relative to the profile's folder, or "" for no map)
            a missing Lanelet2 map    | 'map: {file: roads.osm, lanelet2File: maps/nosuch.osm}'   | map.lanelet2File: Lanelet2 map DIR/maps/nosuch.osm: file not found (give a Lanelet2 OSM file, relative to the profile's folder, or "" for none)
            a folder as Lanelet2 map  | 'map: {file: roads.osm, lanelet2File: adir}'              | map.lanelet2File: Lanelet2 map DIR/adir: file is a directory (give a Lanelet2 OSM file, relative to the profile's folder, or "" for none)
            a missing depth model     | 'fusion: {depthModel: {file: DIR/nosuch.onnx}}'           | fusion.depthModel.file: no such file: DIR/nosuch.onnx (give a MiDaS-style ONNX depth model, or "" for none: detections without lidar depth are then placed by the flat-ground range)
            a folder as depth model   | 'fusion: {depthModel: {file: DIR/adir}}'                  | fusion.depthModel.file: no such file: DIR/adir (give a MiDaS-style ONNX depth model, or "" for none: detections without lidar depth are then placed by the flat-ground range)
            a missing rig file        | 'vehicle: {rigFile: rigs/nosuch.yaml}'                    | vehicle.rigFile: rig file not found: DIR/rigs/nosuch.yaml (give a rig file such as config/rigs/kitti.yaml, relative to the profile's folder, or "" for none)
            a folder as rig file      | 'vehicle: {rigFile: adir}'                                | vehicle.rigFile: rig file is a directory: DIR/adir (give a rig file such as config/rigs/kitti.yaml, relative to the profile's folder, or "" for none)
            """)
    void aFileThatCannotBeOpenedIsRefusedByCheckWithStartUpsMessage(String what, String yaml, String message)
            throws IOException {
        Path folder = dir.toRealPath();
        Files.createDirectories(folder.resolve("adir"));
        Files.writeString(folder.resolve("roads.osm"), "not read by config check\n");
        Path profile = Files.writeString(folder.resolve("profile.yaml"), yaml.replace("DIR", folder.toString()) + "\n");
        String expected = message.replace("DIR", folder.toString());
        assertEquals(expected, check(profile), what + ": config check");
        assertEquals(expected, startUp(profile), what + ": start-up");
    }

    @Test
    void aRelativeDepthModelIsLookedForInTheProfilesFolderAsTheMapIs() throws IOException {
        Path profile = Files.writeString(dir.resolve("depth.yaml"), "fusion: {depthModel: {file: nosuch-depth.onnx}}\n");
        String message = check(profile);
        assertTrue(message.startsWith("fusion.depthModel.file: no such file: "
                + dir.toAbsolutePath().resolve("nosuch-depth.onnx") + " "), message);
        assertEquals(message, startUp(profile));
    }

    @Test
    void filesThatExistPassWithoutBeingLoaded() throws IOException {
        Path folder = dir.toRealPath();
        Files.writeString(folder.resolve("roads.osm"), "not an OSM file: config check does not read it\n");
        Files.writeString(folder.resolve("lanes.osm"), "nor this\n");
        Files.writeString(folder.resolve("depth.onnx"), "nor this\n");
        Files.copy(Path.of("..", "config", "rigs", "sim-rig.yaml"), folder.resolve("rig.yaml"));
        Path profile = Files.writeString(folder.resolve("ok.yaml"), "vehicle: {rigFile: rig.yaml}\n"
                + "map: {file: roads.osm, lanelet2File: lanes.osm}\n"
                + "fusion: {depthModel: {file: " + folder.resolve("depth.onnx") + "}}\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("config", "check", profile.toString()), err.toString());
        assertEquals("ok " + profile + " (profile)\n", out.toString());
    }
}
