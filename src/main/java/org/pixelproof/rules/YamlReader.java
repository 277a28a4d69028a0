package org.pixelproof.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree that keeps each value's line, with Jackson's YAML streaming
 * parser. Duplicate keys in a mapping are reported, not silently merged. Thread-safe (the factory is).
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A YAML syntax error or a structural error (duplicate key), with its 1-based line (0 if unknown). */
    static final class YamlSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        YamlSyntaxException(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private YamlReader() {
    }

    /**
     * @param bytes UTF-8 YAML text
     * @return the document's root, or {@code null} for an empty document
     * @throws YamlSyntaxException when the text is not YAML, holds several documents, or repeats a key
     */
    static YamlNode read(byte[] bytes) throws YamlSyntaxException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() == null) {
                return null;
            }
            YamlNode root = readValue(p);
            if (p.nextToken() != null) {
                throw new YamlSyntaxException("more than one YAML document in the file (remove the extra '---')",
                        line(p.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new YamlSyntaxException("not valid YAML: " + firstLine(msg), loc == null ? 0 : line(loc));
        } catch (IOException e) {
            throw new YamlSyntaxException("cannot read: " + e.getMessage(), 0);
        }
    }

    private static YamlNode readValue(JsonParser p) throws IOException, YamlSyntaxException {
        int line = line(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p.currentTokenLocation());
                    if (entries.containsKey(key)) {
                        throw new YamlSyntaxException("key '" + key + "' appears twice in the same mapping (first on line "
                                + keyLines.get(key) + ")", keyLine);
                    }
                    p.nextToken();
                    entries.put(key, readValue(p));
                    keyLines.put(key, keyLine);
                }
                return new YamlNode.Mapping(entries, keyLines, line);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p));
                }
                return new YamlNode.Sequence(items, line);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(null, line);
            default:
                return new YamlNode.Scalar(p.getText(), line);
        }
    }

    private static int line(JsonLocation loc) {
        return loc == null ? 0 : Math.max(0, loc.getLineNr());
    }

    /** Keeps SnakeYAML's explanation lines ("while parsing...", "expected ..."), drops its context excerpts. */
    private static String firstLine(String s) {
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                out.append(out.length() == 0 ? "" : "; ").append(line.trim());
            }
        }
        return out.length() == 0 ? s.trim() : out.toString();
    }
}
