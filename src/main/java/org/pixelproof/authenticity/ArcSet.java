package org.pixelproof.authenticity;

import java.util.List;

/**
 * One ARC set (RFC 8617): what the intermediary of instance {@code i=} asserted about the message when it passed
 * through (its {@code ARC-Authentication-Results}), and how it sealed it ({@code ARC-Seal},
 * {@code ARC-Message-Signature}). Immutable and thread-safe.
 *
 * <p>PixelProof reads ARC sets; it does not verify their signatures. They say what each intermediary claims, e.g. that
 * DKIM passed before a mailing list or a forwarding rule altered the message.
 *
 * @param instance        {@code i=}, 1 for the first intermediary
 * @param authServId      the authserv-id of the {@code ARC-Authentication-Results}, or {@code null}
 * @param results         the results it asserted (also listed in {@link Authenticity#authenticationResults()})
 * @param sealDomain      {@code d=} of the {@code ARC-Seal}, the sealing organisation, or {@code null}
 * @param sealSelector    {@code s=} of the {@code ARC-Seal}, or {@code null}
 * @param chainValidation {@code cv=} of the {@code ARC-Seal}: {@code none} (first set), {@code pass} or {@code fail}
 *                        as the sealer judged the earlier sets, or {@code null}
 * @param signatureDomain {@code d=} of the {@code ARC-Message-Signature}, or {@code null}
 * @param signedHeaders   {@code h=} of the {@code ARC-Message-Signature}, in order
 * @param complete        true when the three headers of the set are present
 */
public record ArcSet(
        int instance,
        String authServId,
        List<AuthAssertion> results,
        String sealDomain,
        String sealSelector,
        String chainValidation,
        String signatureDomain,
        List<String> signedHeaders,
        boolean complete) {

    public ArcSet {
        results = List.copyOf(results);
        signedHeaders = List.copyOf(signedHeaders);
    }
}
