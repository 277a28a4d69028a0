package org.pixelproof.dossier;

import java.util.Locale;

/**
 * The language a dossier and its letters are written in. French is the default: the CNIL works in French and a
 * complaint is written in French; English is offered to read the dossier, or to send the letter to a sender abroad.
 */
public enum Language {
    /** French, the default. */
    FR("fr", Locale.FRANCE),
    /** English (British spelling and date order). */
    EN("en", Locale.UK);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** @return the ISO 639-1 code, also the template folder name: {@code fr} or {@code en}. */
    public String code() {
        return code;
    }

    /** @return the locale used to write dates and numbers. */
    public Locale locale() {
        return locale;
    }

    /**
     * @param code an ISO 639-1 code or a locale tag ({@code "en"}, {@code "en-GB"}, {@code "FR"}), may be null
     * @return the matching language, French for anything else
     */
    public static Language fromCode(String code) {
        if (code != null && code.trim().toLowerCase(Locale.ROOT).startsWith("en")) {
            return EN;
        }
        return FR;
    }
}
