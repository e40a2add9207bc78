package org.avfusion.drivers.map.lanelet2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.LocalTangentPlane;

/**
 * Reads a Lanelet2 map in its OSM XML encoding (Poggenhans et al., "Lanelet2: A high-definition map framework for
 * the future of automated driving", ITSC 2018; the encoding is described in Lanelet2's {@code lanelet2_io} and
 * {@code lanelet2_core/doc/LaneletAndAreaTagging.md}).
 *
 * <ul>
 *   <li>nodes are points: {@code lat}/{@code lon}, and {@code local_x}/{@code local_y} tags where every node has
 *       them (Autoware's maps); otherwise local coordinates are projected onto the tangent plane at the centre of the
 *       map's bounds;</li>
 *   <li>ways are line strings with {@code type}/{@code subtype} tags;</li>
 *   <li>relations tagged {@code type=lanelet} are lanelets with exactly one {@code left} and one {@code right} way
 *       member and any number of {@code regulatory_element} relation members; the bounds are oriented as
 *       Lanelet2's {@code geometry::align} does (the left way reversed unless the right one lies to its right, then
 *       the right way reversed unless the left one lies to its left), so the driving direction follows from which
 *       side each bound is on, not from how the ways were drawn;</li>
 *   <li>relations tagged {@code type=regulatory_element} are kept with their members by role;</li>
 *   <li>elements JOSM marked {@code action='delete'} are skipped; other relations (areas, multipolygons) are
 *       ignored.</li>
 * </ul>
 *
 * <p>Failures throw {@link Lanelet2FormatException} naming the file and the element: missing file, not XML, not an
 * {@code <osm>} document, no lanelet, a lanelet without a bound or whose bound is not in the file, a way referring
 * to a node that is not in the file, a {@code <tag>} without {@code k} or {@code v}. Not thread-confined: each call
 * reads its own file.
 */
public final class Lanelet2Reader {

    private Lanelet2Reader() {
    }

    private record RawNode(long id, double lat, double lon, Double localX, Double localY) {
    }

    private record RawWay(long id, List<Long> nodes, Map<String, String> tags) {
    }

    private record Member(String type, long ref, String role) {
    }

    private record RawRelation(long id, List<Member> members, Map<String, String> tags) {
    }

    /** Reads {@code file}; see the class comment for what is read and what fails. */
    public static LaneletMap read(Path file) {
        Objects.requireNonNull(file, "file");
        Map<Long, RawNode> nodes = new LinkedHashMap<>();
        Map<Long, RawWay> ways = new LinkedHashMap<>();
        Map<Long, RawRelation> relations = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            parse(file, in, nodes, ways, relations);
        } catch (NoSuchFileException e) {
            throw new Lanelet2FormatException(file, "file not found", e);
        } catch (IOException e) {
            throw new Lanelet2FormatException(file, "cannot read (" + e + ")", e);
        } catch (XMLStreamException e) {
            throw new Lanelet2FormatException(file, "not an OSM XML file (" + e.getMessage() + ")", e);
        }
        return build(file, nodes, ways, relations);
    }

    private static void parse(Path file, InputStream in, Map<Long, RawNode> nodes, Map<Long, RawWay> ways,
            Map<Long, RawRelation> relations) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        try {
            boolean root = true;
            String element = null;
            long id = 0;
            boolean deleted = false;
            double lat = 0;
            double lon = 0;
            List<Long> nds = null;
            List<Member> members = null;
            Map<String, String> tags = null;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT && xml.getEventType() != XMLStreamConstants.END_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (xml.getEventType() == XMLStreamConstants.START_ELEMENT) {
                    if (root) {
                        if (!"osm".equals(name)) {
                            throw new Lanelet2FormatException(file, "not an OSM file: the root element is <" + name
                                    + ">, expected <osm>");
                        }
                        root = false;
                        continue;
                    }
                    switch (name) {
                        case "node", "way", "relation" -> {
                            element = name;
                            id = longAttr(file, xml, "id", name + " without id");
                            deleted = "delete".equals(xml.getAttributeValue(null, "action"));
                            tags = new HashMap<>();
                            nds = new ArrayList<>();
                            members = new ArrayList<>();
                            if ("node".equals(name)) {
                                lat = doubleAttr(file, xml, "lat", "node " + id);
                                lon = doubleAttr(file, xml, "lon", "node " + id);
                            }
                        }
                        case "tag" -> {
                            if (tags != null) {
                                String k = xml.getAttributeValue(null, "k");
                                String v = xml.getAttributeValue(null, "v");
                                if (k == null || v == null) {
                                    throw new Lanelet2FormatException(file, element + " " + id + ": <tag"
                                            + (k == null ? "> without k" : " k='" + k + "'> without v") + " (line "
                                            + xml.getLocation().getLineNumber() + ")");
                                }
                                tags.put(k, v);
                            }
                        }
                        case "nd" -> {
                            if (nds != null) {
                                nds.add(longAttr(file, xml, "ref", "way " + id + ": <nd> without ref"));
                            }
                        }
                        case "member" -> {
                            if (members != null) {
                                members.add(new Member(String.valueOf(xml.getAttributeValue(null, "type")),
                                        longAttr(file, xml, "ref", "relation " + id + ": <member> without ref"),
                                        String.valueOf(xml.getAttributeValue(null, "role"))));
                            }
                        }
                        default -> {
                            // <bounds>, <changeset> and the like carry nothing we use
                        }
                    }
                } else if (name.equals(element)) {
                    if (!deleted) {
                        switch (name) {
                            case "node" -> nodes.put(id, new RawNode(id, lat, lon,
                                    localCoordinate(file, id, tags, "local_x"), localCoordinate(file, id, tags, "local_y")));
                            case "way" -> ways.put(id, new RawWay(id, nds, tags));
                            default -> relations.put(id, new RawRelation(id, members, tags));
                        }
                    }
                    element = null;
                    tags = null;
                    nds = null;
                    members = null;
                }
            }
            if (root) {
                throw new Lanelet2FormatException(file, "not an OSM file: no root element");
            }
        } finally {
            xml.close();
        }
    }

    private static Double localCoordinate(Path file, long id, Map<String, String> tags, String key) {
        String v = tags.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Lanelet2FormatException(file, "node " + id + ": tag " + key + "='" + v + "' is not a number", e);
        }
    }

    private static long longAttr(Path file, XMLStreamReader xml, String attr, String what) {
        String v = xml.getAttributeValue(null, attr);
        if (v == null) {
            throw new Lanelet2FormatException(file, what + " (line " + xml.getLocation().getLineNumber() + ")");
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new Lanelet2FormatException(file, what + ": " + attr + "='" + v + "' is not an integer (line "
                    + xml.getLocation().getLineNumber() + ")", e);
        }
    }

    private static double doubleAttr(Path file, XMLStreamReader xml, String attr, String what) {
        String v = xml.getAttributeValue(null, attr);
        try {
            return Double.parseDouble(Objects.requireNonNull(v).strip());
        } catch (NullPointerException | NumberFormatException e) {
            throw new Lanelet2FormatException(file, what + ": " + attr + "='" + v + "' is missing or not a number (line "
                    + xml.getLocation().getLineNumber() + ")", e);
        }
    }

    private static LaneletMap build(Path file, Map<Long, RawNode> rawNodes, Map<Long, RawWay> rawWays,
            Map<Long, RawRelation> rawRelations) {
        if (rawNodes.isEmpty()) {
            throw new Lanelet2FormatException(file, "no nodes: this OSM file holds no map");
        }
        double minLat = 90;
        double maxLat = -90;
        double minLon = 180;
        double maxLon = -180;
        boolean allLocal = true;
        for (RawNode n : rawNodes.values()) {
            minLat = Math.min(minLat, n.lat());
            maxLat = Math.max(maxLat, n.lat());
            minLon = Math.min(minLon, n.lon());
            maxLon = Math.max(maxLon, n.lon());
            allLocal &= n.localX() != null && n.localY() != null;
        }
        GeoPoint origin;
        LocalTangentPlane plane;
        try {
            origin = new GeoPoint((minLat + maxLat) / 2, (minLon + maxLon) / 2);
            // the tangent plane refuses origins within a degree of a pole: such a map is named, not thrown at
            plane = new LocalTangentPlane(origin.latitudeDeg(), origin.longitudeDeg(), 0);
        } catch (IllegalArgumentException e) {
            throw new Lanelet2FormatException(file, "node coordinates out of range (" + e.getMessage() + ")", e);
        }
        double[] enu = new double[3];
        Map<Long, MapPoint> points = new LinkedHashMap<>();
        for (RawNode n : rawNodes.values()) {
            double east;
            double north;
            if (allLocal) {
                east = n.localX();
                north = n.localY();
            } else {
                plane.toEnu(n.lat(), n.lon(), 0, enu);
                east = enu[0];
                north = enu[1];
            }
            try {
                points.put(n.id(), new MapPoint(n.id(), n.lat(), n.lon(), east, north));
            } catch (IllegalArgumentException e) {
                throw new Lanelet2FormatException(file, e.getMessage(), e);
            }
        }
        Map<Long, MapLineString> lines = new LinkedHashMap<>();
        for (RawWay w : rawWays.values()) {
            List<MapPoint> pts = new ArrayList<>(w.nodes().size());
            for (long ref : w.nodes()) {
                MapPoint p = points.get(ref);
                if (p == null) {
                    throw new Lanelet2FormatException(file, "way " + w.id() + " refers to node " + ref
                            + ", which is not in the file");
                }
                pts.add(p);
            }
            if (pts.isEmpty()) {
                continue;
            }
            lines.put(w.id(), new MapLineString(w.id(), w.tags().getOrDefault("type", ""),
                    w.tags().getOrDefault("subtype", ""), pts));
        }
        Map<Long, RegulatoryElement> regulatory = new LinkedHashMap<>();
        for (RawRelation r : rawRelations.values()) {
            if ("regulatory_element".equals(r.tags().get("type"))) {
                Map<String, List<Long>> byRole = new LinkedHashMap<>();
                for (Member m : r.members()) {
                    byRole.computeIfAbsent(m.role(), k -> new ArrayList<>()).add(m.ref());
                }
                byRole.replaceAll((k, v) -> List.copyOf(v));
                regulatory.put(r.id(), new RegulatoryElement(r.id(), r.tags().getOrDefault("subtype", ""), byRole,
                        r.tags()));
            }
        }
        Map<Long, Lanelet> lanelets = new LinkedHashMap<>();
        for (RawRelation r : rawRelations.values()) {
            if (!"lanelet".equals(r.tags().get("type"))) {
                continue;
            }
            MapLineString left = bound(file, r, "left", lines);
            MapLineString right = bound(file, r, "right", lines);
            // as Lanelet2's geometry::align: the left way is reversed unless the right one lies to its right, then
            // the right way is reversed unless the (aligned) left one lies to its left
            boolean invertLeft = !isRightOf(right, left);
            MapLineString alignedLeft = invertLeft ? left.inverted() : left;
            boolean invertRight = isRightOf(alignedLeft, right);
            List<Long> regs = new ArrayList<>();
            for (Member m : r.members()) {
                if ("regulatory_element".equals(m.role())) {
                    regs.add(m.ref());
                }
            }
            lanelets.put(r.id(), new Lanelet(r.id(), r.tags().getOrDefault("subtype", ""),
                    !"no".equals(r.tags().get("one_way")), alignedLeft, invertRight ? right.inverted() : right,
                    invertLeft, invertRight, regs,
                    r.tags()));
        }
        if (lanelets.isEmpty()) {
            throw new Lanelet2FormatException(file, "not a Lanelet2 map: no relation tagged type=lanelet among "
                    + rawRelations.size() + " relations (an ordinary OpenStreetMap road map goes to map.file instead)");
        }
        return new LaneletMap(lanelets, lines, regulatory, points.values(), origin);
    }

    /**
     * Whether the middle of {@code other} lies to the right of {@code line} (by the cross product with the segment of
     * {@code line} nearest to it).
     */
    static boolean isRightOf(MapLineString other, MapLineString line) {
        double[] m = middle(other);
        List<MapPoint> pts = line.points();
        if (pts.size() < 2) {
            return true;
        }
        double best = Double.POSITIVE_INFINITY;
        double side = 0;
        for (int i = 1; i < pts.size(); i++) {
            MapPoint a = pts.get(i - 1);
            MapPoint b = pts.get(i);
            double dx = b.eastMeters() - a.eastMeters();
            double dy = b.northMeters() - a.northMeters();
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1,
                    ((m[0] - a.eastMeters()) * dx + (m[1] - a.northMeters()) * dy) / len2));
            double d = Math.hypot(a.eastMeters() + t * dx - m[0], a.northMeters() + t * dy - m[1]);
            if (d < best) {
                best = d;
                side = dx * (m[1] - a.northMeters()) - dy * (m[0] - a.eastMeters());
            }
        }
        return side < 0;
    }

    private static double[] middle(MapLineString line) {
        List<MapPoint> pts = line.points();
        if (pts.size() % 2 == 1) {
            MapPoint p = pts.get(pts.size() / 2);
            return new double[] {p.eastMeters(), p.northMeters()};
        }
        MapPoint a = pts.get(pts.size() / 2 - 1);
        MapPoint b = pts.get(pts.size() / 2);
        return new double[] {(a.eastMeters() + b.eastMeters()) / 2, (a.northMeters() + b.northMeters()) / 2};
    }

    private static MapLineString bound(Path file, RawRelation r, String role, Map<Long, MapLineString> lines) {
        Member found = null;
        for (Member m : r.members()) {
            if (role.equals(m.role())) {
                if (found != null) {
                    throw new Lanelet2FormatException(file, "lanelet " + r.id() + " has more than one '" + role
                            + "' member (ways " + found.ref() + " and " + m.ref() + ")");
                }
                found = m;
            }
        }
        if (found == null) {
            throw new Lanelet2FormatException(file, "lanelet " + r.id() + " has no '" + role + "' bound (a <member "
                    + "type='way' role='" + role + "'>)");
        }
        MapLineString line = lines.get(found.ref());
        if (!"way".equals(found.type()) || line == null) {
            throw new Lanelet2FormatException(file, "lanelet " + r.id() + ": its " + role + " bound " + found.type()
                    + " " + found.ref() + " is not a way in the file");
        }
        return line;
    }
}
