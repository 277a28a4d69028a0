package org.pixelproof.ingest;

import java.util.Objects;

/**
 * A decoded text body of the message: transfer encoding removed (quoted-printable soft line breaks joined, base64
 * decoded) and bytes turned into characters with the declared charset, or a fallback.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partPath       the {@link MimePart#path()} it comes from
 * @param kind           HTML, plain text or AMP
 * @param text           the decoded text, at most {@link IngestLimits#maxBodyBytes()} bytes' worth
 * @param declaredCharset the charset the part declared, or {@code null}
 * @param usedCharset    the charset actually used to decode (the declared one when the JDK knows it, else a fallback
 *                       such as UTF-8 or windows-1252 chosen by {@code ingest})
 * @param truncated      true when the body was longer than the limit and was cut (an anomaly says so)
 */
public record BodyText(
        String partPath,
        BodyKind kind,
        String text,
        String declaredCharset,
        String usedCharset,
        boolean truncated) {

    public BodyText {
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usedCharset, "usedCharset");
    }
}
