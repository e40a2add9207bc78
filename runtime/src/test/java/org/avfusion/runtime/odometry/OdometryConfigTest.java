package org.avfusion.runtime.odometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OdometryConfigTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "voxelSizeMeters,        0.01",
        "voxelSizeMeters,        NaN",
        "maxRangeMeters,         0",
        "maxRangeMeters,         600",
        "minRangeMeters,         -1",
        "minRangeMeters,         100",
        "maxPointsPerVoxel,      0",
        "maxPointsPerVoxel,      101",
        "initialThresholdMeters, 0",
        "minMotionMeters,        -0.1",
        "maxIterations,          0",
        "convergenceEpsilon,     0",
        "convergenceEpsilon,     2",
        "minCorrespondences,     5"})
    void rejectsOutOfRangeValuesNamingTheField(String field, double value) {
        OdometryConfig d = OdometryConfig.DEFAULTS;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OdometryConfig(
                field.equals("voxelSizeMeters") ? value : d.voxelSizeMeters(),
                field.equals("maxRangeMeters") ? value : d.maxRangeMeters(),
                field.equals("minRangeMeters") ? value : d.minRangeMeters(),
                field.equals("maxPointsPerVoxel") ? (int) value : d.maxPointsPerVoxel(),
                field.equals("initialThresholdMeters") ? value : d.initialThresholdMeters(),
                field.equals("minMotionMeters") ? value : d.minMotionMeters(),
                field.equals("maxIterations") ? (int) value : d.maxIterations(),
                field.equals("convergenceEpsilon") ? value : d.convergenceEpsilon(),
                field.equals("minCorrespondences") ? (int) value : d.minCorrespondences()));
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @ParameterizedTest(name = "max range {0} m -> voxel {1} m")
    @CsvSource({"100, 1.0", "50, 0.5", "2, 0.05"})
    void scalesTheVoxelWithTheRangeAsKissIcp(double range, double voxel) {
        assertEquals(voxel, OdometryConfig.forMaxRange(range).voxelSizeMeters(), 1e-12);
    }
}
