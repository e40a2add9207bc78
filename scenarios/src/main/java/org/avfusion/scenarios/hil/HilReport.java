package org.avfusion.scenarios.hil;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.avfusion.scenarios.expect.ExpectationChecker.Outcome;

/**
 * What a HIL rig saw over its runs: each run's expectation outcomes and reaction times, the verdict, the reaction
 * times' p50/p99 over the runs (nearest rank), and a JUnit XML report (one test case per expectation and run, one
 * per reaction event carrying its times) for a CI to read.
 */
public record HilReport(String scenario, List<Run> runs) {

    public HilReport {
        runs = List.copyOf(runs);
    }

    /** One reaction: when the event showed on the wire and when the reacting decision arrived, scenario seconds. */
    public record Reaction(String event, double wireSeconds, double reactionSeconds, String detail) {
        /** Wire to broker, ms; NaN when there was no reaction. */
        public double millis() {
            return (reactionSeconds - wireSeconds) * 1000;
        }
    }

    public record Run(int index, long packetsSent, int decisions, List<Outcome> outcomes, List<Reaction> reactions) {
        public Run {
            outcomes = List.copyOf(outcomes);
            reactions = List.copyOf(reactions);
        }
    }

    public boolean passed() {
        return runs.stream().allMatch(r -> r.decisions() > 0 && r.outcomes().stream().allMatch(Outcome::passed));
    }

    /** Reaction times per event over the runs: {p50, p99, count} in ms; NaN when none was measured. */
    public Map<String, double[]> reactionPercentiles() {
        Map<String, List<Double>> byEvent = new LinkedHashMap<>();
        for (Run r : runs) {
            for (Reaction x : r.reactions()) {
                List<Double> list = byEvent.computeIfAbsent(x.event(), k -> new ArrayList<>());
                if (!Double.isNaN(x.millis())) {
                    list.add(x.millis());
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        byEvent.forEach((event, ms) -> {
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.put(event, new double[] {rank(sorted, 0.50), rank(sorted, 0.99), sorted.length});
        });
        return out;
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
    }

    public void print(PrintStream out) {
        for (Run r : runs) {
            out.printf(Locale.ROOT, "run %d: %d packets, %d decisions%n", r.index(), r.packetsSent(), r.decisions());
            if (r.decisions() == 0) {
                out.println("  FAIL no decision arrived from the runtime");
            }
            for (Outcome o : r.outcomes()) {
                out.println("  " + (o.passed() ? "PASS " : "FAIL ") + o.expectation() + ": " + o.detail());
            }
            for (Reaction x : r.reactions()) {
                out.printf(Locale.ROOT, "  reaction %s: %s (%s)%n", x.event(),
                        Double.isNaN(x.millis()) ? "none" : String.format(Locale.ROOT, "%.1f ms", x.millis()),
                        x.detail());
            }
        }
        reactionPercentiles().forEach((event, p) -> out.printf(Locale.ROOT,
                "reaction %s: p50 %.1f ms, p99 %.1f ms over %d runs%n", event, p[0], p[1], (int) p[2]));
        out.println("verdict: " + (passed() ? "PASS" : "FAIL") + " (scenario " + scenario + ", " + runs.size()
                + " runs)");
    }

    public void writeJUnit(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            int tests = 0;
            int failures = 0;
            for (Run r : runs) {
                tests += r.outcomes().size() + r.reactions().size() + 1;
                failures += (int) r.outcomes().stream().filter(o -> !o.passed()).count() + (r.decisions() == 0 ? 1 : 0);
            }
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "avfusion-hil." + scenario);
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", "0");
            for (Run r : runs) {
                testCase(x, r, "decisions arrive", r.decisions() == 0 ? "no decision arrived from the runtime"
                        : null, r.decisions() + " decisions");
                for (Outcome o : r.outcomes()) {
                    testCase(x, r, o.expectation(), o.passed() ? null : o.detail(), o.detail());
                }
                for (Reaction re : r.reactions()) {
                    testCase(x, r, "reaction " + re.event(), null, String.format(Locale.ROOT,
                            "wire %.3f s, reaction %.3f s, %.1f ms: %s", re.wireSeconds(), re.reactionSeconds(),
                            re.millis(), re.detail()));
                }
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(file + ": cannot write the JUnit report: " + e.getMessage(), e);
        }
    }

    private void testCase(XMLStreamWriter x, Run r, String name, String failure, String out)
            throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "avfusion.hil." + scenario + ".run" + r.index());
        x.writeAttribute("name", name);
        if (failure != null) {
            x.writeStartElement("failure");
            x.writeAttribute("message", failure);
            x.writeEndElement();
        }
        x.writeStartElement("system-out");
        x.writeCharacters(out);
        x.writeEndElement();
        x.writeEndElement();
    }

    @Override
    public String toString() {
        return scenario + " " + Arrays.toString(runs.toArray());
    }
}
