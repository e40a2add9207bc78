package org.avfusion.scenarios.expect;

import static org.avfusion.calibration.yaml.Bounds.requireInRange;
import static org.avfusion.calibration.yaml.Bounds.requireNonBlank;
import static org.avfusion.calibration.yaml.Bounds.requireNonNegative;
import static org.avfusion.calibration.yaml.Bounds.requireOneOf;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.avfusion.calibration.yaml.BoundsException;

/**
 * What a runtime under test must publish, checked from outside on its MQTT topics (a scenario's
 * {@code expectations:} list; {@code type:} picks the kind). Times are scenario seconds: from the rig's first packet
 * on the wire to the message's arrival at the rig's subscriber.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HilExpectation.Decision.class, name = "decision"),
    @JsonSubTypes.Type(value = HilExpectation.MinGap.class, name = "minGap"),
    @JsonSubTypes.Type(value = HilExpectation.Health.class, name = "health")})
public sealed interface HilExpectation {
    /** Decision kinds the runtime publishes. */
    List<String> KINDS = List.of("PROCEED", "SLOW", "STOP", "REROUTE");

    /** A name for reports, e.g. {@code decision STOP LIDAR_MISSING in [8.0, 10.0) s}. */
    String describe();

    private static double[] window(Double fromSeconds, Double toSeconds) {
        double from = requireNonNegative("fromSeconds", fromSeconds != null ? fromSeconds : 0.0, 3600, "s");
        double to = toSeconds != null ? toSeconds : 3600;
        if (!(to > from)) {
            throw new BoundsException("toSeconds", "must be later than fromSeconds (" + from + "), was " + to);
        }
        return new double[] {from, to};
    }

    /**
     * At least {@code minCount} decisions of {@code kind} (and {@code reason}, when given) arrive in the window; with
     * {@code every: true}, every decision in it must match (and at least {@code minCount} arrive).
     */
    record Decision(String kind, String reason, Double fromSeconds, Double toSeconds, Integer minCount,
            Boolean every) implements HilExpectation {
        public Decision {
            requireOneOf("kind", kind, KINDS);
            double[] w = window(fromSeconds, toSeconds);
            fromSeconds = w[0];
            toSeconds = w[1];
            minCount = requireInRange("minCount", minCount != null ? minCount : 1, 0, 1_000_000, "decisions");
            every = every != null && every;
        }

        public boolean matches(String decisionKind, String decisionReason) {
            return kind.equals(decisionKind) && (reason == null || reason.equals(decisionReason));
        }

        @Override
        public String describe() {
            return "decision " + (every ? "every " : "") + kind + (reason != null ? " " + reason : "")
                    + " x" + minCount + " in [" + fromSeconds + ", " + toSeconds + ") s";
        }
    }

    /** No decision reports an obstacle closer than {@code meters} (the ego keeps its gap). */
    record MinGap(Double meters) implements HilExpectation {
        public MinGap {
            meters = requireNonNegative("meters", requireNonNull(meters), 1000, "m");
        }

        private static Double requireNonNull(Double meters) {
            if (meters == null) {
                throw new BoundsException("meters", "missing; write e.g. 'meters: 2.0'");
            }
            return meters;
        }

        @Override
        public String describe() {
            return "min gap " + meters + " m";
        }
    }

    /**
     * A health report arriving in the window has the JSON value {@code equals} at {@code path} (dots between keys,
     * e.g. {@code sources.lidar_top.status} = {@code FROZEN}, {@code sensors.gnss.silent} = {@code true}).
     */
    record Health(String path, String equals, Double fromSeconds, Double toSeconds) implements HilExpectation {
        public Health {
            requireNonBlank("path", path, "sources.lidar_top.status");
            requireNonBlank("equals", equals, "FROZEN");
            double[] w = window(fromSeconds, toSeconds);
            fromSeconds = w[0];
            toSeconds = w[1];
        }

        @Override
        public String describe() {
            return "health " + path + " = " + equals + " in [" + fromSeconds + ", " + toSeconds + ") s";
        }
    }
}
