package org.pixelproof.detect;

/** The kinds of tracker, as in the analysis JSON ({@code trackers[].kind}). */
public enum TrackerKind {
    /** An image (usually invisible, often 1x1) whose loading tells the sender the message was opened. */
    OPEN_PIXEL,
    /** A remote resource referenced from CSS (background, font, {@code @import}...) that acts as an open beacon. */
    CSS_BEACON,
    /** A link that passes through a tracking redirector or carries per-recipient parameters. */
    CLICK_TRACKING,
    /** A header asking the mail client to send a read receipt ({@code Disposition-Notification-To}...). */
    READ_RECEIPT,
    /** Any other remote load that identifies the opening (iframe, video poster, AMP analytics, meta refresh...). */
    OTHER_BEACON
}
