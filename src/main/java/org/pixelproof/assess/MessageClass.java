package org.pixelproof.assess;

/** What kind of message it is, for the CNIL exemptions (délibération 2026-042). */
public enum MessageClass {
    /** Promotional or newsletter content: no exemption applies to its tracking. */
    MARKETING,
    /** An order, invoice, delivery or account notice the recipient asked for: deliverability exemption possible. */
    TRANSACTIONAL,
    /** A password reset, login or security alert: authentication-security exemption possible. */
    SECURITY,
    /** A person-to-person message. */
    PERSONAL,
    /** The cues are absent or contradictory. */
    UNKNOWN
}
