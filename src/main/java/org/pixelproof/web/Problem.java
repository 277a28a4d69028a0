package org.pixelproof.web;

/**
 * Why an upload or a request was refused, as shown to people (message key {@code problem_<NAME>}). The names of the
 * upload problems equal the {@link org.pixelproof.ingest.AnomalyCode}s they come from.
 */
public enum Problem {
    /** Neither a file nor pasted source was sent. */
    NO_INPUT,
    /** The file is empty. */
    EMPTY_INPUT,
    /** The file is not an e-mail. */
    NOT_A_MESSAGE,
    /** The file is an Outlook {@code .msg} (an OLE2 compound file), which only the command line reads. */
    OUTLOOK_MSG,
    /** The pasted text is not an e-mail's source. */
    PASTED_NOT_A_MESSAGE,
    /** The file is a mailbox holding several messages ({@link SeveralMessagesException}). */
    SEVERAL_MESSAGES,
    /** The upload is over {@code pixelproof.limits.max-message-bytes}. */
    MESSAGE_TOO_LARGE,
    /** The recipient address given is not an address. */
    BAD_RECIPIENT,
    /** The form's CSRF token is missing or wrong. */
    FORM_EXPIRED,
    /** Unknown, expired, erased or malformed id, or no such page. */
    NOT_FOUND,
    /** The stored original no longer matches its SHA-256. */
    INTEGRITY_ERROR,
    /** Anything unexpected. */
    INTERNAL_ERROR,
    /** A malformed request. */
    BAD_REQUEST,
    /** A method the address does not accept. */
    METHOD_NOT_ALLOWED,
    /** The body is over the server's HTTP limit. */
    PAYLOAD_TOO_LARGE,
    /** A content type the endpoint does not accept. */
    UNSUPPORTED_MEDIA_TYPE,
    /** A required field is missing. */
    MISSING_FIELD,
    /** A parameter has a wrong value. */
    BAD_PARAMETER,
    /** A page was asked with {@code ?lang=} naming a language other than French or English. */
    UNSUPPORTED_LANGUAGE,
    /** A dossier or letter was asked for an analysis without tracking ({@link NothingToComplainException}). */
    NOTHING_TO_COMPLAIN,
    /** Every turn for heavy work stayed taken too long ({@link ServerBusyException}). */
    SERVER_BUSY,
    /** The analysis ran longer than {@code pixelproof.analysis.timeout} and was abandoned
     * ({@link AnalysisTimeoutException}). */
    ANALYSIS_TIMED_OUT;

    /** @return the problem named {@code code}, or {@code fallback} when there is none. */
    public static Problem of(String code, Problem fallback) {
        if (code != null) {
            for (Problem p : values()) {
                if (p.name().equals(code)) {
                    return p;
                }
            }
        }
        return fallback;
    }
}
