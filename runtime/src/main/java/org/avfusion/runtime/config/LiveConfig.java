package org.avfusion.runtime.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code live:} section: the sensor sources {@code avfusion run} starts ({@code live.sources}, empty by default:
 * then {@code run} needs {@code --simulate}). {@link ConfigLoader} binds each element to its driver's record; two
 * sources for one sensor are refused here.
 *
 * @param sources the live sources, in start-up order
 */
public record LiveConfig(List<LiveSourceConfig> sources) {
    /** No live sources. */
    public static final LiveConfig NONE = new LiveConfig(List.of());

    public LiveConfig {
        if (sources == null) {
            throw new ConfigException("live.sources is missing");
        }
        sources = List.copyOf(sources);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Integer before = seen.putIfAbsent(sources.get(i).sensor(), i);
            if (before != null) {
                throw new ConfigException("live.sources[" + i + "].sensor '" + sources.get(i).sensor()
                        + "' already has a source (live.sources[" + before + "]); one source per sensor");
            }
        }
    }
}
