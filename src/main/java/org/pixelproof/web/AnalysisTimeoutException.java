package org.pixelproof.web;

import java.time.Duration;

/**
 * The analysis of an upload ran longer than {@code pixelproof.analysis.timeout} and was abandoned ({@link HeavyWork}):
 * nothing about the upload was stored. Answered with HTTP 422 and code {@value #CODE}, on the upload form (the form
 * again, with the reason) and in the REST API ({@link ApiError}).
 *
 * <p>Why 422 and not 503: what made the analysis long is the message itself (the engine's work grows with the input,
 * and an upload can be built to make it grow), not the server's load: the time is counted only once the analysis has
 * its turn, and the turns are as many as the processors. Sending the same bytes again would be abandoned again, so the
 * client is told that this content cannot be processed here (as an empty upload or a mailbox of several messages is,
 * also 422), not to retry later ({@code 503} with {@code Retry-After}, kept for {@link ServerBusyException}). The
 * reason says the way out for a genuine message: the command line, whose {@code --timeout} the user chooses.
 */
public final class AnalysisTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problem code, as in {@link Problem#ANALYSIS_TIMED_OUT}. */
    public static final String CODE = "ANALYSIS_TIMED_OUT";

    private final long seconds;

    /** @param limit the time limit that was reached ({@code pixelproof.analysis.timeout}) */
    public AnalysisTimeoutException(Duration limit) {
        super(reason(seconds(limit)), null, false, false);
        this.seconds = seconds(limit);
    }

    /** @return the time limit in whole seconds, rounded up, at least 1 (as shown to people) */
    public long seconds() {
        return seconds;
    }

    /**
     * @param limit a time limit
     * @return it in whole seconds, rounded up, at least 1: a limit of 1.5 s is shown as 2 s, never as 1 s
     */
    static long seconds(Duration limit) {
        long millis = Math.max(1, limit.toMillis());
        return (millis + 999) / 1000;
    }

    private static String reason(long seconds) {
        return "the analysis was abandoned after " + seconds + " s (pixelproof.analysis.timeout): the e-mail may be"
                + " built to slow analysis down; nothing was stored. For a genuine e-mail, use the command line (java"
                + " -jar target/quarkus-app/quarkus-run.jar analyze FILE.eml --timeout SECONDS, see the README)";
    }
}
