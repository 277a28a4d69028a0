package org.pixelproof.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON form of analyses on the command line: record components in declaration order, dates as ISO-8601 strings,
 * enums by name, nulls kept (the JSON of DESIGN.md lists every field). Same shape as the REST API's.
 */
final class CliJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private CliJson() {
    }

    /** @return the shared, thread-safe mapper (do not reconfigure it). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The JSON of one analysed input, as {@code --json} and {@code --jsonl} write it: the analysis, and for a copy of
     * a message an earlier input of the run held ({@link Outcome#duplicateOf()}, {@link DuplicateKey}) one more
     * field after the analysis's own, {@code "duplicateOf"}, naming that input as the CSV's {@code duplicate_of}
     * does; the other analyses are written exactly as the JSON of DESIGN.md.
     *
     * @param outcome an outcome with an analysis ({@link Outcome#ok()})
     * @return UTF-8 JSON, one line
     * @throws IOException when Jackson cannot write it (never for an analysis)
     */
    static byte[] analysis(Outcome outcome) throws IOException {
        if (outcome.duplicateOf() == null) {
            return MAPPER.writeValueAsBytes(outcome.analysis());
        }
        ObjectNode node = MAPPER.valueToTree(outcome.analysis());
        node.put("duplicateOf", outcome.duplicateOf());
        return MAPPER.writeValueAsBytes(node);
    }
}
