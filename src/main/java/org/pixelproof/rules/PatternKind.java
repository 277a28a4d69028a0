package org.pixelproof.rules;

/** What a vendor URL pattern recognises. */
public enum PatternKind {
    /** An open-tracking pixel or beacon: loading it tells the vendor the message was opened. */
    OPEN,
    /** A click-tracking redirector: following the link tells the vendor which link was clicked, by whom. */
    CLICK,
    /** Images and other assets served by the vendor without, on their own, tracking anyone. */
    ASSET,
    /**
     * The vendor's subscription-confirmation endpoint (double opt-in): following the link confirms the subscription
     * the recipient asked for, which is why it identifies the subscriber. A functional link, strictly necessary for the
     * service requested (Loi Informatique et Libertés art. 82, ePrivacy art. 5(3)): not click tracking by itself. See
     * {@code docs/decisions/0042-double-opt-in-confirmations.md}.
     */
    CONFIRM
}
