package org.pixelproof.authenticity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What can be said of the message's origin and integrity. Immutable and thread-safe.
 *
 * <p>What it does not prove: a DKIM {@code pass} shows the signing domain's mail system sent these bytes, not who
 * wrote them nor that the recipient opened the message. A {@code fail} on a forwarded message is expected (forwarding
 * and mailing lists alter messages), and a missing key on an old message is expected too (keys rotate): neither means
 * forgery.
 *
 * @param dkim                  one result per DKIM-Signature header, in header order (the topmost first)
 * @param authenticationResults what the receiving servers asserted in {@code Authentication-Results} and
 *                              {@code ARC-Authentication-Results} (SPF, DKIM, DMARC), each with the asserting server,
 *                              in header order
 * @param receivedChain         the Received hops, from the sender to the recipient's server
 * @param deliveredAt           the time the recipient's server received the message (the topmost Received), or
 *                              {@code null}
 * @param arcChain              the ARC sets, by instance (1 first)
 * @param keySource             how DKIM keys were obtained: {@code dns} (live lookups), {@code zone-file} (a local DNS
 *                              master file), {@code none} (lookups switched off: results {@code neutral}) or
 *                              {@code custom}
 * @param notes                 what was malformed or skipped, in English, for the annex (e.g. "Received header 3: date
 *                              unparseable"); at most 50
 */
public record Authenticity(
        List<DkimResult> dkim,
        List<AuthAssertion> authenticationResults,
        List<ReceivedHop> receivedChain,
        OffsetDateTime deliveredAt,
        List<ArcSet> arcChain,
        String keySource,
        List<String> notes) {

    public Authenticity {
        dkim = List.copyOf(dkim);
        authenticationResults = List.copyOf(authenticationResults);
        receivedChain = List.copyOf(receivedChain);
        arcChain = arcChain == null ? List.of() : List.copyOf(arcChain);
        keySource = Objects.requireNonNullElse(keySource, "none");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The original four-component form: no ARC sets, key source {@code none}, no notes. */
    public Authenticity(List<DkimResult> dkim, List<AuthAssertion> authenticationResults,
            List<ReceivedHop> receivedChain, OffsetDateTime deliveredAt) {
        this(dkim, authenticationResults, receivedChain, deliveredAt, List.of(), "none", List.of());
    }

    /** An authenticity with nothing checked. */
    public static Authenticity none() {
        return new Authenticity(List.of(), List.of(), List.of(), null);
    }

    /** @return the DKIM results that verified, in header order. */
    public List<DkimResult> passingSignatures() {
        return dkim.stream().filter(DkimResult::passed).toList();
    }

    /**
     * @return the first verified signature that covers every tracker found (what the dossier's "signed by" sentence
     *         rests on), or {@code null}
     */
    public DkimResult signatureVouchingForTrackers() {
        return dkim.stream().filter(DkimResult::vouchesForTrackers).findFirst().orElse(null);
    }

    /** @return the newest hop (the recipient's server), or {@code null} when there is no Received header. */
    public ReceivedHop deliveryHop() {
        return receivedChain.isEmpty() ? null : receivedChain.get(receivedChain.size() - 1);
    }
}
