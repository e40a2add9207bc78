package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

    private static final String URI = "tcp://127.0.0.1:1883";

    private static MqttSettings settings(String uri, String vehicleId, long minMillis, long maxMillis) {
        return new MqttSettings(uri, vehicleId, "avfusion-test", 5_000, minMillis, maxMillis, 64, 10);
    }

    /** Bad value, then the words the message must contain (the field and the value). */
    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("http scheme", (Supplier<MqttSettings>) () -> settings("http://127.0.0.1:1883", "car",
                        500, 10_000), new String[] {"brokerUri", "http://127.0.0.1:1883"}),
                Arguments.of("no port", (Supplier<MqttSettings>) () -> settings("tcp://127.0.0.1", "car", 500,
                        10_000), new String[] {"brokerUri", "tcp://127.0.0.1"}),
                Arguments.of("not a uri", (Supplier<MqttSettings>) () -> settings("tcp://bad host:1", "car", 500,
                        10_000), new String[] {"brokerUri", "tcp://bad host:1"}),
                Arguments.of("missing uri", (Supplier<MqttSettings>) () -> settings(null, "car", 500, 10_000),
                        new String[] {"brokerUri"}),
                Arguments.of("upper case vehicle", (Supplier<MqttSettings>) () -> settings(URI, "Car7", 500,
                        10_000), new String[] {"vehicleId", "Car7"}),
                Arguments.of("slash in vehicle", (Supplier<MqttSettings>) () -> settings(URI, "car/1", 500,
                        10_000), new String[] {"vehicleId", "car/1"}),
                Arguments.of("wildcard vehicle", (Supplier<MqttSettings>) () -> settings(URI, "#", 500, 10_000),
                        new String[] {"vehicleId", "#"}),
                Arguments.of("empty vehicle", (Supplier<MqttSettings>) () -> settings(URI, "", 500, 10_000),
                        new String[] {"vehicleId"}),
                Arguments.of("zero min delay", (Supplier<MqttSettings>) () -> settings(URI, "car", 0, 10_000),
                        new String[] {"reconnectMinDelayMillis", "0"}),
                Arguments.of("negative max delay", (Supplier<MqttSettings>) () -> settings(URI, "car", 500, -1),
                        new String[] {"reconnectMaxDelayMillis", "-1"}),
                Arguments.of("min above max", (Supplier<MqttSettings>) () -> settings(URI, "car", 20_000, 10_000),
                        new String[] {"reconnectMinDelayMillis", "20000", "10000"}),
                Arguments.of("zero connect timeout", (Supplier<MqttSettings>) () -> new MqttSettings(URI, "car",
                        "id", 0, 500, 10_000, 64, 10), new String[] {"connectTimeoutMillis", "0"}),
                Arguments.of("zero inflight", (Supplier<MqttSettings>) () -> new MqttSettings(URI, "car", "id",
                        5_000, 500, 10_000, 0, 10), new String[] {"maxInflight", "0"}),
                Arguments.of("zero keep-alive", (Supplier<MqttSettings>) () -> new MqttSettings(URI, "car", "id",
                        5_000, 500, 10_000, 64, 0), new String[] {"keepAliveSeconds", "0"}),
                Arguments.of("blank client id", (Supplier<MqttSettings>) () -> new MqttSettings(URI, "car", " ",
                        5_000, 500, 10_000, 64, 10), new String[] {"clientId"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithAMessageNamingFieldAndValue(String name, Supplier<MqttSettings> make, String[] mustName) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, make::get);
        for (String word : mustName) {
            assertTrue(error.getMessage().contains(word), () -> "'" + error.getMessage() + "' lacks " + word);
        }
    }

    @Test
    void acceptsTcpAndSslWithEqualMinAndMaxDelay() {
        assertEquals("ssl://broker.local:8883", settings("ssl://broker.local:8883", "car_7-b", 500, 500)
                .brokerUri());
        assertEquals(URI, settings(URI, "car", 1, 1).brokerUri());
    }

    @Test
    void defaultsBackOffFromHalfASecondToTenSeconds() {
        MqttSettings defaults = MqttSettings.defaults(URI, "car-1");
        assertEquals(500, defaults.reconnectMinDelayMillis());
        assertEquals(10_000, defaults.reconnectMaxDelayMillis());
        assertEquals("avfusion-car-1", defaults.clientId());
        assertEquals("pub-2", defaults.withClientId("pub-2").clientId());
        assertEquals("tcp://10.0.0.1:1883", defaults.withBrokerUri("tcp://10.0.0.1:1883").brokerUri());
    }
}
