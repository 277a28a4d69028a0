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

    /** @return true when an answer (a date or a content) was stated. */
    public boolean answered() {
        return answeredOn != null || answer != null;
    }
}
