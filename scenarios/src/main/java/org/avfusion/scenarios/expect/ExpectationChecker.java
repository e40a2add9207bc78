package org.avfusion.scenarios.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks {@link HilExpectation}s against what a runtime published, as a subscriber received it. Plain Java: the
 * messages come in with their arrival times in scenario seconds.
 */
public final class ExpectationChecker {
    private ExpectationChecker() {
    }

    /** A message and its arrival, scenario seconds. */
    public record Timed(double seconds, JsonNode message) {
    }

    /** One expectation's verdict, with what was seen. */
    public record Outcome(String expectation, boolean passed, String detail) {
    }

    public static List<Outcome> check(List<HilExpectation> expectations, List<Timed> decisions, List<Timed> health) {
        List<Outcome> out = new ArrayList<>();
        for (HilExpectation x : expectations) {
            if (x instanceof HilExpectation.Decision d) {
                out.add(decision(d, decisions));
            } else if (x instanceof HilExpectation.MinGap g) {
                out.add(minGap(g, decisions));
            } else if (x instanceof HilExpectation.Health h) {
                out.add(health(h, health));
            }
        }
        return out;
    }

    private static Outcome decision(HilExpectation.Decision d, List<Timed> decisions) {
        int matching = 0;
        int inWindow = 0;
        String firstOther = null;
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (Timed t : decisions) {
            if (t.seconds() < d.fromSeconds() || t.seconds() >= d.toSeconds()) {
                continue;
            }
            inWindow++;
            String kind = t.message().path("kind").asText();
            String reason = t.message().path("reason").asText();
            seen.merge(kind + " " + reason, 1, Integer::sum);
            if (d.matches(kind, reason)) {
                matching++;
            } else if (firstOther == null) {
                firstOther = String.format(Locale.ROOT, "%s %s at %.3f s", kind, reason, t.seconds());
            }
        }
        boolean pass = matching >= d.minCount() && (!d.every() || matching == inWindow);
        String detail = matching + " of " + inWindow + " decisions in the window match; seen " + seen
                + (d.every() && firstOther != null ? "; first other: " + firstOther : "");
        return new Outcome(d.describe(), pass, detail);
    }

    private static Outcome minGap(HilExpectation.MinGap g, List<Timed> decisions) {
        double min = Double.POSITIVE_INFINITY;
        double at = Double.NaN;
        for (Timed t : decisions) {
            JsonNode d = t.message().get("obstacleDistanceMeters");
            if (d != null && d.isNumber() && d.asDouble() < min) {
                min = d.asDouble();
                at = t.seconds();
            }
        }
        boolean pass = !(min < g.meters());
        String detail = Double.isInfinite(min) ? "no decision reported an obstacle"
                : String.format(Locale.ROOT, "closest obstacle %.2f m at %.3f s", min, at);
        return new Outcome(g.describe(), pass, detail);
    }

    private static Outcome health(HilExpectation.Health h, List<Timed> health) {
        int inWindow = 0;
        String last = "";
        for (Timed t : health) {
            if (t.seconds() < h.fromSeconds() || t.seconds() >= h.toSeconds()) {
                continue;
            }
            inWindow++;
            JsonNode v = at(t.message(), h.path());
            last = v.isMissingNode() ? "<absent>" : v.asText();
            if (h.equals().equals(last)) {
                return new Outcome(h.describe(), true, String.format(Locale.ROOT, "seen at %.3f s", t.seconds()));
            }
        }
        return new Outcome(h.describe(), false, inWindow + " health reports in the window, none with "
                + h.path() + " = " + h.equals() + (inWindow > 0 ? "; last value " + last : ""));
    }

    /** The node at a dotted path ({@code sources.lidar_top.status}). */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode n = root;
        for (String key : dottedPath.split("\\.")) {
            n = n.path(key);
        }
        return n;
    }
}
