package org.pixelproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The bounds {@link PdfRenderer} puts on text before Flying Saucer lays it out (issue 6: a megabyte URL in a table
 * cell took minutes; a body of megabytes ran a 256 MB heap out of memory).
 */
class PdfTextBoundsTest {

    @Test
    void wordsLongerThanTheLimitAreCutAndMarked() {
        String s = "début " + "x".repeat(10_000) + " fin";
        String cut = PdfRenderer.cutLongWords(s, 8_192, true);
        assertTrue(cut.startsWith("début " + "x".repeat(8_192) + " [… 1\u00A0808 caractères de plus non reproduits ici]"),
                cut.substring(8_190));
        assertTrue(cut.endsWith(" fin"));
        String en = PdfRenderer.cutLongWords(s, 8_192, false);
        assertTrue(en.contains(" [… 1,808 more characters not shown here] fin"), en.substring(8_190));
        String ordinary = "un texte ordinaire " + "y".repeat(8_192);
        assertSame(ordinary, PdfRenderer.cutLongWords(ordinary, 8_192, true), "nothing to cut: same string");
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String s = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(20);
        String cut = PdfRenderer.cutLongWords(s, 10, false);
        assertTrue(cut.startsWith("a".repeat(9) + " [… "), cut);
    }

    @Test
    void longNodesAndTheDocumentBudgetAreBounded() {
        String words = "mot ".repeat(30_000); // 120,000 characters, breakable
        Document doc = PdfRenderer.parse("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
                + "<style>p { color: black }</style></head><body><p>" + words + "</p><p>" + words + "</p><p>second"
                + "</p><p>third</p></body></html>");
        long omitted = PdfRenderer.boundText(doc, 8_192, 65_536, 100_000);
        String[] paragraphs = new String[4];
        for (int i = 0; i < 4; i++) {
            paragraphs[i] = doc.getElementsByTagNameNS("*", "p").item(i).getTextContent();
        }
        assertTrue(paragraphs[0].startsWith(words.substring(0, 65_536)));
        assertTrue(paragraphs[0].endsWith("[… 54,464 more characters not shown here]"), paragraphs[0].substring(65_000));
        assertTrue(paragraphs[1].length() < 40_000, "what the budget leaves: " + paragraphs[1].length());
        assertTrue(paragraphs[1].contains("more characters not shown here]"));
        assertEquals("", paragraphs[2], "past the budget: emptied, without one marker per node");
        assertEquals("", paragraphs[3]);
        assertEquals(120_000 - 65_536 + 120_000 - (100_000 - 65_536) + "second".length() + "third".length(), omitted);
        assertEquals("p { color: black }", doc.getElementsByTagNameNS("*", "style").item(0).getTextContent(),
                "CSS is never cut");
    }

    @Test
    void aMegabyteUrlInATableCellIsLaidOutInBoundedTime() {
        // Before the bounds, Flying Saucer's line breaking spent minutes on this cell (quadratic in its length).
        // The timeout is a hang guard, not a speed assertion: it fails a regression instead of blocking the build.
        String url = "https://clic.exemple-hostile.org/r?u=" + "%25".repeat(350_000);
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fr\"><head><style>"
                + "td { word-wrap: break-word }</style></head><body><table style=\"width:100%\"><tr><td>" + url
                + "</td></tr></table><p>après</p></body></html>";
        PdfOutput out = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> new PdfRenderer().render(xhtml,
                new PdfDocumentInfo(null, null, null, null, "test", null), List.of()));
        String text = PdfText.of(out.pdf()).flat();
        assertTrue(text.contains("caractères de plus non reproduits ici"), "the cut is said");
        assertTrue(text.contains("après"));
        assertFalse(out.pages() > 40, "pages: " + out.pages());
    }
}
