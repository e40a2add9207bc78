package org.avfusion.runtime.output.file;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.output.json.JsonLines;

/**
 * Writes every decision as one JSON line, in order:
 * <pre>{"seq":0,"stampNanos":100000000,"kind":"STOP","reason":"EGO_MOTION_UNKNOWN","obstacleDistanceMeters":null,
 *  "stoppingDistanceMeters":6.0,"speedMetersPerSecond":null,"targetSpeedMetersPerSecond":0.0,
 *  "curvaturePerMeter":0.0,"partial":false,"sensors":{"velodyne":"OK","image_02":"OK"},"latencyMillis":3.2}</pre>
 * NaN (unknown) is written as {@code null}. {@link #WALL_CLOCK_FIELDS} depend on the machine and the replay speed,
 * everything else on the recording and the config only: two replays of one recording give the same lines but for
 * those fields.
 *
 * <p>Threading: {@link #onDecision} is called on the publish stage's thread only; {@link #close()} after the
 * pipeline finished. Buffered; an I/O error is kept and rethrown by {@link #close()} (the stage goes on).
 *
 * <p>To standard output ({@code replay --decisions -}) each line is flushed as it is written, so that a reader sees
 * the decisions as they are made ({@code | jq} at real time), and a reader that goes away
 * ({@code | head -3}) is noticed at the next line: the error is a {@link JsonLines.StdoutClosedException}, and
 * {@link #onStdoutClosed(Runnable)} is told once, so that the replay can stop instead of replaying the rest into a
 * closed pipe.
 */
public final class DecisionFileWriter implements DecisionListener, AutoCloseable {
    /** Fields that measure the machine, not the drive: ignored when two decision files are compared. */
    public static final Set<String> WALL_CLOCK_FIELDS = Set.of("latencyMillis", "pipelineMillis", "publishedAtNanos",
            "wallNanos", "referenceAgeMillis");

    private final String file;
    private final List<String> sensorNames;
    private final JsonGenerator json;
    private long sequence;
    private IOException failure;
    private final boolean flushEachLine;
    private volatile Runnable onStdoutClosed = () -> { };

    /**
     * @param sensorNames the pipeline's sensors in index order (the set's statuses are written under these names)
     * @throws UncheckedIOException naming the file when it cannot be created
     */
    public DecisionFileWriter(Path file, List<String> sensorNames) {
        this(isStdout(file) ? stdout(System.out) : open(file), file.toString(), sensorNames, isStdout(file));
    }

    /**
     * Writes to {@code out} (closed by {@link #close()}): e.g. {@link OutputStream#nullOutputStream()} for warm-up,
     * which runs this writer's code on synthetic decisions before the first real one (issue #17).
     *
     * @param name what errors call the target
     */
    public DecisionFileWriter(OutputStream out, String name, List<String> sensorNames) {
        this(out, name, sensorNames, false);
    }

    /**
     * @param flushEachLine flush after every line (standard output: see the class doc); a write error is then noticed
     *                      at the line that met it
     */
    private DecisionFileWriter(OutputStream out, String name, List<String> sensorNames, boolean flushEachLine) {
        this.flushEachLine = flushEachLine;
        this.file = name;
        this.sensorNames = List.copyOf(sensorNames);
        try {
            json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write decisions to " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file name that means standard output ({@code replay --decisions -}). */
    public static final String STDOUT = "-";

    /** Whether {@code file} means standard output. */
    public static boolean isStdout(Path file) {
        return file != null && STDOUT.equals(file.toString());
    }

    /**
     * {@code stream} (System.out as it is when the replay starts) for this writer: left open when the writer closes
     * (the JVM owns it), and its errors reported ({@link JsonLines#checked}: a {@link PrintStream} swallows an
     * {@link IOException}, EPIPE included, and only sets a flag).
     */
    private static OutputStream stdout(PrintStream stream) {
        return new BufferedOutputStream(JsonLines.checked(stream), 1 << 16);
    }

    /** {@code action} runs once, on the publish stage's thread, when a write to standard output fails. */
    public void onStdoutClosed(Runnable action) {
        this.onStdoutClosed = java.util.Objects.requireNonNull(action, "action");
    }

    private static OutputStream open(Path file) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write decisions to " + file + ": " + OutputPaths.why(e), e);
        }
    }

    @Override
    public void onDecision(Decision d, AlignedSet set, double latencyMillis) {
        if (failure != null) {
            return;
        }
        try {
            json.writeStartObject();
            json.writeNumberField("seq", sequence++);
            json.writeNumberField("stampNanos", d.referenceStampNanos());
            json.writeStringField("kind", d.kind().name());
            json.writeStringField("reason", d.reason().name());
            number("obstacleDistanceMeters", d.obstacleDistanceMeters());
            number("stoppingDistanceMeters", d.stoppingDistanceMeters());
            number("speedMetersPerSecond", d.speedMetersPerSecond());
            number("targetSpeedMetersPerSecond", d.targetSpeedMetersPerSecond());
            number("curvaturePerMeter", d.curvaturePerMeter());
            json.writeBooleanField("partial", set.isPartial());
            json.writeObjectFieldStart("sensors");
            for (int i = 0; i < set.sensorCount() && i < sensorNames.size(); i++) {
                json.writeStringField(sensorNames.get(i), String.valueOf(set.status(i)));
            }
            json.writeEndObject();
            number("latencyMillis", latencyMillis);
            json.writeEndObject();
            json.writeRaw('\n');
            if (flushEachLine) {
                json.flush();
            }
        } catch (IOException e) {
            failure = e;
            if (JsonLines.StdoutClosedException.isCauseOf(e)) {
                onStdoutClosed.run();
            }
        }
    }

    private void number(String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumberField(name, v);
        } else {
            json.writeNullField(name);
        }
    }

    /** Decisions written so far. */
    public long written() {
        return sequence;
    }

    /** Flushes and closes the file. @throws UncheckedIOException naming the file on a write error */
    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot write decisions to " + file + ": " + failure.getMessage(), failure);
        }
    }
}
