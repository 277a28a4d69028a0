package org.pixelproof.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.IngestLimits;

/**
 * Walks one parsed HTML or AMP body once and lists every remote-fetch vector and every link, in document order.
 *
 * <p>Vectors ({@link Candidate#vector()} codes): {@code img} ({@code src}, {@code lowsrc}, {@code dynsrc}),
 * {@code img-srcset}, {@code picture-source}, {@code input-image}, {@code background-attribute}, {@code css-inline}
 * ({@code style} attributes), {@code css-stylesheet} ({@code <style>} rules), {@code css-import}, {@code font-face},
 * {@code link-stylesheet}, {@code link-preload}, {@code link-prefetch}, {@code link-icon}, {@code link-preconnect},
 * {@code link-manifest}, {@code iframe}, {@code object}, {@code embed}, {@code video}, {@code video-poster},
 * {@code audio}, {@code media-source}, {@code track}, {@code script} (HTML {@code script src} and SVG
 * {@code script href}: no mail client runs them, a browser showing the HTML fetches them; not in AMP bodies, whose
 * runtime script the AMP client supplies itself), {@code svg-image}, {@code svg-use}, {@code svg-feimage},
 * {@code svg-presentation} (an SVG presentation attribute such as {@code fill="url(https://...)"}, see
 * {@link #svgPresentation}), {@code vml-fill}, {@code vml-image}, {@code vml-imagedata}, {@code meta-refresh},
 * {@code amp-img}, {@code amp-pixel},
 * {@code amp-analytics}, {@code amp-list}. Outlook conditional comments ({@code <!--[if mso]>...<![endif]-->}) are
 * parsed as HTML and walked too, their findings marked as such. An SVG animation ({@code <set>}, {@code <animate>})
 * that writes a URL into its target's {@code href} or {@code xlink:href} (or a {@code url()} into a presentation
 * attribute) makes the load, or the link, that the same URL written on the target makes, with the animation as
 * evidence (see {@link #animation}).
 *
 * <p>Links: {@code <a href>}, {@code <area href>}, SVG {@code <a xlink:href>} (and an animation of its
 * {@code href}), VML {@code href}; and each URL of the
 * {@code ping} attribute of an {@code <a>} or {@code <area>} with an {@code href} (hyperlink auditing, HTML Standard
 * 4.6.6: on a click the browser POSTs to every one of them), as a link marked {@link RawLink#ping()}; and where a form
 * sends its data when the recipient submits it: {@code <form action>}, and {@code <button formaction>} /
 * {@code <input type=submit|image formaction>} of a submit button with a form owner. For a GET form the link is the
 * URL the browser requests, the action with its query replaced by the form's initial data (hidden fields included,
 * and the controls outside it that name it in their {@code form} attribute), built once per form and cut at
 * {@link #MAX_FORM_QUERY_CHARS}; for POST the action as written. {@code method=dialog} sends nothing.
 *
 * <p>The document of an {@code <iframe srcdoc>} (its attribute value, HTML entities decoded) is parsed and walked as
 * well, down to {@link #MAX_SRCDOC_LEVELS} nested levels, its findings located at {@code <iframe srcdoc>} (and its
 * CSS rule, if any) with the inner element's source as evidence; relative references resolve against its own
 * {@code <base href>}, else the enclosing document's base, as browsers do for {@code about:srcdoc}.
 *
 * <p>The walk is iterative (jsoup's {@link NodeTraversor}), so a deep document cannot exhaust the stack; jsoup itself
 * flattens elements nested deeper than {@link IngestLimits#maxHtmlDepth()}, as browsers do, so nothing is lost from
 * view. Not thread-safe: one instance per body.
 */
final class BodyScanner {

    /** Longest excerpt kept as evidence, in characters; default 1,000. */
    static final int MAX_EVIDENCE = 1_000;
    /** Longest link text kept, in characters; default 200. */
    static final int MAX_LINK_TEXT = 200;
    /**
     * Deepest nesting of {@code <iframe srcdoc>} documents parsed and walked, in levels (a srcdoc in the body is level
     * 1, a srcdoc inside it level 2...); default 3. A deeper one is not analysed and is recorded as an
     * {@link AnomalyCode#HTML_TOO_DEEP} anomaly.
     */
    static final int MAX_SRCDOC_LEVELS = 3;
    /**
     * Deepest nesting of Outlook conditional comments parsed and walked, in levels (a conditional comment in the body
     * is level 1, one inside its content level 2...); default 3. Each level is parsed again from its text, so an
     * unbounded nesting would cost quadratic time and exhaust the stack; a deeper one is not analysed and is recorded
     * as an {@link AnomalyCode#HTML_TOO_DEEP} anomaly. Real newsletters nest two levels at most.
     */
    static final int MAX_CONDITIONAL_COMMENT_LEVELS = 3;
    /**
     * Most Outlook conditional comments parsed and walked per message; default 2,000 (a large real newsletter has a
     * few dozen). Each is a document of its own; past the limit they are not analysed, and an
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly is recorded.
     */
    static final int MAX_CONDITIONAL_COMMENTS = 2_000;
    /**
     * Longest query rebuilt for the submission of a GET form, in characters of the encoded query; default 8,192 (about
     * what web servers accept in a request line, and far more than the few hidden fields of a real newsletter's form).
     * A longer one is cut there (the rest of the form data is not analysed) and an
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly is recorded.
     */
    static final int MAX_FORM_QUERY_CHARS = 8_192;
    /**
     * Most characters of queries rebuilt for GET forms per message, all forms and submit buttons together, in
     * characters; default 1,000,000. Past it the queries are cut (down to nothing) and an
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly is recorded: a message of thousands of forms each carrying a
     * long hidden field would otherwise fill the memory with URLs.
     */
    static final int MAX_FORM_QUERY_CHARS_PER_MESSAGE = 1_000_000;
    /**
     * Most submit buttons with a {@code formaction} reported per form; default 100 (a real survey form has a
     * handful, e.g. ratings from 0 to 10). The later ones are not analysed, and an
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly is recorded.
     */
    static final int MAX_FORM_SUBMITTERS = 100;

    /**
     * Most URLs read from one SVG animation element ({@code <set>}, {@code <animate>}), in URLs; default 100 (a real
     * animation switches between a handful of images). The later ones are not analysed, and an
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly is recorded once per message: a {@code values} list of
     * thousands of URLs would otherwise make as many references, each with its own evidence.
     */
    static final int MAX_ANIMATION_URLS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A remote-fetch candidate.
     *
     * @param order     global document order
     * @param url       the URL as a client would request it
     * @param vector    how it is loaded (see the class description)
     * @param location  where it was found
     * @param evidence  the exact source excerpt
     * @param element   the element that carries it ({@code <style>} for style-sheet rules), or {@code null}
     * @param condition the CSS context in which it fires only sometimes, or {@code null}
     * @param mso       true when found inside an Outlook conditional comment
     * @param inert     true when found in the content of a {@code <template>} element of an HTML body (or in a
     *                  srcdoc document or conditional comment held there): inert content, neither rendered nor
     *                  loaded by a client (HTML Standard 4.12.3); false in AMP bodies, whose {@code amp-list} and
     *                  {@code amp-mustache} templates are rendered with their data
     * @param alternate true for a {@code srcset} (or {@code imagesrcset}) URL after the first remote one of its
     *                  attribute: a client fetches one candidate per element, chosen by screen density or width
     *                  (HTML Standard 4.8.4.3), so the others are alternatives to it
     */
    record Candidate(int order, WebUrl url, String vector, Location location, String evidence, Element element,
            String condition, boolean mso, boolean inert, boolean alternate) {
    }

    /**
     * A hyperlink.
     *
     * @param order    global document order
     * @param url      the URL as a client would follow it
     * @param text     the visible text, collapsed, at most {@link #MAX_LINK_TEXT} characters
     * @param location where it was found
     * @param evidence the exact source excerpt
     * @param ping     true for a URL of a {@code ping} attribute (hyperlink auditing): the browser POSTs to it when
     *                 the link is followed, only to report the click
     */
    record RawLink(int order, WebUrl url, String text, Location location, String evidence, boolean ping) {

        /** A hyperlink that is not a ping. */
        RawLink(int order, WebUrl url, String text, Location location, String evidence) {
            this(order, url, text, location, evidence, false);
        }
    }

    /** Counter shared by the scanners of one message, for a global document order. */
    static final class Order {
        private int next;
        /** Conditional comments parsed so far in the message (see {@link #MAX_CONDITIONAL_COMMENTS}). */
        private int conditionalComments;
        /** Start tags parsed so far inside conditional comments (bounded by {@link HtmlParsing#MAX_ELEMENTS}). */
        private int conditionalCommentElements;
        /** Characters still allowed in rebuilt GET form queries (see {@link #MAX_FORM_QUERY_CHARS_PER_MESSAGE}). */
        private int formQueryBudget = MAX_FORM_QUERY_CHARS_PER_MESSAGE;
        /** True once a rebuilt form query was cut (one anomaly per message). */
        private boolean formQueryCut;
        /** True once a form's submit buttons were over {@link #MAX_FORM_SUBMITTERS} (one anomaly per message). */
        private boolean formSubmittersCut;
        /** True once an animation's URLs were over {@link #MAX_ANIMATION_URLS} (one anomaly per message). */
        private boolean animationUrlsCut;

        int next() {
            return next++;
        }
    }

    private final HtmlBody body;
    private final String source;
    private final IngestLimits limits;
    private final Order order;
    private final WebUrl base;
    private final boolean mso;
    /** 0 outside conditional comments, n inside n nested ones */
    private final int msoLevel;
    /** 0 for the body itself, n for the document of an iframe srcdoc nested n levels deep */
    private final int srcdocLevel;
    /** true when this document is held in a {@code <template>}'s content (a srcdoc or conditional comment there) */
    private final boolean inertHost;
    /** how many {@code <template>} elements of an HTML body enclose the node being walked */
    private int templateDepth;
    private final List<Candidate> candidates;
    private final List<RawLink> links;
    private final List<CssScanner.Sheet> sheets;
    private final List<Anomaly> anomalies;
    private int maxDepthSeen;
    private Element lastContent;
    private boolean lastContentKnown;

    /**
     * @param body       the parsed body
     * @param source     the text it was parsed from (for exact excerpts)
     * @param limits     HTML and CSS limits
     * @param order      the message's document-order counter
     * @param candidates where to add remote-fetch candidates
     * @param links      where to add links
     * @param sheets     where to add the parsed style sheets (for class-based hiding)
     * @param anomalies  where to record what was over a limit
     */
    BodyScanner(HtmlBody body, String source, IngestLimits limits, Order order, List<Candidate> candidates,
            List<RawLink> links, List<CssScanner.Sheet> sheets, List<Anomaly> anomalies) {
        this(body, source, limits, order, baseOf(body.document()), 0, 0, false, candidates, links, sheets, anomalies);
    }

    private BodyScanner(HtmlBody body, String source, IngestLimits limits, Order order, WebUrl base, int msoLevel,
            int srcdocLevel, boolean inertHost, List<Candidate> candidates, List<RawLink> links,
            List<CssScanner.Sheet> sheets, List<Anomaly> anomalies) {
        this.body = body;
        this.source = source;
        this.limits = limits;
        this.order = order;
        this.base = base;
        this.mso = msoLevel > 0;
        this.msoLevel = msoLevel;
        this.srcdocLevel = srcdocLevel;
        this.inertHost = inertHost;
        this.candidates = candidates;
        this.links = links;
        this.sheets = sheets;
        this.anomalies = anomalies;
    }

    /** @return the base URL of a parsed document (its {@code <base href>}, as {@link HtmlParsing} set it), or null. */
    static WebUrl baseOf(Document doc) {
        String b = doc.baseUri();
        if (b == null || b.isEmpty()) {
            return null;
        }
        WebUrl u = WebUrl.of(b, null);
        return u != null && u.isRemote() ? u : null;
    }

    /** Walks the document. */
    void scan() {
        walkedElements = new ArrayList<>();
        scan(body.document());
    }

    /** Every element of the body's document in document order, the document first; filled by {@link #scan()}. */
    private List<Element> walkedElements;
    /** The sheet of each {@code <style>} element met, by identity (those of conditional comments too). */
    private final Map<Element, CssScanner.Sheet> sheetOf = new IdentityHashMap<>();

    /**
     * @return what the walk of {@link #scan()} gathered for {@link TextVisibility#of(Document, TextVisibility.Walked)}
     * @throws IllegalStateException before {@link #scan()}
     */
    TextVisibility.Walked walked() {
        if (walkedElements == null) {
            throw new IllegalStateException("scan() first");
        }
        return new TextVisibility.Walked(walkedElements, sheetOf, limits.maxCssBytes());
    }

    private void scan(Node root) {
        NodeTraversor.traverse(new NodeVisitor() {
            private int visited;

            @Override
            public void head(Node node, int depth) {
                Cancellation.checkEvery(++visited);
                if (depth > maxDepthSeen) {
                    maxDepthSeen = depth;
                }
                if (node instanceof Element el) {
                    if (walkedElements != null && root == body.document()) {
                        walkedElements.add(el);
                    }
                    if (isTemplate(el)) {
                        templateDepth++;
                    }
                    element(el);
                } else if (node instanceof Comment c) {
                    comment(c);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && isTemplate(el)) {
                    templateDepth--;
                }
            }
        }, root);
        if (!mso && srcdocLevel == 0 && maxDepthSeen >= limits.maxHtmlDepth()) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_DEEP, body.partPath(), "HTML nesting reached the limit of "
                    + limits.maxHtmlDepth() + " levels; deeper elements were analysed as siblings, as browsers do"));
        }
    }

    // --------------------------------------------------------------------------------------------- elements

    /**
     * @return the last element of the body, in document order (of start tags), that shows something (an image or text
     *         of its own), or null; null too for the scanner of a conditional comment or a srcdoc document
     */
    Element lastContent() {
        if (mso || srcdocLevel > 0) {
            return null;
        }
        if (!lastContentKnown) {
            lastContent = lastContent(body.document());
            lastContentKnown = true;
        }
        return lastContent;
    }

    /**
     * Searches the tree backwards (reverse document order: a node's later subtrees before the node itself), so that
     * the search usually stops in the footer instead of testing every element for text of its own.
     *
     * @return the last element under {@code root}, {@code root} included, in document order, that is an image or has
     *         text of its own; null when there is none
     */
    static Element lastContent(Node root) {
        Node n = deepestLast(root);
        while (n != null) {
            if (n instanceof Element el && showsSomething(el)) {
                return el;
            }
            if (n == root) {
                return null;
            }
            Node previous = n.previousSibling();
            n = previous != null ? deepestLast(previous) : n.parent();
        }
        return null;
    }

    private static Node deepestLast(Node n) {
        while (n.childNodeSize() > 0) {
            n = n.childNode(n.childNodeSize() - 1);
        }
        return n;
    }

    private static boolean showsSomething(Element el) {
        String name = el.normalName();
        return name.equals("img") || name.equals("amp-img") || name.equals("amp-pixel") || hasOwnText(el);
    }

    private void element(Element el) {
        String name = el.normalName();
        switch (name) {
            case "img" -> {
                add(el, "src", "img");
                add(el, "lowsrc", "img");
                add(el, "dynsrc", "img");
                srcset(el, "img-srcset");
            }
            case "image", "svg:image" -> {
                add(el, "href", "svg-image");
                add(el, "xlink:href", "svg-image");
                add(el, "src", "img"); // HTML parsers turn a stray <image> into <img>
            }
            case "input" -> {
                if ("image".equalsIgnoreCase(el.attr("type").trim())) {
                    add(el, "src", "input-image");
                }
                if (el.hasAttr("formaction")) {
                    submitter(el);
                }
            }
            case "button" -> {
                if (el.hasAttr("formaction")) {
                    submitter(el);
                }
            }
            case "form" -> {
                if (el.hasAttr("action")) {
                    form(el);
                }
            }
            case "source" -> {
                Element parent = el.parent();
                String p = parent == null ? "" : parent.normalName();
                if ("picture".equals(p)) {
                    srcset(el, "picture-source");
                    add(el, "src", "picture-source");
                } else {
                    add(el, "src", "media-source");
                    srcset(el, "media-source");
                }
            }
            case "video" -> {
                add(el, "src", "video");
                add(el, "poster", "video-poster");
            }
            case "audio" -> add(el, "src", "audio");
            case "track" -> add(el, "src", "track");
            case "iframe" -> {
                add(el, "src", "iframe");
                if (el.hasAttr("srcdoc")) {
                    srcdoc(el);
                }
            }
            case "frame" -> add(el, "src", "iframe");
            case "script" -> {
                if (body.kind() != BodyKind.AMP_HTML) {
                    add(el, "src", "script");
                    add(el, "href", "script"); // SVG 2
                    add(el, "xlink:href", "script");
                }
            }
            case "object" -> add(el, "data", "object");
            case "embed" -> add(el, "src", "embed");
            case "link" -> linkElement(el);
            case "use" -> {
                addExternal(el, "href", "svg-use");
                addExternal(el, "xlink:href", "svg-use");
            }
            case "feimage" -> {
                addExternal(el, "href", "svg-feimage");
                addExternal(el, "xlink:href", "svg-feimage");
            }
            case "v:fill" -> add(el, "src", "vml-fill");
            case "v:image" -> add(el, "src", "vml-image");
            case "v:imagedata" -> add(el, "src", "vml-imagedata");
            case "meta" -> metaRefresh(el);
            case "amp-img", "amp-anim" -> {
                add(el, "src", "amp-img");
                srcset(el, "amp-img");
            }
            case "amp-pixel" -> add(el, "src", "amp-pixel");
            case "amp-analytics" -> ampAnalytics(el);
            case "amp-list", "amp-state" -> add(el, "src", "amp-list");
            case "style" -> styleSheet(el);
            case "set", "animate" -> {
                if (Parser.NamespaceSvg.equals(el.tag().namespace())) {
                    animation(el);
                }
            }
            case "a", "area" -> link(el, el.hasAttr("href") || !el.hasAttr("xlink:href") ? "href" : "xlink:href");
            default -> {
                if (name.startsWith("v:") && el.hasAttr("href")) {
                    link(el, "href"); // VML "bulletproof" buttons: <v:roundrect href="...">
                }
            }
        }
        if (el.hasAttr("background")) {
            add(el, "background", "background-attribute");
        }
        if (el.hasAttr("style")) {
            inlineStyle(el);
        }
        if (Parser.NamespaceSvg.equals(el.tag().namespace()) && el.attributesSize() > 0) {
            svgPresentation(el);
        }
    }

    /**
     * The SVG presentation attributes whose value may be a {@code url()}: {@code fill}, {@code stroke},
     * {@code filter}, {@code mask}, {@code clip-path}, {@code marker-start|mid|end} and {@code cursor}. They are CSS
     * properties written as attributes (SVG 2, 6.6 "Presentation attributes"), parsed as CSS values.
     *
     * <p>A {@code url(#id)} is a fragment-only reference to an element of the same document (CSS Values 4, 4.5.1
     * "Fragment URLs": resolved against the document itself, never against {@code <base>}), so nothing is fetched. A
     * reference to another document ({@code url(https://t.example/p.svg#grad)}) names an <em>external resource
     * document</em> that SVG 2 ("Document structure", "External resource documents") has the user agent fetch to
     * find the paint server, mask, clip path, filter or marker; Gecko (Firefox, Thunderbird) implements it for these
     * properties, Chromium and WebKit have long supported external references for only some of them (not verified
     * per version here). A cursor {@code url()} is an image (CSS Basic User Interface 4, "cursor"). No source
     * found says that any of them is never fetched, so the external ones are reported as remote loads like any other
     * vector (vector {@code svg-presentation}): a tracker only on the usual signs (an identifier of the recipient, a
     * vendor's rule...), else remote content.
     */
    private void svgPresentation(Element el) {
        for (Attribute a : el.attributes()) {
            String key = a.getKey();
            switch (key) {
                case "fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end",
                        "cursor" -> {
                    String v = a.getValue();
                    if (CssScanner.indexOfIgnoreCase(v, "url(") < 0 && v.indexOf('\\') < 0) {
                        continue; // an escaped keyword (u\72 l) is read by CssScanner
                    }
                    for (String u : CssScanner.urlsInValue(v)) {
                        if (!fragmentOnly(u)) {
                            addUrl(el, key, "svg-presentation", u, null, null);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * @return true for a CSS {@code url()} that starts with {@code #}: a reference to an element of the document itself
     *         (CSS Values 4, 4.5.1 "Fragment URLs"), not resolved against {@code <base>}, never fetched
     */
    static boolean fragmentOnly(String cssUrl) {
        String t = cssUrl.strip();
        return !t.isEmpty() && t.charAt(0) == '#';
    }

    // ------------------------------------------------------------------------------------------- SVG animation

    /**
     * An SVG animation element ({@code <set>}, {@code <animate>}; SVG Animations, after SMIL 3.0 "Animation") writes
     * its values into the attribute its {@code attributeName} names, on its target element: the element its own {@code
     * href} (else its {@code xlink:href}; SVG 2 gives {@code href} precedence) names by {@code #id}, or its parent when
     * it has neither (see {@link #animationTarget}). A browser applies the value when the animation begins, at once
     * with the default {@code begin="0s"}; a URL attribute of an element that loads it is then loaded as if the value
     * were written there. So each value is reported as the same URL written on the target is ({@link #element}): same
     * vector, the target as {@link Candidate#element()} (its size and hiding are scored), located at the animation's
     * attribute ({@code <set to>}, {@code <animate values>}) with the animation's start tag as evidence.
     *
     * <p>What is read, on SVG elements only (SMIL animates nothing else): {@code href} and {@code xlink:href} of an
     * {@code <image>} ({@code svg-image}; its {@code src}, which {@link #element} reads as {@code img}), of a
     * {@code <use>} ({@code svg-use}) or {@code <feImage>} ({@code svg-feimage}) unless a fragment of the document,
     * and of an {@code <a>} (a link, with the anchor's text); and a property that takes a {@code url()}
     * ({@code fill}, {@code stroke}..., see {@link #ANIMATED_URL_PROPERTIES}) of any element. Other attributes
     * and targets load nothing. The values: the semicolon-separated {@code values} list when there is one (SMIL:
     * {@code from}, {@code to} and {@code by} are then ignored), else {@code from}, {@code to} and {@code by}; of a
     * {@code <set>}, only {@code to}. At most {@link #MAX_ANIMATION_URLS} URLs per animation are reported. When the
     * animation begins is not read: a value that a {@code begin="click"} delays, or an {@code "indefinite"} one
     * never applies without a script, is reported as loaded all the same.
     */
    private void animation(Element anim) {
        String attribute = anim.attributes().getIgnoreCase("attributeName").strip();
        boolean href = attribute.equals("href") || attribute.equals("xlink:href");
        boolean presentation = ANIMATED_URL_PROPERTIES.contains(attribute);
        if (!href && !presentation && !attribute.equals("src")) {
            return;
        }
        Element target = animationTarget(anim);
        if (target == null || !Parser.NamespaceSvg.equals(target.tag().namespace())) {
            return;
        }
        String t = target.normalName();
        String vector;
        if (presentation) {
            vector = "svg-presentation";
        } else if (t.equals("image") || t.equals("svg:image")) {
            vector = href ? "svg-image" : "img";
        } else if (href && t.equals("use")) {
            vector = "svg-use";
        } else if (href && t.equals("feimage")) {
            vector = "svg-feimage";
        } else if (href && t.equals("a")) {
            vector = null; // a link
        } else {
            return;
        }
        AnimationValues values = new AnimationValues(anim, target, vector);
        if (anim.normalName().equals("set")) {
            values.read("to", false);
        } else if (anim.hasAttr("values")) {
            values.read("values", true);
        } else {
            values.read("from", false);
            values.read("to", false);
            values.read("by", false);
        }
    }

    /**
     * The properties whose {@code url()} an animation may write and a browser then fetches: those of
     * {@link #svgPresentation}, plus the {@code marker} shorthand (Gecko animates it and fetches its external
     * marker; written as an attribute it is no presentation attribute, neither Chromium nor Gecko reads it) and
     * {@code mask-image} (CSS Masking 1 applies it to SVG elements and SVG Animations let any animatable CSS
     * property of the target be animated with {@code attributeType="CSS"}; the engines tried do not fetch it, but
     * no source says none does). Other CSS properties that take a {@code url()} ({@code background-image},
     * {@code list-style-image}...) do not apply to SVG elements.
     */
    private static final java.util.Set<String> ANIMATED_URL_PROPERTIES = java.util.Set.of("fill", "stroke",
            "filter", "mask", "mask-image", "clip-path", "marker", "marker-start", "marker-mid", "marker-end",
            "cursor");

    /** The URLs of one animation element, reported as its target's (see {@link #animation}). */
    private final class AnimationValues {
        private final Element anim;
        private final Element target;
        /** the vector of a load, {@code null} for a link */
        private final String vector;
        private String evidence;
        private int reported;
        private int read;

        AnimationValues(Element anim, Element target, String vector) {
            this.anim = anim;
            this.target = target;
            this.vector = vector;
        }

        /** Reads one attribute of the animation: one value, or a semicolon-separated list. */
        void read(String attr, boolean list) {
            if (!anim.hasAttr(attr)) {
                return;
            }
            String v = anim.attr(attr);
            int start = 0;
            while (start <= v.length()) {
                int end = list ? v.indexOf(';', start) : -1;
                if (end < 0) {
                    end = v.length();
                }
                Cancellation.checkEvery(++read);
                String value = v.substring(start, end).strip();
                if (!value.isEmpty() && !value(attr, value)) {
                    return;
                }
                start = end + 1;
            }
        }

        /** @return false once {@link #MAX_ANIMATION_URLS} were reported (the rest is not read) */
        private boolean value(String attr, String value) {
            if ("svg-presentation".equals(vector)) {
                if (CssScanner.indexOfIgnoreCase(value, "url(") < 0 && value.indexOf('\\') < 0) {
                    return true;
                }
                for (String u : CssScanner.urlsInValue(value)) {
                    if (!fragmentOnly(u) && !add(attr, u)) {
                        return false;
                    }
                }
                return true;
            }
            if (value.charAt(0) == '#' && vector != null) {
                return true; // <use href="#id">: an element of this document
            }
            return add(attr, value);
        }

        private boolean add(String attr, String raw) {
            WebUrl url = WebUrl.of(raw, base);
            if (url == null || vector != null && !url.isRemote()) {
                return true;
            }
            if (reported >= MAX_ANIMATION_URLS) {
                if (!order.animationUrlsCut) {
                    order.animationUrlsCut = true;
                    anomalies.add(new Anomaly(AnomalyCode.REFERENCES_NOT_ANALYSED, body.partPath(), "an SVG animation"
                            + " with more than " + MAX_ANIMATION_URLS + " URLs; the later ones were not analysed"));
                }
                return false;
            }
            reported++;
            if (evidence == null) {
                evidence = startTag(anim);
            }
            Location where = location(anim.normalName(), attr, null);
            if (vector == null) {
                links.add(new RawLink(order.next(), url, linkText(target), where, evidence));
            } else {
                candidates.add(new Candidate(order.next(), url, vector, where, evidence, target, null, mso, inert(),
                        false));
            }
            return true;
        }
    }

    /**
     * The element an animation acts on. Its reference is its {@code href}, else its {@code xlink:href} (SVG 2 gives
     * {@code href} precedence, even an empty one). Without a reference, or with an empty one, it is the animation's
     * parent: SVG Animations 2 ("href": the parent when no reference is given) and Chromium, which reads an empty
     * reference as none (Gecko then animates nothing; what one client loads is reported). Otherwise the reference is a
     * URL: leading and trailing spaces and controls, and tabs and newlines anywhere, are dropped (WHATWG URL Standard),
     * and only a fragment ({@code #id}) can name an element of the message, its ID being the fragment percent-decoded
     * as UTF-8, as Chromium and Gecko decode it ({@code #%69m} names {@code id="im"}). The element is the first with
     * that ID in tree order, as {@code getElementById} finds it: the content of a {@code <template>} is a separate
     * document fragment that it never searches (HTML Standard 4.12.3), so the document of an animation outside a
     * template is searched without them, and that of one inside a template is that template's content. The content of
     * a {@code <noscript>} is left out too: it is text in a browser that runs scripts (HTML Standard 13.2.6.4.7,
     * "scripting flag"), so an element there does not hide a later one with the same ID from Chromium or Gecko. (It
     * is markup in a client that runs none, as the rest of this class reads it; but jsoup parses the SVG there as
     * HTML elements, which are never a target, so what such a client would animate inside a {@code <noscript>} is
     * not read, nor are SVG animations written there.) A reference that is not a fragment, or names no element,
     * makes no target: the animation animates nothing (Chromium and Gecko do not fall back to the parent).
     *
     * @return the target, or {@code null} when there is none
     */
    private Element animationTarget(Element anim) {
        String ref = anim.hasAttr("href") ? anim.attr("href") : anim.hasAttr("xlink:href") ? anim.attr("xlink:href")
                : null;
        if (ref == null || ref.isEmpty()) {
            return anim.parent();
        }
        String id = fragmentId(ref);
        Node scope = idScope(anim);
        return id == null || scope == null ? null : ids.computeIfAbsent(scope, this::idIndex).get(id);
    }

    /**
     * @param ref an animation's {@code href} (or {@code xlink:href}) as written, entities decoded
     * @return the ID that its fragment names (see {@link #animationTarget}), or {@code null} when it is no fragment
     *         or an empty one
     */
    static String fragmentId(String ref) {
        String r = ref.trim(); // String.trim drops U+0000..U+0020: the URL Standard's "C0 control or space"
        if (r.indexOf('\t') >= 0 || r.indexOf('\n') >= 0 || r.indexOf('\r') >= 0) {
            r = r.replace("\t", "").replace("\n", "").replace("\r", "");
        }
        if (r.length() < 2 || r.charAt(0) != '#') {
            return null;
        }
        String id = WebUrl.percentDecode(r.substring(1));
        return id.isEmpty() ? null : id;
    }

    /**
     * @return where {@code getElementById} looks for the target of an animation: the content of the innermost
     *         {@code <template>} of an HTML body that holds it, else its document; {@code null} when detached
     */
    private Node idScope(Element anim) {
        if (templateDepth > 0) {
            for (Element p = anim.parent(); p != null; p = p.parent()) {
                if (isTemplate(p)) {
                    return p;
                }
            }
        }
        return anim.ownerDocument();
    }

    /** Built once per scope, when an animation of it names its target. */
    private final Map<Node, Map<String, Element>> ids = new IdentityHashMap<>();

    /**
     * @return the first element of one scope with each ID, the content of the {@code <template>}s and
     *         {@code <noscript>}s in it left out (see {@link #animationTarget})
     */
    private Map<String, Element> idIndex(Node scope) {
        Map<String, Element> byId = new java.util.HashMap<>();
        NodeTraversor.filter(new NodeFilter() {
            private int visited;

            @Override
            public FilterResult head(Node node, int depth) {
                Cancellation.checkEvery(++visited);
                if (!(node instanceof Element e)) {
                    return FilterResult.CONTINUE;
                }
                if (e != scope && (isTemplate(e) || isNoscript(e))) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                String id = e.id();
                if (!id.isEmpty()) {
                    byId.putIfAbsent(id, e);
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, scope);
        return byId;
    }

    /** @return true for an HTML {@code <noscript>} (an SVG one is an unknown element, its content markup) */
    private static boolean isNoscript(Element el) {
        return "noscript".equals(el.normalName()) && Parser.NamespaceHtml.equals(el.tag().namespace());
    }

    private static boolean hasOwnText(Element el) {
        for (Node child : el.childNodes()) {
            if (child instanceof org.jsoup.nodes.TextNode t && !t.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private void add(Element el, String attr, String vector) {
        if (!el.hasAttr(attr)) {
            return;
        }
        addUrl(el, attr, vector, el.attr(attr), null, null);
    }

    private void addExternal(Element el, String attr, String vector) {
        if (el.hasAttr(attr) && !el.attr(attr).trim().startsWith("#")) {
            add(el, attr, vector);
        }
    }

    private void addUrl(Element el, String attr, String vector, String raw, String cssRule, String condition) {
        addUrl(el, attr, vector, raw, cssRule, condition, false);
    }

    /** @return true when the URL is remote and was added */
    private boolean addUrl(Element el, String attr, String vector, String raw, String cssRule, String condition,
            boolean alternate) {
        WebUrl url = WebUrl.of(raw, base);
        if (url == null || !url.isRemote()) {
            return false;
        }
        candidates.add(new Candidate(order.next(), url, vector, location(el.normalName(), attr, cssRule),
                startTag(el), el, condition, mso, inert(), alternate));
        return true;
    }

    /**
     * @return true inside the content of a {@code <template>} of an HTML body, or of a document held there: inert
     *         content (HTML Standard 4.12.3). Not in AMP bodies: AMP renders its templates with the data of an
     *         {@code amp-list} or {@code amp-state}.
     */
    private boolean inert() {
        return inertHost || templateDepth > 0;
    }

    /** @return true for a {@code <template>} element of an HTML body (see {@link #inert()}) */
    private boolean isTemplate(Element el) {
        return body.kind() != BodyKind.AMP_HTML && "template".equals(el.normalName());
    }

    /** Adds each remote URL of a {@code srcset}-like attribute, those after the first marked as alternates. */
    private void srcsetUrls(Element el, String attr, String vector) {
        boolean first = true;
        for (String u : parseSrcset(el.attr(attr))) {
            if (addUrl(el, attr, vector, u, null, null, !first)) {
                first = false;
            }
        }
    }

    private Location location(String element, String attribute, String cssRule) {
        if (srcdocLevel > 0) {
            return new Location(body.partPath(), "iframe", "srcdoc", cssRule);
        }
        return new Location(body.partPath(), element, attribute, cssRule);
    }

    private void srcset(Element el, String vector) {
        if (!el.hasAttr("srcset")) {
            return;
        }
        srcsetUrls(el, "srcset", vector);
    }

    /** Splits a {@code srcset} value into its URLs (HTML Standard "parse a srcset attribute"). */
    static List<String> parseSrcset(String value) {
        List<String> out = new ArrayList<>();
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && (CssScanner.isWhite(value.charAt(i)) || value.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !CssScanner.isWhite(value.charAt(i))) {
                i++;
            }
            String url = value.substring(start, i);
            boolean endsWithComma = false;
            while (url.endsWith(",")) {
                url = url.substring(0, url.length() - 1);
                endsWithComma = true;
            }
            if (!url.isEmpty()) {
                out.add(url);
            }
            if (!endsWithComma) {
                // descriptors run to the next comma outside parentheses
                int parens = 0;
                while (i < n) {
                    char c = value.charAt(i);
                    if (c == '(') {
                        parens++;
                    } else if (c == ')') {
                        parens = Math.max(0, parens - 1);
                    } else if (c == ',' && parens == 0) {
                        break;
                    }
                    i++;
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern REL_SEPARATORS = java.util.regex.Pattern.compile("[\\t\\n\\f\\r ]+");

    /** {@code icon}, {@code apple-touch-icon}, {@code apple-touch-icon-precomposed}, {@code mask-icon}... as a token. */
    private static final java.util.regex.Pattern ICON_TOKEN = java.util.regex.Pattern.compile(
            " (?:[a-z-]*-)?icon(?:-precomposed)? ");

    private void linkElement(Element el) {
        // a set of tokens separated by ASCII white space (HTML Standard 2.3.8): tab, LF, FF and CR separate as a space
        String rel = " " + REL_SEPARATORS.matcher(el.attr("rel").toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
        String vector;
        if (rel.contains(" stylesheet ")) {
            vector = "link-stylesheet";
        } else if (rel.contains(" preload ") || rel.contains(" modulepreload ")) {
            vector = "link-preload";
        } else if (rel.contains(" prefetch ") || rel.contains(" prerender ")) {
            vector = "link-prefetch";
        } else if (ICON_TOKEN.matcher(rel).find()) {
            vector = "link-icon";
        } else if (rel.contains(" preconnect ") || rel.contains(" dns-prefetch ")) {
            vector = "link-preconnect";
        } else if (rel.contains(" manifest ")) {
            vector = "link-manifest";
        } else {
            return;
        }
        add(el, "href", vector);
        if (el.hasAttr("imagesrcset")) {
            srcsetUrls(el, "imagesrcset", vector);
        }
    }

    private void metaRefresh(Element el) {
        if (!"refresh".equalsIgnoreCase(el.attr("http-equiv").trim())) {
            return;
        }
        String content = el.attr("content");
        String lower = CaseFold.lowerKeepingIndexes(content);
        int u = lower.indexOf("url");
        if (u < 0) {
            return;
        }
        int k = u + 3;
        while (k < content.length() && CssScanner.isWhite(content.charAt(k))) {
            k++;
        }
        if (k >= content.length() || content.charAt(k) != '=') {
            return;
        }
        k++;
        while (k < content.length() && CssScanner.isWhite(content.charAt(k))) {
            k++;
        }
        String target = content.substring(k);
        if (!target.isEmpty() && (target.charAt(0) == '\'' || target.charAt(0) == '"')) {
            int close = target.indexOf(target.charAt(0), 1);
            target = close > 0 ? target.substring(1, close) : target.substring(1);
        }
        addUrl(el, "content", "meta-refresh", target, null, null);
    }

    private void ampAnalytics(Element el) {
        add(el, "config", "amp-analytics");
        for (Element script : el.getElementsByTag("script")) {
            String json = script.data();
            if (json.length() > limits.maxCssBytes()) {
                json = json.substring(0, limits.maxCssBytes());
            }
            try {
                JsonNode tree = JSON.readTree(json);
                List<String> urls = new ArrayList<>();
                jsonUrls(tree, urls, 0);
                for (String u : urls) {
                    addUrl(el, "requests", "amp-analytics", u, null, null);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // malformed configuration: a client would not send it either
            }
        }
    }

    private static void jsonUrls(JsonNode node, List<String> out, int depth) {
        if (node == null || depth > 16 || out.size() > 100) {
            return;
        }
        if (node.isTextual()) {
            String t = node.asText().trim();
            String l = t.toLowerCase(Locale.ROOT);
            if (l.startsWith("https://") || l.startsWith("http://") || l.startsWith("//")) {
                out.add(t);
            }
            return;
        }
        for (JsonNode child : node) {
            jsonUrls(child, out, depth + 1);
        }
    }

    // -------------------------------------------------------------------------------------------------- CSS

    private void styleSheet(Element el) {
        String css = el.data();
        if (css.length() > limits.maxCssBytes()) {
            anomalies.add(new Anomaly(AnomalyCode.CSS_TOO_LARGE, body.partPath(), "<style> block of " + css.length()
                    + " characters; only the first " + limits.maxCssBytes() + " were analysed"));
            css = css.substring(0, limits.maxCssBytes());
        }
        CssScanner.Sheet sheet = CssScanner.scanSheet(css);
        sheets.add(sheet);
        sheetOf.put(el, sheet);
        for (CssScanner.UrlRef ref : sheet.urls()) {
            if (fragmentOnly(ref.url())) {
                continue; // fill: url(#gradient), clip-path: url(#c): an element of this document
            }
            WebUrl url = WebUrl.of(ref.url(), base);
            if (url == null || !url.isRemote()) {
                continue;
            }
            String vector = "@import".equals(ref.property()) ? "css-import"
                    : ref.rule() != null && CssEscapes.decode(ref.rule()).toLowerCase(Locale.ROOT)
                            .contains("@font-face") ? "font-face"
                    : "css-stylesheet";
            candidates.add(new Candidate(order.next(), url, vector, location("style", ref.property(), ref.rule()),
                    ref.excerpt(), el, ref.condition(), mso, inert(), false));
        }
    }

    private void inlineStyle(Element el) {
        String style = el.attr("style");
        if (style.indexOf('(') < 0 && style.indexOf('\\') < 0) {
            return; // most styles: no function at all, found by the fast character search
        }
        if (CssScanner.indexOfIgnoreCase(style, "url(") < 0 && CssScanner.indexOfIgnoreCase(style, "image-set(") < 0
                && style.indexOf('\\') < 0) {
            return; // an escaped keyword (u\72 l) is read by CssScanner
        }
        if (style.length() > limits.maxCssBytes()) {
            anomalies.add(new Anomaly(AnomalyCode.CSS_TOO_LARGE, body.partPath(), "style attribute of "
                    + style.length() + " characters; only the first " + limits.maxCssBytes() + " were analysed"));
            style = style.substring(0, limits.maxCssBytes());
        }
        for (CssScanner.Declaration d : CssScanner.declarations(style)) {
            for (String u : CssScanner.urlsInValue(d.value())) {
                if (!fragmentOnly(u)) {
                    addUrl(el, d.property(), "css-inline", u, null, null);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ links

    private void link(Element el, String attr) {
        if (!el.hasAttr(attr)) {
            return;
        }
        WebUrl url = WebUrl.of(el.attr(attr), base);
        boolean ping = "href".equals(attr) && el.hasAttr("ping") && !el.normalName().startsWith("v:");
        if (url == null && !ping) {
            return;
        }
        String text = linkText(el);
        String evidence = outerExcerpt(el);
        if (url != null) {
            links.add(new RawLink(order.next(), url, text, location(el.normalName(), attr, null), evidence));
        }
        if (ping) {
            // HTML Standard 4.6.6 "Hyperlink auditing": the value is a set of space-separated URLs, each parsed
            // against the document's base URL; the browser POSTs "PING" to each when the link is followed
            for (String token : el.attr("ping").split("[ \\t\\n\\f\\r]+")) {
                WebUrl p = token.isEmpty() ? null : WebUrl.of(token, base);
                if (p != null && p.isRemote()) {
                    links.add(new RawLink(order.next(), p, text, location(el.normalName(), "ping", null), evidence,
                            true));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ forms

    /**
     * A form with an {@code action}: submitting it sends its data to that URL (HTML Standard 4.10.21.3 "Form
     * submission algorithm"). A form without {@code action}, or with an empty one, submits to the document's own URL,
     * which an e-mail does not have on the web: nothing to report.
     */
    private void form(Element form) {
        String action = form.attr("action");
        if (action.isBlank()) {
            return;
        }
        String method = method(form.attr("method"));
        if (method == null) {
            return;
        }
        formLink(form, form, "action", action, method, null, submitLabel(form));
    }

    /**
     * A submit button with a {@code formaction}: pressing it submits its form to that URL instead of the form's
     * {@code action}, with its {@code formmethod}, if any, instead of the form's {@code method}. Only a submit button
     * (a {@code <button>} whose {@code type} is absent, invalid or {@code submit}; an {@code <input type=submit>} or
     * {@code <input type=image>}) that has a form owner submits anything. At most {@link #MAX_FORM_SUBMITTERS} per
     * form are reported.
     */
    private void submitter(Element el) {
        String type = el.attr("type").trim().toLowerCase(Locale.ROOT);
        boolean submit = el.normalName().equals("button") ? !type.equals("button") && !type.equals("reset")
                : type.equals("submit") || type.equals("image");
        String action = el.attr("formaction");
        if (!submit || action.isBlank()) {
            return;
        }
        Element form = formOwner(el);
        if (form == null) {
            return;
        }
        FormData data = formData(form);
        if (++data.submitters > MAX_FORM_SUBMITTERS) {
            if (!order.formSubmittersCut) {
                order.formSubmittersCut = true;
                anomalies.add(new Anomaly(AnomalyCode.REFERENCES_NOT_ANALYSED, body.partPath(), "a form with more than "
                        + MAX_FORM_SUBMITTERS + " submit buttons with a formaction; the later ones were not analysed"));
            }
            return;
        }
        String method = method(el.hasAttr("formmethod") ? el.attr("formmethod") : form.attr("method"));
        if (method == null) {
            return;
        }
        String label = el.normalName().equals("button") ? el.text() : el.attr(type.equals("image") ? "alt" : "value");
        formLink(el, form, "formaction", action, method, el, label);
    }

    /**
     * The submission method a {@code method} or {@code formmethod} value names. HTML Standard 4.10.18.6 "Form
     * submission attributes": an enumerated attribute with the keywords {@code get}, {@code post} and {@code dialog},
     * whose missing value default and invalid value default are GET; and 2.3.3 "Keywords and enumerated attributes":
     * the value is an ASCII case-insensitive match for a keyword, with no whitespace stripped, so {@code "POST "} is
     * an invalid value, hence GET (browsers do so).
     *
     * @return {@code get} or {@code post}, or {@code null} for {@code dialog} (nothing is sent)
     */
    private static String method(String attr) {
        return asciiEqualsIgnoreCase(attr, "dialog") ? null : asciiEqualsIgnoreCase(attr, "post") ? "post" : "get";
    }

    /** @return true when {@code value} is an ASCII case-insensitive match for the lower-case {@code keyword} */
    private static boolean asciiEqualsIgnoreCase(String value, String keyword) {
        if (value.length() != keyword.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the element's form owner (HTML Standard 4.10.17.3 "Association of controls and forms"): with a
     *         {@code form} attribute, the first element of its document with that ID if it is a form, else none;
     *         without, its nearest form ancestor
     */
    private Element formOwner(Element el) {
        if (el.hasAttr("form")) {
            return formIndex(el).formWithId(el.attr("form"));
        }
        return el.closest("form");
    }

    /**
     * Where a submission sends its data. With GET the browser replaces the action's query by the form data ("mutate
     * action URL"), so the hidden fields the sender filled in are in the URL and a query written in the action is not
     * sent; with POST the action URL is requested as written and the data goes in the body. The rebuilt query is cut
     * at {@link #MAX_FORM_QUERY_CHARS} characters, and at what is left of {@link #MAX_FORM_QUERY_CHARS_PER_MESSAGE},
     * a cut recorded as an {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly.
     */
    private void formLink(Element el, Element form, String attr, String action, String method, Element submitter,
            String label) {
        WebUrl url = WebUrl.of(action, base);
        if (url == null || !url.isRemote()) {
            return;
        }
        if (method.equals("get")) {
            String u = url.url();
            int hash = u.indexOf('#');
            String fragment = hash < 0 ? "" : u.substring(hash);
            String head = hash < 0 ? u : u.substring(0, hash);
            int q = head.indexOf('?');
            String data = query(formData(form), submitter);
            WebUrl mutated = WebUrl.of((q < 0 ? head : head.substring(0, q)) + "?" + data + fragment, null);
            if (mutated == null || !mutated.isRemote()) {
                return;
            }
            url = mutated;
        }
        String text = label == null ? "" : label.trim();
        if (text.isEmpty()) {
            text = linkText(form);
        } else if (text.length() > MAX_LINK_TEXT) {
            text = text.substring(0, MAX_LINK_TEXT - 1) + "…";
        }
        links.add(new RawLink(order.next(), url, text, location(el.normalName(), attr, null), outerExcerpt(el)));
    }

    /**
     * The query a GET submission sends: the form's data with the submitter's own {@code name=value} at its place in
     * tree order, cut at {@link #MAX_FORM_QUERY_CHARS} characters (never inside a percent-escape) and at what is left
     * of the message's {@link #MAX_FORM_QUERY_CHARS_PER_MESSAGE}.
     */
    private String query(FormData data, Element submitter) {
        String q = data.query;
        Integer at = submitter == null ? null : data.submitterOffsets.get(submitter);
        if (at != null) {
            String name = submitter.attr("name");
            StringBuilder sb = new StringBuilder(Math.min(q.length(), MAX_FORM_QUERY_CHARS) + 64);
            sb.append(q, 0, at);
            pair(sb, name, submitter.attr("value"), MAX_FORM_QUERY_CHARS);
            if (at < q.length()) {
                sb.append(at == 0 ? "&" : "").append(q, at, Math.min(q.length(), at + MAX_FORM_QUERY_CHARS + 1));
            }
            q = sb.toString();
        }
        int limit = Math.min(MAX_FORM_QUERY_CHARS, order.formQueryBudget);
        boolean cut = data.cut || q.length() > limit;
        if (q.length() > limit) {
            int end = limit;
            // never end inside a percent-escape
            if (end >= 1 && q.charAt(end - 1) == '%') {
                end -= 1;
            } else if (end >= 2 && q.charAt(end - 2) == '%') {
                end -= 2;
            }
            q = q.substring(0, end);
        }
        order.formQueryBudget -= q.length();
        if (cut && !order.formQueryCut) {
            order.formQueryCut = true;
            anomalies.add(new Anomaly(AnomalyCode.REFERENCES_NOT_ANALYSED, body.partPath(), "form data longer than "
                    + MAX_FORM_QUERY_CHARS + " characters per submission, or " + MAX_FORM_QUERY_CHARS_PER_MESSAGE
                    + " per message, in a GET form; the URL of its submission was cut there and the rest not"
                    + " analysed"));
        }
        return q;
    }

    /**
     * The data of one form, built once for all its submissions.
     *
     * <p>{@code query} is the form data without any submitter, cut past {@link #MAX_FORM_QUERY_CHARS} characters
     * ({@code cut} then true); {@code submitterOffsets} gives, for each named submit button of the form, the offset in
     * {@code query} where its own {@code name=value} goes (before the {@code &} that follows, if any).
     */
    private static final class FormData {
        String query;
        boolean cut;
        final java.util.Map<Element, Integer> submitterOffsets = new java.util.IdentityHashMap<>();
        /** Submit buttons with a {@code formaction} seen so far (see {@link #MAX_FORM_SUBMITTERS}). */
        int submitters;
    }

    /** The form data of each form met so far, built once per form. */
    private final java.util.Map<Element, FormData> formData = new java.util.IdentityHashMap<>();

    /**
     * The form data as sent when the form is submitted without the recipient changing anything, encoded as
     * {@code application/x-www-form-urlencoded} (HTML Standard 4.10.21.4 "Constructing the entry list"): every named,
     * enabled control whose form owner is the form (its descendants and the controls the parser associated with it,
     * except those whose {@code form} attribute names another form; and the controls whose {@code form} attribute
     * names it), in tree order, with its initial value; checkboxes and radio buttons only when {@code checked};
     * buttons only when they are the submitter (the coordinates of an image button are left out); a {@code select}
     * sends its selected options, or its first option. File inputs send no file name and are left out. Built once
     * per form.
     */
    private FormData formData(Element form) {
        FormData cached = formData.get(form);
        if (cached != null) {
            return cached;
        }
        // jsoup's FormElement.elements() lists the controls the parser associated with the form, but not in tree
        // order (its buttons come last) and without those a form attribute associates: gather, then sort
        FormIndex index = formIndex(form);
        java.util.Set<Element> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Element> controls = new ArrayList<>();
        List<Element> own = new ArrayList<>(form.select(FORM_CONTROLS));
        if (form instanceof org.jsoup.nodes.FormElement fe) {
            own.addAll(fe.elements());
        }
        for (Element c : own) {
            if (!c.hasAttr("form") && FORM_CONTROL_NAMES.contains(c.normalName()) && seen.add(c)) {
                controls.add(c);
            }
        }
        controls.addAll(index.controlsOf(form));
        controls.sort(java.util.Comparator.comparingInt(index::position));
        FormData data = new FormData();
        StringBuilder sb = new StringBuilder();
        for (Element c : controls) {
            if (sb.length() > MAX_FORM_QUERY_CHARS) {
                data.cut = true;
                break;
            }
            String name = c.attr("name");
            if (name.isEmpty() || c.hasAttr("disabled") || c.closest("datalist") != null) {
                continue;
            }
            String tag = c.normalName();
            String type = c.attr("type").trim().toLowerCase(Locale.ROOT);
            switch (tag) {
                case "button" -> data.submitterOffsets.put(c, sb.length());
                case "textarea" -> pair(sb, name, c.wholeText(), MAX_FORM_QUERY_CHARS);
                case "select" -> {
                    List<Element> options = c.getElementsByTag("option");
                    boolean any = false;
                    for (Element o : options) {
                        if (o.hasAttr("selected")) {
                            pair(sb, name, o.hasAttr("value") ? o.attr("value") : o.text(), MAX_FORM_QUERY_CHARS);
                            any = true;
                        }
                    }
                    if (!any && !c.hasAttr("multiple") && !options.isEmpty()) {
                        Element o = options.get(0);
                        pair(sb, name, o.hasAttr("value") ? o.attr("value") : o.text(), MAX_FORM_QUERY_CHARS);
                    }
                }
                case "input" -> {
                    switch (type) {
                        case "submit" -> data.submitterOffsets.put(c, sb.length());
                        case "image", "reset", "button", "file" -> {
                        }
                        case "checkbox", "radio" -> {
                            if (c.hasAttr("checked")) {
                                pair(sb, name, c.hasAttr("value") ? c.attr("value") : "on", MAX_FORM_QUERY_CHARS);
                            }
                        }
                        default -> pair(sb, name, c.attr("value"), MAX_FORM_QUERY_CHARS);
                    }
                }
                default -> {
                }
            }
        }
        if (sb.length() > MAX_FORM_QUERY_CHARS) {
            data.cut = true;
            sb.setLength(MAX_FORM_QUERY_CHARS + 1); // enough for query() to cut at the limit
        }
        data.query = sb.toString();
        formData.put(form, data);
        return data;
    }

    /**
     * Appends {@code name=value}, encoded, after an {@code &} when {@code sb} is not empty; each of name and value is
     * encoded from at most {@code max} characters (encoding never shortens a string, so a longer one would be cut
     * anyway).
     */
    private static void pair(StringBuilder sb, String name, String value, int max) {
        if (sb.length() > 0) {
            sb.append('&');
        }
        sb.append(java.net.URLEncoder.encode(name.length() > max ? name.substring(0, max) : name,
                java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value.length() > max ? value.substring(0, max) : value,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The form controls of one document in tree order, and those associated with a form by a {@code form} attribute:
     * one pass over the document, and a second one for the IDs only when some control has a {@code form} attribute.
     */
    private static final class FormIndex {
        /** First element of the document with each ID (HTML Standard: the form owner is the first one). */
        private final java.util.Map<String, Element> byId = new java.util.HashMap<>();
        /** Controls with a {@code form} attribute, by the form it names. */
        private final java.util.Map<Element, List<Element>> controls = new java.util.IdentityHashMap<>();
        /** Tree-order position of every form control. */
        private final java.util.Map<Element, Integer> positions = new java.util.IdentityHashMap<>();

        FormIndex(Document doc) {
            List<Element> withForm = new ArrayList<>();
            int position = 0;
            if (doc != null) {
                for (Element e : doc.getAllElements()) {
                    if (FORM_CONTROL_NAMES.contains(e.normalName())) {
                        positions.put(e, position++);
                        if (e.hasAttr("form")) {
                            withForm.add(e);
                        }
                    }
                }
            }
            if (withForm.isEmpty()) {
                return;
            }
            for (Element e : doc.getAllElements()) {
                String id = e.id();
                if (!id.isEmpty()) {
                    byId.putIfAbsent(id, e);
                }
            }
            for (Element c : withForm) {
                Element form = formWithId(c.attr("form"));
                if (form != null) {
                    controls.computeIfAbsent(form, k -> new ArrayList<>()).add(c);
                }
            }
        }

        /** @return the first element with this ID if it is a form, else {@code null} */
        Element formWithId(String id) {
            Element e = byId.get(id);
            return e != null && e.normalName().equals("form") ? e : null;
        }

        /** @return the controls whose {@code form} attribute names this form, in tree order */
        List<Element> controlsOf(Element form) {
            return controls.getOrDefault(form, List.of());
        }

        int position(Element control) {
            return positions.getOrDefault(control, Integer.MAX_VALUE);
        }
    }

    /** The form index of each document met (the body, each srcdoc and conditional-comment document). */
    private final java.util.Map<Document, FormIndex> formIndexes = new java.util.IdentityHashMap<>();

    private FormIndex formIndex(Element el) {
        return formIndexes.computeIfAbsent(el.ownerDocument(), FormIndex::new);
    }

    /** Form controls, for a form element not built by the HTML parser (parsed once). */
    private static final Evaluator FORM_CONTROLS = QueryParser.parse("input, button, select, textarea");
    private static final java.util.Set<String> FORM_CONTROL_NAMES = java.util.Set.of("input", "button", "select",
            "textarea");
    /** Candidate submit buttons (parsed once). */
    private static final Evaluator SUBMIT_BUTTONS = QueryParser.parse("button, input[type=submit], input[type=image]");

    /** @return the label of the form's first submit button, or {@code null} */
    private static String submitLabel(Element form) {
        for (Element b : form.select(SUBMIT_BUTTONS)) {
            String type = b.attr("type").trim().toLowerCase(Locale.ROOT);
            if (b.normalName().equals("button")) {
                if (!type.equals("button") && !type.equals("reset")) {
                    return b.text();
                }
            } else {
                return b.attr(type.equals("image") ? "alt" : "value");
            }
        }
        return null;
    }

    /** {@code img[alt]}, parsed once (a selector given as text is parsed again at each call). */
    private static final Evaluator IMG_WITH_ALT = QueryParser.parse("img[alt]");

    private static String linkText(Element el) {
        String text = el.text();
        if (text.isEmpty()) {
            Element img = el.selectFirst(IMG_WITH_ALT);
            if (img != null) {
                text = img.attr("alt").trim();
            }
        }
        if (text.length() > MAX_LINK_TEXT) {
            text = text.substring(0, MAX_LINK_TEXT - 1) + "…";
        }
        return text;
    }

    // ----------------------------------------------------------------------------------- conditional comments

    private void comment(Comment c) {
        String data = c.getData();
        String trimmed = data.stripLeading();
        if (!trimmed.startsWith("[if") && !trimmed.startsWith("[IF")) {
            return;
        }
        int open = trimmed.indexOf("]>");
        if (open < 0) {
            return;
        }
        int end = trimmed.lastIndexOf("<![endif]");
        String content = end > open ? trimmed.substring(open + 2, end) : trimmed.substring(open + 2);
        if (content.indexOf('<') < 0) {
            return;
        }
        if (msoLevel >= MAX_CONDITIONAL_COMMENT_LEVELS) {
            String detail = "Outlook conditional comments nested more than " + MAX_CONDITIONAL_COMMENT_LEVELS
                    + " levels deep; the deeper ones were not analysed";
            if (anomalies.stream().noneMatch(a -> a.detail().equals(detail))) { // once per message
                anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_DEEP, body.partPath(), detail));
            }
            return;
        }
        if (++order.conditionalComments > MAX_CONDITIONAL_COMMENTS) {
            if (order.conditionalComments == MAX_CONDITIONAL_COMMENTS + 1) {
                anomalies.add(new Anomaly(AnomalyCode.REFERENCES_NOT_ANALYSED, body.partPath(), "more than "
                        + MAX_CONDITIONAL_COMMENTS + " Outlook conditional comments; the later ones were not analysed"));
            }
            return;
        }
        // comments are not counted in the body's own cut: the conditional comments of a message share one budget of
        // HtmlParsing.MAX_ELEMENTS start tags
        int budget = HtmlParsing.MAX_ELEMENTS - order.conditionalCommentElements;
        int cut = HtmlParsing.cutAfterElements(content, Math.max(0, budget));
        if (cut < content.length()) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_MANY_ELEMENTS, body.partPath(), "Outlook conditional"
                    + " comments with more than " + HtmlParsing.MAX_ELEMENTS + " elements in all; only the first "
                    + cut + " characters of this one were analysed"));
            content = content.substring(0, cut);
            order.conditionalCommentElements = HtmlParsing.MAX_ELEMENTS;
        } else {
            order.conditionalCommentElements += HtmlParsing.startTags(content);
        }
        Document fragment = guardedParse(content);
        HtmlBody inner = new HtmlBody(body.partPath(), body.kind(), fragment);
        new BodyScanner(inner, content, limits, order, base, msoLevel + 1, srcdocLevel, inert(), candidates, links,
                sheets, anomalies).scan(fragment);
    }

    // ------------------------------------------------------------------------------------------ iframe srcdoc

    /**
     * Parses and walks the document of an {@code <iframe srcdoc>}: a browser renders it, and loads what it holds, as
     * it would the body.
     */
    private void srcdoc(Element el) {
        String html = el.attr("srcdoc");
        if (html.indexOf('<') < 0) {
            return; // text only: nothing to load
        }
        if (srcdocLevel >= MAX_SRCDOC_LEVELS) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_DEEP, body.partPath(), "iframe srcdoc documents nested"
                    + " more than " + MAX_SRCDOC_LEVELS + " levels deep; the deeper ones were not analysed"));
            return;
        }
        int cut = HtmlParsing.cutAfterElements(html, HtmlParsing.MAX_ELEMENTS);
        if (cut < html.length()) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_MANY_ELEMENTS, body.partPath(), "iframe srcdoc document"
                    + " with more than " + HtmlParsing.MAX_ELEMENTS + " elements; only the first " + cut
                    + " characters were analysed"));
            html = html.substring(0, cut);
        }
        Document doc = guardedParse(html);
        Element baseEl = HtmlParsing.hasBaseTag(html, html.length()) ? doc.selectFirst("base[href]") : null;
        WebUrl innerBase = base;
        if (baseEl != null) {
            WebUrl b = WebUrl.of(baseEl.attr("href"), base);
            if (b != null && b.isRemote()) {
                innerBase = b;
            }
        }
        HtmlBody inner = new HtmlBody(body.partPath(), body.kind(), doc);
        // its style sheets apply to its own document only: they are not added to the body's
        new BodyScanner(inner, html, limits, order, innerBase, msoLevel, srcdocLevel + 1, inert(), candidates,
                links, new ArrayList<>(), anomalies).scan(doc);
    }

    /** Parses a conditional comment's or a srcdoc's markup; a jsoup failure is recorded as an anomaly. */
    private Document guardedParse(String html) {
        HtmlParsing.Parsed parsed = HtmlParsing.parseGuarded(html, limits.maxHtmlDepth(), true);
        if (parsed.problem() != null) {
            anomalies.add(new Anomaly(AnomalyCode.HTML_TOO_DEEP, body.partPath(), parsed.problem()));
        }
        return parsed.document();
    }

    // --------------------------------------------------------------------------------------------- excerpts

    /** @return the exact source of the element's start tag, or a re-serialisation when positions are unknown. */
    String startTag(Element el) {
        Range r = el.sourceRange();
        if (r.isTracked() && r.end().pos() <= source.length() && r.start().pos() < r.end().pos()) {
            return bounded(source.substring(r.start().pos(), Math.min(r.end().pos(), r.start().pos()
                    + MAX_EVIDENCE + 1)));
        }
        StringBuilder sb = new StringBuilder("<").append(el.tagName());
        for (Attribute a : el.attributes()) {
            sb.append(' ').append(a.html());
            if (sb.length() > MAX_EVIDENCE) {
                break;
            }
        }
        return bounded(sb.append('>').toString());
    }

    private String outerExcerpt(Element el) {
        Range r = el.sourceRange();
        Range e = el.endSourceRange();
        if (r.isTracked() && e.isTracked() && e.end().pos() <= source.length() && r.start().pos() < e.end().pos()) {
            return bounded(source.substring(r.start().pos(), Math.min(e.end().pos(), r.start().pos()
                    + MAX_EVIDENCE + 1)));
        }
        return startTag(el);
    }

    static String bounded(String s) {
        return s.length() > MAX_EVIDENCE ? s.substring(0, MAX_EVIDENCE - 1) + "…" : s;
    }
}
