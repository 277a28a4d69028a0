package org.pixelproof.web;

/**
 * A page was asked with {@code ?lang=} naming a language PixelProof does not speak (only {@code fr} and {@code en}).
 * Answered with a 400 page that offers the same address in each supported language ({@link ErrorMappers}), never with
 * the page in another language than the one asked. The REST API refuses such a {@code lang} itself with a JSON 400
 * ({@code BAD_PARAMETER}).
 */
public class UnsupportedLanguageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The longest part of the asked value shown back on the error page, in characters. */
    static final int SHOWN_CHARS = 16;

    private final String asked;

    /** @param asked the {@code lang} value as sent, not blank */
    public UnsupportedLanguageException(String asked) {
        super("unsupported page language", null, false, false);
        this.asked = asked;
    }

    /** @return the asked value, cut to {@value #SHOWN_CHARS} characters (with "…" when cut) */
    public String shown() {
        return asked.length() <= SHOWN_CHARS ? asked : asked.substring(0, SHOWN_CHARS) + "…";
    }
}
