package org.avfusion.runtime.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.ring.RingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetCheckTest {

    private static RuntimeConfig withRing(int size) {
        RuntimeConfig d = RuntimeConfig.defaults();
        return new RuntimeConfig(d.vehicle(), new RingConfig(size, d.ring().waitStrategy(), d.ring().tickPeriodMillis()),
                d.sensors(), d.alignment(), d.perception(), d.occupancy(), d.decision(), d.mqtt(), d.live());
    }

    /**
     * Default profile (lidar, camera, GNSS, IMU: 150 frames/s nominal + 100 ticks/s, 80 ms alignment wait).
     * Ring 64 needs 2 x 250 x (80 + 15 + inference) / 1000 = 47.5 slots without a model, 77.5 with 60 ms.
     */
    @ParameterizedTest(name = "ring {0}, sweep {1} ms, inference {2} ms -> {3}")
    @CsvSource({
        "4096, 15, NaN, ''",
        "4096, 15, 20,  ''",
        "4096, 15, 60,  'model slower than the camera: inference 60.0 ms'",
        "4096, 15, 95,  'model too slow for the set period: a warm set takes 110.0 ms'",
        "64,   15, NaN, ''",
        "64,   15, 60,  'model slower than the camera|ring too small: 64 slots < 78 needed'",
        "32,   15, NaN, 'ring too small: 32 slots < 48 needed'"})
    void warnsWithTheMeasuredNumbers(int ring, double sweepMillis, double inferenceMillis, String expected) {
        int inferences = Double.isNaN(inferenceMillis) ? 0 : 3;
        WarmupReport warm = new WarmupReport(1, 1, 30, 200, sweepMillis, inferences,
                inferences == 0 ? Double.NaN : 400, inferenceMillis);
        List<String> warnings = BudgetCheck.check(withRing(ring), warm);
        List<String> prefixes = expected.isEmpty() ? List.of() : List.of(expected.split("\\|"));
        assertEquals(prefixes.size(), warnings.size(), warnings.toString());
        for (int i = 0; i < prefixes.size(); i++) {
            assertTrue(warnings.get(i).startsWith(prefixes.get(i)), warnings.get(i));
        }
    }
}
