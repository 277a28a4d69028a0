package org.pixelproof.authenticity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What can be said of the message's origin and integrity. Immutable and thread-safe.
 *
 * @param dkim                  one result per DKIM-Signature header, in header order
 * @param authenticationResults what the receiving servers asserted in {@code Authentication-Results} and
 *                              {@code ARC-Authentication-Results} (SPF, DKIM, DMARC), each with the asserting server
 * @param receivedChain         the Received hops, from the sender to the recipient's server
 * @param deliveredAt           the time the recipient's server received the message (the topmost Received), or
 *                              {@code null}
 */
public record Authenticity(
        List<DkimResult> dkim,
        List<AuthAssertion> authenticationResults,
        List<ReceivedHop> receivedChain,
        OffsetDateTime deliveredAt) {

    public Authenticity {
        dkim = List.copyOf(dkim);
        authenticationResults = List.copyOf(authenticationResults);
        receivedChain = List.copyOf(receivedChain);
    }

    /** An authenticity with nothing checked. */
    public static Authenticity none() {
        return new Authenticity(List.of(), List.of(), List.of(), null);
    }
}
