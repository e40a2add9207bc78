package org.avfusion.calibration.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The KITTI calibration text layout: one {@code KEY: v1 v2 ...} per line. Lines whose values are not numbers
 * ({@code calib_time: 09-Jan-2012 13:57:47}) are skipped; blank lines too.
 */
final class KittiCalibText {

    private final String file;
    private final Map<String, double[]> fields;

    /** Keys whose values are not all numbers (like KITTI raw's {@code calib_time}), with what was wrong. */
    private final Map<String, String> notNumeric;

    private KittiCalibText(String file, Map<String, double[]> fields, Map<String, String> notNumeric) {
        this.file = file;
        this.fields = fields;
        this.notNumeric = notNumeric;
    }

    static KittiCalibText read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new CalibrationFileException(path, "", "file not found");
        } catch (IOException e) {
            throw new CalibrationFileException(String.valueOf(path), "", "cannot read: " + e.getMessage(), e);
        }
        return parse(text, String.valueOf(path));
    }

    static KittiCalibText parse(String text, String file) {
        Map<String, double[]> fields = new LinkedHashMap<>();
        Map<String, String> notNumeric = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new CalibrationFileException(file, "line " + (n + 1), "expected 'KEY: values', was '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String[] tokens = line.substring(colon + 1).strip().split("\\s+");
            double[] values = new double[tokens[0].isEmpty() ? 0 : tokens.length];
            boolean numeric = true;
            for (int i = 0; i < values.length && numeric; i++) {
                try {
                    values[i] = Double.parseDouble(tokens[i]);
                } catch (NumberFormatException e) {
                    numeric = false;
                    notNumeric.put(key, "line " + (n + 1) + ": value " + (i + 1) + " '" + tokens[i] + "' is not a number");
                }
            }
            if (numeric) {
                if (fields.put(key, values) != null) {
                    throw new CalibrationFileException(file, key, "given twice");
                }
            }
        }
        return new KittiCalibText(file, fields, notNumeric);
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The values of a field that must hold exactly {@code count} numbers. */
    double[] require(String key, int count) {
        double[] v = fields.get(key);
        if (v == null && notNumeric.containsKey(key)) {
            throw new CalibrationFileException(file, key, notNumeric.get(key));
        }
        if (v == null) {
            throw new CalibrationFileException(file, key, fields.isEmpty()
                    ? "missing: the file has no 'KEY: numbers' line at all (empty, or not a KITTI calibration file)"
                    : "missing (the file has " + fields.keySet() + ")");
        }
        if (v.length != count) {
            throw new CalibrationFileException(file, key, "needs " + count + " values, had " + v.length);
        }
        return v;
    }

    static String format(String key, double[] values) {
        StringBuilder sb = new StringBuilder(key).append(':');
        for (double v : values) {
            sb.append(' ').append(String.format(Locale.ROOT, "%.12e", v));
        }
        return sb.append('\n').toString();
    }
}
