package org.avfusion.runtime.perceive.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ClusterConfig and GroundPrior reject impossible values with the key, the value and what to write. */
class ClusterConfigTest {
    private static final ClusterConfig D = ClusterConfig.DEFAULTS;

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> D.withToleranceMeters(0),
                        "clusters.toleranceMeters must be > 0, was 0.0"),
                Arguments.of((Supplier<Object>) () -> D.withToleranceMeters(Double.NaN),
                        "clusters.toleranceMeters must be > 0, was NaN"),
                Arguments.of((Supplier<Object>) () -> D.withClusterPoints(0, 10),
                        "clusters.minClusterPoints must be >= 1, was 0"),
                Arguments.of((Supplier<Object>) () -> D.withClusterPoints(20, 10),
                        "clusters.maxClusterPoints (10) must be >= minClusterPoints (20)"),
                Arguments.of((Supplier<Object>) () -> D.withVoxelSizeMeters(-0.1),
                        "clusters.voxelSizeMeters must be > 0, was -0.1"),
                Arguments.of((Supplier<Object>) () -> D.withVoxelSizeMeters(1e-5),
                        "clusters.voxelSizeMeters 1.0E-5 is too small for the cropped volume: write a value >= "
                                + (80.0 / (1 << 19))),
                Arguments.of((Supplier<Object>) () -> new ClusterConfig(10, 5, -2, 4, 0.1, 360, 1, 8, 5, 0.15, 0.2, 0.6,
                        8, 100), "clusters.maxRangeMeters (5.0) must be > minRangeMeters (10.0)"),
                Arguments.of((Supplier<Object>) () -> new ClusterConfig(2.5, 80, 4, 4, 0.1, 360, 1, 8, 5, 0.15, 0.2,
                        0.6, 8, 100), "clusters.maxHeightMeters (4.0) must be > minHeightMeters (4.0)"),
                Arguments.of((Supplier<Object>) () -> new ClusterConfig(2.5, 80, -2, 4, 0.1, 4, 1, 8, 5, 0.15, 0.2,
                        0.6, 8, 100), "clusters.azimuthBins must be in [8, 7200], was 4"),
                Arguments.of((Supplier<Object>) () -> new ClusterConfig(2.5, 80, -2, 4, 0.1, 360, 1, 75, 5, 0.15, 0.2,
                        0.6, 8, 100), "clusters.maxLocalSlopeDeg must be in [0, 60) degrees, was 75.0"),
                Arguments.of((Supplier<Object>) () -> new GroundPrior(0, 0, 0, 1.73),
                        "ground prior up vector must be finite and non-zero, was (0.0, 0.0, 0.0)"),
                Arguments.of((Supplier<Object>) () -> new GroundPrior(0, 0, 1, -1),
                        "ground prior sensorHeightMeters must be in [0, 100), was -1.0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badConfigs")
    void rejectsWithTheKeyAndTheValue(Supplier<Object> make, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAreValidAndDocumented() {
        assertEquals(0.6, D.toleranceMeters());
        assertEquals(0.1, D.voxelSizeMeters());
        assertEquals(8, D.minClusterPoints());
        assertEquals(80, D.rangeBins());
    }

    @Test
    void groundPriorNormalisesItsUpVector() {
        GroundPrior p = new GroundPrior(0, 0, 2, 1.73);
        assertEquals(1, p.upZ());
        assertEquals(1.73, p.heightAboveMeters(5, 5, 0), 1e-12);
        assertEquals(0, p.heightAboveMeters(5, 5, -1.73), 1e-12);
    }
}
