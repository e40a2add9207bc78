package org.avfusion.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.calibration.yaml.YamlBinder;

/**
 * Loads a YAML profile strictly: every key must exist in the built-in {@code default.yaml} (the one place defaults
 * live), the profile is merged over it (objects key by key, lists replaced whole), then bound into
 * {@link RuntimeConfig} by the shared {@link YamlBinder}. Every failure is a {@link ConfigException} naming the
 * source, the key path and the value.
 *
 * <p>Keys derived from others are filled in here, not written by users: the body dimensions in {@code perception}
 * and {@code decision} come from {@code vehicle}. Each {@code live.sources[]} entry is merged over its driver's
 * {@code liveDefaults} and bound to that driver's record ({@link LiveDriver#configType()}).
 */
public final class ConfigLoader {
    /** Classpath location of the built-in default profile (copied from the repository's config/default.yaml). */
    public static final String DEFAULT_RESOURCE = "/org/avfusion/config/default.yaml";
    private static final List<String> DERIVED = List.of(
            "perception.egoLengthMeters", "perception.egoWidthMeters", "perception.egoRearOverhangMeters",
            "decision.vehicleWidthMeters", "decision.frontOverhangMeters");
    /**
     * Mappings whose keys are the user's, not the runtime's (FFmpeg's demuxer options): their default is empty, so
     * checking their keys against it refused every option ({@code video_size}, {@code rtsp_transport}).
     */
    private static final List<String> FREE_FORM = List.of("liveDefaults.FFMPEG.options");

    /** The built-in defaults alone. */
    public RuntimeConfig loadDefault() {
        return bind(defaultTree(), "built-in default.yaml");
    }

    /** A profile file merged over the defaults. */
    public RuntimeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file.toAbsolutePath()
                    + " (give an existing YAML profile, e.g. config/vehicle.yaml)");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file.toAbsolutePath() + ": "
                    + YamlBinder.readProblem(e), e);
        }
        return loadYaml(text, file.toString());
    }

    /** A profile given as YAML text (tests, tools); {@code sourceName} names it in messages. */
    public RuntimeConfig loadYaml(String yamlText, String sourceName) {
        JsonNode user;
        try {
            user = YamlBinder.readTree(yamlText, sourceName);
        } catch (BindException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return loadTree(user, sourceName);
    }

    private RuntimeConfig loadTree(JsonNode user, String source) {
        ObjectNode defaults = defaultTree();
        if (user.isNull()) {
            return bind(defaults, source);
        }
        if (!user.isObject()) {
            throw new ConfigException(source + ": the top level must be a mapping of keys (vehicle, ring, sensors, ...)");
        }
        checkKeys(defaults, user, "", source);
        YamlBinder.merge(defaults, (ObjectNode) user);
        return bind(defaults, source);
    }

    private ObjectNode defaultTree() {
        return BuiltIn.TREE.deepCopy();
    }

    /** The built-in default.yaml as a tree, parsed once (holder idiom); copied before any merge. */
    private static final class BuiltIn {
        static final ObjectNode TREE = read();

        private static ObjectNode read() {
            try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in " + DEFAULT_RESOURCE
                            + " missing from the classpath (broken build)");
                }
                return (ObjectNode) YamlBinder.readTree(in, "built-in default.yaml");
            } catch (IOException | BindException e) {
                throw new IllegalStateException("built-in default.yaml unreadable", e);
            }
        }
    }

    /** Every key of the profile must be a key of the default profile at the same place. */
    private static void checkKeys(JsonNode known, JsonNode given, String path, String source) {
        if (known == null) {
            return;
        }
        if (known.isObject()) {
            if (!given.isObject()) {
                throw new ConfigException(source + ": " + display(path) + " must be a mapping, was " + given.getNodeType()
                        .name().toLowerCase() + " '" + given + "'");
            }
            if (FREE_FORM.contains(path)) {
                return; // any keys; the driver's record binds their values
            }
            Iterator<Map.Entry<String, JsonNode>> it = given.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = YamlBinder.join(path, e.getKey());
                if (DERIVED.contains(p)) {
                    throw new ConfigException(source + ": key '" + p + "' (value '" + e.getValue().asText()
                            + "') is derived from the vehicle section; "
                            + "set vehicle.lengthMeters / widthMeters / rearOverhangMeters instead");
                }
                JsonNode k = known.get(e.getKey());
                if (k == null) {
                    TreeSet<String> names = new TreeSet<>();
                    known.fieldNames().forEachRemaining(names::add);
                    names.removeIf(n -> DERIVED.contains(YamlBinder.join(path, n)));
                    throw new ConfigException(source + ": unknown key '" + p + "'; known keys"
                            + (path.isEmpty() ? "" : " under '" + path + "'") + ": " + names);
                }
                checkKeys(k, e.getValue(), p, source);
            }
        } else if (known.isArray()) {
            if (!given.isArray()) {
                throw new ConfigException(source + ": " + display(path) + " must be a list, was '" + given + "'");
            }
            JsonNode template = known.size() > 0 ? known.get(0) : null;
            for (int i = 0; i < given.size(); i++) {
                checkKeys(template, given.get(i), path + "[" + i + "]", source);
            }
        }
    }

    private static String display(String path) {
        return path.isEmpty() ? "the document" : "'" + path + "'";
    }

    private RuntimeConfig bind(ObjectNode tree, String source) {
        JsonNode vehicle = tree.get("vehicle");
        if (vehicle instanceof ObjectNode v) {
            ObjectNode perception = (ObjectNode) tree.get("perception");
            ObjectNode decision = (ObjectNode) tree.get("decision");
            if (perception != null) {
                perception.set("egoLengthMeters", v.get("lengthMeters"));
                perception.set("egoWidthMeters", v.get("widthMeters"));
                perception.set("egoRearOverhangMeters", v.get("rearOverhangMeters"));
            }
            if (decision != null && v.get("lengthMeters") != null && v.get("rearOverhangMeters") != null) {
                decision.set("vehicleWidthMeters", v.get("widthMeters"));
                decision.put("frontOverhangMeters",
                        v.get("lengthMeters").asDouble() - v.get("rearOverhangMeters").asDouble());
            }
        }
        requireEntryFields(tree.get("sensors"), BuiltIn.TREE.path("sensors").path(0), "sensors", source);
        JsonNode driverDefaults = tree.remove("liveDefaults");
        checkDriverDefaults(driverDefaults, source);
        List<LiveSourceConfig> sources = List.of();
        if (tree.get("live") instanceof ObjectNode live && live.get("sources") != null) {
            sources = bindSources(live.get("sources"), driverDefaults, source);
            live.putArray("sources");
        }
        RuntimeConfig config;
        try {
            config = YamlBinder.bind(tree, RuntimeConfig.class, source, "", false);
        } catch (BindException e) {
            throw new ConfigException(message(e, "key '" + e.path() + "': "), e);
        }
        try {
            return sources.isEmpty() ? config : config.withLive(new LiveConfig(sources));
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** {@code source: key problem} for a bound broken in a record, else the binder's words after {@code typePrefix}. */
    private static String message(BindException e, String typePrefix) {
        if (e.getCause() instanceof BoundsException) {
            return e.source() + ": " + e.path() + " " + e.problem();
        }
        if (e.value() != null && !e.path().isEmpty()) {
            return e.source() + ": " + typePrefix + e.problem();
        }
        if (!e.path().isEmpty() && !e.problem().startsWith(e.path())) {
            // a nested record's own check ("binMeters must be > 0"): say where the record is (fusion.depth)
            return e.source() + ": " + e.path() + ": " + e.problem();
        }
        return e.source() + ": " + e.problem();
    }

    /**
     * A list that replaces its default whole ({@code sensors}) has no defaults for its entries: each must give every
     * field of {@code template} (the default's first entry, whose values serve as examples). Without this, a missing
     * field reached the binder as a null ({@code bad value 'null'}) that named neither the field nor the entry.
     */
    private static void requireEntryFields(JsonNode list, JsonNode template, String at, String source) {
        if (list == null || !list.isArray() || !template.isObject()) {
            return; // not a list: the binder says so
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            template.fieldNames().forEachRemaining(f -> {
                if (entry.get(f) == null || entry.get(f).isNull()) {
                    missing.add(f);
                }
            });
            if (!missing.isEmpty()) {
                String name = entry.path("name").isTextual() && !entry.path("name").asText().isBlank()
                        ? " (" + entry.path("name").asText() + ")" : "";
                throw new ConfigException(source + ": " + at + "[" + i + "]" + name + ": "
                        + required(missing, f -> template.get(f).asText()));
            }
        }
    }

    /** {@code timeoutMillis is required, e.g. 300}, or for several {@code a and b are required, e.g. a: 1, b: 2}. */
    private static String required(List<String> fields, java.util.function.Function<String, String> example) {
        if (fields.size() == 1) {
            String e = example.apply(fields.get(0));
            return fields.get(0) + " is required" + (e == null ? "" : ", e.g. " + e);
        }
        List<String> examples = fields.stream().filter(f -> example.apply(f) != null)
                .map(f -> f + ": " + example.apply(f)).toList();
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1)
                + " are required" + (examples.isEmpty() ? "" : ", e.g. " + String.join(", ", examples));
    }

    /**
     * Values that stand in, while a {@code liveDefaults} entry is checked, for the fields a driver requires and
     * {@code liveDefaults} does not hold (they come from each {@code live.sources[]} entry); valid for every driver.
     */
    private static final Map<String, Object> STAND_INS = Map.of("sensor", "liveDefaults", "host", "127.0.0.1",
            "port", 1, "device", "/dev/ttyUSB0", "baud", 4800, "input", "/dev/video0",
            "metadataFile", "metadata.json");

    /**
     * Every {@code liveDefaults} entry is checked at load against its driver's ranges, whether or not a live source
     * uses that driver (a bad default otherwise passed {@code config check} and failed the day a source used it):
     * the entry is bound to the driver's record with {@link #STAND_INS} for the fields only sources give, and a value
     * out of range is named {@code liveDefaults.VELODYNE_UDP.port}.
     */
    private static void checkDriverDefaults(JsonNode driverDefaults, String source) {
        if (!(driverDefaults instanceof ObjectNode all)) {
            return; // a non-mapping was refused by checkKeys
        }
        Iterator<Map.Entry<String, JsonNode>> it = all.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            LiveDriver driver = Arrays.stream(LiveDriver.values()).filter(d -> d.name().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (driver == null || !(e.getValue() instanceof ObjectNode entry)) {
                continue; // keys and shape were checked against default.yaml by checkKeys
            }
            String at = "liveDefaults." + driver.name();
            for (java.lang.reflect.RecordComponent c : driver.configType().getRecordComponents()) {
                JsonNode v = entry.get(c.getName());
                if (c.getType().isPrimitive() && v != null && v.isNull()) {
                    JsonNode example = BuiltIn.TREE.path("liveDefaults").path(driver.name()).get(c.getName());
                    throw new ConfigException(source + ": " + at + "." + required(List.of(c.getName()),
                            f -> example == null ? null : example.asText()) + " (it cannot be null)");
                }
            }
            ObjectNode probe = YamlBinder.copy(null);
            for (java.lang.reflect.RecordComponent c : driver.configType().getRecordComponents()) {
                Object standIn = STAND_INS.get(c.getName());
                if (entry.get(c.getName()) == null && standIn != null) {
                    if (standIn instanceof Integer n) {
                        probe.put(c.getName(), n);
                    } else {
                        probe.put(c.getName(), (String) standIn);
                    }
                }
            }
            YamlBinder.merge(probe, entry);
            try {
                YamlBinder.bind(probe, driver.configType(), source, at, true);
            } catch (BindException x) {
                throw new ConfigException(entryMessage(x, source), x);
            }
        }
    }

    /** A driver record's binding failure: a range names the key; a wrong type names the key and the value. */
    private static String entryMessage(BindException e, String source) {
        if (e.value() == null || e.getCause() instanceof BoundsException) {
            return message(e, "");
        }
        String problem = e.problem();
        return source + ": " + e.path() + ": value '" + e.value() + "' is not valid; "
                + problem.substring(problem.indexOf("; ") + 1).strip(); // no "; ": the whole problem
    }

    /** Each {@code live.sources[i]}: its driver's record, the entry merged over the driver's defaults. */
    private static List<LiveSourceConfig> bindSources(JsonNode sources, JsonNode driverDefaults, String source) {
        if (!sources.isArray()) {
            throw new ConfigException(source + ": 'live.sources' must be a list, was '" + sources + "'");
        }
        List<LiveSourceConfig> bound = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            JsonNode node = sources.get(i);
            String at = "live.sources[" + i + "]";
            if (node == null || !node.isObject()) {
                throw new ConfigException(source + ": " + at + " must be a mapping such as {sensor: lidar_top, "
                        + "driver: VELODYNE_UDP, port: 2368}, was '" + node + "'");
            }
            String sensor = node.path("sensor").asText("");
            if (!node.path("sensor").isTextual() || sensor.isBlank()) {
                throw new ConfigException(source + ": " + at + ".sensor is missing: name one of sensors[]");
            }
            JsonNode driverNode = node.get("driver");
            if (driverNode == null || driverNode.isNull()) {
                throw new ConfigException(source + ": " + at + ".driver is missing for sensor '" + sensor + "'; one of "
                        + List.of(LiveDriver.values()));
            }
            LiveDriver driver = Arrays.stream(LiveDriver.values()).filter(d -> d.name().equals(driverNode.asText()))
                    .findFirst().orElseThrow(() -> new ConfigException(source + ": " + at + ".driver: value '"
                            + driverNode.asText() + "' is not a valid LiveDriver; allowed: "
                            + Arrays.toString(LiveDriver.values())));
            Set<String> fields = YamlBinder.keysOf(driver.configType());
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.equals("driver") || fields.contains(key)) {
                    continue;
                }
                boolean ofAnother = Arrays.stream(LiveDriver.values())
                        .anyMatch(d -> YamlBinder.keysOf(d.configType()).contains(key));
                TreeSet<String> own = new TreeSet<>(fields);
                own.remove("sensor");
                throw new ConfigException(source + ": " + (ofAnother
                        ? at + "." + key + " (value '" + e.getValue().asText() + "') does not apply to driver " + driver
                                + "; its fields: " + own
                        : "unknown key '" + at + "." + key + "'; fields of driver " + driver + ": "
                                + LiveSourceConfig.fieldsOf(driver)));
            }
            ObjectNode merged = YamlBinder.copy(driverDefaults == null ? null : driverDefaults.get(driver.name()));
            YamlBinder.merge(merged, (ObjectNode) node);
            merged.remove("driver");
            // a field the driver needs as a number or flag, left out (or null) with no default to fill it
            List<String> missing = new ArrayList<>();
            for (java.lang.reflect.RecordComponent c : driver.configType().getRecordComponents()) {
                JsonNode v = merged.get(c.getName());
                if (c.getType().isPrimitive() && (v == null || v.isNull())) {
                    missing.add(c.getName());
                }
            }
            if (!missing.isEmpty()) {
                JsonNode examples = BuiltIn.TREE.path("liveDefaults").path(driver.name());
                throw new ConfigException(source + ": " + at + " (" + sensor + "): " + required(missing,
                        f -> examples.get(f) == null ? null : examples.get(f).asText()));
            }
            try {
                bound.add(YamlBinder.bind(merged, driver.configType(), source, at, true));
            } catch (BindException e) {
                throw new ConfigException(entryMessage(e, source), e);
            }
        }
        return bound;
    }
}
