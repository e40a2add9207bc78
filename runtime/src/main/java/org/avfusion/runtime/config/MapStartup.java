package org.avfusion.runtime.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.avfusion.drivers.map.GeoPoint;
import org.avfusion.drivers.map.MapBounds;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.MapLoadException;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.lanelet2.Lanelet2FormatException;
import org.avfusion.drivers.map.lanelet2.Lanelet2Reader;
import org.avfusion.drivers.map.lanelet2.LaneletMap;
import org.avfusion.runtime.fusion.DepthModelConfig;
import org.avfusion.runtime.route.MapProfileConfig;

/**
 * Loads the maps a profile names, once, at start-up (the road graph through the graph cache), and refuses to start on
 * a map that is missing, not a map, or of another place. Every failure is a {@link ConfigException} naming the key,
 * the file and, for a foreign area, the first fix and its distance from the map's bounds.
 */
public final class MapStartup {

    /**
     * The maps of a run.
     *
     * @param roads     the road network (routing, snapping, matching)
     * @param lanelets  the lane-level map, or null when none is configured
     */
    public record LoadedMap(RoadNetwork roads, LaneletMap lanelets) implements AutoCloseable {
        @Override
        public void close() {
            roads.close();
        }
    }

    private MapStartup() {
    }

    /**
     * @param config         the profile's {@code map:} section ({@link MapProfileConfig#enabled()} must be true)
     * @param profileFolder  folder relative paths are resolved against (the profile's)
     * @param firstFix       the first position fix, or null when none is known yet (the area check is then skipped
     *                       and the caller should call {@link #checkArea} with the first fix)
     */
    public static LoadedMap load(MapProfileConfig config, Path profileFolder, GeoPoint firstFix) {
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            throw new IllegalArgumentException("map.file is empty: no map to load");
        }
        requireFiles(config, profileFolder);
        Path file = resolve(profileFolder, config.file());
        MapConfig mapConfig = MapConfig.defaults().withMaxSnapDistanceMeters(config.maxSnapDistanceMeters());
        if (!config.cacheFolder().isBlank()) {
            mapConfig = mapConfig.withCacheRoot(resolve(profileFolder, config.cacheFolder()));
        }
        RoadNetwork roads;
        try {
            roads = RoadNetwork.load(file, mapConfig);
        } catch (MapLoadException e) {
            throw new ConfigException("map.file: " + e.getMessage(), e);
        }
        LaneletMap lanelets = null;
        try {
            if (!config.lanelet2File().isBlank()) {
                lanelets = Lanelet2Reader.read(resolve(profileFolder, config.lanelet2File()));
            }
            if (firstFix != null) {
                checkArea(roads, config, firstFix);
            }
            GeoPoint destination = config.destinationPoint();
            if (destination != null) {
                double outside = roads.bounds().distanceMeters(destination);
                if (outside > config.maxSnapDistanceMeters()) {
                    throw new ConfigException(String.format(Locale.ROOT, "map.destination %s is %.1f km outside map "
                            + "%s (%s): give a destination on the map", destination, outside / 1000, file,
                            roads.bounds()));
                }
            }
        } catch (Lanelet2FormatException e) {
            roads.close();
            throw new ConfigException("map.lanelet2File: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            roads.close();
            throw e;
        }
        return new LoadedMap(roads, lanelets);
    }

    /**
     * Fails, as {@link #load} does, when {@code map.file} or {@code map.lanelet2File} (if set) is missing, a directory
     * or unreadable; reads neither. {@code avfusion config check} calls it so that it refuses what {@code run} and
     * {@code replay} refuse, with the same message; {@link #load} calls it first.
     *
     * @param profileFolder folder relative paths are resolved against (the profile's), or null for the working
     *                      directory
     */
    public static void requireFiles(MapProfileConfig config, Path profileFolder) {
        if (!config.enabled()) {
            return;
        }
        Path file = resolve(profileFolder, config.file());
        String problem = ProfileFiles.fileProblem(file);
        if (problem != null) {
            throw new ConfigException("map.file: map file " + problem + ": " + file + " (give an OSM XML, .osm.gz or "
                    + "PBF file, relative to the profile's folder, or \"\" for no map)");
        }
        if (!config.lanelet2File().isBlank()) {
            Path lanelets = resolve(profileFolder, config.lanelet2File());
            problem = ProfileFiles.fileProblem(lanelets);
            if (problem != null) {
                throw new ConfigException("map.lanelet2File: Lanelet2 map " + lanelets + ": file " + problem
                        + " (give a Lanelet2 OSM file, relative to the profile's folder, or \"\" for none)");
            }
        }
    }

    /**
     * Fails when {@code firstFix} lies farther than {@link MapProfileConfig#maxFixDistanceFromMapMeters()} outside the
     * road map's bounds: the profile names the map of another place.
     */
    public static void checkArea(RoadNetwork roads, MapProfileConfig config, GeoPoint firstFix) {
        MapBounds bounds = roads.bounds();
        double outside = bounds.distanceMeters(firstFix);
        if (outside > config.maxFixDistanceFromMapMeters()) {
            throw new ConfigException(String.format(Locale.ROOT, "map.file %s covers %s, but the first fix %s is %.1f km "
                    + "outside it (more than map.maxFixDistanceFromMapMeters %.0f m): the map of another place?",
                    roads.mapFile(), bounds, firstFix, outside / 1000, config.maxFixDistanceFromMapMeters()));
        }
    }

    /**
     * The profile with the {@code map} section's paths ({@code file}, {@code lanelet2File}, {@code cacheFolder}) and
     * {@code fusion.depthModel.file} made absolute against {@code profileFolder} (the folder of the profile file;
     * null: the working directory), so that the pipeline can load them wherever it runs. Empty paths stay empty.
     */
    public static RuntimeConfig resolvePaths(RuntimeConfig profile, Path profileFolder) {
        DepthModelConfig depth = profile.fusion().depthModel();
        if (depth.configured()) {
            // like the map's and vehicle.rigFile: relative to the profile's folder, not to where avfusion was started
            profile = profile.withFusion(profile.fusion().withDepthModel(new DepthModelConfig(
                    resolve(profileFolder, depth.file()).toString(), depth.inputWidthPixels(),
                    depth.inputHeightPixels())));
        }
        MapProfileConfig m = profile.map();
        if (!m.enabled()) {
            return profile;
        }
        return profile.withMap(new MapProfileConfig(resolve(profileFolder, m.file()).toString(),
                m.lanelet2File().isBlank() ? "" : resolve(profileFolder, m.lanelet2File()).toString(),
                m.cacheFolder().isBlank() ? "" : resolve(profileFolder, m.cacheFolder()).toString(), m.destination(),
                m.maxSnapDistanceMeters(), m.maxFixDistanceFromMapMeters(), m.matcher(), m.route()));
    }

    private static Path resolve(Path folder, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() || folder == null ? p : folder.resolve(p)).toAbsolutePath().normalize();
    }
}
