package org.pixelproof.web;

/**
 * The upload is a mailbox (mbox) holding several messages: the web app and the REST API analyse one e-mail per
 * upload, and a mailbox analysed as one e-mail would mix the trackers, consent markers and senders of different
 * messages. Answered with HTTP 422 and a reason that gives the count and the way out (one by one, or the command
 * line, which reads mbox files).
 */
public class SeveralMessagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The stable code of {@link ApiError#error()} and of {@link Problem#SEVERAL_MESSAGES}. */
    public static final String CODE = "SEVERAL_MESSAGES";

    private final int messages;

    /** @param messages how many messages the upload holds (at least 2) */
    public SeveralMessagesException(int messages) {
        super("this file holds " + messages + " messages; upload them one by one or use the command line "
                + "(java -jar target/quarkus-app/quarkus-run.jar analyze FILE.mbox, see the README)");
        this.messages = messages;
    }

    /** @return how many messages the upload holds. */
    public int messages() {
        return messages;
    }
}
