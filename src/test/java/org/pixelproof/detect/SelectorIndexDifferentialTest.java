package org.pixelproof.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.pixelproof.ingest.IngestLimits;

/**
 * Differential test of the visibility cascade's {@code ElementIndex.select} against jsoup's {@code Document.select}:
 * class attributes split and compared as jsoup does (ASCII white space only, case folded per character), tags, ids,
 * foreign content, templates, deep documents and random documents; the same elements in the same order, or both
 * refusing.
 */
class SelectorIndexDifferentialTest {

    /** @return null when same, else a description of the difference (or of what threw) */
    static String diff(Document doc, String sel) {
        List<Element> expected;
        try {
            expected = doc.select(sel);
        } catch (RuntimeException e) {
            expected = null;
        }
        List<Element> actual;
        try {
            actual = new TextVisibility.ElementIndex(doc.getAllElements()).select(doc, sel);
        } catch (RuntimeException e) {
            actual = null;
        }
        if (expected == null && actual == null) {
            return null;
        }
        if (expected == null || actual == null) {
            return "selector " + esc(sel) + ": jsoup " + (expected == null ? "throws" : expected.size())
                    + ", index " + (actual == null ? "throws" : actual.size());
        }
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i) == actual.get(i);
        }
        return same ? null : "selector " + esc(sel) + ": jsoup " + describe(expected) + " index " + describe(actual);
    }

    static String describe(List<Element> l) {
        List<String> out = new ArrayList<>();
        for (Element e : l) {
            out.add(e.normalName() + "[class=" + esc(e.attr("class")) + ",id=" + esc(e.id()) + "]");
        }
        return out.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    static void check(List<String> failures, String html, String... selectors) {
        Document doc = Jsoup.parse(html, "");
        Document guarded = HtmlParsing.parseGuarded(html, IngestLimits.DEFAULT.maxHtmlDepth(), true).document();
        for (String sel : selectors) {
            String d = diff(doc, sel);
            if (d != null) {
                failures.add("html " + esc(html) + " " + d);
            }
            d = diff(guarded, sel);
            if (d != null) {
                failures.add("(parseGuarded) html " + esc(html) + " " + d);
            }
        }
    }

    @Test
    void classSplitAndCaseFolding() {
        List<String> failures = new ArrayList<>();
        // jsoup splits class tokens at ASCII white space only (StringUtil.isWhitespace), without trimming first
        check(failures, "<p class='a\u000Bb'>x</p>", ".a", ".b", "p .a", "div .a", "body .a");
        check(failures, "<p class='a\u2003b'>x</p>", ".a", ".b");
        check(failures, "<p class='a\u001Fb'>x</p>", ".a", ".b");
        check(failures, "<p class='\u0001a'>x</p>", ".a", "body .a");
        check(failures, "<p class='a\u0001'>x</p>", ".a");
        // jsoup compares classes with String.equalsIgnoreCase (per character, so İ equals i)
        check(failures, "<p class='\u0130'>x</p>", ".i", ".I", "body .i");
        check(failures, "<p class='\u0131'>x</p>", ".i", ".I");
        check(failures, "<p class='\u017F'>x</p>", ".s", ".S", "body .s");
        check(failures, "<p class='\u212A'>x</p>", ".k", ".K");
        check(failures, "<p class='x\u0130 y'>x</p>", ".xi", ".XI");
        check(failures, "<p class='ab\u0130'>x</p>", ".abi", "p.abi");
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    /** The same cases seen from the analysis: whether a style-sheet rule hides an element, as jsoup matches it. */
    @Test
    void theCascadeHidesWhatJsoupMatches() {
        List<String> failures = new ArrayList<>();
        String[][] cases = {
            {"<style>.hide{display:none}</style><p class='hide\u2003promo'>offer</p>", "p"},
            {"<style>.hide{display:none}</style><p class='hide\u000Bpromo'>offer</p>", "p"},
            {"<style>.i{display:none}</style><p class='\u0130'>offer</p>", "p"},
            {"<style>div .s{display:none}</style><div><p class='\u017F'>offer</p></div>", "p"},
        };
        for (String[] c : cases) {
            Document doc = Jsoup.parse(c[0], "");
            Element p = doc.selectFirst(c[1]);
            String jsoup = doc.select(doc.selectFirst("style").data().replaceAll("\\{.*", "")).contains(p)
                    ? "hidden" : "shown";
            String now = TextVisibility.of(doc).hiddenBy(p) != null ? "hidden" : "shown";
            if (!jsoup.equals(now)) {
                failures.add(esc(c[0]) + ": jsoup's select says " + jsoup + ", TextVisibility says " + now);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    @Test
    void tagsIdsForeignContentTemplates() {
        List<String> failures = new ArrayList<>();
        String html = "<body><div id=A class=Q><svg><foreignObject class=q id=a><p class=q>f</p></foreignObject>"
                + "<rect CLASS=q ID=a></rect><clipPath class=Q></clipPath></svg>"
                + "<math><mi class=q>x</mi><annotation-xml><span class=q>z</span></annotation-xml></math>"
                + "<template><td class=q id=a>t</td><div class=q><span id=A>s</span></div></template>"
                + "<table><tr><td id=a class='q q Q'><div id=a class=q>d</div></td></tr></table>"
                + "<noscript><p class=q>n</p></noscript><textarea class=q><p class=q></textarea>"
                + "<my-el class=-x><x_y class=_x id=_y></x_y></my-el><p class='1x' id=1y></p></div>";
        check(failures, html, "foreignObject", "foreignobject", "FOREIGNOBJECT", "clippath", "clipPath", "rect",
                "mi", "annotation-xml", "td", "template", ".q", ".Q", "#a", "#A", "#_y", "._x", "x_y", "my-el",
                "svg .q", "svg rect", "svg rect.q", "div .q", "template td", "template .q span", "#A .q",
                "#A #a", "#a #a", "#a .q", "td .q", "math .q", "math span", "foreignobject p", "foreignObject p",
                "table .q", " .q", ".q ", "\t.q", ".q\n", "div\t.q", "div\n\n.q", "div\f.q", "div\r\n.q",
                "div  .q", ".-x", "#1y", ".1x", "#-y", "div.Q#A .q", "div#A.q .q.Q", "body", "html", "head",
                "html body div", "#root", "x_y#_y", "div .q .q", "svg|rect", "*.q", ".q.q", "#a#a", "a--", "a-",
                "div a-");
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    /** A type selector starting with '_' is refused by jsoup (it throws), and by the index too. */
    @Test
    void leadingUnderscoreTypeSelectors() {
        List<String> failures = new ArrayList<>();
        check(failures, "<div class=q><x_y class=q>t</x_y></div>", "_x", "div _x", "x_y _x", "_x.q");
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    @Test
    void deepDocuments() {
        List<String> failures = new ArrayList<>();
        for (int depth : new int[] {500, 511, 512, 513, 600, 1200}) {
            StringBuilder b = new StringBuilder("<body>");
            for (int i = 0; i < depth; i++) {
                b.append(i % 3 == 0 ? "<div class=a>"
                        : i % 3 == 1 ? "<span class=b>" : "<p class=c id=i" + i % 7 + ">");
            }
            b.append("x");
            String html = b.toString();
            check(failures, html, ".a", ".a .b", ".c .a .b", "div span", "p .a p", "#i3 .a", ".b .b .b .b .b",
                    "body .c", "div div div div div div div div div div div div .c");
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    private static final String[] TAGS = {"div", "p", "span", "td", "table", "a", "b", "svg", "rect", "math", "mi",
        "template", "font", "center", "foreignObject", "my-el", "x_y"};
    private static final String[] CLASSES = {"a", "A", "b", "B", "-x", "_x", "x1", "i", "\u0130", "\u0131", "s",
        "\u017F", "k", "\u212A", "a\u000Bb", "a\u00A0b", "a\u2028b", "c\u0001", "foo-bar", "FOO-bar"};
    private static final String[] IDS = {"a", "A", "b", "i", "\u0130", "x1", "_y"};
    private static final String[] SEL_TAGS = {"div", "p", "span", "td", "table", "a", "b", "svg", "rect", "math",
        "mi", "template", "font", "foreignobject", "foreignObject", "my-el", "x_y", "DIV", "TD"};
    private static final String[] SEL_NAMES = {"a", "A", "b", "B", "_x", "x1", "i", "I", "s", "k", "K", "foo-bar",
        "FOO-BAR", "_y"};
    private static final String[] WS = {" ", "\t", "\n", "\r", "\f", "  ", " \t\n "};

    /** Only ASCII class names and ASCII white space. */
    private static final String[] CLEAN_CLASSES = {"a", "A", "b", "B", "-x", "_x", "x1", "i", "s", "k", "foo-bar",
        "FOO-bar", "a\tb", "a\nb", "a\u00A0b", "i\u0307"};
    private static final String[] CLEAN_IDS = {"a", "A", "b", "i", "I", "x1", "_y", ""};

    @Test
    void randomDocumentsAndSelectors() {
        random(CLASSES, IDS, 14);
    }

    @Test
    void randomDocumentsAndSelectorsAsciiClasses() {
        random(CLEAN_CLASSES, CLEAN_IDS, 15);
    }

    private static void random(String[] CLASSES, String[] IDS, long seed) {
        Random r = new Random(seed);
        List<String> failures = new ArrayList<>();
        for (int d = 0; d < 400 && failures.size() < 40; d++) {
            StringBuilder html = new StringBuilder("<body>");
            int open = 0;
            for (int k = 0; k < 40; k++) {
                if (open > 0 && r.nextInt(3) == 0) {
                    html.append("</").append(TAGS[r.nextInt(TAGS.length)]).append('>');
                    open--;
                    continue;
                }
                html.append('<').append(TAGS[r.nextInt(TAGS.length)]);
                if (r.nextBoolean()) {
                    html.append(" class=\"").append(CLASSES[r.nextInt(CLASSES.length)]);
                    if (r.nextBoolean()) {
                        html.append(WS[r.nextInt(WS.length)]).append(CLASSES[r.nextInt(CLASSES.length)]);
                    }
                    html.append('"');
                }
                if (r.nextInt(3) == 0) {
                    html.append(" id=\"").append(IDS[r.nextInt(IDS.length)]).append('"');
                }
                html.append(">t");
                open++;
            }
            String h = html.toString();
            List<String> sels = new ArrayList<>();
            for (int s = 0; s < 40; s++) {
                StringBuilder sel = new StringBuilder();
                if (r.nextInt(8) == 0) {
                    sel.append(WS[r.nextInt(WS.length)]);
                }
                int n = 1 + r.nextInt(3);
                for (int c = 0; c < n; c++) {
                    if (c > 0) {
                        sel.append(WS[r.nextInt(WS.length)]);
                    }
                    int parts = 0;
                    if (r.nextBoolean()) {
                        sel.append(SEL_TAGS[r.nextInt(SEL_TAGS.length)]);
                        parts++;
                    }
                    int extra = (parts == 0 ? 1 : 0) + r.nextInt(2);
                    for (int x = 0; x < extra; x++) {
                        sel.append(r.nextInt(3) == 0 ? '#' : '.').append(SEL_NAMES[r.nextInt(SEL_NAMES.length)]);
                    }
                }
                if (r.nextInt(8) == 0) {
                    sel.append(WS[r.nextInt(WS.length)]);
                }
                sels.add(sel.toString());
            }
            check(failures, h, sels.toArray(new String[0]));
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n",
                failures.subList(0, Math.min(40, failures.size()))));
    }
}
