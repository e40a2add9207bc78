package org.avfusion.runtime.occupancy;

import static org.avfusion.runtime.occupancy.GridFixtures.emptyGrid;
import static org.avfusion.runtime.occupancy.GridFixtures.occupy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An obstacle list's storage grows with what extractions need, never past the capacity, and keeps what it held:
 * {@code blobs} single cells 2 m apart along y = 0 (x = 5, 7, 9, ...), extracted twice into one list.
 */
class ObstacleListStorageTest {
    @ParameterizedTest(name = "capacity {0}, {1} blobs: size {2}, storage {3}")
    @CsvSource({
        // capacity, blobs, size, storage after
        "64,  0,  0,  8",
        "64,  8,  8,  8",
        "64,  9,  9, 16",
        "64, 20, 20, 32",
        "64, 25, 25, 32",
        "64, 40, 40, 64",
        "3,  20,  3,  3",
        "12, 20, 12, 12",
    })
    void storageGrowsToWhatIsNeededUpToTheCapacity(int capacity, int blobs, int size, int storage) {
        OccupancyGrid grid = emptyGrid();
        for (int i = 0; i < blobs; i++) {
            occupy(grid, 5.1 + 2 * (i % 27), -28 + 2 * (i / 27));
        }
        ObstacleList out = new ObstacleList(capacity);
        ObstacleExtractor extractor = new ObstacleExtractor();
        extractor.extract(grid, out);
        assertEquals(size, out.size());
        assertEquals(storage, out.storage());
        double[] first = new double[size];
        for (int i = 0; i < size; i++) {
            first[i] = out.rangeMeters(i);
        }
        extractor.extract(grid, out);
        assertEquals(storage, out.storage(), "a second extraction of the same grid does not grow it again");
        for (int i = 0; i < size; i++) {
            assertEquals(first[i], out.rangeMeters(i), 1e-12, "obstacle " + i);
            if (i > 0) {
                assertEquals(true, out.rangeMeters(i - 1) <= out.rangeMeters(i), "nearest first at " + i);
            }
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @CsvSource({"0", "-1"})
    void capacityBelowOneIsRefused(int capacity) {
        assertThrows(IllegalArgumentException.class, () -> new ObstacleList(capacity));
    }
}
