package org.pixelproof.dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LookalikeDomainTextTest {
    /** "Verkade.nl" in Mathematical Sans-Serif Bold, as in the real phish 133. */
    private static final String VERKADE = "\uD835\uDDE9\uD835\uDDF2\uD835\uDDFF\uD835\uDDF8\uD835\uDDEE\uD835\uDDF1"
            + "\uD835\uDDF2.\uD835\uDDFB\uD835\uDDF9";
    private static final String FR = "[imitation de \u00AB\u00A0verkade.nl\u00A0\u00BB en caract\u00E8res"
            + " d'apparence trompeuse]";
    private static final String EN = "[imitation of \u201Cverkade.nl\u201D in look-alike characters]";

    @Test
    void aDisguisedDomainIsNamedAsAnImitationOfTheDomainItImitates() {
        assertEquals("domaine " + FR + ".", LookalikeDomainText.readable("domaine " + VERKADE + ".", false));
        assertEquals("noreply@" + EN + ")", LookalikeDomainText.readable("noreply@" + VERKADE + ")", true));
        assertEquals("a@" + EN,
                LookalikeDomainText.readable("a@verkade\uFF0Enl", true));
    }

    @Test
    void genuineNamesAndStyledWordsAreLeftAsWritten() {
        String idn = "contact@caf\u00E9-exemple.fr et \u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444";
        assertSame(idn, LookalikeDomainText.readable(idn, false));
        String styled = "\uD835\uDDE6\uD835\uDDE2\uD835\uDDDF\uD835\uDDD7\uD835\uDDD8\uD835\uDDE6 d'hiver !";
        assertSame(styled, LookalikeDomainText.readable(styled, false), "a styled word is no domain");
        assertNull(LookalikeDomainText.readable(null, true));
    }

    @Test
    void theCodePointsAreListedOneByOne() {
        assertEquals("U+1D5E9 U+1D5F2 U+1D5FF U+1D5F8 U+1D5EE U+1D5F1 U+1D5F2 . U+1D5FB U+1D5F9",
                LookalikeDomainText.codePoints(VERKADE));
    }
}
