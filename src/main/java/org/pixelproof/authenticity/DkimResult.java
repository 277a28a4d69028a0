package org.pixelproof.authenticity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verification of one DKIM signature (RFC 6376). Immutable and thread-safe.
 *
 * <p>Only {@link #result()} {@code pass} proves anything: it means that a key published under the signing domain
 * signed the listed headers and the covered part of the body, and that those bytes were not changed since. The
 * coverage fields ({@link #bodyCovered()}, {@link #trackersInSignedBody()}) describe the range the signature claims to
 * cover; they are evidence only together with {@code pass} (see {@link #vouchesForTrackers()}).
 *
 * @param domain                    the signing domain ({@code d=}), lower case, or {@code null} when the signature is
 *                                  too malformed to tell
 * @param selector                  the selector ({@code s=}), or {@code null} when unreadable
 * @param result                    after RFC 8601's vocabulary: {@code pass}; {@code fail} (the signature or the body
 *                                  hash does not verify); {@code neutral} (not checked: key lookups switched off or
 *                                  refused); {@code temperror} (the key lookup failed for now, e.g. a DNS timeout);
 *                                  {@code permerror} (no key published, key revoked or malformed, signature malformed,
 *                                  expired before delivery, or using an algorithm or key size RFC 8301 forbids)
 * @param reason                    why, in English, when not {@code pass} (e.g. {@code "body hash mismatch"},
 *                                  {@code "signature mismatch (signed headers altered)"},
 *                                  {@code "no key at s1._domainkey.example.com"},
 *                                  {@code "signature expired before delivery"}); {@code null} for a plain pass
 * @param bodyCovered               true when the signature covers the whole body (no {@code l=} tag, or {@code l=} at
 *                                  least the canonicalised body length)
 * @param bodyLengthLimit           the {@code l=} value in bytes of canonicalised body, or {@code null}
 * @param signedHeaders             the header names in {@code h=}, in order, as written
 * @param trackersInSignedBody      true when every tracker found lies inside the range this signature covers (the
 *                                  signed body prefix, or a signed header for header-based trackers); false when at
 *                                  least one lies outside (see {@link #trackersOutsideSignedBody()}); {@code null}
 *                                  when there is no tracker or it cannot be told
 * @param algorithm                 {@code a=}, e.g. {@code rsa-sha256}
 * @param identity                  the agent or user identifier {@code i=}, or {@code null}
 * @param canonicalization          {@code c=} as header/body, e.g. {@code relaxed/relaxed} (defaults filled in)
 * @param signedAt                  {@code t=}, or {@code null}
 * @param expiresAt                 {@code x=}, or {@code null}; compared with the delivery time, not with today
 * @param bodyHashVerified          whether the canonicalised body (up to {@code l=}) hashes to the signature's
 *                                  {@code bh=}; computed even when key lookups are off; {@code null} when the signature
 *                                  could not be read
 * @param keyBits                   size in bits of the public key used, or {@code null} when no key was obtained
 * @param trackersOutsideSignedBody ids of the trackers ({@code T1}...) that lie outside the covered range, in tracker
 *                                  order; empty when none or unknown
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
        String algorithm,
        String identity,
        String canonicalization,
        Instant signedAt,
        Instant expiresAt,
        Boolean bodyHashVerified,
        Integer keyBits,
        List<String> trackersOutsideSignedBody) {

    /** Result of a signature that verified. */
    public static final String PASS = "pass";
    /** Result of a signature whose header signature or body hash does not verify. */
    public static final String FAIL = "fail";
    /** Result of a signature that was not checked (lookups off or refused). */
    public static final String NEUTRAL = "neutral";
    /** Result of a signature whose key could not be fetched for now (DNS failure). */
    public static final String TEMPERROR = "temperror";
    /** Result of a signature that cannot be verified (no key, malformed, expired, forbidden algorithm). */
    public static final String PERMERROR = "permerror";

    public DkimResult {
        Objects.requireNonNull(result, "result");
        signedHeaders = List.copyOf(signedHeaders);
        trackersOutsideSignedBody = trackersOutsideSignedBody == null ? List.of()
                : List.copyOf(trackersOutsideSignedBody);
    }

    /** The original nine-component form, kept for callers written against it; the added components are unknown. */
    public DkimResult(String domain, String selector, String result, String reason, boolean bodyCovered,
            Long bodyLengthLimit, List<String> signedHeaders, Boolean trackersInSignedBody, String algorithm) {
        this(domain, selector, result, reason, bodyCovered, bodyLengthLimit, signedHeaders, trackersInSignedBody,
                algorithm, null, null, null, null, null, null, List.of());
    }

    /** @return true when the signature verified ({@link #result()} is {@code pass}). */
    public boolean passed() {
        return PASS.equals(result);
    }

    /**
     * @return true when this signature proves that every tracker found was put in the message by the signing domain's
     *         mail system: it verified and covers every tracker
     */
    public boolean vouchesForTrackers() {
        return passed() && Boolean.TRUE.equals(trackersInSignedBody);
    }
}
