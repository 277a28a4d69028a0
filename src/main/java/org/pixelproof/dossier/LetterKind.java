package org.pixelproof.dossier;

/**
 * The letters that come with a dossier, each a Qute template {@code templates/letters/{fr,en}/<slug>.txt} that a
 * lawyer can edit without touching Java.
 */
public enum LetterKind {
    /**
     * To the sender's DPO: withdrawal of any consent (GDPR art. 7(3)), objection to direct marketing (art. 21(2)),
     * access to the open and click data held (art. 15) and its erasure (art. 17), within one month (art. 12(3)).
     */
    DPO_REQUEST("dpo-request"),
    /** The text of the complaint, ready to paste into the CNIL's online form. */
    CNIL_COMPLAINT("cnil-complaint"),
    /** How to file: online form or post, what to attach, the prior-request rule. */
    HOW_TO_FILE("how-to-file");

    private final String slug;

    LetterKind(String slug) {
        this.slug = slug;
    }

    /** @return the template's base name and the download's file name, e.g. {@code dpo-request}. */
    public String slug() {
        return slug;
    }

    /**
     * @param slug a {@link #slug()} or a constant name, case-insensitive
     * @return the letter kind
     * @throws IllegalArgumentException when none matches
     */
    public static LetterKind fromSlug(String slug) {
        for (LetterKind k : values()) {
            if (k.slug.equalsIgnoreCase(slug) || k.name().equalsIgnoreCase(slug)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown letter: " + slug);
    }
}
