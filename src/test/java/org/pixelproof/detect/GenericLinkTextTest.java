package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A link text that says nothing by itself ("cliquez ici", "» en savoir plus") is read with its sentence. The set
 * look-up that answers it must say exactly what {@link ConsentMarkerFinder#GENERIC_LINK_TEXT} says.
 */
class GenericLinkTextTest {

    private static final String[] WORDS = {"please", "veuillez", "svp", "por", "favor", "click", "cliquez", "clic",
        "klicken", "sie", "haga", "clic", "here", "ici", "on", "this", "link", "sur", "ce", "le", "lien", "en",
        "cliquant", "savoir", "plus", "learn", "more", "mehr", "erfahren", "la", "se", "desinscrire", "unsubscribe",
        "preferences", "fai", "tap", "hier", "qui", "aca", "daar", "by", "clicking", "read", "é", "1"};
    private static final String[] PADDING = {"", " ", "  ", ">", "\u00bb ", " \u2192", "!", "...", "\t", "(", ")",
        "\u2014", "\u279c", "\u25b6", "\u2013", "\u00ab", "\u00a0", "\u00bf", "_", "~", "[", "]"};

    private static void same(String text) {
        assertEquals(ConsentMarkerFinder.GENERIC_LINK_TEXT.matcher(text).matches(),
                ConsentMarkerFinder.isGenericLinkText(text), () -> "[" + text + "]");
    }

    @Test
    void knownTexts() {
        assertTrue(ConsentMarkerFinder.isGenericLinkText("cliquez ici"));
        assertTrue(ConsentMarkerFinder.isGenericLinkText("\u00bb en savoir plus \u2192"));
        assertTrue(ConsentMarkerFinder.isGenericLinkText("per favore clicca qui"));
        assertTrue(ConsentMarkerFinder.isGenericLinkText("please click on this link."));
        assertTrue(ConsentMarkerFinder.isGenericLinkText(""));
        assertTrue(ConsentMarkerFinder.isGenericLinkText("--> !"));
        assertFalse(ConsentMarkerFinder.isGenericLinkText("se desinscrire"));
        assertFalse(ConsentMarkerFinder.isGenericLinkText("cliquez  ici")); // two spaces: not normalised text
        assertFalse(ConsentMarkerFinder.isGenericLinkText("\u00a0ici")); // a no-break space is not padding
        assertFalse(ConsentMarkerFinder.isGenericLinkText("please here"));
    }

    @Test
    void agreesWithThePatternOnEveryPhraseAndOnRandomTexts() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(PADDING[random.nextInt(PADDING.length)]);
            int words = random.nextInt(5);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    b.append(random.nextInt(10) == 0 ? "  " : " ");
                }
                b.append(WORDS[random.nextInt(WORDS.length)]);
            }
            b.append(PADDING[random.nextInt(PADDING.length)]);
            texts.add(b.toString());
        }
        int generic = 0;
        for (String t : texts) {
            same(t);
            if (ConsentMarkerFinder.GENERIC_LINK_TEXT.matcher(t).matches()) {
                generic++;
            }
        }
        assertTrue(generic > 300, "the random texts hold generic ones too: " + generic);
        for (String polite : new String[] {"", "please ", "por favor ", "per favore "}) {
            for (String click : new String[] {"click", "klicken sie", "haga clic", "fai clic", "tap"}) {
                for (String where : new String[] {"", " here", " on this link", " sur le lien", " qui"}) {
                    same(polite + click + where);
                    same("\u00bb " + polite + click + where + " !");
                    assertTrue(ConsentMarkerFinder.isGenericLinkText(polite + click + where), polite + click + where);
                }
            }
        }
    }
}
