package org.avfusion.runtime.cli.calibrate;

import org.avfusion.calibration.yaml.Bounds;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.avfusion.calibration.io.KittiObjectCalibration;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.tools.AlignmentScore;
import org.avfusion.calibration.tools.DepthEdgeConfig;
import org.avfusion.calibration.opencv.CalibrationInputException;
import org.avfusion.calibration.opencv.ImageEdgeConfig;
import org.avfusion.calibration.opencv.LidarCameraCheck;
import org.avfusion.calibration.opencv.LidarCameraCheckResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion calibrate check-lidar-camera (--kitti-calib F [--kitti-camera 2] | --rig F --camera NAME --lidar
 * NAME) --cloud F --image F [--draw FILE] [--turn-deg X,Y,Z] [--neighbours-deg D]}: projects a lidar scan (KITTI
 * {@code .bin}) into the image and scores the alignment: the mean distance, in pixels, from projected depth edges to
 * image edges (lower is better). {@code --turn-deg} turns the extrinsic about the camera's axes first (to see what a
 * wrong one scores); {@code --neighbours-deg} also scores the extrinsic turned by +-D about each axis and says whether
 * the given one is the best of them.
 */
@Command(name = "check-lidar-camera", mixinStandardHelpOptions = true,
        description = "Score a lidar-to-camera extrinsic: projected depth edges against image edges (pixels).")
public final class CheckLidarCameraCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--kitti-calib", required = true, paramLabel = "FILE",
                description = "KITTI object calibration (P2, R0_rect, Tr_velo_to_cam).")
        Path kittiCalib;

        @Option(names = "--rig", required = true, paramLabel = "FILE", description = "Rig file (config/rigs/*.yaml).")
        Path rig;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--kitti-camera", defaultValue = "2", paramLabel = "N", description = "KITTI camera index P_N.")
    int kittiCamera;

    @Option(names = "--camera", paramLabel = "NAME", description = "With --rig: the camera sensor.")
    String camera;

    @Option(names = "--lidar", paramLabel = "NAME", description = "With --rig: the lidar sensor.")
    String lidar;

    @Option(names = "--cloud", required = true, paramLabel = "FILE", description = "Lidar scan, KITTI .bin.")
    Path cloud;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The camera image.")
    Path image;

    @Option(names = "--draw", paramLabel = "FILE", description = "Write the points coloured by range over the image.")
    Path draw;

    @Option(names = "--turn-deg", split = ",", paramLabel = "X,Y,Z",
            description = "Turn the extrinsic about the camera's x, y, z axes first, degrees.")
    List<Double> turnDeg = List.of(0.0, 0.0, 0.0);

    @Option(names = "--neighbours-deg", paramLabel = "D",
            description = "Also score the extrinsic turned by +-D degrees about each camera axis.")
    Double neighboursDeg;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "Output format: yaml or json.")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputFormat output = CalibrationCli.format(format);
            if (turnDeg.size() != 3) {
                throw new IllegalArgumentException("--turn-deg: give three angles X,Y,Z, had " + turnDeg.size());
            }
            turnDeg.forEach(t -> Bounds.requireInRange("--turn-deg", t, -180, 180, "degrees"));
            if (neighboursDeg != null) {
                Bounds.requirePositive("--neighbours-deg", neighboursDeg, 45, "degrees");
            }
            LidarCameraCheck.ProjectorForImage base = projectors();
            LidarCameraCheck.ProjectorForImage given = turned(base, turnDeg.get(0), turnDeg.get(1), turnDeg.get(2));
            LidarCameraCheckResult result = LidarCameraCheck.check(given, cloud, image, DepthEdgeConfig.DEFAULTS,
                    ImageEdgeConfig.DEFAULTS, draw);
            ObjectNode o = output.object();
            o.put("cloud", cloud.toString());
            o.put("image", image.toString());
            o.putArray("turnDegrees").add(turnDeg.get(0)).add(turnDeg.get(1)).add(turnDeg.get(2));
            put(o, result.score());
            o.put("cloudPoints", result.cloudPoints());
            o.put("imageEdgePixels", result.imageEdgePixels());
            if (draw != null) {
                o.put("picture", draw.toString());
            }
            if (neighboursDeg != null) {
                double d = neighboursDeg;
                ArrayNode neighbours = o.putArray("neighbours");
                boolean best = true;
                for (int axis = 0; axis < 3; axis++) {
                    for (double sign : new double[] {-1, 1}) {
                        double[] t = {turnDeg.get(0), turnDeg.get(1), turnDeg.get(2)};
                        t[axis] += sign * d;
                        AlignmentScore s = LidarCameraCheck.check(turned(base, t[0], t[1], t[2]), cloud, image,
                                DepthEdgeConfig.DEFAULTS, ImageEdgeConfig.DEFAULTS, null).score();
                        ObjectNode n = neighbours.addObject();
                        n.putArray("turnDegrees").add(t[0]).add(t[1]).add(t[2]);
                        n.put("meanEdgeDistancePixels", s.meanEdgeDistancePixels());
                        best &= s.meanEdgeDistancePixels() > result.score().meanEdgeDistancePixels();
                    }
                }
                o.put("bestOfNeighbours", best);
            }
            out.print(output.write(o));
            out.flush();
            return 0;
        } catch (CalibrationInputException | IllegalArgumentException e) {
            return CalibrationCli.badInput(err, "calibrate check-lidar-camera", e);
        }
    }

    private static void put(ObjectNode o, AlignmentScore score) {
        o.put("meanEdgeDistancePixels", score.meanEdgeDistancePixels());
        o.put("depthEdgePoints", score.edgePoints());
        o.put("projectedPoints", score.projectedPoints());
    }

    private static LidarCameraCheck.ProjectorForImage turned(LidarCameraCheck.ProjectorForImage base, double x,
            double y, double z) {
        return (w, h) -> LidarCameraCheck.rotated(base.forImage(w, h), x, y, z);
    }

    private LidarCameraCheck.ProjectorForImage projectors() {
        if (source.kittiCalib != null) {
            KittiObjectCalibration calib = KittiObjectCalibration.read(source.kittiCalib);
            if (kittiCamera < 0 || kittiCamera > 3) {
                throw new IllegalArgumentException("--kitti-camera: " + kittiCamera + " is not 0..3");
            }
            return (w, h) -> new PointProjector(calib.rectifiedCameraFromVelo(kittiCamera),
                    calib.rectifiedIntrinsics(kittiCamera, w, h));
        }
        if (camera == null || lidar == null) {
            throw new IllegalArgumentException("--rig needs --camera NAME and --lidar NAME (sensors of "
                    + source.rig + ")");
        }
        Rig rig = RigYamlReader.read(source.rig);
        PointProjector projector = rig.projector(camera, lidar);
        return (w, h) -> projector;
    }
}
