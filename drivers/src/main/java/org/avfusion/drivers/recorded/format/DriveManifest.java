package org.avfusion.drivers.recorded.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.Bounds;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.calibration.yaml.YamlBinder;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The manifest of a drive folder ({@code drive.yaml}): which logger files make up the drive and how their clocks
 * relate. Every stream is optional, but at least one must be given; unknown keys are refused.
 * <pre>
 * lidar:  {file: front.pcap, sensor: lidar_top, model: HDL32, clockOffsetMillis: 0}
 * gnss:   {file: fixes.nmea, sensor: gnss, clockOffsetMillis: 0}
 * camera: {file: front.mp4,  sensor: camera_front, clockOffsetMillis: 0}
 * </pre>
 * Time: the lidar's own GPS time (Velodyne data packets count microseconds past the hour; the hour comes from the
 * GPRMC sentences of its position packets). The NMEA log is timed by its fixes' UTC times, the video starts at the
 * lidar's first sweep. {@code clockOffsetMillis} is what the stream's clock reads minus GPS time: it is subtracted
 * from that stream's stamps and arrivals; 0 when left out.
 *
 * <p>{@link #read} binds the file strictly through the shared {@link YamlBinder}; every failure is a
 * {@link RecordingFormatException} naming the file, the key path ({@code lidar.clockOffsetMillis}), the value as
 * written and what to write instead, with no parser or class names: {@code drive.yaml: lidar.clockOffsetMillis:
 * 'abc' is not a number; write the file's clock minus GPS time in milliseconds, e.g. clockOffsetMillis: 0}.
 *
 * @param lidar  a Velodyne pcap ({@code model}: VLP16 or HDL32), or null
 * @param gnss   an NMEA 0183 log, or null
 * @param camera a video file FFmpeg reads, or null
 */
public record DriveManifest(Stream lidar, Stream gnss, Stream camera) {
    /** The manifest's file name in a drive folder. */
    public static final String FILE = "drive.yaml";

    /** Largest {@code clockOffsetMillis} either way: one day (a logger left on local time is hours off). */
    static final double MAX_CLOCK_OFFSET_MILLIS = 86_400_000;

    private static final String EXAMPLE = "lidar: {file: front.pcap, sensor: lidar_top, model: HDL32, "
            + "clockOffsetMillis: 0}";

    /**
     * One logger's file.
     *
     * @param file              relative to the drive folder
     * @param sensor            the sensor its frames are published as (a rig/profile sensor of the stream's kind)
     * @param model             lidar model (VLP16, HDL32); ignored for other streams
     * @param clockOffsetMillis the file's clock minus GPS time, finite, within a day either way; null (left out) is 0
     */
    public record Stream(String file, String sensor, String model, Double clockOffsetMillis) {
        public Stream {
            Bounds.requireNonBlank("file", file, "front.pcap");
            Bounds.requireNonBlank("sensor", sensor, "lidar_top");
            clockOffsetMillis = clockOffsetMillis == null ? 0.0 : clockOffsetMillis;
            Bounds.requireInRange("clockOffsetMillis", clockOffsetMillis, -MAX_CLOCK_OFFSET_MILLIS,
                    MAX_CLOCK_OFFSET_MILLIS, "ms (the file's clock minus GPS time)");
        }

        long clockOffsetNanos() {
            return Math.round(clockOffsetMillis * 1e6);
        }
    }

    public DriveManifest {
        if (lidar == null && gnss == null && camera == null) {
            throw new IllegalArgumentException("names no stream; name at least one of lidar, gnss, camera, e.g. "
                    + EXAMPLE);
        }
    }

    /** Reads and checks {@code drive.yaml}. @throws RecordingFormatException naming the file, the key and the value */
    public static DriveManifest read(Path file) throws RecordingFormatException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RecordingFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        String source = file.toString();
        JsonNode tree;
        try {
            tree = YamlBinder.readTree(text, source);
        } catch (BindException e) {
            throw new RecordingFormatException(source + ": " + syntaxProblem(e, text), e);
        }
        if (tree.isNull()) {
            throw new RecordingFormatException(source + ": is empty; name at least one of lidar, gnss, camera, "
                    + "e.g. " + EXAMPLE);
        }
        try {
            return YamlBinder.bind(tree, DriveManifest.class, source, "", true);
        } catch (BindException e) {
            throw new RecordingFormatException(source + ": " + (e.path().isEmpty() ? "" : e.path() + ": ")
                    + problem(e), e);
        }
    }

    /** The binder's problem in this file's words: a value of the wrong kind says what the key takes. */
    private static String problem(BindException e) {
        if (e.knownKeys() != null || e.getCause() instanceof BoundsException || e.value() == null) {
            return e.problem();
        }
        String key = lastKey(e.path());
        String value = "null".equals(e.value()) ? "nothing" : "'" + e.value() + "'";
        return value + " is not " + noun(key) + "; " + advice(key);
    }

    private static String lastKey(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** What the key takes, in a word or two. */
    private static String noun(String key) {
        return switch (key) {
            case "file" -> "a file name";
            case "sensor" -> "a sensor name";
            case "model" -> "a lidar model";
            case "clockOffsetMillis" -> "a number";
            case "lidar", "gnss", "camera" -> "a mapping of file, sensor, model (lidar), clockOffsetMillis";
            default -> "a mapping of lidar, gnss and/or camera";
        };
    }

    /** What to write for the key, with an example. */
    private static String advice(String key) {
        return switch (key) {
            case "file" -> "write the logger's file relative to the drive folder, e.g. file: front.pcap";
            case "sensor" -> "write the sensor its frames are published as, e.g. sensor: lidar_top";
            case "model" -> "write VLP16 or HDL32, e.g. model: HDL32";
            case "clockOffsetMillis" -> "write the file's clock minus GPS time in milliseconds, e.g. "
                    + "clockOffsetMillis: 0";
            case "lidar", "gnss", "camera" -> "write e.g. " + key + ": {file: ..., sensor: ..., clockOffsetMillis: 0}";
            default -> "write e.g. " + EXAMPLE;
        };
    }

    private static final Pattern MALFORMED_NUMBER = Pattern.compile("Malformed numeric value '(.*)'");

    /**
     * A syntax error in words: where (the key being read, line and column), the value where there is one, and what
     * the parser expected, without the parser's own names.
     */
    private static String syntaxProblem(BindException e, String text) {
        JsonProcessingException parse = null;
        MarkedYAMLException marked = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (parse == null && t instanceof JsonProcessingException j) {
                parse = j;
            }
            if (t instanceof MarkedYAMLException m) {
                marked = m;
            }
        }
        String path = parse != null && parse.getProcessor() instanceof JsonParser p ? path(p.getParsingContext())
                : "";
        String at = path.isEmpty() ? "" : path + ": ";
        if (marked != null && marked.getProblemMark() != null) {
            StringBuilder b = new StringBuilder(at).append("not valid YAML: ");
            Mark open = marked.getContextMark();
            if (marked.getContext() != null && open != null) {
                b.append(words(marked.getContext().replaceFirst("^while (parsing|scanning) ", "")))
                        .append(" at line ").append(open.getLine() + 1).append(", column ").append(open.getColumn() + 1)
                        .append(" ('").append(snippet(text, open)).append("'): ");
            }
            Mark problem = marked.getProblemMark();
            b.append(words(marked.getProblem())).append(" at line ").append(problem.getLine() + 1)
                    .append(", column ").append(problem.getColumn() + 1);
            if (!path.isEmpty()) {
                b.append("; ").append(path).append(" takes ").append(noun(lastKey(path))).append(": ")
                        .append(advice(lastKey(path)));
            }
            return b.toString();
        }
        String message = parse != null ? parse.getOriginalMessage() : e.problem();
        Matcher number = MALFORMED_NUMBER.matcher(message);
        if (number.find()) {
            return at + "'" + number.group(1) + "' is not a finite number" + (path.isEmpty() ? ""
                    : "; " + advice(lastKey(path)));
        }
        return e.problem();
    }

    /** The key path the parser was in: {@code lidar.sensor} (list positions left out). */
    private static String path(JsonStreamContext context) {
        List<String> keys = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                keys.add(c.getCurrentName());
            }
        }
        Collections.reverse(keys);
        return String.join(".", keys);
    }

    /** The parser's terms as a reader of a YAML file knows them. */
    private static String words(String parser) {
        return parser.replace("flow sequence", "list opened with '['").replace("flow mapping",
                "mapping opened with '{'").replace("block mapping", "mapping").replace("block sequence", "list")
                .replace("quoted scalar", "quoted text").replace(", but got ", ", found ")
                .replace(" but got ", ", found ").replace("<stream end>", "the end of the file")
                .replace("<block end>", "the end of the mapping").replaceAll("<([a-z ]+)>", "$1");
    }

    /** The text from {@code mark} to the end of its line, at most 40 characters. */
    private static String snippet(String text, Mark mark) {
        int index = Math.min(mark.getIndex(), text.length());
        int end = text.indexOf('\n', index);
        String rest = text.substring(index, end < 0 ? text.length() : end).strip();
        return rest.length() > 40 ? rest.substring(0, 40) + "..." : rest;
    }
}
