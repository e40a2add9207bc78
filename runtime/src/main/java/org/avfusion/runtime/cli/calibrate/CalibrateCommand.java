package org.avfusion.runtime.cli.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code avfusion calibrate}: the parent of the calibration tools. Exit codes of every subcommand: 0 done, 2 bad
 * input (a missing file, a chessboard never found, images of different sizes, a bad rig: the message names the file
 * and field), 3 for {@code time-offset} when the data cannot support an estimate.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibration tools: camera intrinsics and stereo from chessboard images, the lidar-camera "
                + "alignment check, clock offsets between sensors, the rig file check. Results as YAML or JSON.",
        subcommands = {IntrinsicsCommand.class, StereoCommand.class, CheckLidarCameraCommand.class,
                TimeOffsetCommand.class, RigCheckCommand.class})
public final class CalibrateCommand implements Runnable {
    /** Exit code for bad input, as everywhere in avfusion. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code of {@code time-offset} when the signals cannot support an estimate. */
    public static final int EXIT_NOT_ESTIMABLE = 3;

    private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing what to calibrate: " + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * The image files named: files as given, folders replaced by their image files (png, jpg, jpeg, bmp, tif) sorted
     * by name. A path that does not exist is kept, so that the calibrator names it.
     */
    static List<Path> expandImages(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> listing = Files.list(p)) {
                    listing.filter(f -> Files.isRegularFile(f) && IMAGE_SUFFIXES.stream().anyMatch(s ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(s)))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
