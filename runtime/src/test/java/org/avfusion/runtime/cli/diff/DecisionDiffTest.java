package org.avfusion.runtime.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decision streams as inline JSON lines; the first divergence named by stamp and field. */
class DecisionDiffTest {
    private static List<JsonNode> stream(String... lines) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(json.readTree(l));
        }
        return out;
    }

    @Test
    void wallClockFieldsAndLineNumbersAreIgnored() throws Exception {
        assertNull(DecisionDiff.first(
                stream("{\"seq\":0,\"stampNanos\":100,\"kind\":\"STOP\",\"latencyMillis\":3.1}"),
                stream("{\"seq\":7,\"stampNanos\":100,\"kind\":\"STOP\",\"latencyMillis\":9.9}")));
    }

    @Test
    void aDifferingFieldIsNamedWithItsStamp() throws Exception {
        DecisionDiff.Divergence d = DecisionDiff.first(
                stream("{\"stampNanos\":100,\"kind\":\"STOP\"}", "{\"stampNanos\":200,\"kind\":\"STOP\",\"sensors\":{\"cam\":\"OK\"}}"),
                stream("{\"stampNanos\":100,\"kind\":\"STOP\"}", "{\"stampNanos\":200,\"kind\":\"SLOW\",\"sensors\":{\"cam\":\"MISSING\"}}"));
        assertEquals(1, d.index());
        assertEquals(200, d.stampNanos());
        assertEquals(List.of("kind: \"STOP\" -> \"SLOW\"", "sensors.cam: \"OK\" -> \"MISSING\""), d.fields());
    }

    @Test
    void aDecisionOnlyOneSideMadeIsNamedByItsStamp() throws Exception {
        DecisionDiff.Divergence d = DecisionDiff.first(
                stream("{\"stampNanos\":100}", "{\"stampNanos\":200}", "{\"stampNanos\":300}"),
                stream("{\"stampNanos\":100}", "{\"stampNanos\":300}"));
        assertEquals(200, d.stampNanos());
        DecisionDiff.Divergence tail = DecisionDiff.first(stream("{\"stampNanos\":100}"),
                stream("{\"stampNanos\":100}", "{\"stampNanos\":400}"));
        assertEquals(400, tail.stampNanos());
    }
}
