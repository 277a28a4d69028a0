package org.pixelproof.store;

/**
 * Stored bytes no longer match the SHA-256 recorded with them: the row was altered or corrupted. The bytes are never
 * served; the web answers with an error page and the analysis should be deleted.
 */
public class IntegrityException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, without the content */
    public IntegrityException(String message) {
        super(message, null);
    }
}
