package org.pixelproof.assess;

import java.util.Locale;

/**
 * What an assessment does not prove (DESIGN.md, third invariant: "say what a result does not prove"). Each constant's
 * {@link #code()} is what {@link Assessment#caveats()} holds and what the dossier templates word in French and
 * English. Listed in this order when they apply.
 */
public enum Caveat {
    /** Always: the tool sees one message, not the sender's practice, nor what it does with what it collects. */
    ONE_MESSAGE_ONLY,
    /** No tracker found: tracking may still exist in a form not recognised (new vendor, server-side, link shorteners). */
    NO_TRACKER_IS_NOT_NO_TRACKING,
    /**
     * A limit left part of the message unanalysed (MIME parts or nesting, body size, HTML elements or depth, CSS size,
     * references; see the anomalies): tracking may sit in what was left out, so a result, above all "no tracker
     * found", covers only what was read.
     */
    PART_NOT_ANALYSED,
    /** No tracker found but remote content is loaded on opening: it still reveals the opening and IP address to its host. */
    REMOTE_CONTENT_PRESENT,
    /** Trackers found: the recipient may have consented elsewhere (sign-up form, account settings): ask them. */
    CONSENT_MAY_EXIST_ELSEWHERE,
    /** Markers found: their presence is reported; whether they meet the information and withdrawal requirements is not. */
    MARKER_QUALITY_NOT_ASSESSED,
    /**
     * Received on or after the publication of the CNIL recommendation (14 April 2026): new addresses need consent
     * from that day, but the message does not show when the address was collected: ask the user.
     */
    ADDRESS_COLLECTION_DATE_UNKNOWN,
    /**
     * Received on or after the publication: existing lists had until about 14 July 2026 to inform and offer an
     * opt-out, and whether informed non-objectors may keep being tracked afterwards is open.
     */
    EXISTING_LIST_TRANSITION_OPEN,
    /** Received before the recommendation was published: Art. 82 already applied, the recommendation's timing did not. */
    RECEIVED_BEFORE_RECOMMENDATION,
    /** The received date is unknown (no usable Received or Date header): the timeline cannot be drawn. */
    RECEIVED_DATE_UNKNOWN,
    /** The received date comes from the Date header, which the sender writes, not from a receiving server. */
    RECEIVED_DATE_FROM_DATE_HEADER,
    /** No tracker matched a vendor rule: every finding rests on heuristics (size, hiding, token shapes). */
    HEURISTIC_FINDINGS_ONLY,
    /** Every tracker found has low confidence. */
    LOW_CONFIDENCE_ONLY,
    /** The only tracking is a read-receipt request, which mail clients usually ask the reader about before sending. */
    READ_RECEIPT_ONLY,
    /** The message's class could not be told from its cues: the exemption checks stay open. */
    MESSAGE_CLASS_UNCERTAIN,
    /** An exemption could not be ruled out from this message (outcome may apply or cannot tell). */
    EXEMPTION_NOT_EXCLUDED,
    /** No DKIM signature was verified: the message's origin is not proven (it may be forged or a copy). */
    SENDER_NOT_AUTHENTICATED,
    /** The sender's legal identity is incomplete in the message (name, address, SIREN, privacy policy or DPO). */
    SENDER_IDENTITY_INCOMPLETE,
    /**
     * The organisation named in the message, the From and DKIM domains and the link destinations disagree as in
     * impersonation ({@link org.pixelproof.detect.SenderIdentity#identityCaveats()}): the named organisation may not
     * be the real sender (possible phishing).
     */
    SENDER_IDENTITY_DOUBTFUL,
    /** The upload wrapped the message as an attachment: a forwarded copy was analysed. */
    FORWARDED_COPY;

    /** @return the kebab-case code, e.g. {@code "one-message-only"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
