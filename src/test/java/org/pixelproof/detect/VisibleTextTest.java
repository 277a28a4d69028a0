package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The link URLs the visible text gives are those jsoup's resolution gives, with or without its short cut. */
class VisibleTextTest {

    private static final List<String> HREFS = List.of(
            "https://t.example.com/o/abc?u=1&e=alex.martin%40example.org#top",
            "http://links.brand-example.fr:8080/c/123/456",
            "https://example.com",
            "https://example.com/a/./b",
            "https://example.com/a/../b",
            "https://example.com/a/..",
            "https://Example.COM/Path",
            "HTTPS://example.com/x",
            "https://exa mple.com/x",
            "https://example.com/x y",
            "https://example.com/é",
            "https://[::1]/x",
            "https://user@example.com/x",
            "https://example.com/x\\y",
            "https:///x",
            "https://example.com/?q=a|b^c{d}",
            "https://example.com/%zz",
            "//example.com/x",
            "/relative/path",
            "mailto:dpo@example.com",
            "  https://example.com/padded  ",
            "https://example.com/\ttab");

    @Test
    void theShortCutGivesWhatResolvingGives() {
        int shortCut = 0;
        for (String href : HREFS) {
            for (String base : List.of("", "https://base.example.net/dir/")) {
                Document doc = Parser.htmlParser().parseInput("<a href=\"" + href.replace("\"", "&quot;") + "\">x</a>",
                        base);
                Element a = doc.selectFirst("a");
                String trimmed = a.attr("href").trim();
                if (VisibleText.plainAbsolute(a, trimmed)) {
                    shortCut++;
                    assertEquals(a.absUrl("href"), trimmed, href);
                }
            }
        }
        assertTrue(shortCut >= 4, "short cut taken " + shortCut + " times");
        Document withBase = Parser.htmlParser().parseInput("<a href=\"https://example.com/x\">x</a>", "https://b.example/");
        assertFalse(VisibleText.plainAbsolute(withBase.selectFirst("a"), "https://example.com/x"),
                "a document with a base resolves");
    }

    @Test
    void hidingStylesAreReadInAnyAsciiCase() {
        assertTrue(VisibleText.hidingStyle("display:none"));
        assertTrue(VisibleText.hidingStyle("color:red; DISPLAY : NONE !important"));
        assertTrue(VisibleText.hidingStyle("visibility: Hidden"));
        assertFalse(VisibleText.hidingStyle("display:block; font-family: None Such"),
                "none must be the value of display");
        assertFalse(VisibleText.hidingStyle(""));
        assertFalse(VisibleText.hidingStyle("max-height:0; overflow:hidden"));
    }

    @Test
    void linesSplitAsTheLineBreakPatternDoes() {
        String[] samples = {"", "a", "a\n", "\n", "a\r\nb\rc\nd", "\r\r\n\n", "x\r", "\u2028not a break\n"};
        for (String s : samples) {
            assertEquals(java.util.List.of(s.split("\r\n|\r|\n", -1)), VisibleText.lines(s), s);
        }
    }

    @Test
    void plainTextLinksWithAndWithoutScheme() {
        VisibleText vt = VisibleText.ofPlain("1", "Hello\nSee WWW.Example.org/a, or\nhttps://t.example/x?u=1 and"
                + " [unsubscribe](mailto:u@example.org)\nno link here", 10_000);
        assertEquals(java.util.List.of("http://WWW.Example.org/a", "https://t.example/x?u=1", "mailto:u@example.org"),
                vt.links().stream().map(VisibleText.LinkSpan::url).toList());
        assertTrue(vt.text().contains("no link here"), vt.text());
    }
}
