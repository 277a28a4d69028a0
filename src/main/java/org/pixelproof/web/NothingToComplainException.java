package org.pixelproof.web;

/**
 * A dossier, a letter or the complainant's form was asked for an analysis that gives no grounds for a complaint
 * ({@link Complaints#possible}: no tracker was found). Answered with HTTP 409 and a reason, as JSON under
 * {@code /api/} and as a page elsewhere; the result page does not offer these links in that case.
 */
public class NothingToComplainException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The stable code of {@link ApiError#error()} and of {@link Problem#NOTHING_TO_COMPLAIN}. */
    public static final String CODE = "NOTHING_TO_COMPLAIN";

    /** A refusal with the standard reason. */
    public NothingToComplainException() {
        super("no tracker was found in this message: there is nothing to complain about, so no dossier or letter "
                + "is made (the cleaned copy and the JSON remain available)");
    }
}
