package org.avfusion.calibration.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;

/**
 * Writes a {@link Rig} in the layout {@link RigYamlReader} reads, rotations as matrices with every digit of the
 * doubles, so that reading it back gives the same transforms exactly. Stateless.
 */
public final class RigYamlWriter {

    private RigYamlWriter() {
    }

    /** The YAML text; {@code headerComment} (may be empty) is written first as {@code #} lines. */
    public static String format(Rig rig, String headerComment) {
        StringBuilder sb = new StringBuilder();
        if (headerComment != null && !headerComment.isEmpty()) {
            for (String line : headerComment.split("\\R")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        sb.append("rig: ").append(rig.name()).append('\n');
        sb.append("units: {length: metres, angle: degrees, time: nanoseconds, image: pixels}\n");
        TransformTree tree = rig.frames();
        boolean anyFrame = false;
        for (String f : tree.frames()) {
            if (f.equals(tree.root()) || rig.sensors().containsKey(f)) {
                continue;
            }
            if (!anyFrame) {
                sb.append("frames:\n");
                anyFrame = true;
            }
            sb.append("  ").append(f).append(":\n");
            transform(sb, tree.parentOf(f), tree.parentFromChild(f));
        }
        sb.append("sensors:\n");
        for (RigSensor s : rig.sensors().values()) {
            sb.append("  ").append(s.name()).append(":\n");
            sb.append("    type: ").append(s.type().name().toLowerCase(Locale.ROOT)).append('\n');
            transform(sb, tree.parentOf(s.name()), tree.parentFromChild(s.name()));
            sb.append("    clockOffsetNanos: ").append(s.clockOffset().offsetNanos()).append('\n');
            if (s.intrinsics() != null) {
                CameraIntrinsics k = s.intrinsics();
                sb.append("    intrinsics:\n");
                sb.append("      imageSizePixels: [").append(k.widthPixels()).append(", ").append(k.heightPixels()).append("]\n");
                sb.append("      cameraMatrix: ").append(rows(k.cameraMatrixRowMajor(), 3)).append('\n');
                sb.append("      distortion: ").append(list(k.distortion().isNone() ? new double[0] : k.distortion().toOpenCv()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes {@link #format} to a file. */
    public static void write(Rig rig, String headerComment, Path file) throws IOException {
        Files.writeString(file, format(rig, headerComment), StandardCharsets.UTF_8);
    }

    private static void transform(StringBuilder sb, String parent, RigidTransform t) {
        sb.append("    parent: ").append(parent).append('\n');
        sb.append("    translationMeters: ").append(list(new double[] {t.txMeters(), t.tyMeters(), t.tzMeters()})).append('\n');
        sb.append("    rotation: ").append(rows(t.rotationRowMajor(), 3)).append('\n');
    }

    private static String rows(double[] m, int cols) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < m.length / cols; r++) {
            double[] row = new double[cols];
            System.arraycopy(m, r * cols, row, 0, cols);
            sb.append(r == 0 ? "" : ", ").append(list(row));
        }
        return sb.append(']').toString();
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return sb.append(']').toString();
    }

    /** Every digit of the double, in plain notation (YAML 1.1 reads {@code 1.0E10} as text). */
    static String number(double v) {
        return YamlMatrices.number(v);
    }
}
