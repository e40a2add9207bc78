package org.avfusion.scenarios.sim.render;

/**
 * What a surface is made of: decides the lidar return intensity (0..255, Velodyne-like) and the camera colour
 * (B, G, R).
 */
public enum Material {
    GROUND(35, 70, 110, 80),
    ROAD(18, 95, 95, 95),
    LANE_MARKING(140, 235, 235, 235),
    CAR(60, 45, 45, 190),
    PEDESTRIAN(25, 20, 160, 250),
    WALL(80, 120, 140, 150);

    private final float lidarIntensity;
    private final int blue;
    private final int green;
    private final int red;

    Material(float lidarIntensity, int blue, int green, int red) {
        this.lidarIntensity = lidarIntensity;
        this.blue = blue;
        this.green = green;
        this.red = red;
    }

    public float lidarIntensity() {
        return lidarIntensity;
    }

    public int blue() {
        return blue;
    }

    public int green() {
        return green;
    }

    public int red() {
        return red;
    }
}
