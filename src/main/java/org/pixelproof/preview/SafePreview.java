package org.pixelproof.preview;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.pixelproof.detect.HtmlParsing;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Tracker;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Renders a received message's HTML so that nothing in it can load: the preview of the web page and the annex of the
 * dossier ("the e-mail as it looks, rendered without loading anything").
 *
 * <p>SECURITY-CRITICAL (DESIGN.md, invariant 1). How: a jsoup DOM rewrite in three passes, chosen over a bare
 * {@link Safelist} because a safelist can only drop what it does not allow, while the preview must <em>show</em> each
 * remote reference as a visible placeholder numbered like the trackers ({@code T1}...), inline {@code cid:} images and
 * rewrite tracked links to their destination.
 * <ol>
 *   <li>Rewrite: every element or attribute able to load something (img, srcset, background, CSS {@code url()} in
 *       {@code style} attributes and {@code <style>} blocks, {@code @import}, {@code @font-face}, iframe, frame,
 *       video and its poster, audio, source, embed, object, SVG, VML {@code v:*}, {@code link}, {@code meta refresh},
 *       script) is replaced by a placeholder or removed; {@code cid:} images are inlined as {@code data:} URIs from the
 *       message's parts within {@link PreviewLimits#maxInlineImageBytes()} and {@link PreviewLimits#maxInlineTotalBytes()}.</li>
 *   <li>Clean: jsoup's {@link Cleaner} with this class's own {@link Safelist} keeps only presentational elements and
 *       attributes, so scripts, forms, event handlers and unknown tags cannot survive.</li>
 *   <li>Check: every surviving URL-bearing attribute is checked again: {@code img src} must be a {@code data:} raster
 *       image, {@code a href} http, https or mailto (with {@code rel="noreferrer noopener"} and
 *       {@code target="_blank"}); anything else is removed.</li>
 * </ol>
 * Links are kept (as text only in the dossier's annex, {@link #SafePreview(PreviewLimits, boolean)}); a tracked link
 * points to its decoded destination when {@code detect} could decode it offline, and is followed by a marker
 * {@code [T5 → destination]}. Nothing here dereferences a URL.
 *
 * <p>Immutable and thread-safe; one instance can serve concurrent renderings.
 */
public final class SafePreview {
    /** The CSS of the placeholders, also given to the dossier's print CSS. */
    public static final String PLACEHOLDER_CSS = """
            .pp-ph{display:inline-block;border:1px dashed #888;background:#f3f3f3;color:#444;font:11px/1.3 sans-serif;\
            padding:1px 4px;margin:1px;max-width:100%;overflow:hidden;word-wrap:break-word}
            .pp-ph-tracker{border:2px solid #c00;background:#fde8e8;color:#900;font-weight:bold}
            .pp-dest{display:inline;color:#900;font:11px/1.3 sans-serif;word-wrap:break-word}
            .pp-ph-list{border:1px solid #c00;padding:4px;margin:0 0 6px 0;font:11px/1.3 sans-serif}
            """;

    private static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:;"
            + " form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

    /** Elements dropped with their content; the URLs they carry become placeholders in the list at the top. */
    private static final Set<String> DROP = Set.of("script", "link", "meta", "base", "template", "applet", "frameset",
            "title", "head-style-placeholder", "noembed", "noframes", "param");
    /** Elements replaced, with their content, by one placeholder per URL they carry. */
    private static final Set<String> REPLACE = Set.of("iframe", "frame", "video", "audio", "embed", "object", "svg",
            "math", "canvas", "portal");
    /** Elements that cannot hold a placeholder: it goes before them. */
    private static final Set<String> NO_CHILDREN = Set.of("img", "br", "hr", "input", "col", "wbr", "table", "tbody",
            "thead", "tfoot", "tr", "colgroup", "ul", "ol", "dl", "select");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"\\s;]+)");
    private static final Pattern INVALID_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD"
            + "\\x{10000}-\\x{10FFFF}]");

    private final PreviewLimits limits;
    private final boolean liveLinks;
    private final Safelist safelist;

    /** A preview with {@link PreviewLimits#DEFAULT}. */
    public SafePreview() {
        this(PreviewLimits.DEFAULT);
    }

    /** @param limits the limits to apply; links stay live (the web page's preview) */
    public SafePreview(PreviewLimits limits) {
        this(limits, true);
    }

    /**
     * @param limits    the limits to apply
     * @param liveLinks false for a preview that is evidence to read rather than a page to browse (the dossier's
     *                  annex): every link is then text only, without {@code href}, so that no reader of the PDF (the
     *                  complainant, the CNIL, the DPO) can follow one by mistake, since a tracked link, and even a
     *                  decoded destination ({@code ...?mc_eid=...}), would report a click with the recipient's
     *                  identifier; the destination stays written in the marker that follows a tracked link
     */
    public SafePreview(PreviewLimits limits, boolean liveLinks) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.liveLinks = liveLinks;
        this.safelist = safelist();
    }

    /**
     * Renders the message's first HTML body (or, failing one, its first text body as preformatted text).
     *
     * @param email    the message as read by {@code ingest}; its {@link ReceivedEmail#messageBytes()} give the
     *                 {@code cid:} images
     * @param trackers the trackers found in it, whose ids number the placeholders
     * @param links    its links, with their decoded destinations
     * @return the preview; never throws for bad content
     */
    public PreviewResult render(ReceivedEmail email, List<Tracker> trackers, List<Link> links) {
        Objects.requireNonNull(email, "email");
        List<BodyText> html = email.bodies(BodyKind.HTML);
        if (!html.isEmpty()) {
            return renderHtml(email, html.get(0), trackers, links);
        }
        List<BodyText> plain = email.bodies(BodyKind.PLAIN);
        if (!plain.isEmpty()) {
            return renderPlain(plain.get(0));
        }
        String empty = "<div class=\"pp-preview\"></div>";
        return new PreviewResult(null, "none", document("", empty), empty, empty, List.of(), 0, false);
    }

    private PreviewResult renderPlain(BodyText body) {
        String text = body.text();
        boolean truncated = text.length() > limits.maxHtmlChars();
        if (truncated) {
            text = text.substring(0, limits.maxHtmlChars());
        }
        text = INVALID_XML.matcher(text).replaceAll("\uFFFD");
        String escaped = Entities.escape(text);
        String fragment = "<div class=\"pp-preview\"><pre class=\"pp-plain\">" + escaped + "</pre></div>";
        return new PreviewResult(body.partPath(), "plain", document("", fragment), fragment, fragment, List.of(), 0,
                truncated);
    }

    private PreviewResult renderHtml(ReceivedEmail email, BodyText body, List<Tracker> trackers, List<Link> links) {
        String source = body.text();
        boolean truncated = source.length() > limits.maxHtmlChars();
        if (truncated) {
            source = source.substring(0, limits.maxHtmlChars());
        }
        // as a browser reads it: a self-closed <svg><script/> ends there
        Document dirty = HtmlParsing.parseGuarded(source, limits.maxHtmlDepth(), false).document();
        truncated |= dropElementsPast(dirty, limits.maxElements());
        Element baseEl = dirty.selectFirst("base[href]");
        Rendering r = new Rendering(email, new UrlRefs(trackers, links, baseEl == null ? null : baseEl.attr("href")));

        // Pass 1: rewrite. <style> blocks first, wherever they are.
        List<String> styles = new ArrayList<>();
        for (Element style : dirty.select("style")) {
            CssSanitizer.Result css = CssSanitizer.sanitize(style.data(), limits.maxCssChars(),
                    r::keepInlineCssUrl, "css-style");
            truncated |= css.truncated();
            if (!css.css().isBlank()) {
                styles.add(css.css());
            }
            for (CssSanitizer.Removed removed : css.removed()) {
                r.listed.add(r.placeholder(removed.url(), removed.vector()));
            }
            style.remove();
        }
        for (Element el : dirty.getAllElements()) {
            if (el != dirty && el.ownerDocument() != dirty) {
                continue; // inside an element already replaced or removed
            }
            truncated |= r.rewrite(el);
        }

        // Pass 2: clean with the safelist (body only; the head held nothing to show).
        Document clean = new Cleaner(safelist).clean(dirty);

        // Pass 3: check what survived, rewrite links.
        r.check(clean.body());

        Element banner = r.banner();
        String bodyHtml = serialize(clean.body(), banner, false);
        StringBuilder styleBlock = new StringBuilder();
        for (String s : styles) {
            styleBlock.append("<style>").append(s).append("</style>");
        }
        String fragment = "<div class=\"pp-preview\">" + styleBlock + bodyHtml + "</div>";
        String document = document(String.join("\n", styles), bodyHtml);

        // The XHTML annex: no email classes, no ids, no <style>, XML syntax, no zero font size (which the PDF
        // renderer cannot draw, e.g. a list marker in "font-size:0", a common e-mail layout hack), and a layout that
        // fits the page: see annexLayout.
        for (Element el : clean.body().getAllElements()) {
            el.removeAttr("id");
            String cls = el.attr("class");
            if (!cls.isEmpty() && !cls.startsWith("pp-")) {
                el.removeAttr("class");
            }
            if (el.hasAttr("style")) {
                el.attr("style", noZeroFontSize(el.attr("style")));
            }
            if (el.normalName().equals("font") && el.attr("size").trim().matches("[+-]?0*")) {
                el.removeAttr("size");
            }
            annexLayout(el);
        }
        String xhtml = "<div class=\"pp-preview\">" + serialize(clean.body(), banner, true) + "</div>";
        return new PreviewResult(body.partPath(), "html", document, fragment, xhtml, r.all, r.inlined, truncated);
    }

    /**
     * Removes, with their content, the elements that come after the first {@code max} in document order, and the
     * text after them. Linear in the size of the tree: past the depth limit a hostile body is one element with a
     * million children, which removing one by one (each removal re-indexes the siblings) would make quadratic.
     *
     * @return true when something was removed
     */
    static boolean dropElementsPast(Document doc, int max) {
        Element[] cut = {null};
        int[] seen = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && !(node instanceof Document) && ++seen[0] > max) {
                    cut[0] = e;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, doc);
        if (cut[0] == null) {
            return false;
        }
        // From the first element over the limit up to the root: keep, at each level, only what precedes it.
        Node node = cut[0];
        boolean dropNode = true;
        while (node.parentNode() instanceof Element parent) {
            int index = node.siblingIndex();
            List<Node> kept = new ArrayList<>(parent.childNodes().subList(0, dropNode ? index : index + 1));
            parent.empty();
            parent.appendChildren(kept);
            node = parent;
            dropNode = false;
        }
        return true;
    }

    private static String serialize(Element body, Element banner, boolean xml) {
        Document holder = Document.createShell("");
        holder.outputSettings().prettyPrint(false);
        if (xml) {
            holder.outputSettings().syntax(Document.OutputSettings.Syntax.xml)
                    .escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8");
        }
        Element div = holder.body().appendElement("div");
        if (banner != null) {
            div.appendChild(banner.clone());
        }
        for (Node child : body.childNodes()) {
            div.appendChild(child.clone());
        }
        return div.html();
    }

    private static String document(String css, String bodyHtml) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<style>" + PLACEHOLDER_CSS + "</style>"
                + (css.isEmpty() ? "" : "<style>" + css + "</style>")
                + "</head><body>" + bodyHtml + "</body></html>";
    }

    /** The state of one rendering. */
    private final class Rendering {
        final ReceivedEmail email;
        final UrlRefs refs;
        final List<Placeholder> all = new ArrayList<>();
        /** Placeholders with no element to stand in for ({@code <style>}, {@code <link>}, scripts...). */
        final List<Placeholder> listed = new ArrayList<>();
        Optional<MessageParts> parts;
        long inlinedBytes;
        int inlined;

        Rendering(ReceivedEmail email, UrlRefs refs) {
            this.email = email;
            this.refs = refs;
        }

        Placeholder placeholder(String url, String vector) {
            Tracker t = refs.tracker(url);
            String resolved = refs.resolve(url);
            Placeholder p = new Placeholder(t == null ? null : t.id(), vector, UrlRefs.host(resolved),
                    UrlRefs.cut(url, 2_000));
            all.add(p);
            return p;
        }

        boolean keepInlineCssUrl(String url) {
            return CssSanitizer.isSafeDataImage(url) && dataSize(url) <= limits.maxInlineImageBytes();
        }

        /** @return true when something was cut */
        boolean rewrite(Element el) {
            String tag = el.normalName();
            if (tag.equals("#root") || tag.equals("html") || tag.equals("head") || tag.equals("body")) {
                rewriteAttributes(el);
                return false;
            }
            if (DROP.contains(tag)) {
                for (String url : urlsOf(el)) {
                    listed.add(placeholder(url, tag.equals("meta") ? "meta-refresh" : tag));
                }
                el.remove();
                return false;
            }
            if (REPLACE.contains(tag) || tag.indexOf(':') > 0) {
                List<String> urls = new ArrayList<>();
                for (Element e : el.getAllElements()) {
                    urls.addAll(urlsOf(e));
                }
                Element replacement = new Element("span");
                String vector = tag.indexOf(':') > 0 ? "vml" : tag.equals("svg") ? "svg-image" : tag;
                for (String url : urls) {
                    String v = vector.equals("video") && url.equals(el.attr("poster")) ? "video-poster" : vector;
                    replacement.appendChild(badgeFor(placeholder(url, v), el));
                }
                if (urls.isEmpty() && tag.indexOf(':') > 0) {
                    el.unwrap(); // Office markup such as <o:p> holds text
                } else if (urls.isEmpty()) {
                    el.remove();
                } else {
                    el.replaceWith(replacement);
                }
                return false;
            }
            if (tag.equals("img") || (tag.equals("input") && "image".equalsIgnoreCase(el.attr("type")))) {
                rewriteImage(el, tag.equals("img") ? "img" : "input-image");
                return false;
            }
            if (tag.equals("source") || tag.equals("track")) {
                for (String url : urlsOf(el)) {
                    Placeholder p = placeholder(url, "srcset");
                    if (p.trackerId() != null) {
                        listed.add(p);
                    }
                }
                el.remove();
                return false;
            }
            return rewriteAttributes(el);
        }

        private void rewriteImage(Element img, String vector) {
            for (String url : srcset(img.attr("srcset"))) {
                Placeholder p = placeholder(url, "srcset");
                if (p.trackerId() != null && refs.tracker(img.attr("src")) == null) {
                    img.before(badgeFor(p, img));
                }
            }
            img.removeAttr("srcset");
            String src = img.attr("src").trim();
            String scheme = UrlRefs.scheme(src);
            if ("data".equals(scheme) && CssSanitizer.isSafeDataImage(src) && budget(dataSize(src))) {
                rewriteAttributes(img);
                return;
            }
            if ("cid".equals(scheme) && tag(img).equals("img")) {
                if (parts == null) {
                    parts = MessageParts.parse(email.messageBytes());
                }
                long room = Math.min(limits.maxInlineImageBytes(), limits.maxInlineTotalBytes() - inlinedBytes);
                Optional<MessageParts.Image> image = parts.flatMap(p -> p.imageByContentId(src, Math.max(room, 0)));
                if (image.isPresent() && budget(image.get().bytes().length)) {
                    img.attr("src", "data:" + image.get().mimeType() + ";base64,"
                            + Base64.getEncoder().encodeToString(image.get().bytes()));
                    inlined++;
                    rewriteAttributes(img);
                    return;
                }
            }
            if (src.isEmpty()) {
                img.remove();
                return;
            }
            img.replaceWith(badgeFor(placeholder(src, vector), img));
        }

        private String tag(Element el) {
            return el.normalName();
        }

        private boolean budget(long bytes) {
            if (bytes > limits.maxInlineImageBytes() || inlinedBytes + bytes > limits.maxInlineTotalBytes()) {
                return false;
            }
            inlinedBytes += bytes;
            return true;
        }

        /** Rewrites the loading attributes of an element that stays. @return true when CSS was cut */
        private boolean rewriteAttributes(Element el) {
            boolean cut = false;
            List<Placeholder> found = new ArrayList<>();
            String background = el.attr("background").trim();
            if (!background.isEmpty()) {
                found.add(placeholder(background, "background-attribute"));
            }
            el.removeAttr("background");
            if (el.hasAttr("style")) {
                CssSanitizer.Result css = CssSanitizer.sanitize(el.attr("style"), limits.maxCssChars(),
                        this::keepInlineCssUrl, "css-background");
                cut = css.truncated();
                for (CssSanitizer.Removed removed : css.removed()) {
                    found.add(placeholder(removed.url(), removed.vector()));
                }
                el.attr("style", css.css());
            }
            for (String a : List.of("srcset", "lowsrc", "dynsrc", "longdesc", "ping", "action", "formaction",
                    "cite", "poster", "data", "codebase", "xlink:href")) {
                el.removeAttr(a);
            }
            if (found.isEmpty()) {
                return cut;
            }
            String tag = el.normalName();
            if (tag.equals("body") || tag.equals("html") || tag.equals("#root") || tag.equals("head")) {
                listed.addAll(found);
            } else if (NO_CHILDREN.contains(tag)) {
                for (Placeholder p : found) {
                    el.before(badgeFor(p, null));
                }
            } else {
                for (int i = found.size() - 1; i >= 0; i--) {
                    el.prependChild(badgeFor(found.get(i), null));
                }
            }
            return cut;
        }

        private List<String> urlsOf(Element el) {
            List<String> urls = new ArrayList<>();
            String tag = el.normalName();
            if (tag.equals("set") || tag.equals("animate")) {
                animatedUrls(el, urls);
            }
            for (Attribute a : el.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String v = a.getValue().trim();
                if (v.isEmpty()) {
                    continue;
                }
                switch (key) {
                    case "src", "poster", "data", "background", "lowsrc", "dynsrc", "xlink:href", "codebase" ->
                            urls.add(v);
                    case "href" -> {
                        if (!tag.equals("a")) {
                            urls.add(v);
                        }
                    }
                    case "srcset" -> urls.addAll(srcset(v));
                    case "content" -> {
                        if (tag.equals("meta") && "refresh".equalsIgnoreCase(el.attr("http-equiv"))) {
                            Matcher m = REFRESH_URL.matcher(v);
                            if (m.find()) {
                                urls.add(m.group(1));
                            }
                        }
                    }
                    case "style" -> {
                        for (CssSanitizer.Removed r : CssSanitizer.sanitize(v, limits.maxCssChars(), u -> false,
                                "css-background").removed()) {
                            urls.add(r.url());
                        }
                    }
                    default -> {
                    }
                }
            }
            return urls;
        }

        /**
         * Most URLs of one SVG animation shown as placeholders, in URLs; default 100 (as many as {@code detect}
         * reports). The SVG holding it is replaced whole, so the others load nothing either.
         */
        private static final int MAX_ANIMATION_URLS = 100;

        /**
         * Adds the URLs an SVG animation ({@code <set>}, {@code <animate>}) writes into its target's {@code href},
         * {@code xlink:href} or {@code src}: a browser loads an animated {@code <image href>} when the animation
         * starts, so the placeholder of the enclosing SVG names them (numbered when a tracker). References to an
         * element of the message ({@code #id}) load nothing; nor does the link of an SVG {@code <a>}, the target of
         * an animation without {@code href} of its own, whose address is no more shown than the anchor's own.
         */
        private void animatedUrls(Element el, List<String> urls) {
            String name = el.attributes().getIgnoreCase("attributeName").strip().toLowerCase(Locale.ROOT);
            String local = name.substring(name.lastIndexOf(':') + 1);
            boolean ownTarget = el.hasAttr("href") || el.hasAttr("xlink:href");
            if (!(local.equals("href") || local.equals("src"))
                    || !ownTarget && el.parent() != null && el.parent().normalName().equals("a")) {
                return;
            }
            int added = 0;
            for (String attr : List.of("values", "from", "to", "by")) {
                for (String v : el.attr(attr).split(";")) {
                    String u = v.strip();
                    if (!u.isEmpty() && !u.startsWith("#") && added++ < MAX_ANIMATION_URLS) {
                        urls.add(u);
                    }
                }
            }
        }

        /** Pass 3: nothing but data: images and http(s)/mailto links may survive. */
        void check(Element body) {
            for (Element el : body.getAllElements()) {
                String tag = el.normalName();
                for (Attribute a : new ArrayList<>(el.attributes().asList())) {
                    String key = a.getKey();
                    String clean = INVALID_XML.matcher(a.getValue()).replaceAll("");
                    if (!clean.equals(a.getValue())) {
                        el.attr(key, clean);
                    }
                    if (key.equals("style")) {
                        el.attr("style", CssSanitizer.sanitize(clean, limits.maxCssChars(), Rendering.this::keepInlineCssUrl,
                                "css-background").css());
                    } else if (key.equals("src")) {
                        if (!(tag.equals("img") && CssSanitizer.isSafeDataImage(clean))) {
                            el.removeAttr("src");
                        }
                    } else if (key.equals("href") && !tag.equals("a")) {
                        el.removeAttr("href");
                    }
                }
                if (tag.equals("img") && !el.hasAttr("src")) {
                    el.remove();
                } else if (tag.equals("a")) {
                    rewriteLink(el);
                }
            }
            for (TextNode t : textNodes(body)) {
                String clean = INVALID_XML.matcher(t.getWholeText()).replaceAll("\uFFFD");
                if (!clean.equals(t.getWholeText())) {
                    t.text(clean);
                }
            }
        }

        private void rewriteLink(Element a) {
            String href = a.attr("href").trim();
            a.removeAttr("href");
            if (href.isEmpty()) {
                return;
            }
            String resolved = refs.resolve(href);
            String scheme = UrlRefs.scheme(resolved);
            if (!("http".equals(scheme) || "https".equals(scheme) || "mailto".equals(scheme))) {
                return;
            }
            Link link = refs.link(href);
            Tracker tracker = refs.tracker(href);
            String trackerId = link != null && link.trackerId() != null ? link.trackerId()
                    : tracker != null ? tracker.id() : null;
            if (tracker == null) {
                tracker = refs.trackerById(trackerId);
            }
            // each link's own destination: a group of links has one tracker, never one destination for all
            String destination = link != null ? link.destination()
                    : tracker != null && tracker.url().trim().equals(href) ? tracker.destination() : null;
            String destScheme = UrlRefs.scheme(destination);
            boolean usableDestination = destination != null
                    && ("http".equals(destScheme) || "https".equals(destScheme) || "mailto".equals(destScheme));
            if (trackerId != null) {
                Element mark = new Element("span").addClass("pp-dest");
                if (usableDestination) {
                    a.attr("href", destination);
                    a.attr("title", trackerId + " \u2192 " + UrlRefs.cut(destination, 500));
                    mark.text(" [" + trackerId + " \u2192 " + UrlRefs.cut(destination, 300) + "]");
                } else {
                    a.attr("href", resolved);
                    a.attr("title", trackerId + ": " + UrlRefs.cut(resolved, 500));
                    mark.text(" [" + trackerId + " \u2192 ?]");
                }
                a.after(mark);
            } else {
                a.attr("href", resolved);
                if (usableDestination) {
                    a.attr("title", "\u2192 " + UrlRefs.cut(destination, 500));
                }
            }
            if (liveLinks) {
                a.attr("rel", "noreferrer noopener");
                a.attr("target", "_blank");
            } else {
                a.removeAttr("href");
            }
        }

        Element banner() {
            if (listed.isEmpty()) {
                return null;
            }
            Element div = new Element("div").addClass("pp-ph-list");
            for (Placeholder p : listed) {
                div.appendChild(badgeFor(p, null));
            }
            return div;
        }

    }

    /** @return a placeholder element for {@code p}, sized like {@code original} when it declares a size. */
    private static Element badgeFor(Placeholder p, Element original) {
        Element span = new Element("span").addClass("pp-ph");
        StringBuilder label = new StringBuilder();
        if (p.trackerId() != null) {
            span.addClass("pp-ph-tracker");
            label.append(p.trackerId()).append(" \u00b7 ");
        }
        label.append(p.vector());
        if (p.host() != null) {
            label.append(" \u00b7 ").append(p.host());
        }
        if (original != null && p.trackerId() == null) {
            String alt = original.attr("alt").trim();
            if (!alt.isEmpty()) {
                label.append(" \u00b7 \u00ab").append(UrlRefs.cut(alt, 80)).append("\u00bb");
            }
        }
        span.text(label.toString());
        span.attr("title", UrlRefs.cut(p.url(), 500));
        if (original != null && p.trackerId() == null) {
            int w = px(original.attr("width"));
            int h = px(original.attr("height"));
            StringBuilder style = new StringBuilder();
            if (w >= 24) {
                style.append("width:").append(Math.min(w, 600)).append("px;");
            }
            if (h >= 24) {
                style.append("height:").append(Math.min(h, 400)).append("px;");
            }
            if (style.length() > 0) {
                span.attr("style", style.toString());
            }
        }
        return span;
    }

    /** Table elements whose widths the annex drops. */
    private static final Set<String> TABLE_PARTS = Set.of("table", "thead", "tbody", "tfoot", "tr", "td", "th",
            "col", "colgroup");
    /** Declarations the annex drops from table elements: their widths. */
    private static final Set<String> TABLE_WIDTHS = Set.of("width", "min-width", "max-width");
    /** Declarations the annex drops from every element: positioning, and what forbids line breaks. */
    private static final Set<String> POSITIONING = Set.of("position", "left", "right", "top", "bottom", "z-index",
            "white-space", "transform");
    /** Longest destination written after a tracked link in the annex, in characters (the full one is in annex B). */
    static final int MAX_ANNEX_DESTINATION_CHARS = 90;

    /**
     * Makes the e-mail's own layout fit the dossier's page: a PDF page is narrower than the widths an e-mail declares
     * for a screen, and the PDF renderer, laying out nested tables with fixed pixel widths inside percentages, can
     * shrink a column to one letter per line. The annex therefore drops the widths of table elements (attributes
     * and CSS), positioning ({@code position}, offsets) and {@code nowrap}, and shortens the destinations written
     * after tracked links; images keep their widths, capped at the page by the print CSS. The web preview keeps the
     * message's layout as it is.
     */
    static void annexLayout(Element el) {
        String tag = el.normalName();
        if (TABLE_PARTS.contains(tag)) {
            el.removeAttr("width");
            el.removeAttr("nowrap");
        }
        if (el.hasAttr("style")) {
            String style = withoutDeclarations(el.attr("style"), TABLE_PARTS.contains(tag) ? TABLE_WIDTHS : Set.of());
            style = withoutDeclarations(style, POSITIONING);
            if (style.isBlank()) {
                el.removeAttr("style");
            } else {
                el.attr("style", style);
            }
        }
        if (el.hasClass("pp-dest")) {
            String text = el.text();
            if (text.length() > MAX_ANNEX_DESTINATION_CHARS + 4) {
                el.text(text.substring(0, MAX_ANNEX_DESTINATION_CHARS) + "…]");
            }
        }
    }

    /**
     * @param style      a CSS declaration list (a {@code style} attribute), already sanitised
     * @param properties the properties to drop, lower case
     * @return the declarations without those properties; semicolons inside parentheses and quotes
     *         ({@code url(data:image/png;base64,...)}) do not split declarations
     */
    static String withoutDeclarations(String style, Set<String> properties) {
        if (properties.isEmpty()) {
            return style;
        }
        StringBuilder out = new StringBuilder(style.length());
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i <= style.length(); i++) {
            char c = i < style.length() ? style.charAt(i) : ';';
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ';' && depth == 0) {
                String decl = style.substring(start, Math.min(i, style.length()));
                int colon = decl.indexOf(':');
                String name = colon < 0 ? "" : decl.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (!decl.isBlank() && !properties.contains(name)) {
                    if (out.length() > 0) {
                        out.append(';');
                    }
                    out.append(decl.strip());
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static final Pattern ZERO_FONT_SIZE = Pattern.compile(
            "(?i)(font-size\\s*:\\s*)[+-]?0*(?:\\.0*)?(?:px|pt|em|rem|ex|ch|%|vw|vh)?(?=\\s*(?:!important)?\\s*(?:;|$))");
    private static final Pattern ZERO_FONT = Pattern.compile(
            "(?i)(\\bfont\\s*:\\s*)[+-]?0*(?:\\.0*)?(?:px|pt|em|rem|ex|ch|%)?(?=\\s*[/\\s])");

    /** @return {@code css} with zero font sizes raised to 1px (the PDF renderer cannot draw a zero-size font). */
    static String noZeroFontSize(String css) {
        String s = ZERO_FONT_SIZE.matcher(css).replaceAll("$11px");
        return ZERO_FONT.matcher(s).replaceAll("$11px");
    }

    private static int px(String v) {
        String d = v.trim().replaceAll("(?i)px$", "");
        if (!d.matches("\\d{1,5}")) {
            return -1;
        }
        return Integer.parseInt(d);
    }

    private static List<TextNode> textNodes(Element root) {
        List<TextNode> out = new ArrayList<>();
        for (Element el : root.getAllElements()) {
            out.addAll(el.textNodes());
        }
        return out;
    }

    /** @return the URLs of a {@code srcset} value (its candidates' first tokens). */
    static List<String> srcset(String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String candidate : value.split(",\\s+|,(?=\\S+\\s)")) {
            String c = candidate.trim();
            if (!c.isEmpty()) {
                out.add(c.split("\\s+")[0]);
            }
        }
        return out;
    }

    /** @return the decoded size in bytes of a base64 {@code data:} URI (or its length when not base64). */
    static long dataSize(String dataUri) {
        int comma = dataUri.indexOf(',');
        if (comma < 0) {
            return 0;
        }
        long payload = dataUri.length() - comma - 1L;
        return dataUri.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64") ? payload * 3 / 4 : payload;
    }

    private static Safelist safelist() {
        Safelist s = new Safelist()
                .addTags("a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
                        "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn",
                        "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4",
                        "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p",
                        "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub", "sup",
                        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr")
                .addAttributes(":all", "style", "class", "title", "align", "valign", "dir", "lang", "width",
                        "height", "bgcolor", "color")
                .addAttributes("a", "href", "rel", "target")
                .addAttributes("img", "src", "alt", "border", "hspace", "vspace")
                .addAttributes("table", "border", "cellpadding", "cellspacing", "summary", "frame", "rules")
                .addAttributes("td", "colspan", "rowspan", "nowrap")
                .addAttributes("th", "colspan", "rowspan", "nowrap", "scope")
                .addAttributes("col", "span")
                .addAttributes("colgroup", "span")
                .addAttributes("font", "face", "size")
                .addAttributes("ol", "start", "type")
                .addAttributes("ul", "type")
                .addAttributes("li", "value")
                .addAttributes("hr", "size", "noshade");
        s.preserveRelativeLinks(true);
        return s;
    }
}
