package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearingTest {

    @ParameterizedTest(name = "{0},{1} -> {2},{3}: {4} deg")
    @CsvSource({
        "0,  0,   1,  0,   0",
        "0,  0,   0,  1,   90",
        "0,  0,  -1,  0,   180",
        "0,  0,   0, -1,   270",
        "10, 10, 10, 10,   0",
        // Aviation Formulary worked example: LAX (33.95, -118.4) to JFK (40.6333, -73.7833), 65.89 deg
        "33.95, -118.4, 40.633333, -73.783333, 65.89",
        // crossing the antimeridian eastwards
        "0, 179.5, 0, -179.5, 90",
    })
    void initialBearingClockwiseFromNorth(double lat1, double lon1, double lat2, double lon2, double expectedDeg) {
        assertEquals(expectedDeg, Bearing.degrees(lat1, lon1, lat2, lon2), 0.01);
    }
}
