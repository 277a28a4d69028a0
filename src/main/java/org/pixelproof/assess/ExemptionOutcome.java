package org.pixelproof.assess;

/** Whether a consent exemption can cover the tracking found. */
public enum ExemptionOutcome {
    /** The message's cues are compatible with the exemption (which the sender would still have to show). */
    MAY_APPLY,
    /** The message's cues rule the exemption out. */
    DOES_NOT_APPLY,
    /** One message is not enough to tell. */
    CANNOT_TELL
}
