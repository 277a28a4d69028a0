package org.pixelproof.ingest;

/** The kinds of body a mail client renders, by MIME type. */
public enum BodyKind {
    /** {@code text/html}. */
    HTML,
    /** {@code text/plain} (and text parts without a type). */
    PLAIN,
    /** {@code text/x-amp-html}, AMP for Email. */
    AMP_HTML
}
