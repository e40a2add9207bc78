package org.avfusion.runtime.cli.calibrate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion calibrate check-rig RIG [--require NAME:TYPE,...]}: loads a rig file strictly and prints each
 * sensor's pose on {@code base_link} (metres, degrees) and camera intrinsics as YAML. A rig that is not usable
 * (missing file, bad field, a required sensor missing) prints the file and field and exits with 2.
 */
@Command(name = "check-rig", mixinStandardHelpOptions = true,
        description = "Validate a rig file (config/rigs/*.yaml) and print its sensors' poses on base_link as YAML.")
public final class RigCheckCommand implements Callable<Integer> {

    /** Exit code for a rig that cannot be used (the avfusion convention for bad input). */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RIG", description = "The rig file.")
    Path rigFile;

    @Option(names = "--require", split = ",", paramLabel = "NAME:TYPE",
            description = "Sensors the configuration uses, e.g. lidar_top:lidar,camera_front:camera.")
    List<String> required = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Rig rig = RigYamlReader.read(rigFile);
            rig.requireSensors(parseRequired(required), "--require");
            out.print(summary(rig, rigFile));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("avfusion: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    static Map<String, SensorType> parseRequired(List<String> specs) {
        Map<String, SensorType> out = new LinkedHashMap<>();
        for (String s : specs) {
            int colon = s.indexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("--require takes NAME:TYPE (TYPE one of lidar, camera, gnss, imu), was '"
                        + s + "'");
            }
            try {
                out.put(s.substring(0, colon), SensorType.valueOf(s.substring(colon + 1).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--require " + s + ": type must be one of lidar, camera, gnss, imu");
            }
        }
        return out;
    }

    static String summary(Rig rig, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append("rig: ").append(rig.name()).append('\n');
        sb.append("file: ").append(file).append('\n');
        sb.append("valid: true\n");
        sb.append("frames: ").append(rig.frames().frames().size()).append('\n');
        sb.append("sensors:\n");
        for (RigSensor s : rig.sensors().values()) {
            RigidTransform t = rig.baseFromSensor(s.name());
            double[] rpy = t.rollPitchYawRad();
            sb.append("  ").append(s.name()).append(":\n");
            sb.append("    type: ").append(s.type().name().toLowerCase(Locale.ROOT)).append('\n');
            sb.append(String.format(Locale.ROOT, "    positionOnBaseLinkMeters: [%.4f, %.4f, %.4f]%n",
                    t.txMeters(), t.tyMeters(), t.tzMeters()));
            sb.append(String.format(Locale.ROOT, "    rollPitchYawOnBaseLinkDeg: [%.3f, %.3f, %.3f]%n",
                    Math.toDegrees(rpy[0]), Math.toDegrees(rpy[1]), Math.toDegrees(rpy[2])));
            sb.append("    clockOffsetNanos: ").append(s.clockOffset().offsetNanos()).append('\n');
            if (s.type() == SensorType.CAMERA) {
                CameraIntrinsics k = s.intrinsics();
                sb.append(String.format(Locale.ROOT, "    imageSizePixels: [%d, %d]%n", k.widthPixels(), k.heightPixels()));
                sb.append(String.format(Locale.ROOT, "    horizontalFovDeg: %.2f%n", k.horizontalFovDeg()));
                sb.append("    distorted: ").append(!k.distortion().isNone()).append('\n');
            }
        }
        return sb.toString();
    }
}
