package org.avfusion.runtime.config;

import static org.avfusion.calibration.yaml.Bounds.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.runtime.align.AlignmentConfig;
import org.avfusion.runtime.deadline.DeadlineConfig;
import org.avfusion.runtime.ego.EgoConfig;
import org.avfusion.runtime.occupancy.OccupancyConfig;
import org.avfusion.runtime.perceive.GroundFilterConfig;
import org.avfusion.runtime.fusion.FusionConfig;
import org.avfusion.runtime.plan.DecisionConfig;
import org.avfusion.runtime.plan.TrafficConfig;
import org.avfusion.runtime.track.TrackerConfig;
import org.avfusion.runtime.ring.RingConfig;
import org.avfusion.runtime.route.MapProfileConfig;

/**
 * The whole runtime configuration, as bound from a YAML profile merged over {@code config/default.yaml}.
 * Cross-field checks (the reference sensor exists and is a lidar, names unique, every live source feeds a configured
 * sensor of its driver's kind) happen here.
 */
public record RuntimeConfig(
        VehicleConfig vehicle,
        RingConfig ring,
        List<SensorConfig> sensors,
        AlignmentConfig alignment,
        GroundFilterConfig perception,
        OccupancyConfig occupancy,
        DecisionConfig decision,
        MqttConfig mqtt,
        LiveConfig live,
        MapProfileConfig map,
        EgoConfig ego,
        FusionConfig fusion,
        TrackerConfig tracker,
        TrafficConfig traffic,
        DeadlineConfig deadline) {

    public RuntimeConfig {
        required("vehicle", vehicle, "{id: sim01, ...}");
        required("ring", ring, "{size: 4096, ...}");
        required("sensors", sensors, "[{name: lidar_top, kind: LIDAR, ...}]");
        required("alignment", alignment, "{referenceSensor: lidar_top, ...}");
        required("perception", perception, "{azimuthBins: 720, ...}");
        required("occupancy", occupancy, "{cellSizeMeters: 0.25, ...}");
        required("decision", decision, "{standoffMeters: 6.0, ...}");
        required("mqtt", mqtt, "{brokerUrl: embedded, ...}");
        required("live", live, "{sources: []}");
        required("map", map, "{file: \"\", ...}");
        required("ego", ego, "{filterEnabled: true, ...}");
        required("fusion", fusion, "{minIou: 0.3, method: HUNGARIAN, ...}");
        required("tracker", tracker, "{birthHits: 3, ...}");
        required("traffic", traffic, "{timeGapSeconds: 2.0, ...}");
        required("deadline", deadline, "{budgetMillis: 500, watchdogPeriodMillis: 500}");
        sensors = List.copyOf(sensors);
        if (sensors.isEmpty()) {
            throw new ConfigException("sensors is empty: configure at least the reference lidar");
        }
        if (sensors.size() > 31) {
            throw new ConfigException("sensors has " + sensors.size() + " entries; at most 31 are supported");
        }
        Set<String> names = new HashSet<>();
        for (SensorConfig s : sensors) {
            if (!names.add(s.name())) {
                throw new ConfigException("sensors: name '" + s.name() + "' appears twice");
            }
        }
        SensorConfig ref = sensors.stream().filter(s -> s.name().equals(alignment.referenceSensor())).findFirst()
                .orElseThrow(() -> new ConfigException("alignment.referenceSensor '" + alignment.referenceSensor()
                        + "' is not among sensors " + names));
        if (ref.kind() != SensorKind.LIDAR) {
            throw new ConfigException("alignment.referenceSensor '" + ref.name() + "' is a " + ref.kind()
                    + "; it must be a LIDAR");
        }
        checkLiveSources(sensors, live);
    }

    /** A profile without live sources (the form before {@code live:} existed). */
    public RuntimeConfig(VehicleConfig vehicle, RingConfig ring, List<SensorConfig> sensors, AlignmentConfig alignment,
            GroundFilterConfig perception, OccupancyConfig occupancy, DecisionConfig decision, MqttConfig mqtt) {
        this(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, LiveConfig.NONE);
    }

    /**
     * A profile without a map section (the form before {@code map:} existed): the default's (no map); and the default
     * ego-motion, fusion, tracker and traffic settings.
     */
    public RuntimeConfig(VehicleConfig vehicle, RingConfig ring, List<SensorConfig> sensors, AlignmentConfig alignment,
            GroundFilterConfig perception, OccupancyConfig occupancy, DecisionConfig decision, MqttConfig mqtt,
            LiveConfig live) {
        this(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, defaults().map());
    }

    /** A profile without an {@code ego:} section (the form before it existed): the default ego-motion settings. */
    public RuntimeConfig(VehicleConfig vehicle, RingConfig ring, List<SensorConfig> sensors, AlignmentConfig alignment,
            GroundFilterConfig perception, OccupancyConfig occupancy, DecisionConfig decision, MqttConfig mqtt,
            LiveConfig live, MapProfileConfig map) {
        this(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, EgoConfig.defaults());
    }

    /** Without the fusion, tracker and traffic sections: their built-in defaults. */
    public RuntimeConfig(VehicleConfig vehicle, RingConfig ring, List<SensorConfig> sensors, AlignmentConfig alignment,
            GroundFilterConfig perception, OccupancyConfig occupancy, DecisionConfig decision, MqttConfig mqtt,
            LiveConfig live, MapProfileConfig map, EgoConfig ego) {
        this(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, ego,
                FusionConfig.DEFAULTS, TrackerConfig.DEFAULTS, TrafficConfig.DEFAULTS);
    }

    /** Without the deadline section (the form before it existed): the default latency budget and watchdog period. */
    public RuntimeConfig(VehicleConfig vehicle, RingConfig ring, List<SensorConfig> sensors, AlignmentConfig alignment,
            GroundFilterConfig perception, OccupancyConfig occupancy, DecisionConfig decision, MqttConfig mqtt,
            LiveConfig live, MapProfileConfig map, EgoConfig ego, FusionConfig fusion, TrackerConfig tracker,
            TrafficConfig traffic) {
        this(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, ego, fusion, tracker,
                traffic, defaults().deadline());
    }

    /** Every live source feeds a configured sensor of its driver's kind. */
    private static void checkLiveSources(List<SensorConfig> sensors, LiveConfig live) {
        for (int i = 0; i < live.sources().size(); i++) {
            LiveSourceConfig src = live.sources().get(i);
            int index = i;
            SensorConfig sensor = sensors.stream().filter(s -> s.name().equals(src.sensor())).findFirst()
                    .orElseThrow(() -> new ConfigException("live.sources[" + index + "].sensor '"
                            + src.sensor() + "' is not among sensors " + sensors.stream().map(SensorConfig::name)
                            .toList()));
            if (sensor.kind() != src.driver().kind()) {
                throw new ConfigException("live.sources[" + i + "].sensor '" + src.sensor() + "' is a "
                        + sensor.kind() + " but driver " + src.driver() + " feeds a " + src.driver().kind());
            }
            if (src instanceof LiveSourceConfig.NcomUdp ncom && !ncom.gnssSensor().isEmpty()
                    && sensors.stream().noneMatch(s -> s.name().equals(ncom.gnssSensor())
                            && s.kind() == SensorKind.GNSS)) {
                throw new ConfigException("live.sources[" + i + "].gnssSensor '" + ncom.gnssSensor()
                        + "' is not a GNSS sensor among sensors " + sensors.stream().map(SensorConfig::name).toList());
            }
        }
    }

    /**
     * This config with another vehicle and sensor list; the body dimensions derived into {@code perception} and
     * {@code decision} follow the new vehicle.
     */
    public RuntimeConfig withVehicleAndSensors(VehicleConfig v, List<SensorConfig> newSensors) {
        GroundFilterConfig p = perception;
        GroundFilterConfig perception2 = new GroundFilterConfig(p.azimuthBins(), p.rangeBinMeters(), p.maxRangeMeters(),
                p.maxSlopeDeg(), p.obstacleMinHeightMeters(), p.obstacleMaxHeightMeters(), v.lengthMeters(),
                v.widthMeters(), v.rearOverhangMeters());
        DecisionConfig d = decision;
        DecisionConfig decision2 = new DecisionConfig(v.widthMeters(), v.frontOverhangMeters(), d.corridorMarginMeters(),
                d.lookaheadMeters(), d.comfortDecelMetersPerSec2(), d.reactionTimeMillis(), d.standoffMeters(),
                d.slowHeadwaySeconds(), d.releaseMillis(), d.egoMotionMaxAgeMillis(), d.maxCurvaturePerMeter(),
                d.minCorridorCells());
        return new RuntimeConfig(v, ring, newSensors, alignment, perception2, occupancy, decision2, mqtt, live, map,
                ego, fusion, tracker, traffic, deadline);
    }

    /** This config with other MQTT settings. */
    public RuntimeConfig withMqtt(MqttConfig m) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, m, live, map, ego,
                fusion, tracker, traffic, deadline);
    }

    /** This config with other live sources. */
    public RuntimeConfig withLive(LiveConfig l) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, l, map, ego,
                fusion, tracker, traffic, deadline);
    }

    /** This config with another map section. */
    public RuntimeConfig withMap(MapProfileConfig m) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, m, ego,
                fusion, tracker, traffic, deadline);
    }

    /** This config with other ego-motion settings. */
    public RuntimeConfig withEgo(EgoConfig e) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, e,
                fusion, tracker, traffic, deadline);
    }

    /** This config with other fusion settings. */
    public RuntimeConfig withFusion(FusionConfig f) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, ego,
                f, tracker, traffic, deadline);
    }

    /** This config with another latency budget and watchdog period. */
    public RuntimeConfig withDeadline(DeadlineConfig d) {
        return new RuntimeConfig(vehicle, ring, sensors, alignment, perception, occupancy, decision, mqtt, live, map, ego,
                fusion, tracker, traffic, d);
    }

    /**
     * The built-in {@code config/default.yaml}, bound once: the base every fixture and tool starts from
     * ({@code RuntimeConfig.defaults().decision()}, {@code defaults().withMqtt(...)}) instead of retyping defaults.
     */
    public static RuntimeConfig defaults() {
        return Defaults.CONFIG;
    }

    /** Loaded on first use (holder idiom: thread-safe, once). */
    private static final class Defaults {
        static final RuntimeConfig CONFIG = new ConfigLoader().loadDefault();
    }

    /** Index of the reference sensor in {@link #sensors()}. */
    public int referenceIndex() {
        for (int i = 0; i < sensors.size(); i++) {
            if (sensors.get(i).name().equals(alignment.referenceSensor())) {
                return i;
            }
        }
        throw new IllegalStateException("validated in the constructor");
    }
}
