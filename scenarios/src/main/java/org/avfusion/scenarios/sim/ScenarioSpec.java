package org.avfusion.scenarios.sim;

import static org.avfusion.calibration.yaml.Bounds.requireInRange;
import static org.avfusion.calibration.yaml.Bounds.requireNonNegative;
import static org.avfusion.calibration.yaml.Bounds.requirePositive;
import static org.avfusion.calibration.yaml.Bounds.required;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.calibration.yaml.BoundsException;

/**
 * A scenario, as typed, validated values (the YAML schema of {@code scenarios/catalog/*.yaml}). Every nested
 * record fills what its file left out from {@link SimDefaults} and rejects impossible values in its compact
 * constructor, naming the key. World frame: local ENU metres around {@link #origin()}; road coordinates:
 * arc length {@code s} along the centreline and lateral offset, positive to the left.
 *
 * @param name            scenario name (the file name without {@code .yaml})
 * @param description     one line saying what happens when
 * @param seed            seeds every random draw of the drive
 * @param durationSeconds length of the drive; frames cover {@code [0, duration]}
 * @param startUtc        UTC wall time at vehicle time 0 (GNSS time)
 */
public record ScenarioSpec(String name, String description, long seed, double durationSeconds, Origin origin,
        Instant startUtc, RoadLayout road, Ego ego, List<Actor> actors, Sensors sensors) {

    public ScenarioSpec {
        Objects.requireNonNull(name, "name");
        required("description", description, "\"ego cruises at 10 m/s on a clear road\"");
        requirePositive("durationSeconds", required("durationSeconds", durationSeconds, "20"), 3600, "s");
        origin = origin != null ? origin : new Origin(null, null, null);
        startUtc = startUtc != null ? startUtc : Instant.parse(SimDefaults.START_UTC);
        required("road", road, "{segments: [{type: straight, lengthMeters: 200}]}");
        required("ego", ego, "{speedProfile: [{atSeconds: 0, speedMetersPerSecond: 10}]}");
        actors = actors != null ? List.copyOf(actors) : List.of();
        sensors = sensors != null ? sensors : new Sensors(null, null, null, null);
    }

    /** Parses an ISO-8601 UTC instant for the {@code startUtc} key. */
    static Instant parseStartUtc(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BoundsException("startUtc", "bad value '" + text
                    + "'; write an ISO-8601 UTC time, e.g. 2024-06-03T10:00:00Z");
        }
    }

    /** WGS-84 origin of the local ENU world frame. */
    public record Origin(Double latitudeDeg, Double longitudeDeg, Double altitudeMeters) {
        public Origin {
            latitudeDeg = requireInRange("latitudeDeg",
                    latitudeDeg != null ? latitudeDeg : SimDefaults.ORIGIN_LATITUDE_DEG, -89, 89, "degrees");
            longitudeDeg = requireInRange("longitudeDeg",
                    longitudeDeg != null ? longitudeDeg : SimDefaults.ORIGIN_LONGITUDE_DEG, -180, 180, "degrees");
            altitudeMeters = requireInRange("altitudeMeters",
                    altitudeMeters != null ? altitudeMeters : SimDefaults.ORIGIN_ALTITUDE_METERS, -1000, 10_000, "m");
        }
    }

    /** The road: its start pose in the world, its width and its pieces in driving order. */
    public record RoadLayout(Double startXMeters, Double startYMeters, Double startHeadingDeg, Double widthMeters,
            List<Segment> segments) {
        public RoadLayout {
            startXMeters = requireInRange("startXMeters", startXMeters != null ? startXMeters : 0.0, -100_000,
                    100_000, "m");
            startYMeters = requireInRange("startYMeters", startYMeters != null ? startYMeters : 0.0, -100_000,
                    100_000, "m");
            startHeadingDeg = requireInRange("startHeadingDeg", startHeadingDeg != null ? startHeadingDeg : 0.0,
                    -360, 360, "degrees");
            widthMeters = requirePositive("widthMeters",
                    widthMeters != null ? widthMeters : SimDefaults.ROAD_WIDTH_METERS, 100, "m");
            required("segments", segments, "[{type: straight, lengthMeters: 200}]");
            if (segments.isEmpty()) {
                throw new BoundsException("segments", "is empty; write at least one, e.g. "
                        + "[{type: straight, lengthMeters: 200}]");
            }
            segments = List.copyOf(segments);
        }
    }

    /** A piece of road: {@code type: straight} or {@code type: arc}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Straight.class, name = "straight"),
        @JsonSubTypes.Type(value = Arc.class, name = "arc")})
    public sealed interface Segment permits Straight, Arc {
        double lengthAlongMeters();

        /** Signed curvature, 1/m, positive turning left. */
        double curvaturePerMeter();
    }

    public record Straight(Double lengthMeters) implements Segment {
        public Straight {
            lengthMeters = requirePositive("lengthMeters", required("lengthMeters", lengthMeters, "100"), 100_000, "m");
        }

        @Override
        public double lengthAlongMeters() {
            return lengthMeters;
        }

        @Override
        public double curvaturePerMeter() {
            return 0;
        }
    }

    /** A circular arc turning {@code turnDeg} (positive left, at most 180 either way) at {@code radiusMeters}. */
    public record Arc(Double radiusMeters, Double turnDeg) implements Segment {
        public Arc {
            radiusMeters = requirePositive("radiusMeters", required("radiusMeters", radiusMeters, "80"), 100_000, "m");
            turnDeg = requireInRange("turnDeg", required("turnDeg", turnDeg, "90"), -180, 180, "degrees");
            if (turnDeg == 0) {
                throw new BoundsException("turnDeg", "must not be 0; use {type: straight} for a straight piece");
            }
        }

        @Override
        public double lengthAlongMeters() {
            return radiusMeters * Math.toRadians(Math.abs(turnDeg));
        }

        @Override
        public double curvaturePerMeter() {
            return Math.signum(turnDeg) / radiusMeters;
        }
    }

    /** Speed {@code speedMetersPerSecond} at time {@code atSeconds}; linear in between (constant acceleration). */
    public record Keyframe(Double atSeconds, Double speedMetersPerSecond) {
        public Keyframe {
            atSeconds = requireNonNegative("atSeconds", required("atSeconds", atSeconds, "0"), 3600, "s");
            speedMetersPerSecond = requireNonNegative("speedMetersPerSecond", required("speedMetersPerSecond",
                    speedMetersPerSecond, "0"), 100, "m/s");
        }
    }

    /** Checks keyframe times increase, naming the list key. */
    static List<Keyframe> keyframes(String key, List<Keyframe> frames) {
        required(key, frames, "[{atSeconds: 0, speedMetersPerSecond: 10}]");
        if (frames.isEmpty()) {
            throw new BoundsException(key, "is empty; write e.g. [{atSeconds: 0, speedMetersPerSecond: 10}]");
        }
        for (int i = 1; i < frames.size(); i++) {
            if (!(frames.get(i).atSeconds() > frames.get(i - 1).atSeconds())) {
                throw new BoundsException(key + "[" + i + "].atSeconds", "must be later than "
                        + frames.get(i - 1).atSeconds() + ", was " + frames.get(i).atSeconds()
                        + "; list keyframes in time order");
            }
        }
        return List.copyOf(frames);
    }

    /** The ego vehicle: follows the road centreline from {@code startSMeters} with a speed profile. */
    public record Ego(Double startSMeters, Double frontOverhangMeters, Double widthMeters,
            List<Keyframe> speedProfile, Boolean closedLoop, Double reactionDelaySeconds,
            Double maxDecelMetersPerSec2, Double maxAccelMetersPerSec2) {
        /** A scripted ego: it follows its speed profile whatever the runtime decides. */
        public Ego(Double startSMeters, Double frontOverhangMeters, Double widthMeters, List<Keyframe> speedProfile) {
            this(startSMeters, frontOverhangMeters, widthMeters, speedProfile, null, null, null, null);
        }

        public Ego {
            closedLoop = closedLoop != null && closedLoop;
            reactionDelaySeconds = requireInRange("reactionDelaySeconds", reactionDelaySeconds != null
                    ? reactionDelaySeconds : SimDefaults.EGO_REACTION_DELAY_SECONDS, 0.2, 2.0, "s");
            maxDecelMetersPerSec2 = requirePositive("maxDecelMetersPerSec2", maxDecelMetersPerSec2 != null
                    ? maxDecelMetersPerSec2 : SimDefaults.EGO_MAX_DECEL_METERS_PER_SEC2, 12, "m/s^2");
            maxAccelMetersPerSec2 = requirePositive("maxAccelMetersPerSec2", maxAccelMetersPerSec2 != null
                    ? maxAccelMetersPerSec2 : SimDefaults.EGO_MAX_ACCEL_METERS_PER_SEC2, 10, "m/s^2");
            startSMeters = requireInRange("startSMeters", startSMeters != null ? startSMeters : 0.0, -100_000,
                    100_000, "m");
            frontOverhangMeters = requirePositive("frontOverhangMeters",
                    frontOverhangMeters != null ? frontOverhangMeters : SimDefaults.EGO_FRONT_OVERHANG_METERS, 30, "m");
            widthMeters = requirePositive("widthMeters",
                    widthMeters != null ? widthMeters : SimDefaults.EGO_WIDTH_METERS, 100, "m");
            speedProfile = keyframes("speedProfile", speedProfile);
        }
    }

    /** Something in the world besides the ego: {@code type: pedestrian}, {@code car} or {@code static}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Pedestrian.class, name = "pedestrian"),
        @JsonSubTypes.Type(value = Car.class, name = "car"),
        @JsonSubTypes.Type(value = Obstacle.class, name = "static")})
    public sealed interface Actor permits Pedestrian, Car, Obstacle {
        String id();
    }

    /**
     * A pedestrian standing at {@code from} until {@code startSeconds}, then walking in a straight line to
     * {@code to} at {@code speedMetersPerSecond}, then standing there. World ENU metres.
     */
    public record Pedestrian(String id, Double fromXMeters, Double fromYMeters, Double toXMeters, Double toYMeters,
            Double startSeconds, Double speedMetersPerSecond, Double lengthMeters, Double widthMeters,
            Double heightMeters) implements Actor {
        public Pedestrian {
            required("id", id, "pedestrian-1");
            fromXMeters = requireInRange("fromXMeters", required("fromXMeters", fromXMeters, "0"), -100_000, 100_000,
                    "m");
            fromYMeters = requireInRange("fromYMeters", required("fromYMeters", fromYMeters, "0"), -100_000, 100_000,
                    "m");
            toXMeters = requireInRange("toXMeters", required("toXMeters", toXMeters, "0"), -100_000, 100_000, "m");
            toYMeters = requireInRange("toYMeters", required("toYMeters", toYMeters, "0"), -100_000, 100_000, "m");
            startSeconds = requireNonNegative("startSeconds", required("startSeconds", startSeconds, "0"), 3600, "s");
            speedMetersPerSecond = requirePositive("speedMetersPerSecond", required("speedMetersPerSecond",
                    speedMetersPerSecond, "1.4"), 100, "m/s");
            lengthMeters = requirePositive("lengthMeters",
                    lengthMeters != null ? lengthMeters : SimDefaults.PEDESTRIAN_LENGTH_METERS, 100, "m");
            widthMeters = requirePositive("widthMeters",
                    widthMeters != null ? widthMeters : SimDefaults.PEDESTRIAN_WIDTH_METERS, 100, "m");
            heightMeters = requirePositive("heightMeters",
                    heightMeters != null ? heightMeters : SimDefaults.PEDESTRIAN_HEIGHT_METERS, 100, "m");
        }
    }

    /** A car following the road at {@code lateralMeters} from the centreline, from {@code startSMeters} (its centre). */
    public record Car(String id, Double startSMeters, Double lateralMeters, List<Keyframe> speedProfile,
            Double lengthMeters, Double widthMeters, Double heightMeters, String kind) implements Actor {
        public Car {
            required("id", id, "car-1");
            kind = kind != null ? kind : "car";
            if (!kind.equals("car") && !kind.equals("cyclist")) {
                throw new BoundsException("kind", "bad value '" + kind + "'; write car or cyclist");
            }
            boolean cyclist = kind.equals("cyclist");
            startSMeters = requireInRange("startSMeters", required("startSMeters", startSMeters, "0"), -100_000,
                    100_000, "m");
            lateralMeters = requireInRange("lateralMeters", lateralMeters != null ? lateralMeters : 0.0, -1000, 1000,
                    "m");
            speedProfile = keyframes("speedProfile", speedProfile);
            lengthMeters = requirePositive("lengthMeters", lengthMeters != null ? lengthMeters
                    : cyclist ? SimDefaults.CYCLIST_LENGTH_METERS : SimDefaults.CAR_LENGTH_METERS, 100, "m");
            widthMeters = requirePositive("widthMeters", widthMeters != null ? widthMeters
                    : cyclist ? SimDefaults.CYCLIST_WIDTH_METERS : SimDefaults.CAR_WIDTH_METERS, 100, "m");
            heightMeters = requirePositive("heightMeters", heightMeters != null ? heightMeters
                    : cyclist ? SimDefaults.CYCLIST_HEIGHT_METERS : SimDefaults.CAR_HEIGHT_METERS, 100, "m");
        }
    }

    /**
     * A static box placed in road coordinates: a parked car ({@code kind: car}) or a wall ({@code kind: wall}),
     * turned {@code yawDeg} from the road direction.
     */
    public record Obstacle(String id, String kind, Double sMeters, Double lateralMeters, Double yawDeg,
            Double lengthMeters, Double widthMeters, Double heightMeters) implements Actor {
        public Obstacle {
            required("id", id, "parked-1");
            kind = kind != null ? kind : "car";
            if (!kind.equals("car") && !kind.equals("wall")) {
                throw new BoundsException("kind", "bad value '" + kind + "'; write car or wall");
            }
            boolean car = kind.equals("car");
            sMeters = requireInRange("sMeters", required("sMeters", sMeters, "0"), -100_000, 100_000, "m");
            lateralMeters = requireInRange("lateralMeters", required("lateralMeters", lateralMeters, "4.5"), -1000,
                    1000, "m");
            yawDeg = requireInRange("yawDeg", yawDeg != null ? yawDeg : 0.0, -360, 360, "degrees");
            lengthMeters = requirePositive("lengthMeters", lengthMeters != null ? lengthMeters
                    : car ? SimDefaults.CAR_LENGTH_METERS : null, 100, "m");
            widthMeters = requirePositive("widthMeters", widthMeters != null ? widthMeters
                    : car ? SimDefaults.CAR_WIDTH_METERS : SimDefaults.WALL_THICKNESS_METERS, 100, "m");
            heightMeters = requirePositive("heightMeters", heightMeters != null ? heightMeters
                    : car ? SimDefaults.CAR_HEIGHT_METERS : SimDefaults.WALL_HEIGHT_METERS, 100, "m");
        }
    }

    /** Sensor settings; an absent sensor block takes every default. */
    public record Sensors(Lidar lidar, Camera camera, Gnss gnss, Imu imu) {
        public Sensors {
            lidar = lidar != null ? lidar : new Lidar(null, null, null, null, null, null, null, null, null, null, null);
            camera = camera != null ? camera : new Camera(null, null, null, null, null, null, null, null, null, null);
            gnss = gnss != null ? gnss : new Gnss(null, null, null, null, null, null, null);
            imu = imu != null ? imu : new Imu(null, null, null, null, null, null);
        }
    }

    /** Clock and transport of one sensor, resolved: rate, clock offset, Gaussian stamp jitter (1 sigma), latency. */
    public record Timing(double rateHz, double clockOffsetMillis, double stampJitterMillis, double latencyMillis) {
        static Timing of(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis) {
            return new Timing(requirePositive("rateHz", required("rateHz", rateHz, "0"), 1000, "Hz"),
                    requireInRange("clockOffsetMillis", required("clockOffsetMillis", clockOffsetMillis, "0"), -1000,
                    1000, "ms"),
                    requireNonNegative("stampJitterMillis", required("stampJitterMillis", stampJitterMillis, "0"),
                            100, "ms"),
                    requireNonNegative("latencyMillis", required("latencyMillis", latencyMillis, "0"), 10_000, "ms"));
        }

        public long periodNanos() {
            return Math.round(1e9 / rateHz);
        }
    }

    /** Where a sensor sits on base_link; angles in degrees (roll, pitch, yaw; intrinsic Z-Y-X). */
    public record Mount(Double xMeters, Double yMeters, Double zMeters, Double rollDeg, Double pitchDeg,
            Double yawDeg) {
        public Mount {
            xMeters = requireInRange("xMeters", required("xMeters", xMeters, "0"), -50, 50, "m");
            yMeters = requireInRange("yMeters", yMeters != null ? yMeters : 0.0, -50, 50, "m");
            zMeters = requirePositive("zMeters", required("zMeters", zMeters, "0"), 50, "m");
            rollDeg = requireInRange("rollDeg", rollDeg != null ? rollDeg : 0.0, -360, 360, "degrees");
            pitchDeg = requireInRange("pitchDeg", pitchDeg != null ? pitchDeg : 0.0, -360, 360, "degrees");
            yawDeg = requireInRange("yawDeg", yawDeg != null ? yawDeg : 0.0, -360, 360, "degrees");
        }

        public MountPose toPose() {
            return new MountPose(xMeters, yMeters, zMeters, Math.toRadians(rollDeg), Math.toRadians(pitchDeg),
                    Math.toRadians(yawDeg));
        }
    }

    public record Lidar(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Mount mount, Integer beams, Integer azimuths, Double lowestBeamDeg, Double highestBeamDeg,
            Double maxRangeMeters, Double rangeNoiseMeters) {
        public Lidar {
            Timing t = Timing.of(rateHz != null ? rateHz : SimDefaults.LIDAR_RATE_HZ,
                    clockOffsetMillis != null ? clockOffsetMillis : SimDefaults.LIDAR_CLOCK_OFFSET_MILLIS,
                    stampJitterMillis != null ? stampJitterMillis : SimDefaults.LIDAR_STAMP_JITTER_MILLIS,
                    latencyMillis != null ? latencyMillis : SimDefaults.LIDAR_LATENCY_MILLIS);
            rateHz = t.rateHz();
            clockOffsetMillis = t.clockOffsetMillis();
            stampJitterMillis = t.stampJitterMillis();
            latencyMillis = t.latencyMillis();
            mount = mount != null ? mount
                    : new Mount(SimDefaults.LIDAR_MOUNT_X_METERS, 0.0, SimDefaults.LIDAR_MOUNT_Z_METERS, 0.0, 0.0, 0.0);
            beams = requireInRange("beams",
                    beams != null ? beams : SimDefaults.LIDAR_BEAMS, 1, 256, "");
            azimuths = requireInRange("azimuths",
                    azimuths != null ? azimuths : SimDefaults.LIDAR_AZIMUTHS, 1, 10_000, "");
            lowestBeamDeg = requireInRange("lowestBeamDeg",
                    lowestBeamDeg != null ? lowestBeamDeg : SimDefaults.LIDAR_LOWEST_BEAM_DEG, -89, 89, "degrees");
            highestBeamDeg = requireInRange("highestBeamDeg",
                    highestBeamDeg != null ? highestBeamDeg : SimDefaults.LIDAR_HIGHEST_BEAM_DEG, lowestBeamDeg, 89,
                    "degrees");
            maxRangeMeters = requirePositive("maxRangeMeters",
                    maxRangeMeters != null ? maxRangeMeters : SimDefaults.LIDAR_MAX_RANGE_METERS, 1000, "m");
            rangeNoiseMeters = requireNonNegative("rangeNoiseMeters",
                    rangeNoiseMeters != null ? rangeNoiseMeters : SimDefaults.LIDAR_RANGE_NOISE_METERS, 10, "m");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }

    public record Camera(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Mount mount, Integer widthPixels, Integer heightPixels, Double horizontalFovDeg, Double exposureMillis,
            Detector detector) {
        public Camera(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
                Mount mount, Integer widthPixels, Integer heightPixels, Double horizontalFovDeg, Double exposureMillis) {
            this(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis, mount, widthPixels, heightPixels,
                    horizontalFovDeg, exposureMillis, null);
        }

        public Camera {
            detector = detector != null ? detector : Detector.NONE;
            Timing t = Timing.of(rateHz != null ? rateHz : SimDefaults.CAMERA_RATE_HZ,
                    clockOffsetMillis != null ? clockOffsetMillis : SimDefaults.CAMERA_CLOCK_OFFSET_MILLIS,
                    stampJitterMillis != null ? stampJitterMillis : SimDefaults.CAMERA_STAMP_JITTER_MILLIS,
                    latencyMillis != null ? latencyMillis : SimDefaults.CAMERA_LATENCY_MILLIS);
            rateHz = t.rateHz();
            clockOffsetMillis = t.clockOffsetMillis();
            stampJitterMillis = t.stampJitterMillis();
            latencyMillis = t.latencyMillis();
            mount = mount != null ? mount
                    : new Mount(SimDefaults.CAMERA_MOUNT_X_METERS, 0.0, SimDefaults.CAMERA_MOUNT_Z_METERS, 0.0, 0.0, 0.0);
            widthPixels = requireInRange("widthPixels",
                    widthPixels != null ? widthPixels : SimDefaults.CAMERA_WIDTH_PIXELS, 16, 8192, "pixels");
            heightPixels = requireInRange("heightPixels",
                    heightPixels != null ? heightPixels : SimDefaults.CAMERA_HEIGHT_PIXELS, 16, 8192, "pixels");
            horizontalFovDeg = requireInRange("horizontalFovDeg",
                    horizontalFovDeg != null ? horizontalFovDeg : SimDefaults.CAMERA_HORIZONTAL_FOV_DEG, 1, 170,
                    "degrees");
            exposureMillis = requireNonNegative("exposureMillis",
                    exposureMillis != null ? exposureMillis : SimDefaults.CAMERA_EXPOSURE_MILLIS, 1000, "ms");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }

    /**
     * The camera's detector in simulation: {@code none} (a real model may still be given on the command line) or
     * {@code simulated}: the ground truth's boxes projected into the image, with Gaussian noise on each edge, misses,
     * false positives and a latency, seeded from the scenario seed ({@link SimulatedDetector}). Ghosts are camera
     * detections of objects that are not there (a picture of a car on a lorry, a reflection).
     */
    public record Detector(String type, Double edgeNoisePixels, Double missProbability,
            Double falsePositivesPerFrame, Double latencyMillis, Double minHeightPixels, Double score,
            List<Ghost> ghosts) {
        static final Detector NONE = new Detector("none", null, null, null, null, null, null, null);

        public Detector {
            type = type != null ? type : "none";
            if (!type.equals("none") && !type.equals("simulated")) {
                throw new BoundsException("type", "bad value '" + type + "'; write none or simulated");
            }
            edgeNoisePixels = requireNonNegative("edgeNoisePixels", edgeNoisePixels != null ? edgeNoisePixels : 1.5,
                    100, "pixels");
            missProbability = requireInRange("missProbability", missProbability != null ? missProbability : 0.05, 0,
                    1, "");
            falsePositivesPerFrame = requireNonNegative("falsePositivesPerFrame",
                    falsePositivesPerFrame != null ? falsePositivesPerFrame : 0.0, 10, "");
            latencyMillis = requireNonNegative("latencyMillis", latencyMillis != null ? latencyMillis : 0.0, 1000,
                    "ms");
            minHeightPixels = requireInRange("minHeightPixels", minHeightPixels != null ? minHeightPixels : 8.0, 1,
                    1000, "pixels");
            score = requireInRange("score", score != null ? score : 0.9, 0, 1, "");
            ghosts = ghosts != null ? List.copyOf(ghosts) : List.of();
        }

        public boolean simulated() {
            return type.equals("simulated");
        }
    }

    /** A detection of nothing: a car-sized box the camera reports at a world position over a time window. */
    public record Ghost(Double xMeters, Double yMeters, Double fromSeconds, Double toSeconds) {
        public Ghost {
            xMeters = requireInRange("xMeters", required("xMeters", xMeters, "60"), -100_000, 100_000, "m");
            yMeters = requireInRange("yMeters", required("yMeters", yMeters, "0"), -100_000, 100_000, "m");
            fromSeconds = requireNonNegative("fromSeconds", required("fromSeconds", fromSeconds, "2"), 3600, "s");
            toSeconds = requireInRange("toSeconds", required("toSeconds", toSeconds, "3"), fromSeconds, 3600, "s");
        }
    }

    public record Gnss(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Double positionNoiseMeters, Double hdop, Integer satellitesUsed) {
        public Gnss {
            Timing t = Timing.of(rateHz != null ? rateHz : SimDefaults.GNSS_RATE_HZ,
                    clockOffsetMillis != null ? clockOffsetMillis : SimDefaults.GNSS_CLOCK_OFFSET_MILLIS,
                    stampJitterMillis != null ? stampJitterMillis : SimDefaults.GNSS_STAMP_JITTER_MILLIS,
                    latencyMillis != null ? latencyMillis : SimDefaults.GNSS_LATENCY_MILLIS);
            rateHz = requireInRange("rateHz", t.rateHz(), 0.1, 100, "Hz");
            clockOffsetMillis = t.clockOffsetMillis();
            stampJitterMillis = t.stampJitterMillis();
            latencyMillis = t.latencyMillis();
            positionNoiseMeters = requireNonNegative("positionNoiseMeters",
                    positionNoiseMeters != null ? positionNoiseMeters : SimDefaults.GNSS_POSITION_NOISE_METERS, 100,
                    "m");
            hdop = requirePositive("hdop", hdop != null ? hdop : SimDefaults.GNSS_HDOP, 100, "");
            satellitesUsed = requireInRange("satellitesUsed",
                    satellitesUsed != null ? satellitesUsed : SimDefaults.GNSS_SATELLITES_USED, 4, 99, "");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }

    public record Imu(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Double gyroNoiseRadPerSec, Double accelNoiseMetersPerSec2) {
        public Imu {
            Timing t = Timing.of(rateHz != null ? rateHz : SimDefaults.IMU_RATE_HZ,
                    clockOffsetMillis != null ? clockOffsetMillis : SimDefaults.IMU_CLOCK_OFFSET_MILLIS,
                    stampJitterMillis != null ? stampJitterMillis : SimDefaults.IMU_STAMP_JITTER_MILLIS,
                    latencyMillis != null ? latencyMillis : SimDefaults.IMU_LATENCY_MILLIS);
            rateHz = t.rateHz();
            clockOffsetMillis = t.clockOffsetMillis();
            stampJitterMillis = t.stampJitterMillis();
            latencyMillis = t.latencyMillis();
            gyroNoiseRadPerSec = requireNonNegative("gyroNoiseRadPerSec",
                    gyroNoiseRadPerSec != null ? gyroNoiseRadPerSec : SimDefaults.IMU_GYRO_NOISE_RAD_PER_SEC, 10,
                    "rad/s");
            accelNoiseMetersPerSec2 = requireNonNegative("accelNoiseMetersPerSec2",
                    accelNoiseMetersPerSec2 != null ? accelNoiseMetersPerSec2
                            : SimDefaults.IMU_ACCEL_NOISE_METERS_PER_SEC2, 100, "m/s^2");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }
}
