package org.pixelproof.ingest;

/** How much an {@link Anomaly} affects the analysis. */
public enum Severity {
    /** Worth knowing, nothing was lost (e.g. the message was forwarded as an attachment). */
    INFO,
    /** Malformed or over a limit; PixelProof recovered and analysed what it could. */
    WARNING,
    /** The input cannot be analysed as an e-mail at all (empty, not a message, over the size limit). */
    FATAL
}
