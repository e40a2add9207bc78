package org.avfusion.drivers.frame;

/** GNSS fix mode, numbered as gpsd's TPV {@code mode}: 1 no fix, 2 two-dimensional, 3 three-dimensional. */
public enum FixMode {
    NO_FIX(1),
    FIX_2D(2),
    FIX_3D(3);

    private final int gpsdMode;

    FixMode(int gpsdMode) {
        this.gpsdMode = gpsdMode;
    }

    /** The mode number gpsd prints in TPV reports. */
    public int gpsdMode() {
        return gpsdMode;
    }
}
