package org.avfusion.runtime.output.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JsonPayload and NumberText on Jackson: what they write parses and means what was written, numbers and escapes come
 * out as the hand-written JsonWriter wrote them (the exact texts below were its tests).
 */
class JsonPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String one(double value, int decimals) throws IOException {
        JsonPayload p = new JsonPayload();
        p.begin();
        p.fixed("v", value, decimals);
        return p.endString();
    }

    @Test
    void nestedObjectsArraysAndElementsParse() throws Exception {
        JsonPayload p = new JsonPayload();
        JsonGenerator g = p.begin();
        g.writeStringField("name", "lidar_top");
        g.writeNumberField("count", 42L);
        g.writeBooleanField("ok", true);
        g.writeArrayFieldStart("items");
        g.writeStartObject();
        p.fixed("x", 1.25, 2);
        g.writeEndObject();
        g.writeStartObject();
        p.fixed("x", -3.5, 1);
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("names");
        g.writeString("a");
        g.writeString("b");
        g.writeEndArray();
        g.writeArrayFieldStart("empty");
        g.writeEndArray();
        g.writeObjectFieldStart("inner");
        g.writeNullField("stamp");
        g.writeObjectFieldStart("deeper");
        g.writeNumberField("n", 1L);
        g.writeEndObject();
        g.writeEndObject();
        g.writeNumberField("last", 0L);
        String text = p.endString();
        assertEquals("{\"name\":\"lidar_top\",\"count\":42,\"ok\":true,\"items\":[{\"x\":1.25},{\"x\":-3.5}],"
                + "\"names\":[\"a\",\"b\"],\"empty\":[],\"inner\":{\"stamp\":null,\"deeper\":{\"n\":1}},\"last\":0}", text);
        JsonNode n = parse(text);
        assertEquals(List.of("a", "b"), List.of(n.get("names").get(0).asText(), n.get("names").get(1).asText()));
    }

    @Test
    void notFiniteNumbersAreWrittenAsNull() throws Exception {
        JsonPayload p = new JsonPayload();
        p.begin();
        p.fixed("nan", Double.NaN, 3).fixed("inf", Double.POSITIVE_INFINITY, 2)
                .fixed("ninf", Double.NEGATIVE_INFINITY, 0).fixed("fine", 2.0, 1);
        assertEquals("{\"nan\":null,\"inf\":null,\"ninf\":null,\"fine\":2.0}", p.endString());
    }

    /** value, decimals, the exact text expected. */
    static Stream<Arguments> roundedNumbers() {
        return Stream.of(
                Arguments.of(1.005, 3, "1.005"),
                Arguments.of(0.1, 2, "0.10"),
                Arguments.of(-0.004, 2, "0.00"),
                Arguments.of(-0.006, 2, "-0.01"),
                Arguments.of(-12.5, 1, "-12.5"),
                Arguments.of(7.0, 0, "7"),
                Arguments.of(-7.5, 0, "-7"),
                Arguments.of(123456.789, 3, "123456.789"),
                Arguments.of(0.0001, 4, "0.0001"),
                Arguments.of(2.999, 2, "3.00"),
                Arguments.of(1234567.0625, 3, "1234567.063"),
                Arguments.of(0.5, 20, "0.50000000000000000000"),
                Arguments.of(1e20, 3, "100000000000000000000.000"));
    }

    @ParameterizedTest(name = "{0} with {1} decimals -> {2}")
    @MethodSource("roundedNumbers")
    void numbersAreRoundedToTheGivenDecimals(double value, int decimals, String expected) throws Exception {
        assertEquals("{\"v\":" + expected + "}", one(value, decimals));
    }

    /** Random values of every magnitude read back within half their last decimal. */
    @Test
    void randomNumbersRoundTripWithinHalfTheLastDecimal() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        JsonPayload p = new JsonPayload();
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 16));
            int decimals = random.nextInt(0, 7);
            p.begin();
            p.fixed("v", v, decimals);
            JsonNode n = parse(p.endString());
            double tolerance = 0.5 * Math.pow(10, -decimals) + Math.abs(v) * 1e-15;
            assertEquals(v, n.get("v").asDouble(), tolerance, "value " + v + " with " + decimals + " decimals");
        }
    }

    @Test
    void numbersTooLargeForFixedPointStayCorrect() throws Exception {
        JsonPayload p = new JsonPayload();
        p.begin();
        p.fixed("big", 1e20, 3).fixed("huge", -4.2e300, 2);
        JsonNode n = parse(p.endString());
        assertEquals(1e20, n.get("big").asDouble(), 1e5);
        assertEquals(-4.2e300, n.get("huge").asDouble(), 1e286);
    }

    /** raw string, the exact JSON text JsonWriter produced for it. */
    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("plain", "\"plain\""),
                Arguments.of("quote \" inside", "\"quote \\\" inside\""),
                Arguments.of("back\\slash", "\"back\\\\slash\""),
                Arguments.of("new\nline\r\ttab", "\"new\\nline\\r\\ttab\""),
                Arguments.of("control \u0001\u001f\b\f bytes", "\"control \\u0001\\u001f\\u0008\\u000c bytes\""),
                Arguments.of("unicode: caf\u00e9 \u6771\u4eac \ud83d\ude97", "\"unicode: caf\u00e9 \u6771\u4eac \ud83d\ude97\""),
                Arguments.of("line separators \u2028\u2029", "\"line separators \u2028\u2029\""),
                Arguments.of("", "\"\""),
                Arguments.of("</script>", "\"</script>\""));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("strings")
    void stringsAreEscapedAsBeforeAndReadBackUnchanged(String raw, String json) throws Exception {
        JsonPayload p = new JsonPayload();
        JsonGenerator g = p.begin();
        g.writeStringField("s", raw);
        g.writeArrayFieldStart("a");
        g.writeString(raw);
        g.writeEndArray();
        byte[] bytes = p.endBytes();
        assertEquals("{\"s\":" + json + ",\"a\":[" + json + "]}", new String(bytes, StandardCharsets.UTF_8));
        JsonNode n = JSON.readTree(bytes);
        assertEquals(raw, n.get("s").asText());
        assertEquals(raw, n.get("a").get(0).asText());
    }

    @Test
    void nullStringIsJsonNull() throws Exception {
        JsonPayload p = new JsonPayload();
        p.begin().writeStringField("s", null);
        assertTrue(parse(p.endString()).get("s").isNull());
    }

    @Test
    void beginStartsAFreshDocumentOnTheReusedBufferEvenAfterAnUnfinishedOne() throws Exception {
        JsonPayload p = new JsonPayload();
        JsonGenerator g = p.begin();
        g.writeNumberField("first", 1L);
        g.writeObjectFieldStart("o");
        g.writeNumberField("x", 2L);
        p.begin().writeNumberField("second", 2L);
        assertEquals("{\"second\":2}", p.endString());
        p.begin().writeNumberField("third", 3L);
        assertEquals("{\"third\":3}", p.endString());
    }

    /** value, what StringBuilder.append(float) prints. */
    @Test
    void javaFloatsPrintAsStringBuilderDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        java.io.StringWriter out = new java.io.StringWriter();
        StringBuilder expected = new StringBuilder();
        try (JsonLines lines = JsonLines.to(new java.io.PrintWriter(out))) {
            com.fasterxml.jackson.core.SerializableString f = JsonFormat.name("f");
            com.fasterxml.jackson.core.SerializableString d = JsonFormat.name("d");
            for (int i = 0; i < 2_000; i++) {
                float fv = i < 8 ? new float[] {Float.NaN, 0f, -0f, Float.MIN_VALUE, 9_999_999f, 1e7f, -255f, 1f}[i]
                        : i % 3 == 0 ? (float) random.nextInt(-10_000_000, 10_000_001) // whole numbers: own path
                        : Float.intBitsToFloat(random.nextInt());
                double dv = i < 4 ? new double[] {Double.NaN, 1e23, -0.0, 2e-3}[i]
                        : Double.longBitsToDouble(random.nextLong());
                lines.generator().writeStartObject();
                lines.javaFloat(f, fv);
                lines.javaDouble(d, dv);
                lines.generator().writeEndObject();
                lines.endLine();
                expected.append("{\"f\":").append(fv).append(",\"d\":").append(dv).append('}')
                        .append(System.lineSeparator());
            }
        }
        assertEquals(expected.toString(), out.toString());
    }
}
