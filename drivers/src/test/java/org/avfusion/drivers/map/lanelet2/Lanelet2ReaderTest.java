package org.avfusion.drivers.map.lanelet2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads Lanelet2's own example map, {@code ../shared/data/maps/lanelet2-mapping-example.osm} (Karlsruhe, 2,258
 * nodes, 1,141 ways of which one is marked deleted, 371 lanelets). Expected ids and coordinates below were taken from
 * the file by hand and by an independent Python scan (ElementTree, equirectangular projection, the same
 * {@code geometry::align} orientation rule), not by this reader.
 */
class Lanelet2ReaderTest {

    static Path file;
    static LaneletMap map;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readOnce() {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "maps");
        file = dir.resolve("lanelet2-mapping-example.osm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file),
                "../shared/data/maps/lanelet2-mapping-example.osm not found: " + file.toAbsolutePath());
        map = Lanelet2Reader.read(file);
    }

    @Test
    void laneletCountEqualsTheRelationsTaggedLaneletInTheFile() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<tag k=['\"]type['\"] v=['\"]lanelet['\"]").matcher(text);
        int tagged = 0;
        while (m.find()) {
            tagged++;
        }
        assertEquals(371, tagged, "independent count of type=lanelet tags");
        assertEquals(tagged, map.lanelets().size());
        assertEquals(2258, map.pointCount());
        assertEquals(1140, map.lineStrings().size(), "1,141 ways less way 44218 marked action='delete'");
        assertEquals(9, map.regulatoryElements().size(), "relations tagged type=regulatory_element");
    }

    @Test
    void mapBoundsAreTheExtremesOfItsNodes() {
        assertEquals(49.00178611814, map.minLatitudeDeg(), 1e-11);
        assertEquals(49.01114903145, map.maxLatitudeDeg(), 1e-11);
        assertEquals(8.41194766622, map.minLongitudeDeg(), 1e-11);
        assertEquals(8.45876186952, map.maxLongitudeDeg(), 1e-11);
    }

    /** Lanelet 42440: left way 44574 (nodes 41268 -> 41270), right way 44584 drawn backwards (41278, 41280). */
    @Test
    void boundsOfLanelet42440AreItsWaysOrientedInDrivingDirection() {
        Lanelet l = map.lanelet(42440);
        assertEquals("road", l.subtype());
        assertTrue(l.oneWay());
        assertEquals(44574, l.left().id());
        assertEquals(44584, l.right().id());
        assertEquals(List.of(41268L, 41270L), l.left().points().stream().map(MapPoint::id).toList());
        assertEquals(List.of(41280L, 41278L), l.right().points().stream().map(MapPoint::id).toList());
        assertFalse(l.leftInverted());
        assertTrue(l.rightInverted(), "way 44584 is drawn 41278 -> 41280, against the left way");
        MapPoint first = l.left().first();
        assertEquals(49.01109735218, first.latitudeDeg(), 1e-11);
        assertEquals(8.42321254246, first.longitudeDeg(), 1e-11);
        // a short, wide lanelet (7 m long): the bounds' first points lie 8.1 m apart by the lat/lon in the file
        assertEquals(8.08, l.left().first().distanceMeters(l.right().first()), 0.05);
    }

    @ParameterizedTest(name = "lanelet {0} -> {1}")
    @CsvSource({
        "42440, 45260",
        "42526, 45132",
        "42973, 42977",
        "42977, 42997",
        "42997, ''",
        "43672, 45326",
        "44980, 44992 44994",
        "45124, 45000 45126",
    })
    void successorsStartWhereTheLaneletEnds(long id, String expected) {
        List<Long> want = expected.isBlank() ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(Long::parseLong).sorted().toList();
        assertEquals(want, map.successors(id).stream().sorted().toList());
        for (long s : map.successors(id)) {
            Lanelet a = map.lanelet(id);
            Lanelet b = map.lanelet(s);
            assertEquals(a.left().last().id(), b.left().first().id());
            assertEquals(a.right().last().id(), b.right().first().id());
        }
    }

    @Test
    void successorCountsOverTheWholeMap() {
        int[] histogram = new int[4];
        for (long id : map.lanelets().keySet()) {
            histogram[map.successors(id).size()]++;
        }
        // from the independent scan: 60 dead ends (map border, crosswalks), 295 with one, 16 with two
        assertEquals(60, histogram[0]);
        assertEquals(295, histogram[1]);
        assertEquals(16, histogram[2]);
    }

    @Test
    void centrelineRunsBetweenTheBoundsAndInsideTheLanelet() {
        for (Lanelet l : map.lanelets().values()) {
            double[] c = l.centerlineMeters();
            double ex = (l.left().first().eastMeters() + l.right().first().eastMeters()) / 2;
            double ey = (l.left().first().northMeters() + l.right().first().northMeters()) / 2;
            assertEquals(ex, c[0], 1e-9, "lanelet " + l.id() + " centreline starts between the bounds");
            assertEquals(ey, c[1], 1e-9);
        }
        Lanelet l = map.lanelet(42973);
        double[] c = l.centerlineMeters();
        int mid = (c.length / 2) & ~1;
        assertSame(l, map.laneletAt(c[mid], c[mid + 1]), "mid-centreline point lies in its own lanelet");
        assertEquals(null, map.laneletAt(1e5, 1e5));
    }

    @Test
    void aFileThatIsNotAnOsmMapIsNamed() throws IOException {
        Path notXml = Files.writeString(tmp.resolve("notes.osm"), "this is not xml");
        Lanelet2FormatException e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(notXml));
        assertTrue(e.getMessage().contains(notXml.toString()) && e.getMessage().contains("not an OSM"), e.getMessage());

        Path gpx = Files.writeString(tmp.resolve("track.gpx"), "<?xml version='1.0'?><gpx><trk/></gpx>");
        e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(gpx));
        assertTrue(e.getMessage().contains("root element is <gpx>"), e.getMessage());

        Path roads = Files.writeString(tmp.resolve("roads.osm"), "<osm><node id='1' lat='1' lon='2'/>"
                + "<way id='5'><nd ref='1'/><tag k='highway' v='residential'/></way></osm>");
        e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(roads));
        assertTrue(e.getMessage().contains("no relation tagged type=lanelet"), e.getMessage());

        Path missing = tmp.resolve("absent.osm");
        e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(missing));
        assertTrue(e.getMessage().contains("absent.osm") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aLaneletWithoutABoundIsNamed() throws IOException {
        String nodes = "<node id='1' lat='49.0' lon='8.4'/><node id='2' lat='49.0001' lon='8.4'/>"
                + "<node id='3' lat='49.0' lon='8.40005'/><node id='4' lat='49.0001' lon='8.40005'/>"
                + "<way id='10'><nd ref='1'/><nd ref='2'/></way><way id='11'><nd ref='3'/><nd ref='4'/></way>";
        Path noRight = Files.writeString(tmp.resolve("noright.osm"), "<osm>" + nodes
                + "<relation id='77'><member type='way' ref='10' role='left'/><tag k='type' v='lanelet'/></relation>"
                + "</osm>");
        Lanelet2FormatException e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(noRight));
        assertTrue(e.getMessage().contains("lanelet 77 has no 'right' bound"), e.getMessage());

        Path dangling = Files.writeString(tmp.resolve("dangling.osm"), "<osm>" + nodes
                + "<relation id='78'><member type='way' ref='10' role='left'/>"
                + "<member type='way' ref='99' role='right'/><tag k='type' v='lanelet'/></relation></osm>");
        e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(dangling));
        assertTrue(e.getMessage().contains("lanelet 78: its right bound way 99 is not a way in the file"),
                e.getMessage());

        Path ok = Files.writeString(tmp.resolve("ok.osm"), "<osm>" + nodes
                + "<relation id='79'><member type='way' ref='10' role='left'/>"
                + "<member type='way' ref='11' role='right'/><tag k='type' v='lanelet'/></relation></osm>");
        LaneletMap tiny = Lanelet2Reader.read(ok);
        assertNotNull(tiny.lanelet(79));
        assertEquals(11.1, tiny.lanelet(79).lengthMeters(), 0.1, "0.0001 deg of latitude");
    }

    /** Found by FileParserFuzzTest#lanelet2Osm: a tag without v reached Lanelet's constructor as a null subtype. */
    @Test
    void aTagWithoutKeyOrValueIsNamed() throws IOException {
        String nodes = "<node id='1' lat='49.0' lon='8.4'/><node id='2' lat='49.0001' lon='8.4'/>"
                + "<way id='10'><nd ref='1'/><nd ref='2'/></way><way id='11'><nd ref='2'/><nd ref='1'/></way>";
        String[][] cases = {
            {"<tag k='subtype' value='road'/>", "relation 77: <tag k='subtype'> without v (line 1)"},
            {"<tag v='road'/>", "relation 77: <tag> without k (line 1)"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(tmp.resolve("tag.osm"), "<osm>" + nodes + "<relation id='77'>"
                    + "<member type='way' ref='10' role='left'/><member type='way' ref='11' role='right'/>"
                    + "<tag k='type' v='lanelet'/>" + c[0] + "</relation></osm>");
            Lanelet2FormatException e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(file));
            assertEquals("Lanelet2 map " + file + ": " + c[1], e.getMessage());
        }
    }

    /** Found by FileParserFuzzTest#lanelet2Osm: a map centred within a degree of a pole threw from the tangent plane. */
    @Test
    void aMapAtAPoleIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("pole.osm"), "<osm><node id='1' lat='89.5' lon='8.4'/></osm>");
        Lanelet2FormatException e = assertThrows(Lanelet2FormatException.class, () -> Lanelet2Reader.read(file));
        assertEquals("Lanelet2 map " + file + ": node coordinates out of range (origin latitude must be in [-89, 89] "
                + "deg, was 89.5)", e.getMessage());
    }
}
