package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NormalizedText}: the normalisation text patterns are matched against, and its map back to the original. */
class NormalizedTextTest {

    @Test
    void accentsCaseLigaturesApostrophesAndSpaces() {
        assertEquals("se desinscrire", NormalizedText.normalize("  Se\u00a0D\u00c9SINSCRIRE \n"));
        assertEquals("l'oeuvre ss ae", NormalizedText.normalize("L\u2019\u0152uvre \u00df \u00c6"));
        assertEquals("desabonner", NormalizedText.normalize("d\u00e9s\u200babon\u00adner"), "format characters dropped");
        assertEquals("a b", NormalizedText.normalize("a \t\r\n\u2028 b"));
        assertEquals("", NormalizedText.normalize(" \u200b "));
        assertEquals("\ud835\udc00x", NormalizedText.normalize("\ud835\udc00X"), "a supplementary character kept");
    }

    @Test
    void theMapLeadsBackToTheOriginal() {
        String original = "  \u00c9crivez \u00e0   notre D\u00c9L\u00c9GU\u00c9\u2019s office";
        NormalizedText nt = NormalizedText.of(original);
        assertEquals("ecrivez a notre delegue's office", nt.text());
        int at = nt.text().indexOf("delegue");
        assertEquals("D\u00c9L\u00c9GU\u00c9", nt.originalSlice(at, at + "delegue".length()));
        assertEquals(original.indexOf('\u00c9'), nt.originalIndex(0));
        assertEquals(original.length(), nt.originalIndex(nt.text().length()));
        assertEquals("\u00e0 notre", nt.originalSlice(nt.text().indexOf("a notre"), nt.text().indexOf("a notre") + 7),
                "white space collapsed in slices");
    }

    @Test
    void normaliseWithoutTheMapGivesTheSameText() {
        Random random = new Random(7);
        String alphabet = "aZ09 .\t\n\u00a0\u00e9\u00c9\u0153\u00df\u2019\u200b\u00ad\u0301\u4e2d\ud83d\ude00\ud800\u2028"
                + "\u0130\u212a";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(200);
            for (int k = 0; k < length; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            NormalizedText nt = NormalizedText.of(s);
            assertEquals(nt.text(), NormalizedText.normalize(s), s);
            for (int k = 0; k < nt.text().length(); k++) {
                int o = nt.originalIndex(k);
                if (o < 0 || o >= s.length() || k > 0 && nt.originalIndex(k - 1) > o) {
                    throw new AssertionError("map not increasing within the original at " + k + " of " + s);
                }
            }
        }
    }
}
