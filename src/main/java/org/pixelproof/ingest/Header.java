package org.pixelproof.ingest;

import java.util.Objects;

/**
 * One header field of a message, in the order it appears.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name    the field name as written (case kept), e.g. {@code "List-Unsubscribe"}
 * @param raw     the field body exactly as in the message, folding (CRLF + white space) kept, at most
 *                {@link IngestLimits#maxHeaderLineBytes()} characters (longer values are cut and an anomaly recorded)
 * @param decoded the field body unfolded, with RFC 2047 encoded words decoded into Unicode; equals the unfolded
 *                {@code raw} when nothing was encoded or decoding failed
 */
public record Header(String name, String raw, String decoded) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(decoded, "decoded");
    }

    /** @return true when this field's name equals {@code other}, ignoring case (RFC 5322 field names are case-insensitive). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
