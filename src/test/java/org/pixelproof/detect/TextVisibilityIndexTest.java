package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.IngestLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The style-sheet cascade finds the elements a selector matches through an index of tags, classes and ids; whatever
 * the selector, it must give exactly what jsoup's own {@code Document.select} gives, in the same (document) order.
 */
class TextVisibilityIndexTest {

    private static final String HTML = "<html><head><style>.x{color:red}</style></head><body>"
            + "<table class='Outer grid'><tr><td class='x'>one</td><td class='X x'>two</td>"
            + "<td id='Cell' class='y'>three</td></tr></table>"
            + "<div id='cell' class='  x\ty '><p class='hide_me'>four</p><span>five</span></div>"
            + "<my-el class='z'>six</my-el><TD>not a cell</TD><p><span class='a'><b class='b'>seven</b></span></p>"
            + "<svg><rect class='x'></rect></svg>"
            + "<section class='x'><div class='y'><div class='x'><span class='y'>nested</span></div></div></section>"
            + "</body></html>";

    @ParameterizedTest
    @ValueSource(strings = {"td", "TD", "p", "span", "my-el", "rect", "table", "b", ".x", ".X", ".y", ".hide_me",
        ".grid", ".outer", ".missing", "#Cell", "#cell", "#CELL", "#missing", "div.x", "td.x.y", ".a .b",
        "table td.x", "div > span", "p span b", "#cell p", "tr > td:first-child", "[class]", "*", "td[id]",
        ".x ~ td", "body *.x", ".outer td", ".OUTER .x", "table td", "div p", "body div span", "html body p",
        "table.grid td.x", "#cell .hide_me", "#Cell", "div#cell.x.y p", "td.x.X", ".grid .y", "p .b", "p span",
        "tr td", "table tr td.y", ".x .x", "div .missing", ".missing td", "svg rect", "svg .x", "body my-el",
        "table\n td", "span b", "p b", "td b", ".a b", ".b .a", ".x .y .x .y", ".y .x .y", ".x .x .y", ".y .y",
        "section .y", "section.x div.x span.y", ".x div span", "div div span", "section span", ".x .x .x"})
    void theIndexSelectsWhatJsoupSelects(String selector) {
        Document doc = Jsoup.parse(HTML, "");
        TextVisibility.ElementIndex index = new TextVisibility.ElementIndex(doc.getAllElements());
        List<Element> expected = doc.select(selector);
        List<Element> actual = index.select(doc, selector);
        assertEquals(expected.size(), actual.size(), selector);
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), actual.get(i), selector + " #" + i); // same node, same order
        }
    }

    @Test
    void whatTheDetectorsWalkGatheredGivesTheSameVisibility() {
        String html = "<html><head><style>.gone{display:none} .grid td.y{font-size:0}</style></head><body>"
                + "<!--[if mso]><style>.x{display:none}</style><![endif]-->" + HTML.substring(HTML.indexOf("<table"))
                + "<p class='gone'>hidden</p><style>#cell p{color:#fff;background:#fff}</style></body></html>";
        Document doc = HtmlParsing.parseGuarded(html, IngestLimits.DEFAULT.maxHtmlDepth(), true).document();
        BodyScanner scanner = new BodyScanner(new HtmlBody("1", BodyKind.HTML, doc), html, IngestLimits.DEFAULT,
                new BodyScanner.Order(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        scanner.scan();
        TextVisibility.Walked walked = scanner.walked();
        List<Element> all = doc.getAllElements();
        assertEquals(all.size(), walked.elements().size());
        for (int i = 0; i < all.size(); i++) {
            assertSame(all.get(i), walked.elements().get(i), "element #" + i);
        }
        assertEquals(2, walked.sheets().keySet().stream().filter(e -> e.ownerDocument() == doc).count());
        TextVisibility alone = TextVisibility.of(doc);
        TextVisibility reused = TextVisibility.of(doc, walked);
        int hidden = 0;
        for (Element e : all) {
            assertEquals(alone.hiddenBy(e), reused.hiddenBy(e), e.cssSelector());
            hidden += alone.hiddenBy(e) != null ? 1 : 0;
        }
        assertTrue(hidden >= 1, "the style sheet hides p.gone: " + hidden);
    }

    @Test
    void randomDocumentsAndSelectorsGiveWhatJsoupGives() {
        java.util.Random random = new java.util.Random(11);
        String[] tags = {"div", "p", "span", "td", "table", "a", "b", "section", "my-el"};
        String[] names = {"x", "y", "Y", "z", "a-b", "c_d"};
        int compared = 0;
        int nonEmpty = 0;
        for (int round = 0; round < 60; round++) {
            StringBuilder html = new StringBuilder("<html><body>");
            int open = 0;
            for (int i = 0; i < 80; i++) {
                if (open > 0 && random.nextInt(3) == 0) {
                    html.append("</div>");
                    open--;
                    continue;
                }
                String tag = random.nextInt(4) == 0 ? "div" : tags[random.nextInt(tags.length)];
                html.append('<').append(tag);
                if (random.nextBoolean()) {
                    html.append(" class='").append(names[random.nextInt(names.length)]);
                    if (random.nextBoolean()) {
                        html.append(' ').append(names[random.nextInt(names.length)]);
                    }
                    html.append('\'');
                }
                if (random.nextInt(5) == 0) {
                    html.append(" id='").append(names[random.nextInt(names.length)]).append('\'');
                }
                html.append(">t");
                if (tag.equals("div")) {
                    open++;
                } else {
                    html.append("</").append(tag).append('>');
                }
            }
            Document doc = Jsoup.parse(html.append("</body></html>").toString(), "");
            TextVisibility.ElementIndex index = new TextVisibility.ElementIndex(doc.getAllElements());
            for (int k = 0; k < 20; k++) {
                StringBuilder selector = new StringBuilder();
                int compounds = 1 + random.nextInt(3);
                for (int c = 0; c < compounds; c++) {
                    if (c > 0) {
                        selector.append(random.nextInt(6) == 0 ? "  " : " ");
                    }
                    boolean tagged = random.nextBoolean();
                    if (tagged) {
                        selector.append(tags[random.nextInt(tags.length)]);
                    }
                    int extras = tagged ? random.nextInt(3) : 1 + random.nextInt(2);
                    for (int e = 0; e < extras; e++) {
                        selector.append(random.nextInt(4) == 0 ? '#' : '.').append(names[random.nextInt(names.length)]);
                    }
                }
                List<Element> expected = doc.select(selector.toString());
                List<Element> actual = index.select(doc, selector.toString());
                assertEquals(expected.size(), actual.size(), selector::toString);
                for (int i = 0; i < expected.size(); i++) {
                    assertSame(expected.get(i), actual.get(i), selector::toString);
                }
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(nonEmpty > compared / 10, "enough selectors match something: " + nonEmpty + " of " + compared);
    }

    @Test
    void compoundsAreCountedOutsideBrackets() {
        assertEquals(1, TextVisibility.compounds("td.x"));
        assertEquals(3, TextVisibility.compounds(" .a > b  c "));
        assertEquals(2, TextVisibility.compounds("a+b"));
        assertEquals(1, TextVisibility.compounds("[title=\"a b c d\"]"));
        assertEquals(2, TextVisibility.compounds("p:not(.a .b) span"));
    }

    @Test
    void anOrdinaryLargeSheetIsAppliedWhole() {
        StringBuilder css = new StringBuilder();
        for (int r = 0; r < 300; r++) {
            css.append("table.t").append(r).append(" td.c, .a").append(r).append(" .b td{color:#333}\n");
        }
        StringBuilder body = new StringBuilder("<body><table class='t1 a2'><tr>");
        for (int i = 0; i < 1000; i++) {
            body.append("<td class='c b'>cell</td>");
        }
        body.append("</tr></table><p class='gone'>gone</p></body>");
        Document doc = Jsoup.parse("<style>" + css + ".gone{display:none}</style>" + body, "");
        assertEquals(HiddenBy.CSS_HIDDEN, TextVisibility.of(doc).hiddenBy(doc.selectFirst(".gone")));
    }

    @Test
    void aHostileSheetStopsAtTheMatchingBudget() {
        // 300 nested blocks holding 4,000 candidates: each rule walks about 1,200,000 ancestors; the rules after the
        // budget (MAX_MATCH_STEPS) are not applied, as documented, instead of costing seconds
        String body = "<body><p class='late a'>late</p>" + "<div>".repeat(300) + "<b class='b'>t</b>".repeat(4000)
                + "</div>".repeat(300) + "</body>";
        Document doc = Jsoup.parse("<style>" + ".a .b{display:none}\n".repeat(200) + ".late{display:none}</style>"
                + body, "");
        Document cheap = Jsoup.parse("<style>.a .b{display:none}\n.late{display:none}</style>" + body, "");
        assertEquals(HiddenBy.CSS_HIDDEN, TextVisibility.of(cheap).hiddenBy(cheap.selectFirst(".late")));
        assertNull(TextVisibility.of(doc).hiddenBy(doc.selectFirst(".late")));
    }

    @ParameterizedTest
    @ValueSource(strings = {".x", "td", "#Cell"})
    void simpleSelectorsMatchSomething(String selector) {
        Document doc = Jsoup.parse(HTML, "");
        assertFalse(new TextVisibility.ElementIndex(doc.getAllElements()).select(doc, selector).isEmpty(), selector);
    }
}
