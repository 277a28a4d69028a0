package org.pixelproof.dossier;

/**
 * When the complainant gave their address to the sender, relative to the publication of the CNIL recommendation on
 * tracking pixels (14 April 2026, {@code cnil-2026-042-published} in {@code legal-rules/dates.yaml}): the
 * recommendation asks consent at collection for addresses collected from that day, and gives senders until about
 * 14 July 2026 to inform existing lists (legal-notes, "Timing"). PixelProof cannot know it from the message: the
 * complainant says it.
 */
public enum AddressPeriod {
    /** Before 14 April 2026: the address belongs to an existing list. */
    BEFORE_RECOMMENDATION,
    /** On or after 14 April 2026: a new address, for which consent to tracking was due at collection. */
    AFTER_RECOMMENDATION
}
