package org.avfusion.drivers.lidar;

import java.util.Objects;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;

/**
 * Settings of a {@link ScanAssembler}.
 *
 * @param sensor           the lidar's id, stamped on every published scan; must be of kind LIDAR
 * @param cutAzimuthDeg    rotor angle at which one revolution ends and the next begins, [0, 360)
 * @param maxPointsPerScan capacity of each pooled cloud, >= 1 (points past it are dropped and counted)
 * @param pooledClouds     clouds in the pool, >= 2 (one filling, the others owned downstream)
 * @param maxScanNanos     a scan whose points span longer than this is cut anyway (a stalled rotor), > 0 and at
 *                         most 2 s (point time offsets are stored as int nanoseconds)
 */
public record ScanAssemblerConfig(SensorId sensor, double cutAzimuthDeg, int maxPointsPerScan, int pooledClouds,
                                  long maxScanNanos) {
    /** Default bound on one scan's duration: 1 s (a spinning lidar turns at 5 to 20 Hz). */
    public static final long DEFAULT_MAX_SCAN_NANOS = 1_000_000_000L;
    /** Default pool size. */
    public static final int DEFAULT_POOLED_CLOUDS = 4;

    public ScanAssemblerConfig {
        Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.LIDAR) {
            throw new IllegalArgumentException("scan assembler sensor " + sensor + " must be of kind LIDAR, was "
                    + sensor.kind());
        }
        if (!(cutAzimuthDeg >= 0 && cutAzimuthDeg < 360)) {
            throw new IllegalArgumentException("cutAzimuthDeg must be in [0, 360), was " + cutAzimuthDeg);
        }
        if (maxPointsPerScan < 1) {
            throw new IllegalArgumentException("maxPointsPerScan must be >= 1, was " + maxPointsPerScan);
        }
        if (pooledClouds < 2) {
            throw new IllegalArgumentException("pooledClouds must be >= 2, was " + pooledClouds);
        }
        if (maxScanNanos <= 0 || maxScanNanos > 2_000_000_000L) {
            throw new IllegalArgumentException("maxScanNanos must be in (0, 2e9], was " + maxScanNanos);
        }
    }

    /** Defaults for everything but the sensor, the cut angle and the capacity. */
    public static ScanAssemblerConfig of(SensorId sensor, double cutAzimuthDeg, int maxPointsPerScan) {
        return new ScanAssemblerConfig(sensor, cutAzimuthDeg, maxPointsPerScan, DEFAULT_POOLED_CLOUDS,
                DEFAULT_MAX_SCAN_NANOS);
    }
}
