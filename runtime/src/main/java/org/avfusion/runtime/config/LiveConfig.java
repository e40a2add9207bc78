package org.avfusion.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code live:} section: the sensor sources {@code avfusion run} starts ({@code live.sources}, empty by default:
 * then {@code run} needs {@code --simulate}).
 *
 * <p>Each element is bound here, not by the profile's mapper, so that a driver's optional fields may be left out and
 * every message names the element by index ({@code live.sources[2].port}); unknown keys are refused with the list
 * of known ones. Two sources for one sensor are refused.
 *
 * @param sources the live sources, in start-up order
 */
public record LiveConfig(List<LiveSourceConfig> sources) {
    private static final ObjectMapper ELEMENTS = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** No live sources. */
    public static final LiveConfig NONE = new LiveConfig(List.of());

    public LiveConfig {
        Check.present("live.sources", sources);
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

    /** Binds {@code live} from the profile, element by element. */
    @JsonCreator
    static LiveConfig fromYaml(@JsonProperty("sources") List<JsonNode> sources) {
        Check.present("live.sources", sources);
        List<LiveSourceConfig> bound = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            bound.add(bindElement(sources.get(i), i));
        }
        return new LiveConfig(bound);
    }

    private static LiveSourceConfig bindElement(JsonNode node, int index) {
        String at = "live.sources[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new ConfigException(at + " must be a mapping such as {sensor: lidar_top, driver: VELODYNE_UDP, "
                    + "port: 2368}, was '" + node + "'");
        }
        try {
            return ELEMENTS.treeToValue(node, LiveSourceConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String driver = node.path("driver").asText("");
            String known = Arrays.stream(LiveDriver.values()).anyMatch(d -> d.name().equals(driver))
                    ? "; fields of driver " + driver + ": " + LiveSourceConfig.fieldsOf(LiveDriver.valueOf(driver))
                    : "; known keys: " + new TreeSet<>(List.of(fieldNames()));
            throw new ConfigException(at + ": unknown key '" + at + "." + e.getPropertyName() + "'" + known);
        } catch (InvalidFormatException e) {
            String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "; allowed: " + Arrays.toString(e.getTargetType().getEnumConstants()) : "";
            throw new ConfigException(at + "." + field(e) + ": value '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName() + allowed);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw new ConfigException(cause.getMessage().replace(LiveSourceConfig.KEY, at + "."), cause);
            }
            throw new ConfigException(at + "." + field(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(at + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String field(JsonMappingException e) {
        return e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
    }

    private static String[] fieldNames() {
        return Arrays.stream(LiveSourceConfig.class.getRecordComponents()).map(c -> c.getName())
                .toArray(String[]::new);
    }
}
