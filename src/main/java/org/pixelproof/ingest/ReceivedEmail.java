package org.pixelproof.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A received e-mail as read by {@code ingest}: what a mail client would show, and what it would fetch.
 *
 * <p>When the upload merely wraps another message as an attachment, this record describes the carried message and
 * {@link #forwardedBy()} keeps the wrapper. The SHA-256 is always that of the bytes given, so that it matches the
 * file the user holds. Immutable and thread-safe (do not modify the array returned by {@link #messageBytes()}).
 *
 * @param fileName     the input's name as given by the user (display only, never used as a path), or {@code null}
 * @param sha256       lower-case hex SHA-256 of the whole input
 * @param sizeBytes    size of the whole input in bytes
 * @param headers      the analysed message's header fields, in order
 * @param root         the analysed message's MIME tree; its path is {@code "1"}
 * @param bodies       HTML, text and AMP bodies in tree order (alternatives included: a client shows one, but may
 *                     fetch from any)
 * @param anomalies    what was malformed or over a limit, in the order met; at most 200 entries
 * @param forwardedBy  the wrapper when the input forwarded this message as an attachment, else {@code null}
 * @param messageBytes the raw bytes of the analysed message (the input itself, or the carried message), needed to
 *                     verify DKIM signatures; empty when the input was rejected
 */
public record ReceivedEmail(
        String fileName,
        String sha256,
        long sizeBytes,
        List<Header> headers,
        MimePart root,
        List<BodyText> bodies,
        List<Anomaly> anomalies,
        ForwardedEnvelope forwardedBy,
        byte[] messageBytes) {

    public ReceivedEmail {
        Objects.requireNonNull(sha256, "sha256");
        headers = List.copyOf(headers);
        Objects.requireNonNull(root, "root");
        bodies = List.copyOf(bodies);
        anomalies = List.copyOf(anomalies);
        Objects.requireNonNull(messageBytes, "messageBytes");
    }

    /** @return the decoded value of the first header field named {@code name} (case-insensitive), if any. */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return Optional.of(h.decoded());
            }
        }
        return Optional.empty();
    }

    /** @return the decoded values of every header field named {@code name} (case-insensitive), in order. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            if (h.is(name)) {
                out.add(h.decoded());
            }
        }
        return out;
    }

    /** @return the bodies of the given kind, in tree order. */
    public List<BodyText> bodies(BodyKind kind) {
        return bodies.stream().filter(b -> b.kind() == kind).toList();
    }

    /** @return the first fatal anomaly when the input could not be analysed as an e-mail at all. */
    public Optional<Anomaly> rejection() {
        return anomalies.stream().filter(a -> a.severity() == Severity.FATAL).findFirst();
    }
}
