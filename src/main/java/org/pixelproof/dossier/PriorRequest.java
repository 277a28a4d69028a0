package org.pixelproof.dossier;

import java.time.LocalDate;

/**
 * An earlier request the complainant sent to the sender (objection, withdrawal of consent, access), as they state it.
 * The CNIL expects such a request, and one month for the answer (GDPR art. 12(3)), before a complaint about a right.
 *
 * <p>Every field may be {@code null}: the dossier shows what is missing as "to be completed", never a guess.
 * Immutable and thread-safe.
 *
 * @param sentOn     the date it was sent
 * @param content    what it asked, in the complainant's words (or the letter's text)
 * @param answeredOn the date of the answer, or {@code null} when there was none
 * @param answer     the answer's content in the complainant's words, or {@code null}
 */
public record PriorRequest(LocalDate sentOn, String content, LocalDate answeredOn, String answer) {
    public PriorRequest {
        content = Complainant.blankToNull(content);
        answer = Complainant.blankToNull(answer);
    }

    /**
     * @return {@link #content()} ready to be quoted inside a sentence, between quotation marks: on one line, without
     *         a final full stop (the sentence around the quotation ends it), or {@code null} when not stated. The
     *         complainant's words are never rephrased: only line breaks and the final stop change.
     */
    public String quotedContent() {
        return forQuotation(content);
    }

    /** @return {@link #answer()} ready to be quoted, as {@link #quotedContent()}, or {@code null} when not stated. */
    public String quotedAnswer() {
        return forQuotation(answer);
    }

    static String forQuotation(String text) {
        if (text == null) {
            return null;
        }
        String one = text.strip().replaceAll("\\s*\\R\\s*", " ");
        while (one.endsWith(".") && !one.endsWith("...")) {
            one = one.substring(0, one.length() - 1).stripTrailing();
        }
        return one.isEmpty() ? null : one;
    }

    /** @return true when an answer (a date or a content) was stated. */
    public boolean answered() {
        return answeredOn != null || answer != null;
    }
}
