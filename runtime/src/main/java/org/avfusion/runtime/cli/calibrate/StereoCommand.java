package org.avfusion.runtime.cli.calibrate;

import org.avfusion.calibration.yaml.Bounds;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.avfusion.calibration.opencv.CalibrationInputException;
import org.avfusion.calibration.opencv.ChessboardSpec;
import org.avfusion.calibration.opencv.RejectedView;
import org.avfusion.calibration.opencv.StereoCalibration;
import org.avfusion.calibration.opencv.StereoCalibrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion calibrate stereo --board 9x6 --square 0.025 --left L... --right R...}: stereo calibration of a
 * camera pair. Prints both cameras' intrinsics, the rotation and translation of the right camera in the left one's
 * frame ({@code X_right = R X_left + T}), the baseline (metres) with its jackknife standard error, and the pairs used
 * and rejected. {@code --left} / {@code --right} take files or folders; images pair by name ({@code left07.jpg} with
 * {@code right07.jpg}).
 */
@Command(name = "stereo", mixinStandardHelpOptions = true,
        description = "Calibrate a left/right camera pair from chessboard images (OpenCV stereoCalibrate).")
public final class StereoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "COLSxROWS",
            description = "Inner corners of the chessboard, e.g. 9x6.")
    String board;

    @Option(names = "--square", required = true, paramLabel = "METERS", description = "Side of one square, metres.")
    double squareMeters;

    @Option(names = "--left", required = true, arity = "1..*", paramLabel = "L",
            description = "Left images, or a folder of them.")
    List<Path> left;

    @Option(names = "--right", required = true, arity = "1..*", paramLabel = "R",
            description = "Right images, or a folder of them.")
    List<Path> right;

    @Option(names = "--draw", paramLabel = "DIR", description = "Write each image with its detected corners here.")
    Path drawDir;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "Output format: yaml or json.")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputFormat output = CalibrationCli.format(format);
            ChessboardSpec chessboard = ChessboardSpec.parse(board,
                    Bounds.requirePositive("--square", squareMeters, 10, "m"));
            StereoCalibration s = StereoCalibrator.calibrate(CalibrateCommand.expandImages(left),
                    CalibrateCommand.expandImages(right), chessboard, drawDir);
            ObjectNode o = output.object();
            ArrayNode r = o.putArray("rotation");
            double[] rotation = s.rotation();
            for (int i = 0; i < 3; i++) {
                r.addArray().add(rotation[3 * i]).add(rotation[3 * i + 1]).add(rotation[3 * i + 2]);
            }
            o.put("rotationAngleDegrees", s.rotationAngleDegrees());
            double[] t = s.translationMeters();
            o.putArray("translationMeters").add(t[0]).add(t[1]).add(t[2]);
            o.put("baselineMeters", s.baselineMeters());
            o.put("baselineStdErrorMeters", s.baselineStdErrorMeters());
            o.put("rmsPixels", s.rmsPixels());
            o.set("left", IntrinsicsCommand.toNode(output, s.left()));
            o.set("right", IntrinsicsCommand.toNode(output, s.right()));
            ArrayNode pairs = o.putArray("pairs");
            for (List<Path> pair : s.pairs()) {
                pairs.addArray().add(pair.get(0).toString()).add(pair.get(1).toString());
            }
            ArrayNode rejected = o.putArray("rejected");
            for (RejectedView v : s.rejected()) {
                rejected.addObject().put("file", v.file().toString()).put("reason", v.reason());
            }
            out.print(output.write(o));
            out.flush();
            return 0;
        } catch (CalibrationInputException | IllegalArgumentException | IOException e) {
            return CalibrationCli.badInput(err, "calibrate stereo", e);
        }
    }
}
