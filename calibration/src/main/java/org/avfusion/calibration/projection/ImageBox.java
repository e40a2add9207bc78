package org.avfusion.calibration.projection;

/**
 * An axis-aligned box on the image, pixels (OpenCV pixel coordinates: u right, v down), as KITTI labels
 * write them: left, top, right, bottom.
 */
public record ImageBox(double leftPixels, double topPixels, double rightPixels, double bottomPixels) {

    public ImageBox {
        if (!Double.isFinite(leftPixels) || !Double.isFinite(topPixels) || !Double.isFinite(rightPixels)
                || !Double.isFinite(bottomPixels) || rightPixels < leftPixels || bottomPixels < topPixels) {
            throw new IllegalArgumentException("image box must be finite with left <= right and top <= bottom, was ["
                    + leftPixels + ", " + topPixels + ", " + rightPixels + ", " + bottomPixels + "]");
        }
    }

    public double widthPixels() {
        return rightPixels - leftPixels;
    }

    public double heightPixels() {
        return bottomPixels - topPixels;
    }

    public double areaPixels() {
        return widthPixels() * heightPixels();
    }

    /** Intersection over union, 0 when the boxes do not overlap. */
    public double iou(ImageBox o) {
        double w = Math.min(rightPixels, o.rightPixels) - Math.max(leftPixels, o.leftPixels);
        double h = Math.min(bottomPixels, o.bottomPixels) - Math.max(topPixels, o.topPixels);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (areaPixels() + o.areaPixels() - inter);
    }

    /** Whether {@code (u, v)} lies inside the box grown by {@code marginPixels} on every side. */
    public boolean contains(double uPixels, double vPixels, double marginPixels) {
        return uPixels >= leftPixels - marginPixels && uPixels <= rightPixels + marginPixels
                && vPixels >= topPixels - marginPixels && vPixels <= bottomPixels + marginPixels;
    }

    /** This box cut to an image of the given size (pixel edges at -0.5 and size - 0.5 are not modelled: 0..size). */
    public ImageBox clippedTo(int widthPixels, int heightPixels) {
        double l = Math.max(0, Math.min(widthPixels, leftPixels)), r = Math.max(0, Math.min(widthPixels, rightPixels));
        double t = Math.max(0, Math.min(heightPixels, topPixels)), b = Math.max(0, Math.min(heightPixels, bottomPixels));
        return new ImageBox(l, t, r, b);
    }
}
