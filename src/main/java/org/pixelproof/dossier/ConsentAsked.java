package org.pixelproof.dossier;

/** The complainant's answer to "were you ever asked to consent to the tracking of your e-mails?". */
public enum ConsentAsked {
    /** Yes, they were asked (and the dossier says so). */
    YES,
    /** No, never. */
    NO,
    /** They do not know or do not remember. */
    DONT_KNOW
}
