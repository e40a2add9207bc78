package org.avfusion.scenarios.sim.render;

/**
 * A mutable set of upright oriented boxes in world coordinates (structure of arrays), rewritten in place as
 * actors move so that rendering does not allocate. A box is its centre, yaw about +z and half-extents along its
 * own x (length), y (width) and z (height).
 *
 * <p>Not thread-safe: owned by one renderer.
 */
public final class OrientedBoxes {
    final double[] cx;
    final double[] cy;
    final double[] cz;
    final double[] cosYaw;
    final double[] sinYaw;
    final double[] halfLength;
    final double[] halfWidth;
    final double[] halfHeight;
    final double[] boundingRadius;
    final Material[] material;
    private int size;

    public OrientedBoxes(int capacity) {
        cx = new double[capacity];
        cy = new double[capacity];
        cz = new double[capacity];
        cosYaw = new double[capacity];
        sinYaw = new double[capacity];
        halfLength = new double[capacity];
        halfWidth = new double[capacity];
        halfHeight = new double[capacity];
        boundingRadius = new double[capacity];
        material = new Material[capacity];
    }

    /** Writes box {@code i} (growing the set to {@code i + 1} boxes if needed). Sizes are full extents in metres. */
    public void set(int i, double centreX, double centreY, double centreZ, double yawRad, double lengthMeters,
            double widthMeters, double heightMeters, Material surface) {
        if (i < 0 || i >= cx.length) {
            throw new IndexOutOfBoundsException("box " + i + " outside capacity " + cx.length);
        }
        cx[i] = centreX;
        cy[i] = centreY;
        cz[i] = centreZ;
        cosYaw[i] = Math.cos(yawRad);
        sinYaw[i] = Math.sin(yawRad);
        halfLength[i] = lengthMeters / 2;
        halfWidth[i] = widthMeters / 2;
        halfHeight[i] = heightMeters / 2;
        boundingRadius[i] = Math.hypot(halfLength[i], halfWidth[i]);
        material[i] = surface;
        if (i >= size) {
            size = i + 1;
        }
    }

    /** Moves box {@code i} without changing its size or material. */
    public void move(int i, double centreX, double centreY, double yawRad) {
        cx[i] = centreX;
        cy[i] = centreY;
        cosYaw[i] = Math.cos(yawRad);
        sinYaw[i] = Math.sin(yawRad);
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public Material material(int i) {
        return material[i];
    }

    public double centreX(int i) {
        return cx[i];
    }

    public double centreY(int i) {
        return cy[i];
    }

    public double centreZ(int i) {
        return cz[i];
    }

    public double cosYaw(int i) {
        return cosYaw[i];
    }

    public double sinYaw(int i) {
        return sinYaw[i];
    }

    public double halfLength(int i) {
        return halfLength[i];
    }

    public double halfWidth(int i) {
        return halfWidth[i];
    }

    public double halfHeight(int i) {
        return halfHeight[i];
    }
}
