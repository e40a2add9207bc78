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
import org.avfusion.calibration.opencv.CameraCalibration;
import org.avfusion.calibration.opencv.ChessboardSpec;
import org.avfusion.calibration.opencv.IntrinsicCalibrator;
import org.avfusion.calibration.opencv.RejectedView;
import org.avfusion.calibration.opencv.ViewError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion calibrate intrinsics --board 9x6 --square 0.025 [--draw DIR] IMAGES...}: chessboard intrinsic
 * calibration of one camera. Prints the image size, camera matrix, distortion {@code k1 k2 p1 p2 k3}, the RMS and
 * per-view reprojection errors (pixels) and the views where the board was not found (reported, not fatal).
 */
@Command(name = "intrinsics", mixinStandardHelpOptions = true,
        description = "Calibrate one camera from chessboard images (OpenCV calibrateCamera).")
public final class IntrinsicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "COLSxROWS",
            description = "Inner corners of the chessboard, e.g. 9x6.")
    String board;

    @Option(names = "--square", required = true, paramLabel = "METERS", description = "Side of one square, metres.")
    double squareMeters;

    @Option(names = "--draw", paramLabel = "DIR", description = "Write each image with its detected corners here.")
    Path drawDir;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "Output format: yaml or json.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "Image files, or folders of images.")
    List<Path> images;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputFormat output = CalibrationCli.format(format);
            ChessboardSpec chessboard = ChessboardSpec.parse(board,
                    Bounds.requirePositive("--square", squareMeters, 10, "m"));
            CameraCalibration c = IntrinsicCalibrator.calibrate(CalibrateCommand.expandImages(images), chessboard,
                    drawDir);
            out.print(output.write(toNode(output, c)));
            out.flush();
            return 0;
        } catch (CalibrationInputException | IllegalArgumentException | IOException e) {
            return CalibrationCli.badInput(err, "calibrate intrinsics", e);
        }
    }

    static ObjectNode toNode(OutputFormat output, CameraCalibration c) {
        ObjectNode o = output.object();
        ObjectNode size = o.putObject("imageSize");
        size.put("widthPixels", c.widthPixels());
        size.put("heightPixels", c.heightPixels());
        ArrayNode k = o.putArray("cameraMatrix");
        double[] m = c.cameraMatrix();
        for (int r = 0; r < 3; r++) {
            k.addArray().add(m[3 * r]).add(m[3 * r + 1]).add(m[3 * r + 2]);
        }
        ObjectNode d = o.putObject("distortion");
        d.put("k1", c.k1());
        d.put("k2", c.k2());
        d.put("p1", c.p1());
        d.put("p2", c.p2());
        d.put("k3", c.k3());
        o.put("rmsPixels", c.rmsPixels());
        ArrayNode views = o.putArray("views");
        for (ViewError v : c.views()) {
            views.addObject().put("file", v.file().toString()).put("rmsPixels", v.rmsPixels());
        }
        ArrayNode rejected = o.putArray("rejected");
        for (RejectedView r : c.rejected()) {
            rejected.addObject().put("file", r.file().toString()).put("reason", r.reason());
        }
        return o;
    }
}
