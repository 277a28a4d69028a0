package org.pixelproof.detect;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.Tag;
import org.jsoup.parser.TagSet;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.IngestLimits;

/**
 * Parses an HTML or AMP body once with jsoup, bounded, for every finder of this package.
 *
 * <p>jsoup's {@link Parser#setMaxDepth(int)} is set to {@link IngestLimits#maxHtmlDepth()}: past it, elements are
 * inserted as siblings instead of children, as browsers do (a document nested 100,000 deep parses in linear time and
 * nothing in it is lost from view). Source positions are tracked so that evidence quotes the exact source. The first
 * {@code <base href>} with an absolute {@code http(s)} URL becomes the document's location, against which relative
 * references are resolved ({@link BodyScanner#baseOf(Document)}). Thread-safe (a fresh parser per call).
 *
 * <p>Only the first {@link #MAX_ELEMENTS} start tags are parsed: a body made of millions of tiny elements (5 MiB of
 * {@code <div>} is a million of them) would otherwise need a DOM of several hundred megabytes with source positions.
 * The cut is made in linear time before parsing, at the start of the first tag past the limit, and recorded as an
 * {@link AnomalyCode#HTML_TOO_MANY_ELEMENTS} anomaly; what comes before it is analysed as usual.
 *
 * <p>SVG {@code <script>} is parsed as browsers parse it (HTML Standard, 13.2.6.5 "The rules for parsing tokens in
 * foreign content"): its content is ordinary foreign content, not raw text, and a self-closing
 * {@code <svg><script href="x"/>} ends there. jsoup 1.24.1 reads an SVG {@code script} as raw text that ignores the
 * self-closing flag, so the rest of the body (a tracking pixel included) became script text invisible to every finder
 * ({@link #browserLikeParser(int)} fixes that for all of them). The other raw-text elements ({@code style},
 * {@code title}, {@code textarea}, {@code noscript}, {@code xmp}, {@code iframe}...) already close when self-closed inside
 * {@code <svg>} or {@code <math>}, and an HTML {@code <script/>} (inside {@code <foreignObject>} for example) swallows
 * what follows in a browser too.
 */
public final class HtmlParsing {

    /**
     * Most start tags ({@code <} followed by a letter) parsed per body: 150,000, the default of the safe preview's
     * element limit ({@code PreviewLimits.maxElements}); a large real newsletter has a few thousand.
     */
    static final int MAX_ELEMENTS = 150_000;

    private HtmlParsing() {
    }

    /**
     * @param body      a decoded HTML or AMP body
     * @param limits    the HTML depth limit
     * @param anomalies receives {@link AnomalyCode#HTML_TOO_MANY_ELEMENTS} when the body is cut
     * @return the parsed body
     */
    static HtmlBody parse(BodyText body, IngestLimits limits, List<Anomaly> anomalies) {
        String text = body.text();
        int cut = cutAfterElements(text, MAX_ELEMENTS);
        boolean mayHaveBase = hasBaseTag(text, cut);
        if (cut < text.length()) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_MANY_ELEMENTS, body.partPath(), "HTML body with more than "
                    + MAX_ELEMENTS + " elements; only the first " + cut + " characters were analysed"));
            text = text.substring(0, cut);
        }
        Parsed parsed = parseGuarded(text, limits.maxHtmlDepth(), true);
        if (parsed.problem() != null) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_DEEP, body.partPath(), parsed.problem()));
        }
        Document doc = parsed.document();
        doc.setBaseUri("");
        Element base = mayHaveBase ? doc.selectFirst("base[href]") : null; // a whole-tree search: only when worth it
        if (base != null) {
            WebUrl b = WebUrl.of(base.attr("href"), null);
            if (b != null && b.isRemote()) {
                doc.setBaseUri(b.url());
            }
        }
        return new HtmlBody(body.partPath(), body.kind(), doc);
    }

    /**
     * A parsed document, and what went wrong on the way.
     *
     * @param document the document, never null
     * @param problem  null when the first parse succeeded; else a sentence saying that jsoup failed and how the
     *                 document was read instead (for an {@link AnomalyCode#HTML_TOO_DEEP} anomaly)
     */
    public record Parsed(Document document, String problem) {
    }

    /**
     * Parses as {@link #browserLikeParser(int)} does, never throwing: jsoup 1.24.1 throws an
     * {@link IndexOutOfBoundsException} on some documents whose formatting elements ({@code <a>}, {@code <font>},
     * {@code <b>}...) sit exactly at the nesting limit (in {@code HtmlTreeBuilder.reconstructFormattingElements}; 507
     * {@code <div>} then {@code <p><a><font><li><p>} is one). Such a document is parsed again one level shallower,
     * then with twice the limit (the failure needs the limit at one exact depth), and as a last resort read as text,
     * so that a message built to crash the parser still gets an analysis saying what was left out.
     *
     * @param html           the markup
     * @param maxDepth       the nesting limit, in levels ({@link IngestLimits#maxHtmlDepth()}), at least 2
     * @param trackPositions whether source positions are tracked (the detector's parse, for exact evidence quotes)
     * @return the document, and null or the reason it was read another way
     */
    public static Parsed parseGuarded(String html, int maxDepth, boolean trackPositions) {
        int[] depths = {maxDepth, Math.max(1, maxDepth - 1), maxDepth * 2};
        RuntimeException first = null;
        for (int depth : depths) {
            try {
                Parser parser = browserLikeParser(depth).setTrackPosition(trackPositions);
                Document doc = parser.parseInput(html, "");
                return new Parsed(doc, first == null ? null : "the HTML parser (jsoup) failed on this body at the"
                        + " nesting limit of " + maxDepth + " levels (" + first.getClass().getSimpleName() + "); it was"
                        + " parsed again with a limit of " + depth + " levels");
            } catch (RuntimeException e) { // a jsoup defect on this input: try another limit
                if (first == null) {
                    first = e;
                }
            }
        }
        Document text = Document.createShell("");
        text.body().appendText(html);
        return new Parsed(text, "the HTML parser (jsoup) failed on this body at every nesting limit tried ("
                + first.getClass().getSimpleName() + "); it was read as plain text, so its elements were not"
                + " analysed");
    }

    /**
     * A fresh jsoup HTML parser that reads the markup as browsers do where jsoup 1.24.1 does not: SVG
     * {@code <script>} is ordinary foreign content, so that a self-closed {@code <svg><script href="x"/>} ends there
     * instead of turning the rest of the document into text (see the class description). Elements nested deeper than
     * {@code maxDepth} are inserted as siblings. Source positions are not tracked. For every component that must see
     * what a mail client or browser sees (the detector, the safe preview, the cleaned copy). A parser is not
     * thread-safe; this method is.
     *
     * @param maxDepth the deepest element nesting kept, in levels (e.g. {@link IngestLimits#maxHtmlDepth()}), at
     *                 least 1
     * @return a new parser
     */
    public static Parser browserLikeParser(int maxDepth) {
        TagSet tags = TagSet.Html(); // a copy layered on jsoup's defaults: changes stay local to this parser
        tags.add(new Tag("script", Parser.NamespaceSvg).set(Tag.Known));
        return Parser.htmlParser().tagSet(tags).setMaxDepth(maxDepth);
    }

    /**
     * @return true when {@code html} holds {@code <base} (any case) before {@code end}: a necessary condition for a
     *         {@code <base>} element, checked before searching the tree for one
     */
    static boolean hasBaseTag(String html, int end) {
        for (int i = html.indexOf('<'); i >= 0 && i < end; i = html.indexOf('<', i + 1)) {
            if (i + 1 < html.length() && (html.charAt(i + 1) | 0x20) == 'b' // most tags fail here, cheaply
                    && html.regionMatches(true, i + 1, "base", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Start tags inside comments ({@code <!-- ... -->}) are not counted: they make no element, and 150,001 of them in a
     * comment would otherwise hide the rest of the body. (Tags written inside attribute values or raw text are still
     * counted: the count is a bound on memory, and a cut body is reported by its anomaly.)
     *
     * @return the index of the start tag number {@code max + 1} in {@code html}, or its length when there is none
     */
    static int cutAfterElements(String html, int max) {
        return scanStartTags(html, max, false);
    }

    /** @return the number of start tags in {@code html} as {@link #cutAfterElements} counts them */
    static int startTags(String html) {
        return scanStartTags(html, Integer.MAX_VALUE, true);
    }

    /** @return the index of the first {@code --!>} in {@code html[from, limit)}, or -1 */
    private static int bangCloseBefore(String html, int from, int limit) {
        for (int j = html.indexOf('!', from); j >= 0 && j < limit; j = html.indexOf('!', j + 1)) {
            if (j >= 2 && j + 1 < html.length() && html.charAt(j + 1) == '>' && html.charAt(j - 1) == '-'
                    && html.charAt(j - 2) == '-' && j - 2 >= from) {
                return j - 2;
            }
        }
        return -1;
    }

    private static int scanStartTags(String html, int max, boolean count) {
        int tags = 0;
        int n = html.length();
        for (int i = html.indexOf('<'); i >= 0 && i < n - 1; i = html.indexOf('<', i + 1)) {
            char c = html.charAt(i + 1);
            if (c == '!' && html.startsWith("!--", i + 1)) { // a comment holds no element: padding there is free
                // it ends at the first "-->" or "--!>", "<!-->" and "<!--->" being empty (HTML Standard 13.2.5.43-52)
                int end = html.indexOf("-->", i + 2);
                int bang = bangCloseBefore(html, i + 2, end < 0 ? n : end); // searched only up to "-->": linear
                if (end < 0 && bang < 0) {
                    return count ? tags : n;
                }
                i = bang >= 0 ? bang + 3 : end + 2;
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                if (++tags > max) {
                    return i;
                }
            }
        }
        return count ? tags : n;
    }
}
