package org.pixelproof.authenticity;

import java.util.List;
import java.util.Objects;

/**
 * The verification of one DKIM signature (RFC 6376).
 *
 * @param domain              the signing domain ({@code d=})
 * @param selector            the selector ({@code s=})
 * @param result              {@code pass}, {@code fail}, {@code neutral} (not checked, e.g. lookups switched off),
 *                            {@code temperror} (key lookup failed for now) or {@code permerror} (key absent or
 *                            signature malformed), after RFC 8601's vocabulary
 * @param reason              why, in English, when not {@code pass} (e.g. {@code "body hash mismatch"},
 *                            {@code "no key at s1._domainkey.example.com"}, {@code "signature expired"})
 * @param bodyCovered         true when the signature covers the whole body (no {@code l=} tag, or {@code l=} equal to
 *                            the body length)
 * @param bodyLengthLimit     the {@code l=} value in bytes, or {@code null}
 * @param signedHeaders       the header names in {@code h=}, in order
 * @param trackersInSignedBody true when every tracker found lies inside the signed part of the body; {@code null}
 *                            when not known
 * @param algorithm           {@code a=}, e.g. {@code rsa-sha256}
 */
public record DkimResult(
        String domain,
        String selector,
        String result,
        String reason,
        boolean bodyCovered,
        Long bodyLengthLimit,
        List<String> signedHeaders,
        Boolean trackersInSignedBody,
        String algorithm) {

    public DkimResult {
        Objects.requireNonNull(result, "result");
        signedHeaders = List.copyOf(signedHeaders);
    }
}
