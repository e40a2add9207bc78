package org.avfusion.runtime.output.json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.align.SensorStatus;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.perceive.detect.CocoClasses;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.track.TrackSnapshot;

/**
 * Encodes the MQTT payloads. Field names carry their units. Formats, with examples, are in {@code docs/MQTT.md}.
 * Not thread-safe: the publish stage owns one.
 */
public final class PayloadEncoder {
    /** Occupancy cells are sent as one signed byte each: log-odds x 10, clamped to [-127, 127], row-major. */
    public static final String OCCUPANCY_ENCODING = "int8-logodds-x10-rowmajor-base64";

    /** Keys of the upper triangle of a track's covariance over (x, y, vx, vy). */
    private static final String[][] COVARIANCE_KEYS = {
        {"xx", "xy", "xvx", "xvy"}, {null, "yy", "yvx", "yvy"}, {null, null, "vxvx", "vxvy"}, {null, null, null, "vyvy"}};

    private final String vehicleId;
    private final String[] sensorNames;
    private final String cameraDetection;
    private final JsonWriter json = new JsonWriter();
    private byte[] cellBytes = new byte[0];
    private byte[] base64 = new byte[0];

    /**
     * @param cameraDetection what the decision says about camera detection, e.g. {@code off (no --model given)}
     */
    public PayloadEncoder(String vehicleId, List<String> sensorNames, String cameraDetection) {
        this.vehicleId = vehicleId;
        this.sensorNames = sensorNames.toArray(new String[0]);
        this.cameraDetection = cameraDetection;
    }

    public byte[] decision(Decision d, AlignedSet set, long decidedAtNanos, double latencyMillis,
            double pipelineMillis) {
        JsonWriter w = json.begin()
                .field("vehicleId", vehicleId)
                .field("kind", d.kind().name())
                .field("reason", d.reason().name())
                .field("referenceStampNanos", d.referenceStampNanos())
                .field("referenceSequence", set.referenceSequence())
                .field("obstacleDistanceMeters", d.obstacleDistanceMeters(), 2)
                .field("stoppingDistanceMeters", d.stoppingDistanceMeters(), 2)
                .field("speedMetersPerSecond", d.speedMetersPerSecond(), 2)
                .field("targetSpeedMetersPerSecond", d.targetSpeedMetersPerSecond(), 2)
                .field("curvaturePerMeter", d.curvaturePerMeter(), 4)
                .field("decelerationMetersPerSec2", d.decelerationMetersPerSec2(), 2)
                .field("trackId", d.trackId())
                .field("trackClass", d.trackClass() == null ? "none" : d.trackClass().label())
                .field("detail", d.describe());
        w.beginArray("modalities");
        for (Modality m : Modality.values()) {
            if ((d.modalityMask() & m.bit()) != 0) {
                w.stringElement(m.name());
            }
        }
        w.endArray();
        w.field("partial", set.isPartial());
        w.beginArray("missing");
        for (int i = 0; i < sensorNames.length; i++) {
            if (set.status(i) != SensorStatus.OK) {
                w.stringElement(sensorNames[i]);
            }
        }
        w.endArray();
        w.beginObject("inputs");
        for (int i = 0; i < sensorNames.length; i++) {
            w.beginObject(sensorNames[i]).field("status", set.status(i).name());
            long s = set.stampNanos(i);
            if (s == Long.MIN_VALUE) {
                w.nullField("stampNanos");
            } else {
                w.field("stampNanos", s);
            }
            w.endObject();
        }
        w.endObject();
        return w.field("cameraDetection", cameraDetection)
                .field("referenceCompleteNanos", set.completeStampNanos())
                .field("decidedAtNanos", decidedAtNanos)
                .field("latencyMillis", latencyMillis, 3)
                .field("referenceAgeMillis", (decidedAtNanos - d.referenceStampNanos()) / 1e6, 3)
                .field("pipelineMillis", pipelineMillis, 3)
                .endBytes();
    }

    /**
     * @param camera detections of the set's camera image (pixels), listed under {@code camera}; empty when detection
     *               is off
     */
    public byte[] objects(long referenceStampNanos, ObstacleList obstacles, DetectionList camera) {
        return objects(referenceStampNanos, obstacles, camera, null);
    }

    /**
     * @param tracks confirmed tracks (base_link), listed under {@code tracks}; null or empty when tracking did not run
     */
    public byte[] objects(long referenceStampNanos, ObstacleList obstacles, DetectionList camera,
            TrackSnapshot tracks) {
        JsonWriter w = json.begin()
                .field("vehicleId", vehicleId)
                .field("referenceStampNanos", referenceStampNanos)
                .field("frame", "base_link")
                .field("source", "lidar-occupancy");
        w.beginArray("objects");
        for (int i = 0; i < obstacles.size(); i++) {
            w.beginElement()
                    .field("xMeters", obstacles.centerXMeters(i), 2)
                    .field("yMeters", obstacles.centerYMeters(i), 2)
                    .field("lengthMeters", obstacles.lengthMeters(i), 2)
                    .field("widthMeters", obstacles.widthMeters(i), 2)
                    .field("rangeMeters", obstacles.rangeMeters(i), 2)
                    .field("cells", obstacles.cellCount(i))
                    .endElement();
        }
        w.endArray();
        w.beginArray("camera");
        for (int i = 0; i < camera.size(); i++) {
            w.beginElement()
                    .field("class", camera.drivingClass(i).label())
                    .field("label", CocoClasses.name(camera.cocoClass(i)))
                    .field("score", camera.score(i), 3)
                    .field("x1Pixels", camera.x1(i), 1)
                    .field("y1Pixels", camera.y1(i), 1)
                    .field("x2Pixels", camera.x2(i), 1)
                    .field("y2Pixels", camera.y2(i), 1)
                    .endElement();
        }
        w.endArray();
        w.beginArray("tracks");
        for (int i = 0; tracks != null && i < tracks.size(); i++) {
            w.beginElement()
                    .field("id", tracks.id(i))
                    .field("class", tracks.objectClass(i).label())
                    .field("xMeters", tracks.xMeters(i), 2)
                    .field("yMeters", tracks.yMeters(i), 2)
                    .field("zMeters", tracks.zMeters(i), 2)
                    .field("vxMetersPerSecond", tracks.vxMetersPerSec(i), 2)
                    .field("vyMetersPerSecond", tracks.vyMetersPerSec(i), 2)
                    .field("headingRad", tracks.headingRad(i), 3)
                    .field("lengthMeters", tracks.lengthMeters(i), 2)
                    .field("widthMeters", tracks.widthMeters(i), 2)
                    .field("heightMeters", tracks.heightMeters(i), 2)
                    .field("secondsSinceUpdate", tracks.secondsSinceUpdate(i), 2);
            w.beginObject("covariance");
            for (int r = 0; r < 4; r++) {
                for (int c = r; c < 4; c++) {
                    w.field(COVARIANCE_KEYS[r][c], tracks.covariance(i, r, c), 4);
                }
            }
            w.endObject();
            int modalities = tracks.modalityMask(i) | (tracks.lidarHits(i) > 0 ? Modality.LIDAR.bit() : 0);
            w.beginArray("modalities");
            for (Modality m : Modality.values()) {
                if ((modalities & m.bit()) != 0) {
                    w.stringElement(m.name());
                }
            }
            w.endArray().endElement();
        }
        return w.endArray().endBytes();
    }

    public byte[] occupancy(OccupancyGrid grid) {
        int n = grid.cols() * grid.rows();
        if (cellBytes.length != n) {
            cellBytes = new byte[n];
            base64 = new byte[4 * ((n + 2) / 3)];
        }
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                int v = Math.round(grid.logOdds(c, r) * 10f);
                cellBytes[r * grid.cols() + c] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        int len = Base64.getEncoder().encode(cellBytes, base64);
        return json.begin()
                .field("vehicleId", vehicleId)
                .field("referenceStampNanos", grid.stampNanos())
                .field("frame", "base_link")
                .field("cellSizeMeters", grid.cellSizeMeters(), 3)
                .field("cols", grid.cols())
                .field("rows", grid.rows())
                .field("minXMeters", grid.minXMeters(), 3)
                .field("minYMeters", grid.minYMeters(), 3)
                .field("occupiedLogOdds", grid.config().occupiedLogOdds(), 2)
                .field("encoding", OCCUPANCY_ENCODING)
                .rawField("cells", "\"" + new String(base64, 0, len, StandardCharsets.US_ASCII) + "\"")
                .endBytes();
    }

    /** Starts a health report with the common fields; the caller adds the rest and ends it. */
    public JsonWriter beginHealth(long vehicleNanos) {
        return json.begin()
                .field("vehicleId", vehicleId)
                .field("state", "online")
                .field("vehicleNanos", vehicleNanos)
                .field("cameraDetection", cameraDetection);
    }
}
