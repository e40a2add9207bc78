package org.avfusion.runtime.perceive.detect;

/**
 * Tiles over the band around the horizon, at native resolution: far objects are a few dozen pixels tall and vanish
 * when a whole 1242-pixel frame is shrunk to a 416-pixel model input, so the detector also runs on crops the size of
 * the model input, spread evenly across the image width with at least {@code minOverlapPixels} of overlap, on a
 * band of rows centred on {@code horizonYPixels} (clamped into the image). A crop smaller than the input (an image
 * lower than a tile) is letterboxed without upscaling beyond the input.
 *
 * <p>Tile detections cut by a tile edge that lies inside the image are truncated boxes: {@link #cutByInnerEdge}
 * finds them so the caller drops them (the overlapping neighbour or the full-frame pass sees the whole object).
 * Immutable after construction.
 */
public final class TileGrid {
    private final int[] x;
    private final int y;
    private final int tileWidth;
    private final int tileHeight;
    private final int imageWidth;
    private final int imageHeight;

    private TileGrid(int[] x, int y, int tileWidth, int tileHeight, int imageWidth, int imageHeight) {
        this.x = x;
        this.y = y;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /**
     * @param imageWidth image width, pixels
     * @param imageHeight image height, pixels
     * @param tileWidth tile width, pixels (the model input width for native resolution)
     * @param tileHeight tile height, pixels
     * @param horizonYPixels the row the band is centred on
     * @param minOverlapPixels least horizontal overlap between neighbouring tiles (below tileWidth)
     */
    public static TileGrid horizonBand(int imageWidth, int imageHeight, int tileWidth, int tileHeight,
                                       int horizonYPixels, int minOverlapPixels) {
        if (imageWidth < 1 || imageHeight < 1 || tileWidth < 1 || tileHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: image " + imageWidth + "x" + imageHeight
                    + ", tile " + tileWidth + "x" + tileHeight);
        }
        if (minOverlapPixels < 0 || minOverlapPixels >= tileWidth) {
            throw new IllegalArgumentException("minOverlapPixels must be in [0, tileWidth), was " + minOverlapPixels);
        }
        int w = Math.min(tileWidth, imageWidth);
        int h = Math.min(tileHeight, imageHeight);
        int count = imageWidth <= w ? 1
                : 1 + (int) Math.ceil((double) (imageWidth - w) / (w - minOverlapPixels));
        int[] xs = new int[count];
        for (int i = 0; i < count; i++) {
            xs[i] = count == 1 ? 0 : (int) Math.round((double) i * (imageWidth - w) / (count - 1));
        }
        int top = Math.max(0, Math.min(imageHeight - h, horizonYPixels - h / 2));
        return new TileGrid(xs, top, w, h, imageWidth, imageHeight);
    }

    public int count() {
        return x.length;
    }

    /** Left column of tile {@code i}, pixels. */
    public int x(int i) {
        return x[i];
    }

    /** Top row of every tile, pixels. */
    public int y() {
        return y;
    }

    public int width() {
        return tileWidth;
    }

    public int height() {
        return tileHeight;
    }

    /**
     * Whether a box in image pixels touches (within {@code marginPixels}) an edge of tile {@code i} that is not an
     * edge of the image: such a box was cut by the crop.
     */
    public boolean cutByInnerEdge(int i, float x1, float y1, float x2, float y2, float marginPixels) {
        int left = x[i];
        int right = left + tileWidth;
        int bottom = y + tileHeight;
        return (left > 0 && x1 <= left + marginPixels)
                || (right < imageWidth && x2 >= right - marginPixels)
                || (y > 0 && y1 <= y + marginPixels)
                || (bottom < imageHeight && y2 >= bottom - marginPixels);
    }
}
