package org.pixelproof.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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
}
