package org.avfusion.runtime.output.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.occupancy.GridFixtures;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.api.Test;

/**
 * The MQTT payloads byte for byte, as the hand-written writer produced them before the move to Jackson (texts
 * captured from that writer): number rounding, nulls for NaN, escapes of odd characters, key order.
 */
class PayloadGoldenTest {
    private static final List<String> SENSORS = List.of("lidar_top", "camera \"front\"", "gnss", "imu");
    private final PayloadEncoder encoder = new PayloadEncoder("car\"7\\\u0001\b\f\t\u00e9", SENSORS,
            "off (no --model given)");

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String decision(PayloadEncoder encoder) {
        Decision d = new Decision(DecisionKind.SLOW, DecisionReason.OBSTACLE_AHEAD, 1_234_567_890L, 12.345, -0.004,
                Double.NaN, 1e20, -0.00125);
        return text(encoder.decision(d, new AlignedSet(SENSORS.size()), 1_300_000_000L, 65.4321, 0.0005));
    }

    static String objects(PayloadEncoder encoder) {
        OccupancyGrid grid = GridFixtures.emptyGrid();
        GridFixtures.occupyRect(grid, 5.0, 6.2, -0.7, 0.4);
        GridFixtures.occupy(grid, 12.3, 3.3);
        ObstacleList obstacles = new ObstacleList(8);
        new ObstacleExtractor().extract(grid, obstacles);
        DetectionList camera = new DetectionList(4);
        camera.add(712.5f, 143f, 810.75f, 308f, 0.82f, 0);
        camera.add(-0.04f, 1.05f, 99.95f, 2.25f, 0.4445f, 2);
        return text(encoder.objects(77L, obstacles, camera));
    }

    static String occupancy(PayloadEncoder encoder) {
        OccupancyGrid grid = GridFixtures.emptyGrid();
        GridFixtures.occupyRect(grid, 5.0, 6.2, -0.7, 0.4);
        grid.stampNanos(99L);
        String all = text(encoder.occupancy(grid));
        int cells = all.indexOf("\"cells\":\"");
        // the cells are long: pinned by their hash, the rest as text
        return all.substring(0, cells) + "#" + Integer.toHexString(all.substring(cells).hashCode());
    }

    @Test
    void decisionIsByteForByteAsBefore() {
        assertEquals(DECISION, decision(encoder));
    }

    @Test
    void objectsAreByteForByteAsBefore() {
        assertEquals(OBJECTS, objects(encoder));
    }

    @Test
    void occupancyIsByteForByteAsBefore() {
        assertEquals(OCCUPANCY, occupancy(encoder));
    }

    /**
     * Captured before the change; one fix: the key {@code camera "front"} was not escaped (invalid JSON); one field
     * added since: {@code egoQuality} (issue #10).
     */
    static final String DECISION = "{\"vehicleId\":\"car\\\"7\\\\\\u0001\\u0008\\u000c\\t\u00e9\",\"kind\":\"SLOW\",\"reason\":\"OBSTACL"
            + "E_AHEAD\",\"referenceStampNanos\":1234567890,\"referenceSequence\":-1,\"obstacleDistanceMeters\":12."
            + "35,\"stoppingDistanceMeters\":0.00,\"speedMetersPerSecond\":null,\"targetSpeedMetersPerSecond\":1000"
            + "00000000000000000.00,\"curvaturePerMeter\":-0.0013,"
            + "\"decelerationMetersPerSec2\":0.00,\"trackId\":0,\"trackClass\":\"none\",\"detail\":\"OBSTACLE_AHEAD 12.3 m\","
            + "\"modalities\":[\"LIDAR\"],\"partial\":false,\"egoQuality\":\"FILTER_OFF\",\"missing\":[\"lidar_top\",\"ca"
            + "mera \\\"front\\\"\",\"gnss\",\"imu\"],\"inputs\":{\"lidar_top\":{\"status\":\"MISSING\",\"stampNano"
            + "s\":null},\"camera \\\"front\\\"\":{\"status\":\"MISSING\",\"stampNanos\":null},\"gnss\":{\"status\""
            + ":\"MISSING\",\"stampNanos\":null},\"imu\":{\"status\":\"MISSING\",\"stampNanos\":null}},\"cameraDete"
            + "ction\":\"off (no --model given)\",\"referenceCompleteNanos\":0,\"decidedAtNanos\":1300000000,\"late"
            + "ncyMillis\":65.432,\"referenceAgeMillis\":65.432,\"pipelineMillis\":0.001}";
    static final String OBJECTS = "{\"vehicleId\":\"car\\\"7\\\\\\u0001\\u0008\\u000c\\t\u00e9\",\"referenceStampNanos\":77,\"frame\":\""
            + "base_link\",\"source\":\"lidar-occupancy\",\"objects\":[{\"xMeters\":5.63,\"yMeters\":-0.13,\"length"
            + "Meters\":1.25,\"widthMeters\":1.25,\"rangeMeters\":5.63,\"cells\":25},{\"xMeters\":12.38,\"yMeters\""
            + ":3.38,\"lengthMeters\":0.25,\"widthMeters\":0.25,\"rangeMeters\":12.83,\"cells\":1}],\"camera\":[{\""
            + "class\":\"pedestrian\",\"label\":\"person\",\"score\":0.820,\"x1Pixels\":712.5,\"y1Pixels\":143.0,\""
            + "x2Pixels\":810.8,\"y2Pixels\":308.0},{\"class\":\"vehicle\",\"label\":\"car\",\"score\":0.444,\"x1Pi"
            + "xels\":0.0,\"y1Pixels\":1.0,\"x2Pixels\":99.9,\"y2Pixels\":2.3}],\"tracks\":[]}";
    static final String OCCUPANCY = "{\"vehicleId\":\"car\\\"7\\\\\\u0001\\u0008\\u000c\\t\u00e9\",\"referenceStampNanos\":99,\"frame\":\""
            + "base_link\",\"cellSizeMeters\":0.250,\"cols\":320,\"rows\":240,\"minXMeters\":-20.000,\"minYMeters\""
            + ":-30.000,\"occupiedLogOdds\":0.80,\"encoding\":\"int8-logodds-x10-rowmajor-base64\",#640f4634";

}
