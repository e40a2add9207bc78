package org.avfusion.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import java.util.TreeSet;

/**
 * Loads a YAML profile strictly: every key must exist in the built-in {@code default.yaml} (the one place defaults
 * live), the profile is merged over it (objects key by key, lists replaced whole), then bound into
 * {@link RuntimeConfig}. Every failure is a {@link ConfigException} naming the source, the key path and the value.
 *
 * <p>Keys derived from others are filled in here, not written by users: the body dimensions in {@code perception}
 * and {@code decision} come from {@code vehicle}.
 */
public final class ConfigLoader {
    /** Classpath location of the built-in default profile (copied from the repository's config/default.yaml). */
    public static final String DEFAULT_RESOURCE = "/org/avfusion/config/default.yaml";
    private static final List<String> DERIVED = List.of(
            "perception.egoLengthMeters", "perception.egoWidthMeters", "perception.egoRearOverhangMeters",
            "decision.vehicleWidthMeters", "decision.frontOverhangMeters");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** The built-in defaults alone. */
    public RuntimeConfig loadDefault() {
        return bind(defaultTree(), "built-in default.yaml");
    }

    /** A profile file merged over the defaults. */
    public RuntimeConfig load(Path file) {
        JsonNode user;
        try {
            user = yaml.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file.toAbsolutePath()
                    + " (give an existing YAML profile, e.g. config/vehicle.yaml)");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return loadTree(user, file.toString());
    }

    /** A profile given as YAML text (tests, tools). */
    public RuntimeConfig loadYaml(String yamlText, String sourceName) {
        try {
            return loadTree(yaml.readTree(yamlText), sourceName);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    private RuntimeConfig loadTree(JsonNode user, String source) {
        ObjectNode defaults = defaultTree();
        if (user == null || user.isMissingNode() || user.isNull()) {
            return bind(defaults, source);
        }
        if (!user.isObject()) {
            throw new ConfigException(source + ": the top level must be a mapping of keys (vehicle, ring, sensors, ...)");
        }
        checkKeys(defaults, user, "", source);
        merge(defaults, (ObjectNode) user);
        return bind(defaults, source);
    }

    private ObjectNode defaultTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + DEFAULT_RESOURCE + " missing from the classpath (broken build)");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("built-in default.yaml unreadable", e);
        }
    }

    private static void checkKeys(JsonNode known, JsonNode given, String path, String source) {
        if (known == null) {
            return;
        }
        if (known.isObject()) {
            if (!given.isObject()) {
                throw new ConfigException(source + ": " + display(path) + " must be a mapping, was " + given.getNodeType()
                        .name().toLowerCase() + " '" + given + "'");
            }
            Iterator<Map.Entry<String, JsonNode>> it = given.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (DERIVED.contains(p)) {
                    throw new ConfigException(source + ": key '" + p + "' (value '" + e.getValue().asText()
                            + "') is derived from the vehicle section; "
                            + "set vehicle.lengthMeters / widthMeters / rearOverhangMeters instead");
                }
                JsonNode k = known.get(e.getKey());
                if (k == null) {
                    TreeSet<String> names = new TreeSet<>();
                    known.fieldNames().forEachRemaining(names::add);
                    names.removeIf(n -> DERIVED.contains(path.isEmpty() ? n : path + "." + n));
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

    private static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode vo) {
                merge(bo, vo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
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
        try {
            return yaml.treeToValue(tree, RuntimeConfig.class);
        } catch (InvalidFormatException e) {
            String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "; allowed: " + Arrays.toString(e.getTargetType().getEnumConstants()) : "";
            throw new ConfigException(source + ": key '" + path(e) + "': value '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName() + allowed);
        } catch (MismatchedInputException e) {
            throw new ConfigException(source + ": key '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ConfigException) && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            String message = cause != null ? cause.getMessage() : e.getOriginalMessage();
            throw new ConfigException(source + ": " + message, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }

}
