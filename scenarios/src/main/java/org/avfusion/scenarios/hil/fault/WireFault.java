package org.avfusion.scenarios.hil.fault;

import static org.avfusion.calibration.yaml.Bounds.requireInRange;
import static org.avfusion.calibration.yaml.Bounds.requireNonNegative;
import static org.avfusion.calibration.yaml.Bounds.requirePositive;
import static org.avfusion.calibration.yaml.Bounds.requireNonBlank;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.avfusion.calibration.yaml.BoundsException;

/**
 * One fault a HIL rig injects on the wire, as declared in a scenario's {@code faults:} list ({@code type:} picks
 * the kind). Every fault acts on one sensor ({@code sensor:}, a name of the scenario's rig: {@code lidar_top},
 * {@code gnss}) during {@code [fromSeconds, toSeconds)} of scenario time ({@code toSeconds} absent: to the end).
 * Rates are probabilities per packet (lidar data packet, NMEA sentence) in [0, 1]; draws come from the scenario
 * seed, so a run repeats.
 *
 * <p>The documented reaction of the runtime to each kind is in {@code docs/HIL.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WireFault.Drop.class, name = "drop"),
    @JsonSubTypes.Type(value = WireFault.Delay.class, name = "delay"),
    @JsonSubTypes.Type(value = WireFault.Duplicate.class, name = "duplicate"),
    @JsonSubTypes.Type(value = WireFault.Reorder.class, name = "reorder"),
    @JsonSubTypes.Type(value = WireFault.Corrupt.class, name = "corrupt"),
    @JsonSubTypes.Type(value = WireFault.Clock.class, name = "clock"),
    @JsonSubTypes.Type(value = WireFault.Silent.class, name = "silent"),
    @JsonSubTypes.Type(value = WireFault.Freeze.class, name = "freeze"),
    @JsonSubTypes.Type(value = WireFault.GnssJump.class, name = "gnssJump")})
public sealed interface WireFault {
    /** The longest scenario a fault window may name, s. */
    double MAX_SECONDS = 3600;

    String sensor();

    Double fromSeconds();

    Double toSeconds();

    /** Whether scenario time {@code seconds} is inside the fault's window. */
    default boolean activeAt(double seconds) {
        return seconds >= fromSeconds() && seconds < toSeconds();
    }

    /** The fault's kind as written in YAML ({@code drop}, {@code gnssJump}). */
    default String kind() {
        String n = getClass().getSimpleName();
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static double from(Double fromSeconds) {
        return requireNonNegative("fromSeconds", fromSeconds != null ? fromSeconds : 0.0, MAX_SECONDS, "s");
    }

    private static double to(Double fromSeconds, Double toSeconds) {
        double to = toSeconds != null ? toSeconds : MAX_SECONDS;
        double from = fromSeconds != null ? fromSeconds : 0.0;
        if (!(to > from)) {
            throw new BoundsException("toSeconds", "must be later than fromSeconds (" + from + "), was " + to);
        }
        return requirePositive("toSeconds", to, MAX_SECONDS, "s");
    }

    private static double rateOf(Double rate) {
        return requireInRange("rate", rate != null ? rate : 1.0, 0, 1, "(probability per packet)");
    }

    /** Drops packets: each with probability {@code rate}, then the {@code burstPackets - 1} after it too. */
    record Drop(String sensor, Double fromSeconds, Double toSeconds, Double rate, Integer burstPackets)
            implements WireFault {
        public Drop {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            rate = WireFault.rateOf(rate);
            burstPackets = requireInRange("burstPackets", burstPackets != null ? burstPackets : 1, 1, 1_000_000, "");
        }
    }

    /** Delays every packet by {@code delayMillis} plus a uniform jitter in {@code [0, jitterMillis]}. */
    record Delay(String sensor, Double fromSeconds, Double toSeconds, Double delayMillis, Double jitterMillis)
            implements WireFault {
        public Delay {
            requireNonBlank("sensor", sensor, "gnss");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            delayMillis = requireNonNegative("delayMillis", delayMillis != null ? delayMillis : 0.0, 10_000, "ms");
            jitterMillis = requireNonNegative("jitterMillis", jitterMillis != null ? jitterMillis : 0.0, 10_000, "ms");
            if (delayMillis == 0 && jitterMillis == 0) {
                throw new BoundsException("delayMillis", "delay and jitter are both 0; write e.g. delayMillis: 50");
            }
        }
    }

    /** Sends packets twice (with probability {@code rate}). */
    record Duplicate(String sensor, Double fromSeconds, Double toSeconds, Double rate) implements WireFault {
        public Duplicate {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            rate = WireFault.rateOf(rate);
        }
    }

    /** Swaps a packet with the next one (with probability {@code rate}). */
    record Reorder(String sensor, Double fromSeconds, Double toSeconds, Double rate) implements WireFault {
        public Reorder {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            rate = WireFault.rateOf(rate);
        }
    }

    /** Overwrites {@code bytes} random bytes of a packet (with probability {@code rate}). */
    record Corrupt(String sensor, Double fromSeconds, Double toSeconds, Double rate, Integer bytes)
            implements WireFault {
        public Corrupt {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            rate = WireFault.rateOf(rate);
            bytes = requireInRange("bytes", bytes != null ? bytes : 1, 1, 1206, "bytes");
        }
    }

    /**
     * The sensor's own clock (the stamps inside its packets: Velodyne time past the hour, NMEA UTC) runs
     * {@code skewPpm} fast from {@code fromSeconds} and steps by {@code stepMillis} there.
     */
    record Clock(String sensor, Double fromSeconds, Double toSeconds, Double skewPpm, Double stepMillis)
            implements WireFault {
        public Clock {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            skewPpm = requireInRange("skewPpm", skewPpm != null ? skewPpm : 0.0, -100_000, 100_000, "ppm");
            stepMillis = requireInRange("stepMillis", stepMillis != null ? stepMillis : 0.0, -3_600_000, 3_600_000,
                    "ms");
            if (skewPpm == 0 && stepMillis == 0) {
                throw new BoundsException("skewPpm", "skew and step are both 0; write e.g. stepMillis: -500");
            }
        }

        /** How far the sensor's clock is off at scenario time {@code seconds}, ns. */
        public long offsetNanosAt(double seconds) {
            if (!activeAt(seconds)) {
                return 0;
            }
            return Math.round(stepMillis * 1e6 + (seconds - fromSeconds) * skewPpm * 1e3);
        }
    }

    /** The sensor sends nothing during the window, then comes back. */
    record Silent(String sensor, Double fromSeconds, Double toSeconds) implements WireFault {
        public Silent {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
        }
    }

    /**
     * The sensor freezes: a lidar replays its last packet before the window at its packet rate, a GNSS receiver
     * repeats its last epoch's sentences, a camera repeats one frame.
     */
    record Freeze(String sensor, Double fromSeconds, Double toSeconds) implements WireFault {
        public Freeze {
            requireNonBlank("sensor", sensor, "lidar_top");
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
        }
    }

    /** The GNSS position jumps by ({@code eastMeters}, {@code northMeters}) during the window. */
    record GnssJump(String sensor, Double fromSeconds, Double toSeconds, Double eastMeters, Double northMeters)
            implements WireFault {
        public GnssJump {
            sensor = sensor != null ? sensor : "gnss";
            toSeconds = WireFault.to(fromSeconds, toSeconds);
            fromSeconds = WireFault.from(fromSeconds);
            eastMeters = requireInRange("eastMeters", eastMeters != null ? eastMeters : 0.0, -100_000, 100_000, "m");
            northMeters = requireInRange("northMeters", northMeters != null ? northMeters : 0.0, -100_000, 100_000,
                    "m");
            if (eastMeters == 0 && northMeters == 0) {
                throw new BoundsException("eastMeters", "the jump is 0 m; write e.g. eastMeters: 50");
            }
        }
    }
}
