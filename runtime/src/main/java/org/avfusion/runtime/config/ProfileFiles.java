package org.avfusion.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.fusion.DepthModelConfig;

/**
 * The files a profile names ({@code map.file}, {@code map.lanelet2File}, {@code fusion.depthModel.file}), checked as
 * start-up finds them but not loaded (a map import or an ONNX session costs seconds): what {@code avfusion config
 * check} adds to binding and {@link RigBinding} so that it refuses what {@code run} and {@code replay} refuse, with
 * their messages. Each check says whether the file is missing, a directory or unreadable; whether its contents are a
 * map or a model is left to start-up. Stateless.
 */
public final class ProfileFiles {
    private ProfileFiles() {
    }

    /**
     * Fails with the message start-up would give when a file the profile names cannot be opened.
     *
     * @param profileFolder the folder the profile was read from (map paths are relative to it), or null for the
     *                      working directory
     * @throws ConfigException naming the key and the file
     */
    public static void requireFiles(RuntimeConfig profile, Path profileFolder) {
        MapStartup.requireFiles(profile.map(), profileFolder);
        requireDepthModel(profile.fusion().depthModel(), profileFolder);
    }

    /**
     * {@code fusion.depthModel.file} as start-up opens it: relative to the profile's folder (as the map paths and
     * {@code vehicle.rigFile}; {@link MapStartup#resolvePaths}), with the pipeline's message.
     */
    static void requireDepthModel(DepthModelConfig model, Path profileFolder) {
        if (!model.configured()) {
            return;
        }
        Path file = Path.of(model.file());
        if (!file.isAbsolute() && profileFolder != null) {
            file = profileFolder.resolve(file);
        }
        if (!Files.isRegularFile(file)) { // the pipeline's test and words (Pipeline.depthStage)
            throw new ConfigException("fusion.depthModel.file: no such file: " + file.toAbsolutePath() + " (give a "
                    + "MiDaS-style ONNX depth model, or \"\" for none: detections without lidar depth are then placed "
                    + "by the flat-ground range)");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException("fusion.depthModel.file: not readable: " + file.toAbsolutePath()
                    + " (check its permissions)");
        }
    }

    /**
     * Why {@code file} cannot be opened as a file ({@code not found}, {@code is a directory}, {@code is not a regular
     * file}, {@code not readable}), or null when it can; opens nothing.
     */
    public static String fileProblem(Path file) {
        if (!Files.exists(file)) {
            return "not found";
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "not readable";
        }
        return null;
    }
}
