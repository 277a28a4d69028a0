package org.pixelproof.detect;

/**
 * Signs, visible in the message, that the recipient was informed of tracking or can refuse it (CNIL délibération
 * 2026-042: information on tracking and a way to withdraw consent in every message) or can stop the mailing (CPCE art.
 * L34-5).
 */
public enum ConsentMarkerType {
    /** Text that tells the reader the message contains tracking (pixel, open/click measurement). */
    TRACKING_NOTICE,
    /** A link to refuse or withdraw consent to tracking, separate from unsubscribing. */
    TRACKING_OPT_OUT_LINK,
    /** A link to stop receiving the messages. */
    UNSUBSCRIBE_LINK,
    /** A {@code List-Unsubscribe} header (RFC 2369, one-click per RFC 8058). */
    LIST_UNSUBSCRIBE_HEADER,
    /** A link to the sender's privacy policy. */
    PRIVACY_POLICY_LINK
}
