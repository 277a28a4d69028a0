package org.pixelproof.web;

/** An upload larger than {@code pixelproof.limits.max-message-bytes}: HTTP 413 with a reason. */
public class UploadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long limitBytes;

    /**
     * @param sizeBytes  the upload's size in bytes, or -1 when unknown
     * @param limitBytes the limit in bytes
     */
    public UploadTooLargeException(long sizeBytes, long limitBytes) {
        super((sizeBytes >= 0 ? "the upload of " + sizeBytes + " bytes" : "the upload")
                + " exceeds the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    /** @return the limit in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
