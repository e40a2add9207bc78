package org.avfusion.runtime.cli.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.calibration.io.CalibrationFileException;
import org.avfusion.calibration.io.KittiObjectLabel;

/**
 * A KITTI tracking label file ({@code label_02/SSSS.txt}): per line {@code frame track_id} followed by the 15
 * fields of an object label ({@link KittiObjectLabel}). {@code DontCare} lines (track id -1) are left out.
 */
public record KittiTrackingLabels(Map<Integer, List<Entry>> byFrame) {
    /** One labelled object in one frame. */
    public record Entry(int frame, long trackId, KittiObjectLabel label) {
    }

    /** The objects of one frame (empty when none). */
    public List<Entry> frame(int frame) {
        return byFrame.getOrDefault(frame, List.of());
    }

    /**
     * Reads a label file.
     *
     * @throws CalibrationFileException naming the file and line for a malformed line
     */
    public static KittiTrackingLabels read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        Map<Integer, List<Entry>> byFrame = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String source = file + " line " + (i + 1);
            String[] f = line.split("\\s+", 3);
            if (f.length < 3) {
                throw new CalibrationFileException(source, "", "a KITTI tracking label has 17 fields, had " + f.length);
            }
            int frame;
            long id;
            try {
                frame = Integer.parseInt(f[0]);
                id = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                throw new CalibrationFileException(source, "frame/track id", "not an integer: '" + f[0] + " "
                        + f[1] + "'");
            }
            KittiObjectLabel label = KittiObjectLabel.parseLine(f[2], source);
            if (label.type().equals("DontCare")) {
                continue;
            }
            byFrame.computeIfAbsent(frame, k -> new ArrayList<>()).add(new Entry(frame, id, label));
        }
        return new KittiTrackingLabels(byFrame);
    }

    /**
     * Points of {@code rectXyz} (rectified camera frame, interleaved x, y, z, metres) inside the label's 3D box.
     */
    public static int pointsInBox(KittiObjectLabel l, float[] rectXyz, int count) {
        double c = Math.cos(l.rotationYRad()), s = Math.sin(l.rotationYRad());
        double hl = l.lengthMeters() / 2, hw = l.widthMeters() / 2;
        double top = l.yMeters() - l.heightMeters(), bottom = l.yMeters();
        double reach = hl + hw;
        int n = 0;
        for (int i = 0; i < count; i++) {
            double dx = rectXyz[3 * i] - l.xMeters(), dz = rectXyz[3 * i + 2] - l.zMeters();
            if (Math.abs(dx) > reach || Math.abs(dz) > reach) {
                continue;
            }
            double y = rectXyz[3 * i + 1];
            // box axes: x along the length rotated by ry about y (x' = c dx - s dz, z' = s dx + c dz)
            double u = c * dx - s * dz, v = s * dx + c * dz;
            if (Math.abs(u) <= hl && Math.abs(v) <= hw && y >= top && y <= bottom) {
                n++;
            }
        }
        return n;
    }
}
