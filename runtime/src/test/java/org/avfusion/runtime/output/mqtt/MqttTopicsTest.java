package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttTopicsTest {

    @ParameterizedTest(name = "{0} -> {1}, qos {2}, retained {3}")
    @CsvSource({
        "DECISION,  avfusion/car-7/decision,  1, false",
        "OCCUPANCY, avfusion/car-7/occupancy, 0, false",
        "OBJECTS,   avfusion/car-7/objects,   0, false",
        "HEALTH,    avfusion/car-7/health,    1, true",
    })
    void topicNamesAndDeliveryContract(OutputTopic topic, String name, int qos, boolean retained) {
        assertEquals(name, MqttTopics.of("car-7", topic));
        assertEquals(qos, topic.qos());
        assertEquals(retained, topic.retained());
    }

    @Test
    void namedHelpersAgreeWithTheTable() {
        assertEquals("avfusion/car-7/decision", MqttTopics.decision("car-7"));
        assertEquals("avfusion/car-7/occupancy", MqttTopics.occupancy("car-7"));
        assertEquals("avfusion/car-7/objects", MqttTopics.objects("car-7"));
        assertEquals("avfusion/car-7/health", MqttTopics.health("car-7"));
        assertEquals("avfusion/car-7/+", MqttTopics.allOf("car-7"));
    }

    @Test
    void willAndShutdownPayloadsAreTheDocumentedJson() {
        assertArrayEquals("{\"vehicleId\":\"car-7\",\"state\":\"offline\",\"reason\":\"connection lost\"}"
                .getBytes(StandardCharsets.UTF_8), MqttOutput.willPayload("car-7"));
        assertArrayEquals("{\"vehicleId\":\"car-7\",\"state\":\"offline\",\"reason\":\"shutdown\"}"
                .getBytes(StandardCharsets.UTF_8), MqttOutput.shutdownPayload("car-7"));
    }
}
