package org.pixelproof.rules;

/**
 * How sure the rule data is of a legal point, as in {@code legal-notes.md}. The dossier words each level differently.
 */
public enum SourceConfidence {
    /** The official text itself, read at its source or quoted verbatim from it. */
    PRIMARY,
    /** Reported by law firms, ESP documentation or the press; the official text was not read. */
    SECONDARY,
    /** Sources disagree, or the official text could not be checked: the dossier says the point is uncertain. */
    OPEN
}
