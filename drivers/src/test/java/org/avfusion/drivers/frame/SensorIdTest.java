package org.avfusion.drivers.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The written-out equals and hashCode keep a record's contract: name and kind. */
class SensorIdTest {
    @Test
    void equalByNameAndKindAndUsableAsAKey() {
        SensorId lidar = new SensorId("lidar_top", SensorKind.LIDAR);
        assertEquals(lidar, new SensorId("lidar_top", SensorKind.LIDAR));
        assertEquals(lidar.hashCode(), new SensorId("lidar_top", SensorKind.LIDAR).hashCode());
        assertNotEquals(lidar, new SensorId("lidar_top", SensorKind.CAMERA));
        assertNotEquals(lidar, new SensorId("lidar_rear", SensorKind.LIDAR));
        assertNotEquals(lidar, "lidar_top");
        assertEquals(7, Map.of(new SensorId("lidar_top", SensorKind.LIDAR), 7).get(lidar));
    }
}
