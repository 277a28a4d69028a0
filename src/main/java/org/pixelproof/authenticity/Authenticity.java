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

    /**
     * @return the results of the topmost {@code Authentication-Results} field ({@link AuthAssertion#field()} 1: added
     *         last, normally by the recipient's own provider, RFC 8601 section 5), in their order; empty when there is
     *         none. Still what the message's headers say: a sender can write such a field
     */
    public List<AuthAssertion> receiverAssertions() {
        return topmostField(authenticationResults);
    }

    /**
     * @return true when the topmost {@code Authentication-Results} field can be tied to the recipient's server as far
     *         as the message shows ({@link #tiedToReceivingServer}): the only assertions PixelProof takes as the
     *         receiving server's word
     */
    public boolean receiverTied() {
        return tiedToReceivingServer(receiverAssertions(), receivedChain);
    }

    /**
     * @param assertions what the {@code Authentication-Results} and ARC fields assert, with their field positions
     * @return those of the topmost {@code Authentication-Results} field ({@link AuthAssertion#field()} 1)
     */
    public static List<AuthAssertion> topmostField(List<AuthAssertion> assertions) {
        return assertions.stream().filter(a -> a.field() != null && a.field() == 1).toList();
    }

    /**
     * The engine's one rule for trusting an {@code Authentication-Results} field: the topmost one, nothing in the
     * message contradicts it ({@link AuthAssertion#doubts()}: no {@code dkim=pass} for a signature the message lacks,
     * not below every {@code Received} field), and its authserv-id is the {@code by} host of a {@code Received} field.
     * Not proof (a sender can write both fields, and RFC 8601 section 5's duty for the provider to delete fields
     * bearing its own authserv-id is not always kept), but then the field is attributed to that server. A field
     * without authserv-id (Microsoft's) is never tied.
     *
     * @param top  the topmost field's assertions ({@link #topmostField})
     * @param hops the Received chain
     * @return true when {@code top} is tied to a receiving server
     */
    public static boolean tiedToReceivingServer(List<AuthAssertion> top, List<ReceivedHop> hops) {
        String id = top.stream().map(AuthAssertion::authServId).filter(Objects::nonNull).findFirst().orElse(null);
        if (top.isEmpty() || id == null || top.stream().anyMatch(AuthAssertion::doubtful)) {
            return false;
        }
        String lower = id.toLowerCase(java.util.Locale.ROOT);
        return hops.stream().map(ReceivedHop::byHost).filter(Objects::nonNull)
                .map(b -> b.toLowerCase(java.util.Locale.ROOT)).anyMatch(lower::equals);
    }

    /** @return the newest hop (the recipient's server), or {@code null} when there is no Received header. */
    public ReceivedHop deliveryHop() {
        return receivedChain.isEmpty() ? null : receivedChain.get(receivedChain.size() - 1);
    }
}
