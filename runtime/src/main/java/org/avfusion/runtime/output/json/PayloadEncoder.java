package org.avfusion.runtime.output.json;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import org.avfusion.runtime.route.RouteStatus;
import java.io.UncheckedIOException;
import java.util.List;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.ego.EgoEstimate;
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
 * Written with Jackson's streaming generator into a reused buffer ({@link JsonPayload}); numbers are rounded to the
 * decimals each field documents, NaN is null. Not thread-safe: the publish stage owns one.
 */
public final class PayloadEncoder {
    /** Occupancy cells are sent as one signed byte each: log-odds x 10, clamped to [-127, 127], row-major. */
    public static final String OCCUPANCY_ENCODING = "int8-logodds-x10-rowmajor-base64";

    /** Keys of the upper triangle of a track's covariance over (x, y, vx, vy), row by row. */
    private static final String[] COVARIANCE_FIELDS = {"xx", "xy", "xvx", "xvy", "yy", "yvx", "yvy", "vxvx", "vxvy",
        "vyvy"};
    private static final int[] COVARIANCE_DECIMALS = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    private static final String[] OBSTACLE_FIELDS = {"xMeters", "yMeters", "lengthMeters", "widthMeters",
        "rangeMeters"};
    private static final int[] OBSTACLE_DECIMALS = {2, 2, 2, 2, 2};
    private static final String[] CAMERA_FIELDS = {"score", "x1Pixels", "y1Pixels", "x2Pixels", "y2Pixels"};
    private static final int[] CAMERA_DECIMALS = {3, 1, 1, 1, 1};
    private static final String[] TRACK_FIELDS = {"xMeters", "yMeters", "zMeters", "vxMetersPerSecond",
        "vyMetersPerSecond", "headingRad", "lengthMeters", "widthMeters", "heightMeters", "secondsSinceUpdate"};
    private static final int[] TRACK_DECIMALS = {2, 2, 2, 2, 2, 3, 2, 2, 2, 2};
    /** {@code Modality.values()} once: the call copies the array, per track of every set. */
    private static final Modality[] MODALITIES = Modality.values();

    private final String vehicleId;
    private final String[] sensorNames;
    private final SerializableString[] sensorFields;
    private final String cameraDetection;
    private final JsonPayload json = new JsonPayload();
    private byte[] cellBytes = new byte[0];
    /** The numbers of the element being written, for {@link #fixedFields}. */
    private final double[] fieldValues = new double[TRACK_FIELDS.length];

    /**
     * @param cameraDetection what the decision says about camera detection, e.g. {@code off (no --model given)}
     */
    public PayloadEncoder(String vehicleId, List<String> sensorNames, String cameraDetection) {
        this.vehicleId = vehicleId;
        this.sensorNames = sensorNames.toArray(new String[0]);
        this.sensorFields = sensorNames.stream().map(JsonFormat::name).toArray(SerializableString[]::new);
        this.cameraDetection = cameraDetection;
    }

    public byte[] decision(Decision d, AlignedSet set, long decidedAtNanos, double latencyMillis,
            double pipelineMillis) {
        return decision(d, set, decidedAtNanos, latencyMillis, pipelineMillis, null);
    }

    /**
     * As above, with the route side of the decision (map in the loop) as {@code "route":{"state":..,
     * "distanceRemainingMeters":..,"previousDistanceMeters":..,"newDistanceMeters":..,"message":..}}; null: no map,
     * no {@code route} field.
     */
    public byte[] decision(Decision d, AlignedSet set, long decidedAtNanos, double latencyMillis,
            double pipelineMillis, RouteStatus route) {
        try {
            JsonGenerator g = json.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeStringField("kind", d.kind().name());
            g.writeStringField("reason", d.reason().name());
            g.writeNumberField("referenceStampNanos", d.referenceStampNanos());
            g.writeNumberField("referenceSequence", set.referenceSequence());
            json.fixed("obstacleDistanceMeters", d.obstacleDistanceMeters(), 2)
                    .fixed("stoppingDistanceMeters", d.stoppingDistanceMeters(), 2)
                    .fixed("speedMetersPerSecond", d.speedMetersPerSecond(), 2)
                    .fixed("targetSpeedMetersPerSecond", d.targetSpeedMetersPerSecond(), 2)
                    .fixed("curvaturePerMeter", d.curvaturePerMeter(), 4)
                    .fixed("decelerationMetersPerSec2", d.decelerationMetersPerSec2(), 2);
            g.writeNumberField("trackId", d.trackId());
            g.writeStringField("trackClass", d.trackClass() == null ? "none" : d.trackClass().label());
            g.writeStringField("detail", d.describe());
            g.writeArrayFieldStart("modalities");
            for (Modality m : MODALITIES) {
                if ((d.modalityMask() & m.bit()) != 0) {
                    g.writeString(m.name());
                }
            }
            g.writeEndArray();
            g.writeBooleanField("partial", set.isPartial());
            writeEgo(g, d, set);
            g.writeArrayFieldStart("missing");
            for (int i = 0; i < sensorNames.length; i++) {
                if (set.status(i) != SensorStatus.OK) {
                    g.writeString(sensorNames[i]);
                }
            }
            g.writeEndArray();
            g.writeObjectFieldStart("inputs");
            for (int i = 0; i < sensorNames.length; i++) {
                g.writeFieldName(sensorFields[i]);
                g.writeStartObject();
                g.writeStringField("status", set.status(i).name());
                long s = set.stampNanos(i);
                if (s == Long.MIN_VALUE) {
                    g.writeNullField("stampNanos");
                } else {
                    g.writeNumberField("stampNanos", s);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("cameraDetection", cameraDetection);
            g.writeNumberField("referenceCompleteNanos", set.completeStampNanos());
            g.writeNumberField("decidedAtNanos", decidedAtNanos);
            json.fixed("latencyMillis", latencyMillis, 3)
                    .fixed("referenceAgeMillis", (decidedAtNanos - d.referenceStampNanos()) / 1e6, 3)
                    .fixed("pipelineMillis", pipelineMillis, 3);
            if (route != null) {
                g.writeObjectFieldStart("route");
                g.writeStringField("state", route.state().name());
                json.fixed("distanceRemainingMeters", route.distanceRemainingMeters(), 1);
                if (!Double.isNaN(route.previousDistanceMeters())) {
                    json.fixed("previousDistanceMeters", route.previousDistanceMeters(), 1)
                            .fixed("newDistanceMeters", route.newDistanceMeters(), 1);
                }
                if (!route.message().isEmpty()) {
                    g.writeStringField("message", route.message());
                }
                g.writeEndObject();
            }
            return json.endBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code egoQuality} (FUSED / DEAD_RECKONED / UNKNOWN, or FILTER_OFF on the interpolated fallback) and, with the
     * filter, {@code ego}: the estimate the decision used (stamp, heading, position, GNSS fix age, sources in use).
     */
    private void writeEgo(JsonGenerator g, Decision d, AlignedSet set) throws IOException {
        g.writeStringField("egoQuality", d.egoQuality() == null ? "FILTER_OFF" : d.egoQuality().name());
        EgoEstimate e = set.egoEstimate();
        if (e == null) {
            return;
        }
        g.writeObjectFieldStart("ego");
        g.writeNumberField("stampNanos", e.stampNanos());
        json.fixed("yawRateRadPerSec", e.yawRateRadPerSec(), 4).fixed("headingDeg", e.headingDeg(), 2)
                .fixed("latitudeDeg", e.latitudeDeg(), 7).fixed("longitudeDeg", e.longitudeDeg(), 7)
                .fixed("gnssFixAgeSeconds", e.absoluteFixAgeSeconds(), 3);
        g.writeArrayFieldStart("sources");
        for (org.avfusion.runtime.ego.EgoSource src : org.avfusion.runtime.ego.EgoSource.values()) {
            if (e.sourceAgesSeconds().containsKey(src)) { // enum order: stable output
                g.writeString(src.name());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
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
        try {
            JsonGenerator g = json.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeNumberField("referenceStampNanos", referenceStampNanos);
            g.writeStringField("frame", "base_link");
            g.writeStringField("source", "lidar-occupancy");
            g.writeArrayFieldStart("objects");
            for (int i = 0; i < obstacles.size(); i++) {
                g.writeStartObject();
                double[] v = fieldValues;
                v[0] = obstacles.centerXMeters(i);
                v[1] = obstacles.centerYMeters(i);
                v[2] = obstacles.lengthMeters(i);
                v[3] = obstacles.widthMeters(i);
                v[4] = obstacles.rangeMeters(i);
                fixedFields(OBSTACLE_FIELDS, OBSTACLE_DECIMALS);
                g.writeNumberField("cells", obstacles.cellCount(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("camera");
            for (int i = 0; i < camera.size(); i++) {
                g.writeStartObject();
                g.writeStringField("class", camera.drivingClass(i).label());
                g.writeStringField("label", CocoClasses.name(camera.cocoClass(i)));
                double[] v = fieldValues;
                v[0] = camera.score(i);
                v[1] = camera.x1(i);
                v[2] = camera.y1(i);
                v[3] = camera.x2(i);
                v[4] = camera.y2(i);
                fixedFields(CAMERA_FIELDS, CAMERA_DECIMALS);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tracks");
            for (int i = 0; tracks != null && i < tracks.size(); i++) {
                writeTrack(g, tracks, i);
            }
            g.writeEndArray();
            return json.endBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTrack(JsonGenerator g, TrackSnapshot tracks, int i) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", tracks.id(i));
        g.writeStringField("class", tracks.objectClass(i).label());
        double[] v = fieldValues;
        v[0] = tracks.xMeters(i);
        v[1] = tracks.yMeters(i);
        v[2] = tracks.zMeters(i);
        v[3] = tracks.vxMetersPerSec(i);
        v[4] = tracks.vyMetersPerSec(i);
        v[5] = tracks.headingRad(i);
        v[6] = tracks.lengthMeters(i);
        v[7] = tracks.widthMeters(i);
        v[8] = tracks.heightMeters(i);
        v[9] = tracks.secondsSinceUpdate(i);
        fixedFields(TRACK_FIELDS, TRACK_DECIMALS);
        g.writeObjectFieldStart("covariance");
        for (int r = 0, k = 0; r < 4; r++) {
            for (int c = r; c < 4; c++) {
                v[k++] = tracks.covariance(i, r, c);
            }
        }
        fixedFields(COVARIANCE_FIELDS, COVARIANCE_DECIMALS);
        g.writeEndObject();
        int modalities = tracks.modalityMask(i) | (tracks.lidarHits(i) > 0 ? Modality.LIDAR.bit() : 0);
        g.writeArrayFieldStart("modalities");
        for (Modality m : MODALITIES) {
            if ((modalities & m.bit()) != 0) {
                g.writeString(m.name());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Writes {@code names[k]: fieldValues[k]} rounded to {@code decimals[k]}, in order. One call site of the field
     * writer per kind of element, not one per field: with a call per field the JIT compiled its inlined copies, 30 in
     * {@link #objects}, for 0.66 s of C2 time, and 0.34 s more for its on-stack replacement, in the first seconds of
     * every run (JFR {@code jdk.Compilation}, docs/PERFORMANCE.md).
     */
    private void fixedFields(String[] names, int[] decimals) throws IOException {
        double[] v = fieldValues;
        for (int k = 0; k < names.length; k++) {
            json.fixed(names[k], v[k], decimals[k]);
        }
    }

    /** The grid as int8 cells, base64-encoded by the generator straight into its buffer. */
    public byte[] occupancy(OccupancyGrid grid) {
        int n = quantizeCells(grid);
        try {
            JsonGenerator g = json.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeNumberField("referenceStampNanos", grid.stampNanos());
            g.writeStringField("frame", "base_link");
            json.fixed("cellSizeMeters", grid.cellSizeMeters(), 3);
            g.writeNumberField("cols", grid.cols());
            g.writeNumberField("rows", grid.rows());
            json.fixed("minXMeters", grid.minXMeters(), 3)
                    .fixed("minYMeters", grid.minYMeters(), 3)
                    .fixed("occupiedLogOdds", grid.config().occupiedLogOdds(), 2);
            g.writeStringField("encoding", OCCUPANCY_ENCODING);
            g.writeFieldName("cells");
            // standard alphabet, '=' padding, no line feeds: the same text as java.util.Base64.getEncoder()
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, cellBytes, 0, n);
            return json.endBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The grid's cells as int8 into {@link #cellBytes}; returns their number. A method of its own, so that the JIT
     * compiles this loop alone, not with the JSON writing around it (0.3 s of C2 time each for the OSR and the normal
     * compilation of the two together).
     */
    private int quantizeCells(OccupancyGrid grid) {
        int n = grid.cols() * grid.rows();
        if (cellBytes.length != n) {
            cellBytes = new byte[n];
        }
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                int v = Math.round(grid.logOdds(c, r) * 10f);
                cellBytes[r * grid.cols() + c] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        return n;
    }

    /**
     * Starts a health report with the common fields; the caller adds the rest with {@code health}'s generator and
     * ends it with {@link JsonPayload#endBytes()}.
     */
    public JsonPayload beginHealth(long vehicleNanos) {
        try {
            JsonGenerator g = json.begin();
            g.writeStringField("vehicleId", vehicleId);
            g.writeStringField("state", "online");
            g.writeNumberField("vehicleNanos", vehicleNanos);
            g.writeStringField("cameraDetection", cameraDetection);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
