package org.pixelproof.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * The text a reader sees in one body, cut into paragraphs, with the hyperlinks it contains and where they sit in that
 * text. Used by the consent-marker finder (link texts, notices), the sender identifier (footer) and {@code assess}
 * (classification wording).
 *
 * <p>HTML: the text of the {@code <body>} in document order, a paragraph per block element ({@code p}, {@code div},
 * {@code td}, {@code li}, headings, {@code br}...). What a reader does not see is left out: {@code script},
 * {@code style}, {@code head}, {@code template}; elements hidden by the {@code hidden} attribute or by CSS, inline or
 * through the {@code <style>} sheets ({@code display:none}, {@code visibility:hidden}, {@code opacity:0}, off-screen,
 * clipped to a zero-size box); and text too small to read or of the colour of its background (white on white), as
 * {@link TextVisibility} judges them. A link with neither visible text nor a visible image is left out, and the
 * {@code alt} text of an image of at most 3 by 3 pixels (a tracking pixel) is not part of its link's text. Plain text: a paragraph per run of non-blank lines (hard-wrapped
 * lines joined with a space); links
 * are bare URLs ({@code http(s)://}, {@code mailto:}, {@code www.}), {@code <URL>} and Markdown {@code [text](URL)}.
 *
 * <p>At most {@code maxChars} characters are kept per body ({@link #DEFAULT_MAX_CHARS} by default); past that the text is
 * cut and {@link #truncated()} is true. Immutable and thread-safe once built.
 */
public final class VisibleText {
    /**
     * Marks a line break inside a plain-text paragraph in {@link #text()} (U+2028 LINE SEPARATOR, white space for
     * {@link NormalizedText}): hard-wrapped lines belong to one paragraph, but a clause does not run over a line end.
     */
    public static final char LINE_SEPARATOR = '\u2028';

    /** Default limit of visible text kept per body: 1,000,000 characters. */
    public static final int DEFAULT_MAX_CHARS = 1_000_000;

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "br",
            "caption", "center", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
            "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table",
            "tbody", "td", "tfoot", "th", "thead", "tr", "ul");
    private static final Set<String> INVISIBLE = Set.of("script", "style", "head", "template", "noscript", "title",
            "object", "iframe", "svg");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:"
            + "\\s*hidden)", Pattern.CASE_INSENSITIVE);

    /**
     * One paragraph of visible text.
     *
     * @param text    the paragraph, white space collapsed
     * @param element the block element it belongs to ({@code "p"}, {@code "td"}...), {@code "text"} for plain text
     * @param start   its offset in {@link VisibleText#text()}
     * @param end     its end offset, exclusive
     */
    public record Paragraph(String text, String element, int start, int end) {
    }

    /**
     * One hyperlink and its place in the text.
     *
     * @param href       the link as written ({@code href} attribute, entities decoded; or the URL as written in plain
     *                   text)
     * @param url        the link as a client would follow it (resolved against {@code <base href>} when relative)
     * @param anchorText the visible link text plus the {@code alt}/{@code title} of images inside it, collapsed;
     *                   empty for bare URLs in plain text
     * @param start      offset of the link text in {@link VisibleText#text()}
     * @param end        end offset, exclusive
     * @param paragraph  index of the paragraph it starts in
     */
    public record LinkSpan(String href, String url, String anchorText, int start, int end, int paragraph) {
    }

    private final String partPath;
    private final String text;
    private final List<Paragraph> paragraphs;
    private final List<LinkSpan> links;
    private final boolean truncated;

    private VisibleText(String partPath, String text, List<Paragraph> paragraphs, List<LinkSpan> links,
            boolean truncated) {
        this.partPath = partPath;
        this.text = text;
        this.paragraphs = List.copyOf(paragraphs);
        this.links = List.copyOf(links);
        this.truncated = truncated;
    }

    /** @return the MIME part path of the body. */
    public String partPath() {
        return partPath;
    }

    /** @return the whole visible text, paragraphs separated by {@code '\n'}. */
    public String text() {
        return text;
    }

    /** @return the paragraphs in document order. */
    public List<Paragraph> paragraphs() {
        return paragraphs;
    }

    /** @return the links in document order. */
    public List<LinkSpan> links() {
        return links;
    }

    /** @return true when the body had more visible text than the limit. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * @param link a link of this text
     * @return the text of its paragraph between the previous link (or the paragraph start) and the link
     */
    public String textBefore(LinkSpan link) {
        Paragraph p = paragraphs.get(link.paragraph());
        if (link.start() > p.end()) {
            return "";
        }
        int from = p.start();
        for (LinkSpan other : links) {
            if (other.end() <= link.start() && other.end() > from && other.paragraph() == link.paragraph()) {
                from = other.end();
            }
        }
        return text.substring(Math.min(from, link.start()), link.start());
    }

    /**
     * @param link a link of this text
     * @return the text of its paragraph between the link and the next link (or the paragraph end)
     */
    public String textAfter(LinkSpan link) {
        Paragraph p = paragraphs.get(link.paragraph());
        if (link.end() > p.end()) {
            return "";
        }
        int to = p.end();
        for (LinkSpan other : links) {
            if (other.start() >= link.end() && other.start() < to) {
                to = other.start();
            }
        }
        return text.substring(link.end(), Math.max(link.end(), to));
    }

    /**
     * The visible texts of every body of a message, in MIME tree order: plain-text bodies read with
     * {@link #ofPlain}, HTML and AMP bodies with {@link #ofHtml} from {@code html} when it holds that part (parsed once
     * by {@code detect}), else parsed here with jsoup.
     *
     * @param email    the message
     * @param html     its parsed HTML bodies (may be empty)
     * @param maxChars the most characters kept per body
     * @return one visible text per body
     */
    public static List<VisibleText> ofEmail(ReceivedEmail email, List<HtmlBody> html, int maxChars) {
        return ofEmail(email, html, maxChars, Map.of());
    }

    /**
     * As {@link #ofEmail(ReceivedEmail, List, int)}, reusing what the detector's walk of each document gathered.
     *
     * @param walked per parsed document (by identity), its elements and style sheets as {@link BodyScanner} read them;
     *               a document missing from it is walked here
     */
    static List<VisibleText> ofEmail(ReceivedEmail email, List<HtmlBody> html, int maxChars,
            Map<Document, TextVisibility.Walked> walked) {
        Map<String, HtmlBody> byPart = new LinkedHashMap<>();
        for (HtmlBody h : html) {
            byPart.putIfAbsent(h.partPath(), h);
        }
        List<VisibleText> out = new ArrayList<>();
        for (BodyText body : email.bodies()) {
            Cancellation.check();
            if (body.kind() == BodyKind.PLAIN) {
                out.add(ofPlain(body.partPath(), body.text(), maxChars));
            } else {
                HtmlBody h = byPart.remove(body.partPath());
                Document doc = h != null ? h.document()
                        : HtmlParsing.parseGuarded(body.text(), IngestLimits.DEFAULT.maxHtmlDepth(), false).document();
                out.add(ofHtml(body.partPath(), doc, maxChars, walked.get(doc)));
            }
        }
        for (HtmlBody h : byPart.values()) {
            out.add(ofHtml(h.partPath(), h.document(), maxChars, walked.get(h.document())));
        }
        return out;
    }

    /**
     * Reads the visible text of an HTML body.
     *
     * @param partPath the body's MIME part path
     * @param document the parsed body (only read)
     * @param maxChars the most characters kept
     * @return its visible text
     */
    public static VisibleText ofHtml(String partPath, Document document, int maxChars) {
        return ofHtml(partPath, document, maxChars, null);
    }

    private static VisibleText ofHtml(String partPath, Document document, int maxChars, TextVisibility.Walked walked) {
        Objects.requireNonNull(document, "document");
        Builder b = new Builder(maxChars);
        TextVisibility visibility = TextVisibility.of(document, walked);
        Deque<TextVisibility.State> states = new ArrayDeque<>();
        Element html = document.selectFirst("html");
        states.push(html != null && html != document.body() && !hidingStyle(html.attr("style"))
                ? visibility.enter(TextVisibility.State.ROOT, html) : TextVisibility.State.ROOT);
        Element root = document.body() != null ? document.body() : document;
        root.filter(new NodeFilter() {
            private int visited;

            @Override
            public FilterResult head(Node node, int depth) {
                Cancellation.checkEvery(++visited);
                if (b.full()) {
                    return FilterResult.STOP;
                }
                if (node instanceof TextNode t) {
                    if (states.peek().textVisible()) {
                        b.appendText(t.getWholeText());
                    }
                    return FilterResult.CONTINUE;
                }
                if (!(node instanceof Element el)) {
                    return FilterResult.CONTINUE;
                }
                String tag = el.normalName();
                if (INVISIBLE.contains(tag) || el.hasAttr("hidden") || hidingStyle(el.attr("style"))
                        || (el != document && visibility.hiddenBy(el) != null)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                states.push(el == document ? states.peek() : visibility.enter(states.peek(), el));
                if (BLOCKS.contains(tag)) {
                    b.blockStart(tag);
                }
                if ((tag.equals("img") || tag.equals("input")) && visibility.visibleImage(el)) {
                    String alt = el.hasAttr("alt") ? el.attr("alt") : el.attr("title");
                    b.visibleImage();
                    b.alt(alt);
                }
                if ((tag.equals("a") || tag.equals("area")) && el.hasAttr("href")) {
                    String href = el.attr("href").trim();
                    String abs = plainAbsolute(el, href) ? href : el.absUrl("href");
                    b.openLink(href, abs.isEmpty() ? href : abs, tag.equals("area") ? el.attr("alt") : el.attr("title"));
                    if (tag.equals("area")) {
                        b.visibleImage(); // an image map's area is drawn by its image
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element el) {
                    states.pop();
                    String tag = el.normalName();
                    if ((tag.equals("a") || tag.equals("area")) && el.hasAttr("href")) {
                        b.closeLink();
                    }
                    if (BLOCKS.contains(tag)) {
                        b.blockEnd();
                    }
                }
                return b.full() ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        });
        return b.build(partPath);
    }

    /**
     * @return true when an inline style hides the element ({@code display: none} or {@code visibility: hidden} at the
     *         start of a declaration); the pattern runs only on styles holding "none" or "hidden" (ASCII letters in any
     *         case, as the pattern reads them), the few that can match
     */
    static boolean hidingStyle(String style) {
        return (CaseFold.containsAscii(style, "none") || CaseFold.containsAscii(style, "hidden"))
                && HIDDEN_STYLE.matcher(style).find();
    }

    private static final Pattern PLAIN_LINK = Pattern.compile(
            "\\[([^\\[\\]\\n]{1,300})\\]\\(((?:https?://|mailto:)[^\\s()]{1,4000})\\)"
                    + "|<((?:https?://|mailto:)[^\\s<>]{1,4000})>"
                    + "|((?:https?://|mailto:|www\\.)[^\\s<>\"'()\\[\\]]{1,4000})",
            Pattern.CASE_INSENSITIVE);

    /**
     * Reads a plain-text body.
     *
     * @param partPath the body's MIME part path
     * @param plain    the decoded text
     * @param maxChars the most characters kept
     * @return its visible text
     */
    public static VisibleText ofPlain(String partPath, String plain, int maxChars) {
        Objects.requireNonNull(plain, "plain");
        Builder b = new Builder(maxChars);
        List<String> lines = lines(plain);
        boolean inParagraph = false;
        int read = 0;
        for (String line : lines) {
            Cancellation.checkEvery(++read);
            if (b.full()) {
                break;
            }
            if (line.isBlank()) {
                if (inParagraph) {
                    b.blockEnd();
                }
                inParagraph = false;
                continue;
            }
            if (!inParagraph) {
                b.blockStart("text");
                inParagraph = true;
            } else {
                b.lineBreak();
            }
            if (line.indexOf(':') < 0 && !CaseFold.containsAscii(line, "www.")) {
                b.appendText(line); // no scheme and no "www.": no link the pattern could find
                continue;
            }
            Matcher m = PLAIN_LINK.matcher(Cancellation.checking(line)); // one line may hold a whole body
            int at = 0;
            while (m.find()) {
                b.appendText(line.substring(at, m.start()));
                if (m.group(1) != null) {
                    b.openLink(m.group(2), m.group(2), null);
                    b.appendText(m.group(1));
                    b.closeLink();
                } else {
                    String url = m.group(3) != null ? m.group(3) : trimUrl(m.group(4));
                    b.openLink(url, url.regionMatches(true, 0, "www.", 0, 4) ? "http://" + url : url, null);
                    b.appendRaw(url);
                    b.closeLinkWithoutText();
                    if (m.group(4) != null && url.length() < m.group(4).length()) {
                        b.appendText(m.group(4).substring(url.length()));
                    }
                }
                at = m.end();
            }
            b.appendText(line.substring(at));
        }
        return b.build(partPath);
    }

    /** @return the lines of {@code text}, split at CR LF, CR or LF; a final empty line kept (as split with -1) */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String trimUrl(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?>»".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** Accumulates text, paragraphs and links. */
    private static final class Builder {
        private final int maxChars;
        private final StringBuilder sb = new StringBuilder();
        private final List<Paragraph> paragraphs = new ArrayList<>();
        private final List<int[]> linkBounds = new ArrayList<>();
        private final List<String[]> linkData = new ArrayList<>();
        private final Deque<Integer> openLinks = new ArrayDeque<>();
        private final Deque<String> blocks = new ArrayDeque<>();
        private int paraStart = -1;
        private String paraElement = "body";
        /** counts the visible characters and images met so far: a link that adds none to it shows nothing */
        private int visibleMarks;
        private boolean truncated;

        Builder(int maxChars) {
            this.maxChars = maxChars;
        }

        boolean full() {
            return truncated;
        }

        void blockStart(String tag) {
            endParagraph();
            blocks.push(tag);
        }

        void blockEnd() {
            endParagraph();
            if (!blocks.isEmpty()) {
                blocks.pop();
            }
        }

        private void endParagraph() {
            trimTrailingSpace();
            if (paraStart >= 0 && sb.length() > paraStart) {
                paragraphs.add(new Paragraph(sb.substring(paraStart), paraElement, paraStart, sb.length()));
                sb.append('\n');
            }
            paraStart = -1;
        }

        private void trimTrailingSpace() {
            int n = sb.length();
            if (n > 0 && (sb.charAt(n - 1) == ' ' || sb.charAt(n - 1) == LINE_SEPARATOR)
                    && (paraStart < 0 || n - 1 >= paraStart)) {
                // keep link bounds inside the text
                for (int[] bounds : linkBounds) {
                    if (bounds[1] == n) {
                        bounds[1] = n - 1;
                    }
                    if (bounds[0] == n) {
                        bounds[0] = n - 1;
                    }
                }
                sb.setLength(n - 1);
            }
        }

        void appendText(String raw) {
            for (int i = 0; i < raw.length() && !truncated; i++) {
                char c = raw.charAt(i);
                boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
                if (space) {
                    char last = sb.length() > 0 ? sb.charAt(sb.length() - 1) : ' ';
                    if (paraStart >= 0 && sb.length() > paraStart && last != ' ' && last != LINE_SEPARATOR) {
                        sb.append(' ');
                    }
                    continue;
                }
                startParagraphIfNeeded();
                sb.append(c);
                visibleMarks++;
                if (sb.length() >= maxChars) {
                    truncated = true;
                }
            }
        }

        /** A line break inside a plain-text paragraph, kept as U+2028 LINE SEPARATOR. */
        void lineBreak() {
            int n = sb.length();
            if (paraStart >= 0 && n > paraStart) {
                if (sb.charAt(n - 1) == ' ') {
                    sb.setCharAt(n - 1, LINE_SEPARATOR);
                } else if (sb.charAt(n - 1) != LINE_SEPARATOR) {
                    sb.append(LINE_SEPARATOR);
                }
            }
        }

        void appendRaw(String s) {
            appendText(s);
        }

        private void startParagraphIfNeeded() {
            if (paraStart < 0) {
                paraStart = sb.length();
                paraElement = blocks.isEmpty() ? "body" : blocks.peek();
            }
        }

        /** An image a reader sees: the links around it show something. */
        void visibleImage() {
            visibleMarks++;
        }

        void alt(String alt) {
            if (alt == null || alt.isBlank()) {
                return;
            }
            for (int idx : openLinks) {
                String[] d = linkData.get(idx);
                d[2] = d[2] + " " + alt.trim();
            }
        }

        void openLink(String href, String url, String title) {
            startParagraphIfNeeded();
            int start = sb.length();
            linkBounds.add(new int[] {start, -1, paragraphs.size(), visibleMarks});
            linkData.add(new String[] {href, url, title == null ? "" : title.trim(), "text"});
            openLinks.push(linkBounds.size() - 1);
        }

        void closeLink() {
            if (openLinks.isEmpty()) {
                return;
            }
            int idx = openLinks.pop();
            linkBounds.get(idx)[1] = sb.length();
            if (linkBounds.get(idx)[3] == visibleMarks) {
                linkData.get(idx)[3] = "unseen"; // no visible text nor image: nothing to click on
            }
        }

        void closeLinkWithoutText() {
            if (openLinks.isEmpty()) {
                return;
            }
            int idx = openLinks.pop();
            linkBounds.get(idx)[1] = sb.length();
            linkData.get(idx)[3] = "bare";
        }

        VisibleText build(String partPath) {
            while (!openLinks.isEmpty()) {
                closeLink();
            }
            endParagraph();
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
                sb.setLength(sb.length() - 1);
            }
            String text = sb.toString();
            List<LinkSpan> links = new ArrayList<>();
            for (int i = 0; i < linkBounds.size(); i++) {
                int[] bounds = linkBounds.get(i);
                String[] d = linkData.get(i);
                if ("unseen".equals(d[3])) {
                    continue;
                }
                int start = Math.min(bounds[0], text.length());
                int end = Math.max(start, Math.min(bounds[1] < 0 ? start : bounds[1], text.length()));
                int para = paragraphOf(start);
                if (para < 0) {
                    continue; // an empty paragraph-less link (e.g. an image link with no text at the very end)
                }
                String anchor = "bare".equals(d[3]) ? "" : NormalizedText.collapse(text.substring(start, end)
                        + (d[2].isEmpty() ? "" : " " + d[2]));
                links.add(new LinkSpan(d[0], d[1], anchor, start, end, para));
            }
            return new VisibleText(partPath, text, paragraphs, links, truncated);
        }

        private int paragraphOf(int offset) {
            int lo = 0;
            int hi = paragraphs.size() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (paragraphs.get(mid).start() <= offset) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0 && !paragraphs.isEmpty()) {
                found = 0;
            }
            return found;
        }
    }

    /** @return a short description for debugging. */
    @Override
    public String toString() {
        return "VisibleText[" + partPath + ", " + text.length() + " chars, " + paragraphs.size() + " paragraphs, "
                + links.size() + " links]";
    }

    /** Characters of a URL that jsoup's resolution (through {@link java.net.URL}) gives back unchanged. */
    private static final Pattern PLAIN_ABSOLUTE = Pattern.compile(
            "https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?");

    /**
     * @return true when {@code href} is an absolute {@code http(s)} URL that {@link Element#absUrl} would return as it
     *         is (no {@code <base>}, no dot segment, no character it would strip or escape), so that resolving it, the
     *         costliest step of reading a link, can be skipped
     */
    static boolean plainAbsolute(Element el, String href) {
        return (href.startsWith("https://") || href.startsWith("http://")) && el.baseUri().isEmpty()
                && !href.contains("/./") && !href.contains("/../") && !href.endsWith("/.") && !href.endsWith("/..")
                && href.equals(el.attr("href")) && PLAIN_ABSOLUTE.matcher(href).matches();
    }
}
