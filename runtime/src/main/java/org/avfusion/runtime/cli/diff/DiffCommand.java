package org.avfusion.runtime.cli.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code avfusion diff A.jsonl B.jsonl}: exit 0 identical, 1 different, 2 bad input. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two decision files (replay --decisions) and name the first decision where they differ: "
                + "its stamp and the differing fields, ignoring wall-clock fields (latency). "
                + "Exit 0: identical, 1: different, 2: bad input.")
public final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.jsonl")
    Path a;

    @Parameters(index = "1", paramLabel = "B.jsonl")
    Path b;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JsonNode> left;
        List<JsonNode> right;
        try {
            left = read(a);
            right = read(b);
        } catch (IllegalArgumentException e) {
            err.println("avfusion diff: " + e.getMessage());
            err.flush();
            return 2;
        }
        DecisionDiff.Divergence d;
        try {
            d = DecisionDiff.first(left, right);
        } catch (IllegalArgumentException e) {
            err.println("avfusion diff: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (d == null) {
            out.println("identical: " + left.size() + " decisions (wall-clock fields ignored)");
            out.flush();
            return 0;
        }
        out.println("different: " + d.message());
        out.flush();
        return 1;
    }

    /** One JSON object per non-blank line. @throws IllegalArgumentException naming the file and line */
    static List<JsonNode> read(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": not JSON: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject() || !node.has("stampNanos")) {
                    throw new IllegalArgumentException(file + ":" + n + ": not a decision (a JSON object with "
                            + "stampNanos, as replay --decisions writes)");
                }
                nodes.add(node);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return nodes;
    }
}
