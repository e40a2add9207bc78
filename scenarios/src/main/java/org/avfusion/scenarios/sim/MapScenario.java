package org.avfusion.scenarios.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;

/**
 * A closed-loop drive on a real street map ({@link MapDrive}): the ego starts at {@code from}, drives the car route
 * to {@code to} on the OpenStreetMap file {@code mapFile} (GraphHopper's car profile: one-way streets, turn
 * restrictions), obeys the runtime's decisions (speed) and its published route (on a new route it drives that one),
 * and may find streets blocked by parked trucks.
 *
 * @param name                    for messages
 * @param mapFile                 OSM XML, {@code .osm.gz} or PBF
 * @param graphCache              folder for the imported graph, or null for {@code <java.io.tmpdir>/avfusion-graph-cache}
 * @param from                    start (snapped to the nearest road the car may use)
 * @param to                      destination
 * @param cruiseSpeedMetersPerSec what the driver would like to drive, (0, 30] m/s
 * @param durationSeconds         length of the drive, (0, 3600] s
 * @param seed                    seeds the sensor noise
 * @param gnssNoiseMeters         standard deviation of the GNSS position noise (east and north), [0, 20] m
 * @param blocks                  trucks parked on the first planned route
 */
public record MapScenario(String name, Path mapFile, Path graphCache, GeoPoint from, GeoPoint to,
        double cruiseSpeedMetersPerSec, double durationSeconds, long seed, double gnssNoiseMeters, List<Block> blocks) {

    /**
     * A truck across the route's lane, {@code alongRouteMeters} along the route planned from {@code from} to
     * {@code to} (its rear end there), aligned with the route.
     */
    public record Block(String id, double alongRouteMeters, double lengthMeters, double widthMeters,
            double heightMeters) {
        public Block {
            Objects.requireNonNull(id, "id");
            if (!(alongRouteMeters >= 0) || !(lengthMeters > 0) || !(widthMeters > 0) || !(heightMeters > 0)) {
                throw new IllegalArgumentException("block '" + id + "': alongRouteMeters must be >= 0 and the sizes > 0,"
                        + " were " + alongRouteMeters + ", " + lengthMeters + " x " + widthMeters + " x " + heightMeters);
            }
        }

        /** A parked delivery truck, 8 m x 2.5 m x 3.2 m. */
        public static Block truck(String id, double alongRouteMeters) {
            return new Block(id, alongRouteMeters, 8.0, 2.5, 3.2);
        }
    }

    public MapScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mapFile, "mapFile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        blocks = List.copyOf(blocks);
        if (!(cruiseSpeedMetersPerSec > 0 && cruiseSpeedMetersPerSec <= 30)) {
            throw new IllegalArgumentException("map scenario '" + name + "': cruiseSpeedMetersPerSec must be in (0, 30],"
                    + " was " + cruiseSpeedMetersPerSec);
        }
        if (!(durationSeconds > 0 && durationSeconds <= 3600)) {
            throw new IllegalArgumentException("map scenario '" + name + "': durationSeconds must be in (0, 3600], was "
                    + durationSeconds);
        }
        if (!(gnssNoiseMeters >= 0 && gnssNoiseMeters <= 20)) {
            throw new IllegalArgumentException("map scenario '" + name + "': gnssNoiseMeters must be in [0, 20], was "
                    + gnssNoiseMeters);
        }
    }
}
