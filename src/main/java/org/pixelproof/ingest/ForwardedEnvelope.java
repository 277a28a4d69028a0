package org.pixelproof.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The outer message of an upload that only forwards another message as an attachment ({@code message/rfc822}). When
 * present, {@link ReceivedEmail} describes the carried message and this record keeps what the wrapper said.
 *
 * <p>Immutable and thread-safe.
 *
 * @param headers   the wrapper's header fields
 * @param partPath  the path, in the wrapper's tree, of the {@code message/rfc822} part that was analysed
 * @param sha256    lower-case hex SHA-256 of the carried message's bytes (the SHA-256 of the whole upload is
 *                  {@link ReceivedEmail#sha256()})
 */
public record ForwardedEnvelope(List<Header> headers, String partPath, String sha256) {
    public ForwardedEnvelope {
        headers = List.copyOf(headers);
        Objects.requireNonNull(partPath, "partPath");
        Objects.requireNonNull(sha256, "sha256");
    }
}
