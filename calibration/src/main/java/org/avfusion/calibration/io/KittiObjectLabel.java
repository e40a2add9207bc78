package org.avfusion.calibration.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.calibration.geometry.OrientedBox;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.ImageBox;

/**
 * One object of a KITTI object label file ({@code label_2/NNNNNN.txt}): type, truncation, occlusion, alpha,
 * the 2D box (pixels), the 3D size {@code h, w, l} (metres), the bottom-centre location in rectified camera-0
 * coordinates (metres; x right, y down, z forward) and the yaw {@code rotation_y} about the camera y axis
 * (radians). See the KITTI object devkit readme.
 */
public record KittiObjectLabel(String type, double truncation, int occlusion, double alphaRad, ImageBox box2d,
        double heightMeters, double widthMeters, double lengthMeters, double xMeters, double yMeters, double zMeters,
        double rotationYRad) {

    /** Reads all objects of a label file. */
    public static List<KittiObjectLabel> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CalibrationFileException(file, "", "file not found");
        } catch (IOException e) {
            throw new CalibrationFileException(String.valueOf(file), "", "cannot read: " + e.getMessage(), e);
        }
        List<KittiObjectLabel> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(parseLine(lines.get(i), file + " line " + (i + 1)));
            }
        }
        return out;
    }

    /** Parses one line of 15 fields; {@code source} names it in messages. */
    public static KittiObjectLabel parseLine(String line, String source) {
        String[] f = line.strip().split("\\s+");
        if (f.length != 15 && f.length != 16) {
            throw new CalibrationFileException(source, "", "a KITTI label has 15 fields (16 with a score), had " + f.length);
        }
        double[] v = new double[14];
        for (int i = 1; i < 15; i++) {
            try {
                v[i - 1] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                throw new CalibrationFileException(source, "field " + (i + 1), "not a number: '" + f[i] + "'");
            }
        }
        return new KittiObjectLabel(f[0], v[0], (int) v[1], v[2], new ImageBox(v[3], v[4], v[5], v[6]), v[7], v[8], v[9],
                v[10], v[11], v[12], v[13]);
    }

    /**
     * The 3D box in rectified camera-0 coordinates: centre half a height above the labelled bottom centre (y is
     * down), box x along the length, y along the height, z along the width, rotated by {@code rotation_y} about y.
     */
    public OrientedBox boxInRectifiedCamera() {
        double c = Math.cos(rotationYRad), s = Math.sin(rotationYRad);
        RigidTransform pose = RigidTransform.of(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, xMeters,
                yMeters - heightMeters / 2, zMeters);
        return new OrientedBox(pose, lengthMeters, heightMeters, widthMeters);
    }
}
