package org.avfusion.drivers.map;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link RoadNetwork} is built and queried. Defaults live in {@link #defaults()} and nowhere else.
 *
 * @param cacheRoot             folder under which imported graphs are kept, one sub-folder per map content
 *                              (see {@link RoadNetwork}); created when missing
 * @param maxSnapDistanceMeters a position farther than this from every road is {@link OffRoad}, metres, > 0;
 *                              default {@value #DEFAULT_MAX_SNAP_DISTANCE_METERS}, several times a consumer
 *                              GNSS receiver's error and less than a block, so a fix in a car park still snaps
 *                              but a point on the sea does not
 * @param minNetworkSize        road islands (strongly connected parts of the car graph) with fewer edges than this
 *                              are not used as route ends (GraphHopper's subnetwork removal; they still snap), >= 0;
 *                              default {@value #DEFAULT_MIN_NETWORK_SIZE}, not GraphHopper's 200: a vehicle is where
 *                              its GNSS says, and with 200 a route from Monaco's Rocher starts on a road 100 m away
 *                              below the cliff (1.5 km instead of 2.6 km); an end on a true island then gives a
 *                              {@link NoRouteException} instead of a route from somewhere else
 */
public record MapConfig(Path cacheRoot, double maxSnapDistanceMeters, int minNetworkSize) {

    public static final double DEFAULT_MAX_SNAP_DISTANCE_METERS = 100.0;
    public static final int DEFAULT_MIN_NETWORK_SIZE = 0;
    /** Sub-folder of the user's cache folder that holds imported graphs by default. */
    public static final String DEFAULT_CACHE_FOLDER_NAME = "avfusion/graph-cache";

    public MapConfig {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        if (!(maxSnapDistanceMeters > 0) || Double.isInfinite(maxSnapDistanceMeters)) {
            throw new IllegalArgumentException("maxSnapDistanceMeters must be finite and > 0, was " + maxSnapDistanceMeters
                    + " (the default is " + DEFAULT_MAX_SNAP_DISTANCE_METERS + ")");
        }
        if (minNetworkSize < 0) {
            throw new IllegalArgumentException("minNetworkSize must be >= 0, was " + minNetworkSize
                    + " (the default is " + DEFAULT_MIN_NETWORK_SIZE + ")");
        }
    }

    /**
     * The defaults, with graphs cached per user under {@code $XDG_CACHE_HOME/avfusion/graph-cache} ({@code
     * ~/.cache/avfusion/graph-cache} when unset), not in the shared temporary folder where another user could plant
     * one.
     */
    public static MapConfig defaults() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new MapConfig(base.resolve(DEFAULT_CACHE_FOLDER_NAME), DEFAULT_MAX_SNAP_DISTANCE_METERS,
                DEFAULT_MIN_NETWORK_SIZE);
    }

    /** This configuration with graphs cached under {@code folder}. */
    public MapConfig withCacheRoot(Path folder) {
        return new MapConfig(folder, maxSnapDistanceMeters, minNetworkSize);
    }

    /** This configuration with another snap limit. */
    public MapConfig withMaxSnapDistanceMeters(double meters) {
        return new MapConfig(cacheRoot, meters, minNetworkSize);
    }

    /** This configuration with another minimum routable island size. */
    public MapConfig withMinNetworkSize(int edges) {
        return new MapConfig(cacheRoot, maxSnapDistanceMeters, edges);
    }
}
