package org.avfusion.runtime.output.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JsonWriter: what it writes parses with Jackson and means what was written. */
class JsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void nestedObjectsArraysAndElementsParse() throws Exception {
        String text = new JsonWriter().begin()
                .field("name", "lidar_top")
                .field("count", 42L)
                .field("ok", true)
                .beginArray("items")
                .beginElement().field("x", 1.25, 2).endElement()
                .beginElement().field("x", -3.5, 1).endElement()
                .endArray()
                .beginArray("names").stringElement("a").stringElement("b").endArray()
                .beginArray("empty").endArray()
                .beginObject("inner").nullField("stamp").beginObject("deeper").field("n", 1L).endObject().endObject()
                .rawField("raw", "\"QUJD\"")
                .field("last", 0L)
                .endString();
        JsonNode n = parse(text);
        assertEquals("lidar_top", n.get("name").asText());
        assertEquals(42, n.get("count").asLong());
        assertTrue(n.get("ok").asBoolean());
        assertEquals(2, n.get("items").size());
        assertEquals(1.25, n.get("items").get(0).get("x").asDouble());
        assertEquals(-3.5, n.get("items").get(1).get("x").asDouble());
        assertEquals(List.of("a", "b"), List.of(n.get("names").get(0).asText(), n.get("names").get(1).asText()));
        assertEquals(0, n.get("empty").size());
        assertTrue(n.get("inner").get("stamp").isNull());
        assertEquals(1, n.get("inner").get("deeper").get("n").asInt());
        assertEquals("QUJD", n.get("raw").asText());
        assertEquals(0, n.get("last").asInt());
    }

    @Test
    void notFiniteNumbersAreWrittenAsNull() throws Exception {
        JsonNode n = parse(new JsonWriter().begin()
                .field("nan", Double.NaN, 3)
                .field("inf", Double.POSITIVE_INFINITY, 2)
                .field("ninf", Double.NEGATIVE_INFINITY, 0)
                .field("fine", 2.0, 1)
                .endString());
        assertTrue(n.get("nan").isNull());
        assertTrue(n.get("inf").isNull());
        assertTrue(n.get("ninf").isNull());
        assertEquals(2.0, n.get("fine").asDouble());
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
                Arguments.of(123456.789, 3, "123456.789"),
                Arguments.of(0.0001, 4, "0.0001"),
                Arguments.of(2.999, 2, "3.00"),
                Arguments.of(0.5, 20, "0.50000000000000000000"),
                Arguments.of(1e20, 3, "100000000000000000000.000"));
    }

    @ParameterizedTest(name = "{0} with {1} decimals -> {2}")
    @MethodSource("roundedNumbers")
    void numbersAreRoundedToTheGivenDecimals(double value, int decimals, String expected) {
        assertEquals("{\"v\":" + expected + "}", new JsonWriter().begin().field("v", value, decimals).endString());
    }

    @Test
    void randomNumbersRoundTripWithinHalfTheLastDecimal() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        JsonWriter w = new JsonWriter();
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 16));
            int decimals = random.nextInt(0, 7);
            JsonNode n = parse(w.begin().field("v", v, decimals).endString());
            double tolerance = 0.5 * Math.pow(10, -decimals) + Math.abs(v) * 1e-15;
            assertEquals(v, n.get("v").asDouble(), tolerance, "value " + v + " with " + decimals + " decimals");
        }
    }

    @Test
    void numbersTooLargeForFixedPointStayCorrect() throws Exception {
        JsonNode n = parse(new JsonWriter().begin().field("big", 1e20, 3).field("huge", -4.2e300, 2).endString());
        assertEquals(1e20, n.get("big").asDouble(), 1e5);
        assertEquals(-4.2e300, n.get("huge").asDouble(), 1e286);
    }

    /** raw string, what it must read back as. */
    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("plain"),
                Arguments.of("quote \" inside"),
                Arguments.of("back\\slash"),
                Arguments.of("new\nline\r\ttab"),
                Arguments.of("control \u0001\u001f bytes"),
                Arguments.of("unicode: caf\u00e9 \u6771\u4eac \ud83d\ude97"),
                Arguments.of("line separators \u2028\u2029"),
                Arguments.of(""),
                Arguments.of("</script>"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("strings")
    void stringsAreEscapedAndReadBackUnchanged(String raw) throws Exception {
        byte[] bytes = new JsonWriter().begin().field("s", raw).beginArray("a").stringElement(raw).endArray().endBytes();
        JsonNode n = JSON.readTree(bytes);
        assertEquals(raw, n.get("s").asText());
        assertEquals(raw, n.get("a").get(0).asText());
        assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8).strip());
    }

    @Test
    void nullStringIsJsonNull() throws Exception {
        assertTrue(parse(new JsonWriter().begin().field("s", (String) null).endString()).get("s").isNull());
    }

    @Test
    void beginStartsAFreshDocumentOnTheReusedBuffer() throws Exception {
        JsonWriter w = new JsonWriter();
        w.begin().field("first", 1L).beginObject("o").field("x", 2L);
        JsonNode n = parse(w.begin().field("second", 2L).endString());
        assertEquals(1, n.size());
        assertEquals(2, n.get("second").asInt());
    }
}
