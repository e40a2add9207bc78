package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario numbers that were accepted and then crashed or hung the simulator (a sensor rate whose period rounds to
 * zero: "/ by zero"; a latency of 1e15 ms: a hang) are refused at load with the file, the key path, the value and
 * the allowed range.
 */
class ScenarioBoundsTest {
    /** A valid scenario, one top-level key per entry; each row replaces or adds one. */
    private static Map<String, String> base() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("description", "bounds");
        m.put("seed", "1");
        m.put("durationSeconds", "5");
        m.put("road", "{segments: [{type: straight, lengthMeters: 100}]}");
        m.put("ego", "{speedProfile: [{atSeconds: 0, speedMetersPerSecond: 5}]}");
        return m;
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lidar rate whose period rounds to zero | sensors         | {lidar: {rateHz: 1e10}}          | sensors.lidar.rateHz: must be in (0, 1000] Hz, was 1.0E10
            camera rate of 1e10 Hz                 | sensors         | {camera: {rateHz: 1e10}}         | sensors.camera.rateHz: must be in (0, 1000] Hz
            imu rate of zero                       | sensors         | {imu: {rateHz: 0}}               | sensors.imu.rateHz: must be > 0, was 0.0
            lidar latency of 1e15 ms               | sensors         | {lidar: {latencyMillis: 1e15}}   | sensors.lidar.latencyMillis: must be in [0, 10000] ms, was 1.0E15
            gnss latency of 1e15 ms                | sensors         | {gnss: {latencyMillis: 1e15}}    | sensors.gnss.latencyMillis: must be in [0, 10000] ms
            camera clock offset of 1e15 ms         | sensors         | {camera: {clockOffsetMillis: 1e15}} | sensors.camera.clockOffsetMillis: must be in [-1000, 1000] ms
            a drive of a thousand hours            | durationSeconds | 3.6e6                            | durationSeconds: must be in (0, 3600] s, was 3600000.0
            a road start 1e300 m away              | road            | '{startXMeters: 1e300, segments: [{type: straight, lengthMeters: 100}]}' | road.startXMeters: must be in [-100000, 100000] m
            a speed of light                       | ego             | '{speedProfile: [{atSeconds: 0, speedMetersPerSecond: 3e8}]}' | ego.speedProfile[0].speedMetersPerSecond: must be in [0, 100] m/s
            a reaction faster than the lockstep    | ego             | '{closedLoop: true, reactionDelaySeconds: 0.05, speedProfile: [{atSeconds: 0, speedMetersPerSecond: 5}]}' | ego.reactionDelaySeconds: must be in [0.2, 2] s
            brakes of 100 m/s^2                    | ego             | '{closedLoop: true, maxDecelMetersPerSec2: 100, speedProfile: [{atSeconds: 0, speedMetersPerSecond: 5}]}' | ego.maxDecelMetersPerSec2: must be in (0, 12] m/s^2
            a detector that misses 150 %           | sensors         | '{camera: {detector: {type: simulated, missProbability: 1.5}}}' | sensors.camera.detector.missProbability: must be in [0, 1]
            a detector of an unknown kind          | sensors         | '{camera: {detector: {type: yolo}}}' | sensors.camera.detector.type: bad value 'yolo'
            """)
    void absurdScenarioValueIsRefusedWithKeyAndRange(String what, String key, String value, String expected)
            throws IOException {
        Map<String, String> yaml = base();
        yaml.put(key, value);
        Path file = Files.writeString(dir.resolve("absurd.yaml"), yaml.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file), what).getMessage();
        assertTrue(message.startsWith("absurd.yaml: " + expected), what + ": " + message);
    }
}
