package org.avfusion.scenarios.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario numbers that were accepted and then crashed or hung the simulator (a sensor rate whose period rounds to
 * zero: "/ by zero"; a latency of 1e15 ms: a hang) are refused at load with the file, the key path, the value and
 * the allowed range.
 */
class ScenarioBoundsTest {
    private static final String BASE = """
            description: bounds
            seed: 1
            durationSeconds: 5
            road:
              segments:
                - {type: straight, lengthMeters: 100}
            ego:
              speedProfile:
                - {atSeconds: 0, speedMetersPerSecond: 5}
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lidar rate whose period rounds to zero | sensors: {lidar: {rateHz: 1e10}}       | sensors.lidar.rateHz: must be in (0, 1000] Hz, was 1.0E10
            camera rate of 1e10 Hz                 | sensors: {camera: {rateHz: 1e10}}      | sensors.camera.rateHz: must be in (0, 1000] Hz
            imu rate of zero                       | sensors: {imu: {rateHz: 0}}            | sensors.imu.rateHz: must be > 0, was 0.0
            lidar latency of 1e15 ms               | sensors: {lidar: {latencyMillis: 1e15}} | sensors.lidar.latencyMillis: must be in [0, 10000] ms, was 1.0E15
            gnss latency of 1e15 ms                | sensors: {gnss: {latencyMillis: 1e15}}  | sensors.gnss.latencyMillis: must be in [0, 10000] ms
            camera clock offset of 1e15 ms         | sensors: {camera: {clockOffsetMillis: 1e15}} | sensors.camera.clockOffsetMillis: must be in [-1000, 1000] ms
            a drive of a thousand hours            | durationSeconds: 3.6e6                 | durationSeconds: must be in (0, 3600] s, was 3600000.0
            a road start 1e300 m away              | 'road: {startXMeters: 1e300, segments: [{type: straight, lengthMeters: 100}]}' | road.startXMeters: must be in [-100000, 100000] m
            a speed of light                       | 'ego: {speedProfile: [{atSeconds: 0, speedMetersPerSecond: 3e8}]}' | ego.speedProfile[0].speedMetersPerSecond: must be in [0, 100] m/s
            """)
    void absurdScenarioValueIsRefusedWithKeyAndRange(String what, String line, String expected) throws IOException {
        String key = line.substring(0, line.indexOf(':'));
        String yaml = BASE.lines().filter(l -> !l.startsWith(key + ":") && !(key.equals("road") || key.equals("ego")
                ? isBlockOf(l, key) : false)).reduce("", (a, b) -> a + b + "\n") + line + "\n";
        Path file = Files.writeString(dir.resolve("absurd.yaml"), yaml);
        String message = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(file), what).getMessage();
        assertTrue(message.startsWith("absurd.yaml: " + expected), what + ": " + message);
    }

    /** Lines of BASE's block under a top-level key (its indented children included). */
    private static boolean isBlockOf(String line, String key) {
        int start = BASE.indexOf(key + ":");
        int end = BASE.indexOf("\n", BASE.indexOf("\n", BASE.indexOf("\n", start) + 1) + 1);
        return BASE.substring(start, end + 1).contains(line + "\n") && !line.isBlank();
    }
}
