package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The parts of {@link BodyScanner} that can be read on their own. */
class BodyScannerTest {

    private static String lastContentOf(String html) {
        Document doc = Jsoup.parse(html);
        Element el = BodyScanner.lastContent(doc);
        return el == null ? null : el.normalName() + (el.id().isEmpty() ? "" : "#" + el.id());
    }

    @Test
    void lastContentIsTheLastStartTagThatShowsSomething() {
        // document order is the order of start tags: the <p> starts after the <div> whose own text follows it
        assertEquals("p#inner", lastContentOf("<div id=outer>text<p id=inner>x</p>more</div>"));
        assertEquals("img#pixel", lastContentOf("<p>Footer</p><table><tr><td>\n  <img id=pixel src=x>\n</td></tr>"
                + "</table>\n\n"));
        assertEquals("p#footer", lastContentOf("<img src=a><p id=footer>Footer</p><div>  \n </div><span></span>"));
        assertEquals("amp-pixel", lastContentOf("<p>a</p><amp-pixel src=x></amp-pixel><div><b> </b></div>"));
    }

    @Test
    void lastContentIgnoresBlankTextAndEmptyDocuments() {
        assertEquals("title", lastContentOf("<title>T</title><body><div>\n </div>"),
                "the title's text is the only text: it counts, as in the forward walk");
        assertNull(BodyScanner.lastContent(Jsoup.parse("<div> </div><span>\n</span>")));
        assertNull(BodyScanner.lastContent(new Document("")));
    }
}
