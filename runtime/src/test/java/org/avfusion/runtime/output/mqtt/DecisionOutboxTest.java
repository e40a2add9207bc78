package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.avfusion.runtime.output.mqtt.DecisionOutbox.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionOutboxTest {

    @TempDir
    Path dir;

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(DecisionOutbox outbox) {
        List<String> out = new ArrayList<>();
        for (Entry e; (e = outbox.takeNext(0, 0)) != null; ) {
            out.add(new String(e.payload(), StandardCharsets.UTF_8) + (e.late() ? " late" : ""));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"seq\":1}            | 250 | {\"seq\":1,\"late\":true,\"publishedLateByMillis\":250}",
            "{\"seq\":1}\\n         | 7   | {\"seq\":1,\"late\":true,\"publishedLateByMillis\":7}",
            "{}                     | 3   | {\"late\":true,\"publishedLateByMillis\":3}",
            "{\"a\":{\"b\":2}}      | -5  | {\"a\":{\"b\":2},\"late\":true,\"publishedLateByMillis\":0}",
            "[1,2]                  | 3   | [1,2]",
            "x                      | 3   | x"})
    void marksLateBeforeTheClosingBrace(String payload, long lateBy, String expected) {
        assertEquals(expected, new String(DecisionOutbox.markLate(json(payload.replace("\\n", "\n")), lateBy),
                StandardCharsets.UTF_8));
    }

    @Test
    void evictsTheOldestPastTheCapacity() {
        DecisionOutbox outbox = DecisionOutbox.inMemory(2);
        assertNull(outbox.add(json("a"), 1, false));
        assertNull(outbox.add(json("b"), 2, false));
        Entry evicted = outbox.add(json("c"), 3, false);
        assertEquals("a", new String(evicted.payload(), StandardCharsets.UTF_8));
        assertEquals(List.of("b", "c"), drain(outbox));
    }

    @Test
    void aLostConnectionPutsInFlightBackAheadInOrderAndMarksAllLate() {
        DecisionOutbox outbox = DecisionOutbox.inMemory(10);
        for (String s : List.of("1", "2", "3", "4")) {
            outbox.add(json(s), 0, false);
        }
        outbox.takeNext(0, 0);
        outbox.takeNext(0, 0);
        assertEquals(2, outbox.inFlight());
        outbox.requeueAll();
        assertEquals(0, outbox.inFlight());
        assertEquals(List.of("1 late", "2 late", "3 late", "4 late"), drain(outbox));
    }

    @Test
    void survivesARestartWithTheUnacknowledgedOnlyInOrderAndLate() {
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "car", 10)) {
            for (String s : List.of("1", "2", "3", "4")) {
                outbox.add(json(s), 0, false);
            }
            Entry first = outbox.takeNext(0, 0);
            assertTrue(outbox.remove(first));
            assertFalse(outbox.remove(first));
        }
        try (DecisionOutbox reopened = DecisionOutbox.open(dir, "car", 10)) {
            assertEquals(3, reopened.recovered());
            assertEquals(List.of("2 late", "3 late", "4 late"), drain(reopened));
            assertNull(reopened.add(json("5"), 0, false));
        }
    }

    @Test
    void recoversTheValidPrefixOfATornFileAndKeepsTheLatestWithinCapacity() throws Exception {
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "car", 100)) {
            for (int i = 0; i < 6; i++) {
                outbox.add(json("{\"seq\":" + i + "}"), i, false);
            }
        }
        Path file = dir.resolve("car.outbox");
        Files.write(file, new byte[] {1, 0, 0, 0}, StandardOpenOption.APPEND); // a crash mid-record
        try (DecisionOutbox reopened = DecisionOutbox.open(dir, "car", 4)) {
            assertEquals(4, reopened.recovered());
            assertEquals(2, reopened.evictedOnRecovery());
            assertEquals(List.of("{\"seq\":2} late", "{\"seq\":3} late", "{\"seq\":4} late", "{\"seq\":5} late"),
                    drain(reopened));
        }
    }

    @Test
    void aCorruptRecordEndsRecoveryThere() throws Exception {
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "car", 10)) {
            outbox.add(json("first"), 0, false);
            outbox.add(json("second"), 0, false);
        }
        Path file = dir.resolve("car.outbox");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x40; // inside the second payload
        Files.write(file, bytes);
        try (DecisionOutbox reopened = DecisionOutbox.open(dir, "car", 10)) {
            assertEquals(List.of("first late"), drain(reopened));
        }
    }

    @Test
    void compactionKeepsTheFileSmallAndTheContentsIntact() throws Exception {
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "car", 4)) {
            for (int i = 0; i < 5_000; i++) {
                outbox.add(json("{\"seq\":" + i + "}"), i, false);
                Entry e = outbox.takeNext(0, 0);
                if (i % 2 == 0) {
                    outbox.remove(e);
                }
            }
            assertTrue(Files.size(dir.resolve("car.outbox")) < 100_000, "file grows: "
                    + Files.size(dir.resolve("car.outbox")));
        }
        try (DecisionOutbox reopened = DecisionOutbox.open(dir, "car", 4)) {
            assertEquals(List.of("{\"seq\":4993} late", "{\"seq\":4995} late", "{\"seq\":4997} late",
                    "{\"seq\":4999} late"), drain(reopened));
        }
    }

    @Test
    void aSecondOpenOfTheSameOutboxIsRefusedNamingTheFile() {
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "car", 10)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DecisionOutbox.open(dir, "car", 10));
            assertTrue(e.getMessage().contains("car.outbox") && e.getMessage().contains("another process"),
                    e.getMessage());
        }
    }

    @Test
    void payloadSurvivesByteForByte() {
        byte[] payload = new byte[70_000];
        new java.util.Random(7).nextBytes(payload);
        try (DecisionOutbox outbox = DecisionOutbox.open(dir, "big", 2)) {
            outbox.add(payload, 0, false);
        }
        try (DecisionOutbox reopened = DecisionOutbox.open(dir, "big", 2)) {
            assertArrayEquals(payload, reopened.takeNext(0, 0).payload());
        }
    }
}
