package org.avfusion.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared parsing of the {rows, cols, data} matrices of OpenCV FileStorage and ROS camera_info YAML. */
final class YamlMatrices {

    private YamlMatrices() {
    }

    static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CalibrationFileException(file, "", "file not found");
        } catch (IOException e) {
            throw new CalibrationFileException(String.valueOf(file), "", "cannot read: " + e.getMessage(), e);
        }
    }

    static JsonNode tree(String yaml, String file) {
        try {
            JsonNode root = new YAMLMapper().readTree(yaml);
            if (root == null || !root.isObject()) {
                throw new CalibrationFileException(file, "", "expected a YAML mapping");
            }
            return root;
        } catch (IOException e) {
            throw new CalibrationFileException(file, "", "not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode required(JsonNode root, String key, String file) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            throw new CalibrationFileException(file, key, "missing");
        }
        return v;
    }

    static int positiveInt(JsonNode root, String key, String file) {
        JsonNode v = required(root, key, file);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
            throw new CalibrationFileException(file, key, "must be a whole number >= 1, was '" + v.asText() + "'");
        }
        return v.intValue();
    }

    /** The {@code data} of a {rows, cols, data} matrix that must be {@code rows x cols}. */
    static double[] matrix(JsonNode root, String key, String file, int rows, int cols) {
        int[] shape = new int[2];
        double[] data = any(root, key, file, shape);
        if (shape[0] != rows || shape[1] != cols) {
            throw new CalibrationFileException(file, key, "wrong size " + shape[0] + "x" + shape[1] + "; must be "
                    + rows + "x" + cols);
        }
        return data;
    }

    /** The {@code data} of a 1xN or Nx1 matrix whose length is one of {@code lengths} (any when empty). */
    static double[] vector(JsonNode root, String key, String file, int... lengths) {
        int[] shape = new int[2];
        double[] data = any(root, key, file, shape);
        boolean ok = shape[0] == 1 || shape[1] == 1;
        if (ok && lengths.length > 0) {
            ok = false;
            for (int n : lengths) {
                ok |= n == data.length;
            }
        }
        if (!ok) {
            throw new CalibrationFileException(file, key, "wrong size " + shape[0] + "x" + shape[1] + "; must be 1xN or Nx1"
                    + (lengths.length > 0 ? " with N = " + describe(lengths) : ""));
        }
        return data;
    }

    private static double[] any(JsonNode root, String key, String file, int[] shapeOut) {
        JsonNode m = required(root, key, file);
        if (!m.isObject()) {
            throw new CalibrationFileException(file, key, "must be a matrix with rows, cols and data");
        }
        int rows = positiveInt(m, "rows", file + " " + key), cols = positiveInt(m, "cols", file + " " + key);
        JsonNode data = m.get("data");
        if (data == null || !data.isArray()) {
            throw new CalibrationFileException(file, key + ".data", "missing (a list of rows x cols numbers)");
        }
        if (data.size() != rows * cols) {
            throw new CalibrationFileException(file, key + ".data", "has " + data.size() + " values, but rows x cols = "
                    + rows + " x " + cols + " = " + rows * cols);
        }
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = data.get(i);
            if (!v.isNumber()) {
                throw new CalibrationFileException(file, key + ".data", "value " + i + " is not a number: '" + v.asText() + "'");
            }
            out[i] = v.doubleValue();
        }
        shapeOut[0] = rows;
        shapeOut[1] = cols;
        return out;
    }

    private static String describe(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            sb.append(i == 0 ? "" : i == counts.length - 1 ? " or " : ", ").append(counts[i]);
        }
        return sb.toString();
    }

    static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? " " : ", ").append(number(v[i]));
        }
        return sb.append(v.length == 0 ? "]" : " ]").toString();
    }

    static String number(double v) {
        if (v == 0) {
            return "0.0";
        }
        String s = BigDecimal.valueOf(v).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
