package org.avfusion.runtime.cli.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** How a calibrate command prints its result: a YAML document (default) or one pretty-printed JSON object. */
public enum OutputFormat {
    YAML(new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())),
    JSON(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT));

    private final ObjectMapper mapper;

    OutputFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A fresh object to fill. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** The text of {@code node}, ending with a newline. */
    public String write(ObjectNode node) {
        try {
            String text = mapper.writeValueAsString(node);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the result: " + e.getMessage(), e);
        }
    }
}
