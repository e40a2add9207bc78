package org.avfusion.drivers.map.lanelet2;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Lanelet2 lanelet: an atomic lane section between a left and a right bound, driven from the bounds' first points
 * to their last points.
 *
 * @param id                   the OSM relation id
 * @param subtype              the {@code subtype} tag ({@code road}, {@code highway}, {@code crosswalk},
 *                             {@code walkway}, {@code bicycle_lane}, ...), {@code ""} if none
 * @param oneWay               false when the lanelet is tagged {@code one_way=no} (it may also be driven backwards)
 * @param left                 the left bound, oriented in driving direction
 * @param right                the right bound, oriented in driving direction
 * @param leftInverted         true when the file's left way was drawn against the driving direction and the reader
 *                             reversed it (as Lanelet2's {@code geometry::align} does)
 * @param rightInverted        the same for the right way
 * @param regulatoryElementIds ids of the regulatory elements this lanelet refers to, in file order; unmodifiable
 * @param tags                 all tags of the relation; unmodifiable
 */
public record Lanelet(long id, String subtype, boolean oneWay, MapLineString left, MapLineString right,
        boolean leftInverted, boolean rightInverted, List<Long> regulatoryElementIds, Map<String, String> tags) {

    public Lanelet {
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        regulatoryElementIds = List.copyOf(regulatoryElementIds);
        tags = Map.copyOf(tags);
    }

    /**
     * The centreline in the local frame: both bounds resampled at the same fractions of their length (as many
     * samples as the longer bound has points, at least two) and averaged. Lanelet2's own centreline pairs bound
     * points by a different rule; the two agree to well under a lane width on ordinary lanelets.
     *
     * @return {@code [east0, north0, east1, north1, ...]}, metres
     */
    public double[] centerlineMeters() {
        int n = Math.max(2, Math.max(left.points().size(), right.points().size()));
        double[] l = resample(left, n);
        double[] r = resample(right, n);
        double[] c = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            c[i] = (l[i] + r[i]) / 2;
        }
        return c;
    }

    /** Length of the centreline, metres. */
    public double lengthMeters() {
        double[] c = centerlineMeters();
        double sum = 0;
        for (int i = 2; i < c.length; i += 2) {
            sum += Math.hypot(c[i] - c[i - 2], c[i + 1] - c[i - 1]);
        }
        return sum;
    }

    /**
     * The drivable area as a closed polygon ring in the local frame: the left bound forwards, then the right bound
     * backwards, then the first point again.
     *
     * @return {@code [east0, north0, ...]}, metres
     */
    public double[] polygonMeters() {
        List<MapPoint> lp = left.points();
        List<MapPoint> rp = right.points();
        double[] ring = new double[2 * (lp.size() + rp.size() + 1)];
        int k = 0;
        for (MapPoint p : lp) {
            ring[k++] = p.eastMeters();
            ring[k++] = p.northMeters();
        }
        for (int i = rp.size() - 1; i >= 0; i--) {
            ring[k++] = rp.get(i).eastMeters();
            ring[k++] = rp.get(i).northMeters();
        }
        ring[k++] = lp.get(0).eastMeters();
        ring[k] = lp.get(0).northMeters();
        return ring;
    }

    private static double[] resample(MapLineString line, int n) {
        List<MapPoint> pts = line.points();
        double total = line.lengthMeters();
        double[] out = new double[2 * n];
        if (pts.size() == 1 || total == 0) {
            for (int i = 0; i < n; i++) {
                out[2 * i] = pts.get(0).eastMeters();
                out[2 * i + 1] = pts.get(0).northMeters();
            }
            return out;
        }
        int seg = 0;
        double segStart = 0;
        for (int i = 0; i < n; i++) {
            double s = total * i / (n - 1);
            while (seg < pts.size() - 2 && segStart + pts.get(seg).distanceMeters(pts.get(seg + 1)) < s) {
                segStart += pts.get(seg).distanceMeters(pts.get(seg + 1));
                seg++;
            }
            MapPoint a = pts.get(seg);
            MapPoint b = pts.get(seg + 1);
            double len = a.distanceMeters(b);
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, (s - segStart) / len));
            out[2 * i] = a.eastMeters() + t * (b.eastMeters() - a.eastMeters());
            out[2 * i + 1] = a.northMeters() + t * (b.northMeters() - a.northMeters());
        }
        return out;
    }
}
