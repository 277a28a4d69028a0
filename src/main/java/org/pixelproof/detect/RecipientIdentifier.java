package org.pixelproof.detect;

import java.util.Objects;

/**
 * The recipient's address found, in some encoding, inside a URL or header.
 *
 * @param value    the matched substring exactly as it appears in the URL (e.g. the MD5 hex)
 * @param encoding how the address is encoded: {@code plain}, {@code urlencoded}, {@code base64},
 *                 {@code base64url}, {@code hex}, {@code hex-upper}, {@code md5}, {@code sha1}, {@code sha224},
 *                 {@code sha256}, {@code sha384}, {@code sha512}, with {@code -upper} for upper-case hex digests and
 *                 nested hashing written {@code sha256(md5)}
 * @param where    where in the URL: {@code "query parameter e"}, {@code "path"}, {@code "fragment"}, or the header name
 * @param address  which of the recipient addresses matched (normalised to lower case)
 */
public record RecipientIdentifier(String value, String encoding, String where, String address) {
    public RecipientIdentifier {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(where, "where");
    }
}
