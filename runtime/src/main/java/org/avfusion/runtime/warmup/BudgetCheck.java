package org.avfusion.runtime.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;

/**
 * Start-up check of settings that would break the latency budget, from what warm-up measured on this CPU, so that
 * they are reported before the first frame instead of discovered later as drops (issue #17, "Bad input").
 *
 * <p>Two checks, each a warning line with the measured numbers (nothing is refused: the vehicle may still run):
 * <ul>
 *   <li><b>Model too slow</b>: the perceive stage runs segmentation and one inference per set, so a warm set costs
 *       {@code lastSweepMillis + warmInferenceMillis}; more than the camera's period means camera frames queue
 *       faster than they are used, more than the set (lidar) period means the ring fills.</li>
 *   <li><b>Ring too small</b>: while one set is perceived and a set waits up to {@code alignment.maxWaitMillis} for
 *       late partners, every sensor frame and every clock tick takes a slot; the ring must hold twice that many
 *       (a margin for a slow set):
 *       {@code 2 * (sum of sensor rates + 1000 / tickPeriodMillis) * (maxWaitMillis + perSetMillis) / 1000}.</li>
 * </ul>
 * Sensor rates are not in the profile; the nominal rates below are used (the rates of the shipped rigs).
 */
public final class BudgetCheck {
    /** Nominal sensor rate, Hz, by kind: lidar 10, camera 30, GNSS 10, IMU 100, odometry 50. */
    static double nominalRateHz(SensorKind kind) {
        return switch (kind) {
            case LIDAR -> 10;
            case CAMERA -> 30;
            case GNSS -> 10;
            case IMU -> 100;
            case ODOMETRY -> 50;
        };
    }

    private BudgetCheck() {
    }

    /** The warnings for {@code config} given the warm-up's measurements; empty when the budget holds. */
    public static List<String> check(RuntimeConfig config, WarmupReport warm) {
        List<String> warnings = new ArrayList<>();
        double inference = warm.inferences() > 0
                ? (Double.isNaN(warm.warmInferenceMillis()) ? warm.firstInferenceMillis() : warm.warmInferenceMillis())
                : 0;
        double perSet = warm.lastSweepMillis() + inference;
        boolean camera = false;
        double rateHz = 1000.0 / config.ring().tickPeriodMillis();
        for (SensorConfig s : config.sensors()) {
            rateHz += nominalRateHz(s.kind());
            camera |= s.kind() == SensorKind.CAMERA;
        }
        if (warm.inferences() > 0 && camera) {
            double cameraPeriod = 1000.0 / nominalRateHz(SensorKind.CAMERA);
            double setPeriod = 1000.0 / nominalRateHz(SensorKind.LIDAR);
            if (perSet > setPeriod) {
                warnings.add(String.format(Locale.ROOT, "model too slow for the set period: a warm set takes %.1f ms "
                        + "in perceive (inference %.1f ms + lidar %.1f ms, measured at warm-up) > %.1f ms between "
                        + "sweeps (10 Hz): the ring will fill and frames will be dropped or stall", perSet, inference,
                        warm.lastSweepMillis(), setPeriod));
            } else if (inference > cameraPeriod) {
                warnings.add(String.format(Locale.ROOT, "model slower than the camera: inference %.1f ms (measured at "
                        + "warm-up) > %.1f ms camera period (30 Hz); detection runs on one image per sweep, so only "
                        + "%.0f %% of camera frames can be detected", inference, cameraPeriod,
                        100 * Math.min(1, cameraPeriod / inference)));
            }
        }
        double needed = 2 * rateHz * (config.alignment().maxWaitMillis() + perSet) / 1000;
        if (config.ring().size() < needed) {
            warnings.add(String.format(Locale.ROOT, "ring too small: %d slots < %.0f needed (2 x %.0f frames and ticks "
                    + "per second x (%.0f ms alignment wait + %.1f ms per set measured at warm-up)); raise ring.size",
                    config.ring().size(), needed, rateHz, config.alignment().maxWaitMillis(), perSet));
        }
        return List.copyOf(warnings);
    }
}
