package org.pixelproof.web;

/** A request the server cannot act on (missing field, bad parameter): HTTP 400 with a reason. */
public class BadUploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    /**
     * @param code   stable code for {@link ApiError#error()}
     * @param reason English reason, free of the request's content
     */
    public BadUploadException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    /** @return the stable code. */
    public String code() {
        return code;
    }
}
