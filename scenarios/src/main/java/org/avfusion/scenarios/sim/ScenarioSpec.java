package org.avfusion.scenarios.sim;

import static org.avfusion.scenarios.sim.ScenarioValueException.finite;
import static org.avfusion.scenarios.sim.ScenarioValueException.inRange;
import static org.avfusion.scenarios.sim.ScenarioValueException.nonNegative;
import static org.avfusion.scenarios.sim.ScenarioValueException.positive;
import static org.avfusion.scenarios.sim.ScenarioValueException.required;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.avfusion.calibration.geometry.MountPose;

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
        positive("durationSeconds", durationSeconds, "seconds, e.g. 20");
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
            throw new ScenarioValueException("startUtc", "bad value '" + text
                    + "'; write an ISO-8601 UTC time, e.g. 2024-06-03T10:00:00Z");
        }
    }

    /** WGS-84 origin of the local ENU world frame. */
    public record Origin(Double latitudeDeg, Double longitudeDeg, Double altitudeMeters) {
        public Origin {
            latitudeDeg = inRange("latitudeDeg", latitudeDeg != null ? latitudeDeg : SimDefaults.ORIGIN_LATITUDE_DEG,
                    -89, 89, "degrees north, e.g. 48.137");
            longitudeDeg = inRange("longitudeDeg",
                    longitudeDeg != null ? longitudeDeg : SimDefaults.ORIGIN_LONGITUDE_DEG, -180, 180,
                    "degrees east, e.g. 11.576");
            altitudeMeters = finite("altitudeMeters",
                    altitudeMeters != null ? altitudeMeters : SimDefaults.ORIGIN_ALTITUDE_METERS, "metres");
        }
    }

    /** The road: its start pose in the world, its width and its pieces in driving order. */
    public record RoadLayout(Double startXMeters, Double startYMeters, Double startHeadingDeg, Double widthMeters,
            List<Segment> segments) {
        public RoadLayout {
            startXMeters = finite("startXMeters", startXMeters != null ? startXMeters : 0.0, "metres east");
            startYMeters = finite("startYMeters", startYMeters != null ? startYMeters : 0.0, "metres north");
            startHeadingDeg = finite("startHeadingDeg", startHeadingDeg != null ? startHeadingDeg : 0.0,
                    "degrees counter-clockwise from east");
            widthMeters = positive("widthMeters", widthMeters != null ? widthMeters : SimDefaults.ROAD_WIDTH_METERS,
                    "metres, e.g. 7");
            required("segments", segments, "[{type: straight, lengthMeters: 200}]");
            if (segments.isEmpty()) {
                throw new ScenarioValueException("segments", "is empty; write at least one, e.g. "
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
            lengthMeters = positive("lengthMeters", lengthMeters, "metres, e.g. 100");
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
            radiusMeters = positive("radiusMeters", radiusMeters, "metres, e.g. 80");
            turnDeg = inRange("turnDeg", turnDeg, -180, 180, "degrees in [-180, 180], positive turning left, e.g. 90");
            if (turnDeg == 0) {
                throw new ScenarioValueException("turnDeg", "must not be 0; use {type: straight} for a straight piece");
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
            atSeconds = nonNegative("atSeconds", atSeconds, "seconds from the scenario start");
            speedMetersPerSecond = nonNegative("speedMetersPerSecond", speedMetersPerSecond,
                    "metres per second (a vehicle never drives backwards here)");
        }
    }

    /** Checks keyframe times increase, naming the list key. */
    static List<Keyframe> keyframes(String key, List<Keyframe> frames) {
        required(key, frames, "[{atSeconds: 0, speedMetersPerSecond: 10}]");
        if (frames.isEmpty()) {
            throw new ScenarioValueException(key, "is empty; write e.g. [{atSeconds: 0, speedMetersPerSecond: 10}]");
        }
        for (int i = 1; i < frames.size(); i++) {
            if (!(frames.get(i).atSeconds() > frames.get(i - 1).atSeconds())) {
                throw new ScenarioValueException(key + "[" + i + "].atSeconds", "must be later than "
                        + frames.get(i - 1).atSeconds() + ", was " + frames.get(i).atSeconds()
                        + "; list keyframes in time order");
            }
        }
        return List.copyOf(frames);
    }

    /** The ego vehicle: follows the road centreline from {@code startSMeters} with a speed profile. */
    public record Ego(Double startSMeters, Double frontOverhangMeters, Double widthMeters,
            List<Keyframe> speedProfile) {
        public Ego {
            startSMeters = finite("startSMeters", startSMeters != null ? startSMeters : 0.0, "metres along the road");
            frontOverhangMeters = positive("frontOverhangMeters",
                    frontOverhangMeters != null ? frontOverhangMeters : SimDefaults.EGO_FRONT_OVERHANG_METERS,
                    "metres from base_link to the front bumper, e.g. 3.7");
            widthMeters = positive("widthMeters", widthMeters != null ? widthMeters : SimDefaults.EGO_WIDTH_METERS,
                    "metres, e.g. 1.85");
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
            fromXMeters = finite("fromXMeters", fromXMeters, "metres east");
            fromYMeters = finite("fromYMeters", fromYMeters, "metres north");
            toXMeters = finite("toXMeters", toXMeters, "metres east");
            toYMeters = finite("toYMeters", toYMeters, "metres north");
            startSeconds = nonNegative("startSeconds", startSeconds, "seconds from the scenario start");
            speedMetersPerSecond = positive("speedMetersPerSecond", speedMetersPerSecond,
                    "metres per second, e.g. 1.4");
            lengthMeters = positive("lengthMeters",
                    lengthMeters != null ? lengthMeters : SimDefaults.PEDESTRIAN_LENGTH_METERS, "metres");
            widthMeters = positive("widthMeters",
                    widthMeters != null ? widthMeters : SimDefaults.PEDESTRIAN_WIDTH_METERS, "metres");
            heightMeters = positive("heightMeters",
                    heightMeters != null ? heightMeters : SimDefaults.PEDESTRIAN_HEIGHT_METERS, "metres");
        }
    }

    /** A car following the road at {@code lateralMeters} from the centreline, from {@code startSMeters} (its centre). */
    public record Car(String id, Double startSMeters, Double lateralMeters, List<Keyframe> speedProfile,
            Double lengthMeters, Double widthMeters, Double heightMeters) implements Actor {
        public Car {
            required("id", id, "car-1");
            startSMeters = finite("startSMeters", startSMeters, "metres along the road (the car's centre)");
            lateralMeters = finite("lateralMeters", lateralMeters != null ? lateralMeters : 0.0,
                    "metres left of the centreline");
            speedProfile = keyframes("speedProfile", speedProfile);
            lengthMeters = positive("lengthMeters", lengthMeters != null ? lengthMeters : SimDefaults.CAR_LENGTH_METERS,
                    "metres");
            widthMeters = positive("widthMeters", widthMeters != null ? widthMeters : SimDefaults.CAR_WIDTH_METERS,
                    "metres");
            heightMeters = positive("heightMeters", heightMeters != null ? heightMeters : SimDefaults.CAR_HEIGHT_METERS,
                    "metres");
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
                throw new ScenarioValueException("kind", "bad value '" + kind + "'; write car or wall");
            }
            boolean car = kind.equals("car");
            sMeters = finite("sMeters", sMeters, "metres along the road (the box's centre)");
            lateralMeters = finite("lateralMeters", lateralMeters, "metres left of the centreline, e.g. 4.5");
            yawDeg = finite("yawDeg", yawDeg != null ? yawDeg : 0.0, "degrees from the road direction");
            lengthMeters = positive("lengthMeters", lengthMeters != null ? lengthMeters
                    : car ? SimDefaults.CAR_LENGTH_METERS : null, "metres");
            widthMeters = positive("widthMeters", widthMeters != null ? widthMeters
                    : car ? SimDefaults.CAR_WIDTH_METERS : SimDefaults.WALL_THICKNESS_METERS, "metres");
            heightMeters = positive("heightMeters", heightMeters != null ? heightMeters
                    : car ? SimDefaults.CAR_HEIGHT_METERS : SimDefaults.WALL_HEIGHT_METERS, "metres");
        }
    }

    /** Sensor settings; an absent sensor block takes every default. */
    public record Sensors(Lidar lidar, Camera camera, Gnss gnss, Imu imu) {
        public Sensors {
            lidar = lidar != null ? lidar : new Lidar(null, null, null, null, null, null, null, null, null, null, null);
            camera = camera != null ? camera : new Camera(null, null, null, null, null, null, null, null, null);
            gnss = gnss != null ? gnss : new Gnss(null, null, null, null, null, null, null);
            imu = imu != null ? imu : new Imu(null, null, null, null, null, null);
        }
    }

    /** Clock and transport of one sensor, resolved: rate, clock offset, Gaussian stamp jitter (1 sigma), latency. */
    public record Timing(double rateHz, double clockOffsetMillis, double stampJitterMillis, double latencyMillis) {
        static Timing of(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis) {
            return new Timing(positive("rateHz", rateHz, "hertz"), finite("clockOffsetMillis", clockOffsetMillis,
                    "milliseconds (sensor stamp = vehicle time + offset)"),
                    nonNegative("stampJitterMillis", stampJitterMillis, "milliseconds (1 sigma)"),
                    nonNegative("latencyMillis", latencyMillis, "milliseconds"));
        }

        public long periodNanos() {
            return Math.round(1e9 / rateHz);
        }
    }

    /** Where a sensor sits on base_link; angles in degrees (roll, pitch, yaw; intrinsic Z-Y-X). */
    public record Mount(Double xMeters, Double yMeters, Double zMeters, Double rollDeg, Double pitchDeg,
            Double yawDeg) {
        public Mount {
            xMeters = finite("xMeters", xMeters, "metres forward of base_link");
            yMeters = finite("yMeters", yMeters != null ? yMeters : 0.0, "metres left of base_link");
            zMeters = positive("zMeters", zMeters, "metres above the ground (the sensor must be above the road)");
            rollDeg = finite("rollDeg", rollDeg != null ? rollDeg : 0.0, "degrees");
            pitchDeg = finite("pitchDeg", pitchDeg != null ? pitchDeg : 0.0, "degrees");
            yawDeg = finite("yawDeg", yawDeg != null ? yawDeg : 0.0, "degrees");
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
            beams = (int) inRange("beams", (double) (beams != null ? beams : SimDefaults.LIDAR_BEAMS), 1, 256,
                    "a whole number of lasers in [1, 256], e.g. 32");
            azimuths = (int) inRange("azimuths", (double) (azimuths != null ? azimuths : SimDefaults.LIDAR_AZIMUTHS),
                    1, 10_000, "a whole number of columns per sweep in [1, 10000], e.g. 1800");
            lowestBeamDeg = inRange("lowestBeamDeg",
                    lowestBeamDeg != null ? lowestBeamDeg : SimDefaults.LIDAR_LOWEST_BEAM_DEG, -89, 89, "degrees");
            highestBeamDeg = inRange("highestBeamDeg",
                    highestBeamDeg != null ? highestBeamDeg : SimDefaults.LIDAR_HIGHEST_BEAM_DEG, lowestBeamDeg, 89,
                    "degrees, not below lowestBeamDeg");
            maxRangeMeters = positive("maxRangeMeters",
                    maxRangeMeters != null ? maxRangeMeters : SimDefaults.LIDAR_MAX_RANGE_METERS, "metres");
            rangeNoiseMeters = nonNegative("rangeNoiseMeters",
                    rangeNoiseMeters != null ? rangeNoiseMeters : SimDefaults.LIDAR_RANGE_NOISE_METERS,
                    "metres (1 sigma)");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }

    public record Camera(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Mount mount, Integer widthPixels, Integer heightPixels, Double horizontalFovDeg, Double exposureMillis) {
        public Camera {
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
            widthPixels = (int) inRange("widthPixels",
                    (double) (widthPixels != null ? widthPixels : SimDefaults.CAMERA_WIDTH_PIXELS), 16, 8192,
                    "a whole number of pixels, e.g. 640");
            heightPixels = (int) inRange("heightPixels",
                    (double) (heightPixels != null ? heightPixels : SimDefaults.CAMERA_HEIGHT_PIXELS), 16, 8192,
                    "a whole number of pixels, e.g. 360");
            horizontalFovDeg = inRange("horizontalFovDeg",
                    horizontalFovDeg != null ? horizontalFovDeg : SimDefaults.CAMERA_HORIZONTAL_FOV_DEG, 1, 170,
                    "degrees in [1, 170], e.g. 90");
            exposureMillis = nonNegative("exposureMillis",
                    exposureMillis != null ? exposureMillis : SimDefaults.CAMERA_EXPOSURE_MILLIS, "milliseconds");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }

    public record Gnss(Double rateHz, Double clockOffsetMillis, Double stampJitterMillis, Double latencyMillis,
            Double positionNoiseMeters, Double hdop, Integer satellitesUsed) {
        public Gnss {
            Timing t = Timing.of(rateHz != null ? rateHz : SimDefaults.GNSS_RATE_HZ,
                    clockOffsetMillis != null ? clockOffsetMillis : SimDefaults.GNSS_CLOCK_OFFSET_MILLIS,
                    stampJitterMillis != null ? stampJitterMillis : SimDefaults.GNSS_STAMP_JITTER_MILLIS,
                    latencyMillis != null ? latencyMillis : SimDefaults.GNSS_LATENCY_MILLIS);
            rateHz = inRange("rateHz", t.rateHz(), 0.1, 100, "hertz in [0.1, 100] (NMEA time has centiseconds)");
            clockOffsetMillis = t.clockOffsetMillis();
            stampJitterMillis = t.stampJitterMillis();
            latencyMillis = t.latencyMillis();
            positionNoiseMeters = nonNegative("positionNoiseMeters",
                    positionNoiseMeters != null ? positionNoiseMeters : SimDefaults.GNSS_POSITION_NOISE_METERS,
                    "metres (1 sigma per axis)");
            hdop = positive("hdop", hdop != null ? hdop : SimDefaults.GNSS_HDOP, "(dimensionless), e.g. 0.8");
            satellitesUsed = (int) inRange("satellitesUsed",
                    (double) (satellitesUsed != null ? satellitesUsed : SimDefaults.GNSS_SATELLITES_USED), 4, 99,
                    "a whole number in [4, 99]");
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
            gyroNoiseRadPerSec = nonNegative("gyroNoiseRadPerSec",
                    gyroNoiseRadPerSec != null ? gyroNoiseRadPerSec : SimDefaults.IMU_GYRO_NOISE_RAD_PER_SEC,
                    "rad/s (1 sigma)");
            accelNoiseMetersPerSec2 = nonNegative("accelNoiseMetersPerSec2",
                    accelNoiseMetersPerSec2 != null ? accelNoiseMetersPerSec2
                            : SimDefaults.IMU_ACCEL_NOISE_METERS_PER_SEC2, "m/s^2 (1 sigma)");
        }

        public Timing timing() {
            return new Timing(rateHz, clockOffsetMillis, stampJitterMillis, latencyMillis);
        }
    }
}
