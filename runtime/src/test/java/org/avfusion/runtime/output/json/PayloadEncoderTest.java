package org.avfusion.runtime.output.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.occupancy.OccupancyConfig;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionReason;
import org.junit.jupiter.api.Test;

/** PayloadEncoder: each MQTT payload parses with Jackson and carries its documented fields. */
class PayloadEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SENSORS = List.of("lidar_top", "camera_front", "gnss", "imu");
    /** A 4 m x 3 m grid of 1 m cells: 5 columns (x from -1 to 4), 3 rows (y from -1.5 to 1.5). */
    private static final OccupancyConfig SMALL_GRID = new OccupancyConfig(1.0, 4.0, 1.0, 1.5, 1.2, -0.6, -2.0, 3.5, 0.8,
            4.0, 8);

    private final PayloadEncoder encoder = new PayloadEncoder("car7", SENSORS, "off (test)");

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void decisionCarriesTheEgoEstimateItUsed() throws Exception {
        Decision d = new Decision(DecisionKind.PROCEED, DecisionReason.PATH_CLEAR, 2_000_000_000L, Double.NaN, 20.0,
                10.0, 10.0, 0.0).withEgoQuality(org.avfusion.runtime.ego.EgoQuality.DEAD_RECKONED);
        AlignedSet set = new AlignedSet(SENSORS.size());
        set.egoEstimate(new org.avfusion.runtime.ego.EgoEstimate(1_990_000_000L, 1, 2, 37.5, -122.25, 90.0, 10.0,
                0.125, 0, 0, 1, 0.1, 0.1, 0.01, 0.01, 0.001, org.avfusion.runtime.ego.EgoQuality.DEAD_RECKONED, 1.5,
                java.util.Map.of(org.avfusion.runtime.ego.EgoSource.IMU, 0.01)));
        JsonNode n = JSON.readTree(encoder.decision(d, set, 2_050_000_000L, 50, 1));
        assertEquals("DEAD_RECKONED", n.get("egoQuality").asText());
        JsonNode ego = n.get("ego");
        assertEquals(1_990_000_000L, ego.get("stampNanos").asLong());
        assertEquals(90.0, ego.get("headingDeg").asDouble(), 1e-9);
        assertEquals(37.5, ego.get("latitudeDeg").asDouble(), 1e-9);
        assertEquals(1.5, ego.get("gnssFixAgeSeconds").asDouble(), 1e-9);
        assertEquals("[\"IMU\"]", ego.get("sources").toString());
        assertEquals(10.0, set.speedMetersPerSecond(), 1e-9, "the estimate's speed replaces the set's");
        assertEquals(0.125, set.yawRateRadPerSec(), 1e-9);
    }

    @Test
    void decisionCarriesItsFieldsAndNullsForUnknownValues() throws Exception {
        Decision d = new Decision(DecisionKind.STOP, DecisionReason.LIDAR_MISSING, 1_234_567_890L, Double.NaN, 12.345,
                Double.NaN, 0.0, 0.0125);
        AlignedSet nothingArrived = new AlignedSet(SENSORS.size());
        JsonNode n = JSON.readTree(encoder.decision(d, nothingArrived, 1_300_000_000L, 65.4321, 0.25));
        assertEquals(new TreeSet<>(List.of("vehicleId", "kind", "reason", "referenceStampNanos", "referenceSequence",
                "obstacleDistanceMeters", "stoppingDistanceMeters", "speedMetersPerSecond", "targetSpeedMetersPerSecond",
                "curvaturePerMeter", "partial", "missing", "inputs", "cameraDetection", "referenceCompleteNanos",
                "decidedAtNanos", "latencyMillis", "referenceAgeMillis", "pipelineMillis", "egoQuality",
                "decelerationMetersPerSec2", "trackId", "trackClass", "detail", "modalities")), fieldNames(n));
        assertEquals("FILTER_OFF", n.get("egoQuality").asText(), "no ego-motion filter: no quality");
        assertEquals(0, n.get("trackId").asLong(), "a decision on no track");
        assertEquals("none", n.get("trackClass").asText());
        assertEquals("LIDAR_MISSING", n.get("detail").asText());
        assertEquals(65.432, n.get("referenceAgeMillis").asDouble(), 1e-9, "decided 65.432 ms after the reference stamp");
        assertEquals("car7", n.get("vehicleId").asText());
        assertEquals("STOP", n.get("kind").asText());
        assertEquals("LIDAR_MISSING", n.get("reason").asText());
        assertEquals(1_234_567_890L, n.get("referenceStampNanos").asLong());
        assertEquals(-1, n.get("referenceSequence").asLong());
        assertTrue(n.get("obstacleDistanceMeters").isNull(), "NaN is written as null");
        assertTrue(n.get("speedMetersPerSecond").isNull());
        assertEquals(12.35, n.get("stoppingDistanceMeters").asDouble(), 1e-9);
        assertEquals(0.0125, n.get("curvaturePerMeter").asDouble(), 1e-9);
        assertEquals(nothingArrived.isPartial(), n.get("partial").asBoolean());
        List<String> missing = new ArrayList<>();
        n.get("missing").forEach(m -> missing.add(m.asText()));
        assertEquals(SENSORS, missing);
        assertEquals(new TreeSet<>(SENSORS), fieldNames(n.get("inputs")));
        for (String s : SENSORS) {
            assertEquals("MISSING", n.get("inputs").get(s).get("status").asText());
            assertTrue(n.get("inputs").get(s).get("stampNanos").isNull());
        }
        assertEquals("off (test)", n.get("cameraDetection").asText());
        assertEquals(1_300_000_000L, n.get("decidedAtNanos").asLong());
        assertEquals(65.432, n.get("latencyMillis").asDouble(), 1e-9);
        assertEquals(0.25, n.get("pipelineMillis").asDouble(), 1e-9);
    }

    @Test
    void tracksCarryIdClassStateSizeCovarianceAndModalities() throws Exception {
        org.avfusion.runtime.track.TrackSnapshot tracks = new org.avfusion.runtime.track.TrackSnapshot(4);
        tracks.add(7, org.avfusion.runtime.fusion.ObjectClass.VEHICLE, 24.9, -0.2, 12.0, 0.1, 4.5, 1.8,
                org.avfusion.runtime.fusion.Modality.CAMERA.bit(), 5);
        JsonNode t = JSON.readTree(encoder.objects(77L, new ObstacleList(8), new DetectionList(4), tracks))
                .get("tracks").get(0);
        assertEquals(7, t.get("id").asLong());
        assertEquals("vehicle", t.get("class").asText());
        assertEquals(24.9, t.get("xMeters").asDouble(), 1e-9);
        assertEquals(12.0, t.get("vxMetersPerSecond").asDouble(), 1e-9);
        assertEquals(4.5, t.get("lengthMeters").asDouble(), 1e-9);
        assertEquals(new TreeSet<>(List.of("xx", "xy", "xvx", "xvy", "yy", "yvx", "yvy", "vxvx", "vxvy", "vyvy")),
                fieldNames(t.get("covariance")));
        List<String> modalities = new ArrayList<>();
        t.get("modalities").forEach(m -> modalities.add(m.asText()));
        assertEquals(List.of("LIDAR", "CAMERA"), modalities, "lidar support (5 lidar hits) and the camera");
    }

    @Test
    void objectsOfAnEmptyGridIsAnEmptyList() throws Exception {
        OccupancyGrid grid = new OccupancyGrid(SMALL_GRID);
        ObstacleList obstacles = new ObstacleList(8);
        new ObstacleExtractor().extract(grid, obstacles);
        JsonNode n = JSON.readTree(encoder.objects(77L, obstacles, new DetectionList(4)));
        assertEquals(new TreeSet<>(List.of("vehicleId", "referenceStampNanos", "frame", "source", "objects", "camera",
                "tracks")), fieldNames(n));
        assertEquals(0, n.get("camera").size());
        assertEquals(0, n.get("tracks").size());
        assertEquals(77L, n.get("referenceStampNanos").asLong());
        assertEquals("base_link", n.get("frame").asText());
        assertTrue(n.get("objects").isArray());
        assertEquals(0, n.get("objects").size());
    }

    @Test
    void cameraDetectionsAreListedWithTheirDrivingClassAndBox() throws Exception {
        DetectionList camera = new DetectionList(4);
        camera.add(712.5f, 143f, 810.75f, 308f, 0.82f, 0); // COCO 0 = person
        JsonNode n = JSON.readTree(encoder.objects(5L, new ObstacleList(1), camera));
        JsonNode d = n.get("camera").get(0);
        assertEquals("pedestrian", d.get("class").asText());
        assertEquals("person", d.get("label").asText());
        assertEquals(0.82, d.get("score").asDouble(), 1e-3);
        assertEquals(712.5, d.get("x1Pixels").asDouble(), 1e-9);
        assertEquals(308.0, d.get("y2Pixels").asDouble(), 1e-9);
    }

    @Test
    void occupancyCellsDecodeToColsTimesRowsBytes() throws Exception {
        OccupancyGrid grid = new OccupancyGrid(SMALL_GRID);
        grid.stampNanos(99L);
        JsonNode n = JSON.readTree(encoder.occupancy(grid));
        assertEquals(new TreeSet<>(List.of("vehicleId", "referenceStampNanos", "frame", "cellSizeMeters", "cols", "rows",
                "minXMeters", "minYMeters", "occupiedLogOdds", "encoding", "cells")), fieldNames(n));
        assertEquals(5, n.get("cols").asInt());
        assertEquals(3, n.get("rows").asInt());
        assertEquals(-1.0, n.get("minXMeters").asDouble());
        assertEquals(-1.5, n.get("minYMeters").asDouble());
        assertEquals(99L, n.get("referenceStampNanos").asLong());
        assertEquals(PayloadEncoder.OCCUPANCY_ENCODING, n.get("encoding").asText());
        byte[] cells = Base64.getDecoder().decode(n.get("cells").asText());
        assertEquals(grid.cols() * grid.rows(), cells.length);
        for (byte b : cells) {
            assertEquals(0, b, "an unknown cell is log-odds 0");
        }
    }

    @Test
    void occupancyOfEveryGridSizeDecodesToItsCellCount() throws Exception {
        // 1..3 bytes of base64 padding and a buffer reused across sizes
        for (double lateral : new double[] {0.5, 1.0, 1.5, 2.0, 2.5}) {
            OccupancyConfig c = new OccupancyConfig(0.5, 2.0, 0.5, lateral, 1.2, -0.6, -2.0, 3.5, 0.8, 2.0, 4);
            OccupancyGrid grid = new OccupancyGrid(c);
            JsonNode n = JSON.readTree(encoder.occupancy(grid));
            assertEquals(grid.cols() * grid.rows(), Base64.getDecoder().decode(n.get("cells").asText()).length,
                    "lateral " + lateral);
        }
    }

    @Test
    void healthStartsWithTheCommonFieldsAndTakesMore() throws Exception {
        JsonPayload w = encoder.beginHealth(5_000L);
        w.generator().writeObjectFieldStart("extra");
        w.generator().writeNumberField("n", 3L);
        w.generator().writeEndObject();
        JsonNode n = JSON.readTree(w.endBytes());
        assertEquals("car7", n.get("vehicleId").asText());
        assertEquals("online", n.get("state").asText());
        assertEquals(5_000L, n.get("vehicleNanos").asLong());
        assertEquals("off (test)", n.get("cameraDetection").asText());
        assertEquals(3, n.get("extra").get("n").asInt());
    }
}
