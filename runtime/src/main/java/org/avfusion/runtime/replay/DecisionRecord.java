package org.avfusion.runtime.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.plan.Decision;

/**
 * One decision of a replay as a value: the fields of a line of {@code avfusion replay --decisions}
 * ({@link org.avfusion.runtime.output.file.DecisionFileWriter}), in the same order and with the same meaning. Unknown
 * numbers are NaN. Serializable (fleet replay ships it between machines). {@link #toJson()} gives the line as that writer writes it, so that decision streams from the
 * library and from decision files compare with the same {@code avfusion diff} ({@code cli.diff.DecisionDiff}).
 *
 * @param seq            0-based position in the stream
 * @param stampNanos     the set's reference stamp (vehicle clock)
 * @param sensors        status of each sensor in the set, by sensor name, in pipeline order
 * @param latencyMillis  vehicle time from the reference stamp to publication (depends on the machine)
 */
public record DecisionRecord(long seq, long stampNanos, String kind, String reason, double obstacleDistanceMeters,
        double stoppingDistanceMeters, double speedMetersPerSecond, double targetSpeedMetersPerSecond,
        double curvaturePerMeter, boolean partial, Map<String, String> sensors, double latencyMillis)
        implements java.io.Serializable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DecisionRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        sensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sensors));
    }

    /** The record of {@code d} made from {@code set} (valid during the listener call only). */
    public static DecisionRecord of(long seq, Decision d, AlignedSet set, double latencyMillis,
            List<String> sensorNames) {
        Map<String, String> sensors = new LinkedHashMap<>();
        for (int i = 0; i < set.sensorCount() && i < sensorNames.size(); i++) {
            sensors.put(sensorNames.get(i), String.valueOf(set.status(i)));
        }
        return new DecisionRecord(seq, d.referenceStampNanos(), d.kind().name(), d.reason().name(),
                d.obstacleDistanceMeters(), d.stoppingDistanceMeters(), d.speedMetersPerSecond(),
                d.targetSpeedMetersPerSecond(), d.curvaturePerMeter(), set.isPartial(), sensors, latencyMillis);
    }

    /** This decision as one line of a decision file (no line break). */
    public String toJsonLine() {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("seq", seq);
            json.writeNumberField("stampNanos", stampNanos);
            json.writeStringField("kind", kind);
            json.writeStringField("reason", reason);
            number(json, "obstacleDistanceMeters", obstacleDistanceMeters);
            number(json, "stoppingDistanceMeters", stoppingDistanceMeters);
            number(json, "speedMetersPerSecond", speedMetersPerSecond);
            number(json, "targetSpeedMetersPerSecond", targetSpeedMetersPerSecond);
            number(json, "curvaturePerMeter", curvaturePerMeter);
            json.writeBooleanField("partial", partial);
            json.writeObjectFieldStart("sensors");
            for (Map.Entry<String, String> e : sensors.entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
            number(json, "latencyMillis", latencyMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** This decision as the JSON tree {@code avfusion diff} reads from a decision file. */
    public JsonNode toJson() {
        try {
            return MAPPER.readTree(toJsonLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(JsonGenerator json, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumberField(name, v);
        } else {
            json.writeNullField(name);
        }
    }
}
