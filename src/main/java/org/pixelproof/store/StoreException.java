package org.pixelproof.store;

/**
 * A database failure in {@link AnalysisStore}. Its message names the operation and the SQL state, never the stored
 * content.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, without personal data
     * @param cause   the underlying error, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
