package org.avfusion.runtime.fusion;

import java.util.Objects;
import org.avfusion.calibration.projection.PointProjector;
import org.avfusion.runtime.perceive.lidar.GroundPrior;

/**
 * Monocular range from the flat-ground assumption: the bottom edge of a detection box is where the object stands on
 * the road, so the camera ray through it, cut with the road plane, gives the object's distance. With a camera at
 * height {@code h} pitched down by {@code theta}, a pixel row {@code v} below the principal point {@code c_y} meets
 * the ground at depth {@code Z = h / tan(theta + atan((v - c_y) / f_y))} (Stein, Mano and Shashua, "Vision-based ACC
 * with a single camera: bounds on range and range rate accuracy", IEEE Intelligent Vehicles 2003, eq. 1). Here the
 * same cut is made in general form: the ray comes from the rig ({@link PointProjector#unproject}, lens distortion
 * included) and the plane is the lidar's {@link GroundPrior}, so height, pitch and roll are the rig's.
 *
 * <p>The estimate is only as good as the road is flat and the box's bottom edge is the contact point: a row near the
 * horizon makes a small pixel error a large range error (the error grows with {@code Z^2 / (f_y h)}), so ranges
 * beyond {@code maxRangeMeters} are refused, as are rows at or above the horizon and boxes cut by the image's bottom
 * border (their contact point is out of view). Allocation-free; not thread-safe (one scratch point per instance).
 */
public final class GroundPlaneRange {
    private final double maxRangeMeters;
    private final double[] near = new double[3];
    private final double[] far = new double[3];

    /** @param maxRangeMeters longest camera depth returned, (0, 500] m */
    public GroundPlaneRange(double maxRangeMeters) {
        if (!(maxRangeMeters > 0 && maxRangeMeters <= 500)) {
            throw new IllegalArgumentException("ground-plane maxRangeMeters must be in (0, 500] m, was "
                    + maxRangeMeters);
        }
        this.maxRangeMeters = maxRangeMeters;
    }

    /**
     * The camera depth (metres along the optical axis) of the road point seen at pixel {@code (u, v)}, or NaN when
     * the ray does not meet the road ahead within {@code maxRangeMeters}.
     *
     * @param projector the lidar frame into this camera's image
     * @param ground    the road plane in the lidar frame
     */
    public double cameraDepthMeters(PointProjector projector, GroundPrior ground, double uPixels, double vPixels) {
        Objects.requireNonNull(ground, "ground");
        if (!projector.unproject(uPixels, vPixels, 1.0, near) || !projector.unproject(uPixels, vPixels, 2.0, far)) {
            return Double.NaN;
        }
        // height above the road varies linearly with camera depth d along the ray: h(d) = h1 + (d - 1) * dh
        double h1 = ground.heightAboveMeters(near[0], near[1], near[2]);
        double dh = ground.heightAboveMeters(far[0], far[1], far[2]) - h1;
        if (!(dh < 0)) {
            return Double.NaN; // at or above the horizon
        }
        double depth = 1.0 - h1 / dh;
        return depth > 0 && depth <= maxRangeMeters ? depth : Double.NaN;
    }

    /**
     * How far the range moves when the bottom edge is {@code rowSigmaPixels} higher in the image: the range's
     * standard deviation for that edge noise ({@code ~ Z^2 sigma_v / (f_y h)}); NaN when either row has no range.
     */
    public double rangeSigmaMeters(PointProjector projector, GroundPrior ground, double uPixels, double vPixels,
            double rowSigmaPixels) {
        double z = cameraDepthMeters(projector, ground, uPixels, vPixels);
        double up = cameraDepthMeters(projector, ground, uPixels, vPixels - rowSigmaPixels);
        return Double.isNaN(up) ? Double.NaN : Math.abs(up - z);
    }

    public double maxRangeMeters() {
        return maxRangeMeters;
    }
}
