package org.pixelproof.web;

/** A document (dossier, letter, preview, cleaned copy) cannot be produced by this build; answered with HTTP 503. */
public class DocumentUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what the document, in English, e.g. {@code "dossier PDF"} */
    public DocumentUnavailableException(String what) {
        super(what + " is not available in this build");
    }
}
