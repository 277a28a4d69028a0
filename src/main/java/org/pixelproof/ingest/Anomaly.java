package org.pixelproof.ingest;

import java.util.Objects;

/**
 * One problem met while reading a message, recorded instead of thrown (the way jsoup's parser keeps its errors).
 *
 * <p>Immutable and thread-safe.
 *
 * @param code     what happened
 * @param partPath the {@link MimePart#path()} concerned, or {@code "1"} for the message as a whole
 * @param detail   a short English explanation for developers and the annex (never the message's personal content:
 *                 say "charset x-mac-cyrillic unknown", not the text that failed)
 */
public record Anomaly(AnomalyCode code, String partPath, String detail) {
    public Anomaly {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the severity fixed by the code. */
    public Severity severity() {
        return code.severity();
    }
}
