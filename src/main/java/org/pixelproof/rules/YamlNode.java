package org.pixelproof.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on, read through Jackson's streaming parser so that validation errors can name
 * the line of the offending entry (Jackson's {@code JsonNode} tree drops token locations).
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** @return the 1-based line where the value starts */
    int line();

    /** @return a short name of the node's shape for error messages */
    String shape();

    /** A mapping; keys keep their order and their own lines. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Collections.unmodifiableMap(new LinkedHashMap<>(keyLines));
        }

        YamlNode get(String key) {
            return entries.get(key);
        }

        /** @return the line of {@code key}, or the mapping's own line when the key is absent */
        int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }

        @Override
        public String shape() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String shape() {
            return "a list";
        }
    }

    /**
     * A scalar: string, number, boolean or null, kept as the text written in the file.
     *
     * @param text the scalar's text, {@code null} for a YAML null ({@code ~}, {@code null} or nothing)
     */
    record Scalar(String text, int line) implements YamlNode {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String shape() {
            return text == null ? "null" : "a single value";
        }
    }
}
