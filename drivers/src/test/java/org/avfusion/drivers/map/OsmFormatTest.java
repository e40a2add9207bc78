package org.avfusion.drivers.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The format is told by the first bytes of the shared extracts, whatever their names. */
class OsmFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "monaco.osm.gz,   XML_GZIP",
        "andorra.osm.pbf, PBF",
        "bautzen.osm,     XML",
    })
    void sharedExtractsAreRecognised(String name, OsmFormat expected) {
        assertEquals(expected, OsmFormat.detect(SharedOsm.file(name)));
    }

    @ParameterizedTest(name = "{0} renamed to {1} is still {2}")
    @CsvSource({
        "monaco.osm.gz,   monaco.bin,  XML_GZIP",
        "andorra.osm.pbf, andorra.osm, PBF",
        "bautzen.osm,     bautzen.xml, XML",
    })
    void formatComesFromContentNotName(String name, String renamed, OsmFormat expected) throws IOException {
        Path copy = java.nio.file.Files.copy(SharedOsm.file(name), dir.resolve(renamed));
        assertEquals(expected, OsmFormat.detect(copy));
    }
}
