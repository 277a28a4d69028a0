package org.pixelproof.detect;

import java.util.Objects;

/**
 * The recipient's address found, in some encoding, inside a URL or header.
 *
 * @param value     the token that matched, exactly as it appears in the URL part, header or decoded destination it was
 *                  found in (e.g. the MD5 hex, or the whole base64 query value with its padding)
 * @param encoding  how the address is encoded: {@code plain}, {@code urlencoded}, {@code base64},
 *                  {@code base64url}, {@code hex}, {@code hex-upper}, {@code md5}, {@code sha1}, {@code sha224},
 *                  {@code sha256}, {@code sha384}, {@code sha512}, {@code verp}, with {@code -upper} for upper-case hex
 *                  digests and nested hashing written {@code sha256(md5)}
 * @param where     where, in English: {@code "query parameter e"}, {@code "path"}, {@code "fragment"},
 *                  {@code "destination query parameter e"} (inside the destination a redirector carries), or the
 *                  header name
 * @param address   which of the recipient addresses matched (normalised to lower case)
 * @param whereCode the same place as a stable code, to be translated (see {@link DetectLabels}): {@code path},
 *                  {@code query}, {@code fragment}, {@code host}, {@code destination-path},
 *                  {@code destination-query}, {@code destination-fragment}, {@code header}; {@code null} when built
 *                  with the four-component form by older callers
 * @param whereName the query parameter or header name that goes with {@link #whereCode}, or {@code null}
 */
public record RecipientIdentifier(String value, String encoding, String where, String address, String whereCode,
        String whereName) {
    public RecipientIdentifier {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(where, "where");
    }

    /** The original four-component form, without the where code. */
    public RecipientIdentifier(String value, String encoding, String where, String address) {
        this(value, encoding, where, address, null, null);
    }
}
