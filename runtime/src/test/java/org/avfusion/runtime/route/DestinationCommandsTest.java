package org.avfusion.runtime.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.map.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationCommandsTest {

    @Test
    void aWellFormedCommandIsAccepted() {
        DestinationCommands commands = new DestinationCommands(CommandAuthenticator.ACCEPT_ALL);
        DestinationCommands.Outcome o = commands.offer("ops", bytes("{\"lat\": 43.7307, \"lon\": 7.4213}"));
        assertEquals(DestinationCommands.Kind.ACCEPTED, o.kind());
        assertEquals(new GeoPoint(43.7307, 7.4213), o.destination());
        assertEquals("avfusion/sim01/command/destination", DestinationCommands.topic("sim01"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                              | empty message",
        "not json                        | not JSON",
        "[43.7, 7.4]                     | not a JSON object",
        "{\"lon\": 7.4}                  | field lat is missing",
        "{\"lat\": \"43.7\", \"lon\": 7.4} | field lat is not a number",
        "{\"lat\": 43.7}                 | field lon is missing",
        "{\"lat\": 95.0, \"lon\": 7.4}   | latitudeDeg must be in [-90, 90], was 95.0",
        "{\"lat\": 43.7, \"lon\": 190}   | longitudeDeg must be in [-180, 180], was 190.0",
    })
    void malformedCommandsAreCountedWithTheirReason(String payload, String reason) {
        DestinationCommands commands = new DestinationCommands(CommandAuthenticator.ACCEPT_ALL);
        DestinationCommands.Outcome o = commands.offer("ops", bytes(payload));
        assertEquals(DestinationCommands.Kind.MALFORMED, o.kind());
        assertTrue(o.reason().contains(reason), o.reason());
        assertEquals(1, commands.stats().malformed());
        assertEquals(0, commands.stats().accepted());
    }

    @Test
    void anUnauthenticatedClientIsRefusedBeforeThePayloadIsRead() {
        DestinationCommands commands = new DestinationCommands((client, payload) -> client.equals("fleet-ops"));
        DestinationCommands.Outcome o = commands.offer("stranger", bytes("{\"lat\": 43.7, \"lon\": 7.4}"));
        assertEquals(DestinationCommands.Kind.UNAUTHENTICATED, o.kind());
        assertEquals(1, commands.stats().unauthenticated());
        assertEquals(DestinationCommands.Kind.ACCEPTED,
                commands.offer("fleet-ops", bytes("{\"lat\": 43.7, \"lon\": 7.4}")).kind());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
