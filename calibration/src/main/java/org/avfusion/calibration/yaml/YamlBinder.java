package org.avfusion.calibration.yaml;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds YAML into records strictly: unknown keys (checked against the record components before any constructor
 * runs, so a misspelt key is never hidden behind a "missing" message), duplicate keys and scalars of the wrong type
 * ({@code size: "16"}, {@code lengthMeters: long}, {@code 1.5} for a whole number) fail with a {@link BindException}
 * naming the source, the key path and the value. A {@link BoundsException} thrown by a record's compact constructor
 * comes out as a {@link BindException} at the path of that record plus the exception's key.
 *
 * <p>Sealed interfaces annotated with {@link JsonSubTypes} are selected by their type property. Thread-safe and
 * stateless apart from the shared, immutable mapper.
 */
public final class YamlBinder {
    private static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private YamlBinder() {
    }

    /** Parses YAML text into a tree; an empty document is a null node. */
    public static JsonNode readTree(String yaml, String source) {
        try {
            JsonNode tree = MAPPER.readTree(yaml);
            return tree == null || tree.isMissingNode() ? MAPPER.nullNode() : tree;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field") && message.contains(" for `")) {
                message = message.substring(0, message.indexOf(" for `")) + "; write each key once";
            }
            if (message.startsWith("Trailing token")) {
                message = "a second YAML document starts here (after a '---' line): a file holds one; merge them";
            }
            if (message.startsWith("Malformed numeric value") && e.getLocation() != null) {
                // YAML's .nan / .inf / -.inf: valid YAML, but no setting takes them; name the key, not the parser
                String value = message.substring(message.indexOf('\'') + 1, message.lastIndexOf('\''));
                throw new BindException(source, keyAt(yaml, e.getLocation().getLineNr(),
                        e.getLocation().getColumnNr()), "'" + value + "' " + where(e.getLocation())
                        + " is not a finite number: NaN and infinities are refused; write a number within the "
                        + "setting's range", value, null, e);
            }
            throw new BindException(source, "", "not valid YAML " + where(e.getLocation()) + ": " + message, null,
                    null, e);
        }
    }

    /** Parses YAML from a stream (classpath resources). */
    public static JsonNode readTree(java.io.InputStream in, String source) {
        try {
            // strict: bytes that are not UTF-8 are refused (a lenient decode would bind replacement characters)
            return readTree(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString(), source);
        } catch (java.io.IOException e) {
            throw new BindException(source, "", "cannot read: " + readProblem(e), null, null, e);
        }
    }

    /**
     * Binds {@code node} into {@code type}.
     *
     * @param path         key path of {@code node} in its document ({@code ""} for the root, {@code live.sources[2]})
     * @param relativeKeys whether the records' {@link BoundsException} keys are relative to the record (scenarios,
     *                     rigs: the binder puts the path in front) or already full paths (profiles)
     */
    public static <T> T bind(JsonNode node, Class<T> type, String source, String path, boolean relativeKeys) {
        checkKeys(node, type, path, source);
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw translate(e, node, source, path, relativeKeys);
        } catch (JsonProcessingException e) {
            throw new BindException(source, path, e.getOriginalMessage(), null, null, e);
        } catch (IllegalArgumentException e) {
            throw translate(e, source, path, relativeKeys);
        }
    }

    /** Merges {@code over} into {@code base}: mappings key by key, everything else (lists included) replaced whole. */
    public static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode vo) {
                merge(bo, vo);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** A deep copy of a tree as an object node (for merging over built-in defaults). */
    public static ObjectNode copy(JsonNode node) {
        return node instanceof ObjectNode o ? o.deepCopy() : MAPPER.createObjectNode();
    }

    /** The keys a record (or one of a sealed interface's subtypes, by {@code type}) accepts. */
    public static Set<String> keysOf(Class<?> record) {
        Set<String> known = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            known.add(c.getName());
        }
        return known;
    }

    /** Rejects any key that is not a component of the record the node binds to, recursively (through lists and
     * string-keyed maps). */
    public static void checkKeys(JsonNode node, Type type, String path, String source) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkKeys(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", source);
                }
            }
            return;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    checkKeys(e.getValue(), p.getActualTypeArguments()[1], join(path, e.getKey()), source);
                }
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !node.isObject()) {
            return;
        }
        Set<String> known = new TreeSet<>();
        Class<?> target = c;
        JsonSubTypes subTypes = c.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            JsonNode typeName = node.get("type");
            target = null;
            for (JsonSubTypes.Type t : subTypes.value()) {
                if (typeName != null && t.name().equals(typeName.asText())) {
                    target = t.value();
                }
            }
            if (target == null) {
                return; // binding names the missing or unknown type
            }
            known.add("type");
        }
        if (!target.isRecord()) {
            return;
        }
        known.addAll(keysOf(target));
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                throw unknownKey(source, join(path, key), key, known);
            }
        }
        for (RecordComponent component : target.getRecordComponents()) {
            JsonNode child = node.get(component.getName());
            if (child != null) {
                checkKeys(child, component.getGenericType(), join(path, component.getName()), source);
            }
        }
    }

    /** The exception for a key not among {@code known}, phrased {@code unknown key 'k'; known keys: a, b}. */
    public static BindException unknownKey(String source, String keyPath, String key, Collection<String> known) {
        return new BindException(source, keyPath, "unknown key '" + key + "'; known keys: "
                + String.join(", ", new TreeSet<>(known)), key, new TreeSet<>(known), null);
    }

    /** {@code a.b}, {@code a[0]}, or the key alone under the root. */
    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static BindException translate(JsonMappingException e, JsonNode root, String source, String base,
            boolean relativeKeys) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof RuntimeException)) {
            cause = cause.getCause();
        }
        String path = base + path(e.getPath(), base.isEmpty());
        if (cause instanceof BindException b) {
            return b;
        }
        if (cause instanceof BoundsException b) {
            return new BindException(source, relativeKeys ? join(path, b.key()) : b.key(), b.problem(), null, null, b);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            Set<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            return unknownKey(source, path, u.getPropertyName(), known);
        }
        if (e instanceof InvalidTypeIdException t) {
            JsonSubTypes sub = t.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
            List<String> names = sub == null ? List.of()
                    : Arrays.stream(sub.value()).map(JsonSubTypes.Type::name).toList();
            return new BindException(source, join(path, "type"), (t.getTypeId() == null ? "missing"
                    : "unknown type '" + t.getTypeId() + "'") + "; write type: " + String.join(", ", names),
                    t.getTypeId(), null, e);
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Numeric value (") && original.contains(" out of range of ")) {
            // Jackson's words gave the Java type's range (int), not the setting's; the record's check never ran
            JsonNode big = node(root, e.getPath());
            String value = big == null ? original.substring(15, original.indexOf(')')) : big.asText();
            return new BindException(source, path, "value " + value + " is too large: write a whole number within "
                    + "the setting's range", value, null, e);
        }
        if (cause != null && cause.getMessage() != null) {
            return new BindException(source, path, cause.getMessage(), null, null, cause);
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        JsonNode at = node(root, e.getPath());
        String value = e instanceof InvalidFormatException f ? String.valueOf(f.getValue())
                : at == null ? null : at.isValueNode() ? at.asText() : at.toString();
        if (target != null) {
            return new BindException(source, path, "bad value '" + value + "'; write " + expected(target), value,
                    null, e);
        }
        return new BindException(source, path, where(e.getLocation()) + e.getOriginalMessage(), value, null, e);
    }

    private static BindException translate(IllegalArgumentException e, String source, String path,
            boolean relativeKeys) {
        if (e instanceof BindException b) {
            return b;
        }
        if (e instanceof BoundsException b) {
            return new BindException(source, relativeKeys ? join(path, b.key()) : b.key(), b.problem(), null, null, b);
        }
        return new BindException(source, path, e.getMessage(), null, null, e);
    }

    /** What a reader should write for a type, in words. */
    private static String expected(Class<?> target) {
        if (target.isEnum()) {
            return "one of " + Arrays.toString(target.getEnumConstants());
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class
                || target == short.class || target == Short.class) {
            return "a whole number";
        }
        if (target == double.class || target == Double.class || target == float.class || target == Float.class) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        return "a mapping of keys";
    }

    private static JsonNode node(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : n;
        }
        return n;
    }

    /**
     * The key path of the value at {@code line}:{@code column} (1-based) of block-style YAML, as
     * {@code alignment.poseMaxGapMillis} or {@code live.sources[].port}: the nearest {@code key:} before the column on
     * that line, then the keys of the lines above it with less indentation. Best effort, for messages only (a flow
     * mapping spread over lines may name its outer key); {@code ""} when nothing is found.
     */
    static String keyAt(String yaml, int line, int column) {
        String[] lines = yaml.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String here = lines[line - 1];
        String head = here.substring(0, Math.max(0, Math.min(here.length(), column - 1)));
        // keys on this line before the value: those opening a flow mapping ('key: {') that is still open lead
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_]+)\\s*:\\s*(\\{)?").matcher(head);
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        String key = null;
        int from = 0;
        while (m.find()) {
            for (char c : head.substring(from, m.start()).toCharArray()) {
                if (c == '}' && !open.isEmpty()) {
                    open.removeLast();
                }
            }
            from = m.end();
            key = m.group(1);
            if (m.group(2) != null) {
                open.addLast(key);
                key = null;
            }
        }
        if (key == null) {
            return "";
        }
        StringBuilder path = new StringBuilder(String.join(".", open)).append(open.isEmpty() ? "" : ".").append(key);
        int indent = indentOf(here);
        boolean inItem = here.trim().startsWith("-"); // the value is inside a list item
        for (int i = line - 2; i >= 0 && indent > 0; i--) {
            String above = lines[i];
            if (above.isBlank() || above.trim().startsWith("#")) {
                continue;
            }
            int at = indentOf(above);
            if (at == indent && above.trim().startsWith("-")) {
                inItem = true; // the item's first line, at the same depth
            } else if (at < indent) {
                java.util.regex.Matcher k = java.util.regex.Pattern.compile("^\\s*(-\\s+)?([A-Za-z0-9_]+)\\s*:")
                        .matcher(above);
                if (k.find()) {
                    path.insert(0, k.group(2) + (inItem ? "[]." : "."));
                    inItem = k.group(1) != null;
                }
                indent = at;
            }
        }
        return path.toString();
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '-')) {
            n++;
        }
        return n;
    }

    /** Why a text file could not be read, in words: the JDK's text for bytes that are not UTF-8 is "Input length = 1". */
    public static String readProblem(java.io.IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text (save it as UTF-8)";
        }
        return e.getMessage();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
    }

    /** Jackson's reference chain as {@code actors[0].speedMetersPerSecond} (leading dot unless at the root). */
    private static String path(List<JsonMappingException.Reference> refs, boolean atRoot) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0 || !atRoot) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }

}
