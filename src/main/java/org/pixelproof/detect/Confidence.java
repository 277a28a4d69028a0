package org.pixelproof.detect;

/** How sure a finding is, from the signals that fired. */
public enum Confidence {
    /** A vendor rule matched, or several independent signals agree (e.g. 1x1, hidden, per-recipient token). */
    HIGH,
    /** One strong signal, or several weak ones. */
    MEDIUM,
    /** A single weak signal: reported so a person can judge. */
    LOW
}
