package org.pixelproof.assess;

/**
 * The one-line result of an analysis. Worded after DESIGN.md's third invariant: PixelProof sees one message, so it
 * reports tracking with or without visible markers, never "unlawful", and "no tracker found" is not "no tracking".
 */
public enum Verdict {
    /** At least one tracker, and neither a tracking notice nor a tracking opt-out link in the message. */
    TRACKING_WITHOUT_CONSENT_MARKERS,
    /** At least one tracker, and a tracking notice or a tracking opt-out link in the message. */
    TRACKING_WITH_CONSENT_MARKERS,
    /** No tracker found in this message (which does not prove there is none). */
    NO_TRACKING_FOUND
}
