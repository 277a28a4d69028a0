package org.pixelproof.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One node of a message's MIME tree (RFC 2045/2046).
 *
 * <p>Paths number the tree from the root: the message itself is {@code "1"}, its children {@code "1.1"},
 * {@code "1.2"}, their children {@code "1.2.1"} and so on. The path is how every finding points back to where it was
 * found. Immutable and thread-safe.
 *
 * @param path             the part's position in the tree, as above
 * @param contentType      lower-case {@code type/subtype}, {@code "text/plain"} when missing or unparseable
 * @param charset          the declared {@code charset} parameter as written, or {@code null}
 * @param transferEncoding lower-case {@code Content-Transfer-Encoding} as written, or {@code null} when absent
 * @param disposition      lower-case {@code Content-Disposition} type ({@code inline}, {@code attachment}), or
 *                         {@code null}
 * @param fileName         the declared file name (RFC 2231 / 2047 decoded), or {@code null}; never used as a path
 * @param contentId        the {@code Content-ID} without angle brackets, or {@code null}
 * @param sizeBytes        the size of the decoded content in bytes (0 for multiparts), counted up to the limits
 * @param children         sub-parts of a multipart or the carried message of a {@code message/rfc822}; empty otherwise
 */
public record MimePart(
        String path,
        String contentType,
        String charset,
        String transferEncoding,
        String disposition,
        String fileName,
        String contentId,
        long sizeBytes,
        List<MimePart> children) {

    public MimePart {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        children = List.copyOf(children);
    }

    /** @return true for {@code multipart/*} parts. */
    public boolean isMultipart() {
        return contentType.startsWith("multipart/");
    }

    /** @return the number of parts in this subtree, this one included. */
    public int count() {
        int n = 1;
        for (MimePart c : children) {
            n += c.count();
        }
        return n;
    }
}
