package org.avfusion.calibration.geometry;

/**
 * A box in 3D: its pose ({@code frameFromBox}, box centre at the box frame's origin) and its extent along the
 * box frame's axes, metres. Move it between frames with {@link #transformedBy}; {@link #contains} tests a point
 * of the same frame without allocating.
 *
 * @param frameFromBox pose of the box centre in the frame the box is expressed in
 * @param sizeXMeters  extent along the box x axis
 * @param sizeYMeters  extent along the box y axis
 * @param sizeZMeters  extent along the box z axis
 */
public record OrientedBox(RigidTransform frameFromBox, double sizeXMeters, double sizeYMeters, double sizeZMeters) {

    public OrientedBox {
        if (frameFromBox == null) {
            throw new IllegalArgumentException("box pose must be given");
        }
        if (!(sizeXMeters >= 0) || !(sizeYMeters >= 0) || !(sizeZMeters >= 0) || !Double.isFinite(sizeXMeters)
                || !Double.isFinite(sizeYMeters) || !Double.isFinite(sizeZMeters)) {
            throw new IllegalArgumentException("box sizes must be finite and >= 0 m, were " + sizeXMeters + " x "
                    + sizeYMeters + " x " + sizeZMeters);
        }
    }

    /** The same box expressed in another frame: {@code targetFromFrame} maps this box's frame into the target. */
    public OrientedBox transformedBy(RigidTransform targetFromFrame) {
        return new OrientedBox(targetFromFrame.compose(frameFromBox), sizeXMeters, sizeYMeters, sizeZMeters);
    }

    /** The 8 corners (x, y, z each, 24 values) in the box's frame; corner {@code i} has signs from bits 0..2 of i. */
    public double[] corners() {
        double[] out = new double[24];
        for (int i = 0; i < 8; i++) {
            frameFromBox.transformPoint(((i & 1) == 0 ? -0.5 : 0.5) * sizeXMeters,
                    ((i & 2) == 0 ? -0.5 : 0.5) * sizeYMeters, ((i & 4) == 0 ? -0.5 : 0.5) * sizeZMeters, out, 3 * i);
        }
        return out;
    }

    /**
     * Whether a point of the box's frame lies inside the box grown by {@code marginMeters} on every side.
     * Does not allocate.
     */
    public boolean contains(double x, double y, double z, double marginMeters) {
        double dx = x - frameFromBox.txMeters(), dy = y - frameFromBox.tyMeters(), dz = z - frameFromBox.tzMeters();
        // box coordinates = R^T (p - t)
        double bx = frameFromBox.rotation(0, 0) * dx + frameFromBox.rotation(1, 0) * dy + frameFromBox.rotation(2, 0) * dz;
        double by = frameFromBox.rotation(0, 1) * dx + frameFromBox.rotation(1, 1) * dy + frameFromBox.rotation(2, 1) * dz;
        double bz = frameFromBox.rotation(0, 2) * dx + frameFromBox.rotation(1, 2) * dy + frameFromBox.rotation(2, 2) * dz;
        return Math.abs(bx) <= sizeXMeters / 2 + marginMeters && Math.abs(by) <= sizeYMeters / 2 + marginMeters
                && Math.abs(bz) <= sizeZMeters / 2 + marginMeters;
    }
}
