package org.pixelproof.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LookalikeCharacters}: characters that NFKC folds to ASCII letters, digits, dots or hyphens are told from the
 * letters genuine internationalised domains are written with.
 */
class LookalikeCharactersTest {

    /** "Brume" in Mathematical Sans-Serif Bold (U+1D5D5, U+1D5FF, U+1D602, U+1D5FA, U+1D5F2). */
    static final String MATH_BOLD_BRUME = "\uD835\uDDD5\uD835\uDDFF\uD835\uDE02\uD835\uDDFA\uD835\uDDF2";

    @Test
    void compatibilityLettersDigitsAndSeparatorsAreLookalikes() {
        for (int cp : new int[] {0x1D5E9, 0x1D5F2, 0xFF42, 0xFF21, 0x24D1, 0x00B2, 0x2074, 0xFB01, 0x212A, 0x2160,
                0xFF0E, 0xFF0D, 0x017F}) {
            assertTrue(LookalikeCharacters.isLookalike(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void lettersOfGenuineNamesAreNotLookalikes() {
        // é, ü, ß, Cyrillic а, Greek α, CJK 例, Japanese え, Hangul 한, the ideographic full stop, ASCII a, 1/2
        for (int cp : new int[] {0xE9, 0xFC, 0xDF, 0x430, 0x3B1, 0x4F8B, 0x3048, 0xD55C, 0x3002, 'a', '.', 0xBD,
                0xD835}) {
            assertFalse(LookalikeCharacters.isLookalike(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void aDomainWrittenInStyledOrFullwidthLettersIsDisguised() {
        for (String d : List.of(MATH_BOLD_BRUME + ".example", "\uFF42\uFF52\uFF55\uFF4D\uFF45.example",
                "\u24D1\u24E1\u24E4\u24DC\u24D4.example", "brume\u00B2.example", "brume\uFF0Eexample",
                "caf\u00E9-" + MATH_BOLD_BRUME + ".fr")) {
            assertTrue(LookalikeCharacters.disguisesDomain(d), d);
        }
        assertEquals("brume.example", LookalikeCharacters.folded(MATH_BOLD_BRUME + ".example"));
        assertEquals("brume.example", LookalikeCharacters.folded("\uFF42\uFF52\uFF55\uFF4D\uFF45.example"));
        assertNull(LookalikeCharacters.folded(null));
    }

    @Test
    void genuineInternationalisedDomainsAreNotDisguised() {
        String cyrillic = "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444";
        for (String d : List.of("caf\u00E9-exemple.fr", "cafe\u0301-exemple.fr", cyrillic, "\u4F8B\u3048.jp",
                "\u4F8B\u3048\uFF0Ejp", "m\u00FCnchen.de", "xn--caf-exemple-dbb.fr", "brume.example", "")) {
            assertFalse(LookalikeCharacters.disguisesDomain(d), d);
        }
        assertFalse(LookalikeCharacters.disguisesDomain(null));
    }

    @Test
    void domainCharactersIncludeMarksAndLookalikesButNotPunctuation() {
        assertTrue(LookalikeCharacters.isDomainCharacter(0x1D5E9)); // a letter outside the BMP
        assertTrue(LookalikeCharacters.isDomainCharacter(0x24E5)); // circled v: a symbol
        assertTrue(LookalikeCharacters.isDomainCharacter(0x00B2)); // superscript two: no decimal digit
        assertTrue(LookalikeCharacters.isDomainCharacter(0x0301)); // combining acute accent
        assertTrue(LookalikeCharacters.isDomainCharacter('_'));
        for (int cp : new int[] {'>', ' ', '"', ',', ';', 0xA0, 0x3002, 0x2026}) {
            assertFalse(LookalikeCharacters.isDomainCharacter(cp), Integer.toHexString(cp));
        }
    }
}
