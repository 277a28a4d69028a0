package org.pixelproof.rules;

/** What a vendor URL pattern recognises. */
public enum PatternKind {
    /** An open-tracking pixel or beacon: loading it tells the vendor the message was opened. */
    OPEN,
    /** A click-tracking redirector: following the link tells the vendor which link was clicked, by whom. */
    CLICK,
    /** Images and other assets served by the vendor without, on their own, tracking anyone. */
    ASSET
}
