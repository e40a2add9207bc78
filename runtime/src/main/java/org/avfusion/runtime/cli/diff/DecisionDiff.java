package org.avfusion.runtime.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.runtime.output.file.DecisionFileWriter;

/**
 * The first divergence between two decision streams. Decisions are matched by stamp ({@code stampNanos}): where the
 * stamps part, the stream with the earlier stamp has a decision the other lacks; where they agree, the fields other
 * than {@link DecisionFileWriter#WALL_CLOCK_FIELDS} and {@code seq} must be equal.
 */
public final class DecisionDiff {
    /** Fields never compared: they measure the machine or number lines, not the drive. */
    static final Set<String> IGNORED;

    static {
        Set<String> s = new TreeSet<>(DecisionFileWriter.WALL_CLOCK_FIELDS);
        s.add("seq");
        IGNORED = Set.copyOf(s);
    }

    /**
     * Where two streams first differ.
     *
     * @param index     position of the decision in stream A (0-based)
     * @param stampNanos stamp of the diverging decision
     * @param fields    differing fields as {@code name: a -> b}; empty when a decision is missing on one side
     * @param message   one line for people
     */
    public record Divergence(long index, long stampNanos, List<String> fields, String message) {
    }

    private DecisionDiff() {
    }

    /** The first divergence, or null when the streams are equal (ignoring wall-clock fields). */
    public static Divergence first(List<JsonNode> a, List<JsonNode> b) {
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i >= a.size()) {
                long stamp = stamp(b.get(j));
                return new Divergence(i, stamp, List.of(), "B has " + (b.size() - j) + " more decision(s), the first "
                        + "at stamp " + stamp + " ns (" + seconds(stamp) + "), which A lacks");
            }
            if (j >= b.size()) {
                long stamp = stamp(a.get(i));
                return new Divergence(i, stamp, List.of(), "A has " + (a.size() - i) + " more decision(s), the first "
                        + "at stamp " + stamp + " ns (" + seconds(stamp) + "), which B lacks");
            }
            long sa = stamp(a.get(i));
            long sb = stamp(b.get(j));
            if (sa != sb) {
                long missing = Math.min(sa, sb);
                String has = sa < sb ? "A" : "B";
                String lacks = sa < sb ? "B" : "A";
                return new Divergence(i, missing, List.of("stampNanos: " + sa + " -> " + sb), "decision " + i
                        + ": " + has + " has a decision at stamp " + missing + " ns (" + seconds(missing) + ") that "
                        + lacks + " lacks");
            }
            List<String> fields = new ArrayList<>();
            compare("", a.get(i), b.get(j), fields);
            if (!fields.isEmpty()) {
                return new Divergence(i, sa, fields, "decision " + i + " at stamp " + sa + " ns (" + seconds(sa)
                        + ") differs: " + String.join("; ", fields));
            }
            i++;
            j++;
        }
        return null;
    }

    private static void compare(String prefix, JsonNode a, JsonNode b, List<String> out) {
        if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
            Set<String> names = new TreeSet<>();
            oa.fieldNames().forEachRemaining(names::add);
            ob.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (prefix.isEmpty() && IGNORED.contains(n)) {
                    continue;
                }
                JsonNode va = oa.get(n);
                JsonNode vb = ob.get(n);
                if (va == null || vb == null) {
                    out.add(prefix + n + ": " + va + " -> " + vb);
                } else {
                    compare(prefix + n + ".", va, vb, out);
                }
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(prefix.substring(0, prefix.length() - 1) + ": " + a + " -> " + b);
        }
    }

    private static long stamp(JsonNode n) {
        JsonNode s = n.get("stampNanos");
        if (s == null || !s.canConvertToLong()) {
            throw new IllegalArgumentException("decision without a whole stampNanos: " + n);
        }
        return s.asLong();
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "t=%.3f s", nanos / 1e9);
    }

}
