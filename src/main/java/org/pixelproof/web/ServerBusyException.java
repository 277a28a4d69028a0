package org.pixelproof.web;

import java.time.Duration;

/**
 * Every turn for heavy work ({@link HeavyWork}) stayed taken for longer than the configured wait: the request is
 * answered 503 with {@code Retry-After} ({@link #RETRY_AFTER_SECONDS} seconds) and code {@value #CODE}. Nothing was
 * stored or changed.
 */
public final class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problem code, as in {@link Problem#SERVER_BUSY}. */
    public static final String CODE = "SERVER_BUSY";

    /** Seconds a client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 10;

    /** @param waited how long the request waited for a turn */
    public ServerBusyException(Duration waited) {
        super("the server is busy with other analyses (waited " + waited.toSeconds() + " s for a turn); try again in "
                + RETRY_AFTER_SECONDS + " seconds", null, false, false);
    }
}
