package org.pixelproof.preview;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.pixelproof.detect.HtmlParsing;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.Tracker;
import org.pixelproof.detect.TrackerKind;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * A copy of the message the user can read without being tracked: the trackers found are removed, the tracked
 * links point to their decoded destination where {@code detect} could decode it offline and are made inert where not.
 *
 * <p>What changes, and nothing else:
 * <ul>
 *   <li>open pixels and other beacons ({@code img}, {@code iframe}, {@code video}... whose URL is a tracker) are
 *       removed; a tracker URL in {@code srcset}, a {@code background} attribute, a CSS {@code url()} or an SVG
 *       presentation attribute ({@code fill="url(...)"}, {@code stroke}, {@code filter}, {@code mask},
 *       {@code clip-path}, {@code marker-*}, {@code cursor}) is removed; so is, whatever the mode, a remote
 *       {@code lowsrc} or {@code dynsrc} (images old Internet Explorer loaded), and every value of an SVG animation
 *       ({@code <set>}, {@code <animate>}) that would write a URL other than {@code #id} into its target's
 *       {@code href}, {@code xlink:href}, {@code src}... or a {@code url()} into a presentation attribute (see
 *       {@link #neutraliseAnimation});</li>
 *   <li>{@code @import} rules and {@code @font-face} blocks are removed (every font load reveals the opening);</li>
 *   <li>a tracked link's {@code href} ({@code <a>}, {@code <area>}, SVG {@code <a xlink:href>}) becomes its decoded
 *       destination; when the destination cannot be decoded the
 *       link is made inert (no {@code href}) and followed by a note with its address defanged
 *       ({@code hxxps://...}, see {@link #trackedLinkNote(String)}): clicking it would tell the sender who clicked,
 *       so reaching it must be a deliberate act;</li>
 *   <li>a web link that is not among the links given (the analysis lists at most {@code Analyzer.MAX_LISTED}, and
 *       {@code detect} scores at most {@code Detector.MAX_SCORED_LINKS}) is made inert the same way, followed by
 *       {@link #uncheckedLinkNote(String)}: nothing vouches that it is not a tracked link carrying the recipient's
 *       address. References are matched as written, resolved against {@code <base href>}, or read as {@code detect}
 *       reads them ({@code ReferenceUrls.asListed}), so every link the analysis listed is recognised;</li>
 *   <li>comments are removed (Outlook renders what its conditional comments hold, {@code <!--[if mso]>...}, which
 *       the cleaning of elements does not reach);</li>
 *   <li>scripts, event handlers, {@code ping} attributes, form {@code action}s and {@code formaction}s (a
 *       submission would send the form's data), {@code applet}s, {@code iframe srcdoc} documents and
 *       {@code meta refresh} are removed, so are {@code javascript:} URLs, and frames, embeds and objects whose URL
 *       is {@code javascript:} or {@code data:} (see {@link #removeActiveUrls}), since a mail client opening the
 *       {@code .eml} applies no CSP meta element; a {@code Content-Security-Policy} meta element forbids scripts and
 *       connections when the {@code .html} is opened in a browser;</li>
 *   <li>in the {@code .eml}, an AMP for Email alternative ({@code text/x-amp-html}) is dropped: AMP clients would
 *       render it, remote images and {@code amp-list} fetches included;</li>
 *   <li>in the {@code .eml}, plain-text bodies get the same link rewriting, read-receipt headers
 *       ({@code Disposition-Notification-To}...) are removed, an {@code X-PixelProof-Cleaned} header says what was
 *       done, and the Message-ID is kept. The DKIM signatures of the original no longer verify on the copy.</li>
 * </ul>
 * Remote content that shows no sign of tracking (a logo on a CDN) reveals the opening and the IP address to its host
 * all the same: by default ({@link RemoteContent#PLACEHOLDER}) every remote image, frame, video, object, style sheet,
 * {@code srcset}, {@code background}, CSS {@code url()}, SVG presentation {@code url()} and {@code base} is removed
 * too, each element replaced by a visible placeholder that shows the address as text, defanged ({@code hxxps://}),
 * never as a link: the copy must be safe whatever the caps of the analysis, and a remote image it did not list may be
 * a pixel carrying the recipient's address. Only {@code cid:} and {@code data:} images stay.
 * {@link RemoteContent#KEEP_UNTRACKED} keeps the untracked ones, so that the copy looks like the message (a reference
 * the analysis did not list is then kept too: use the default when the analysis says references were left out).
 * Nothing here dereferences a URL.
 *
 * <p>Immutable and thread-safe.
 */
public final class CleanedCopy {
    /** Header fields asking the mail client for a read receipt, removed from the cleaned {@code .eml}. */
    public static final List<String> READ_RECEIPT_HEADERS = List.of("Disposition-Notification-To",
            "Return-Receipt-To", "X-Confirm-Reading-To", "Read-Receipt-To", "Generate-Delivery-Report",
            "X-Confirm-Read-To");

    private static final String CSP = "script-src 'none'; connect-src 'none'; form-action 'none'; object-src 'none';"
            + " frame-src 'none'; base-uri 'none'";

    /** SVG presentation attributes whose CSS value may hold a {@code url()} (SVG 2, 6.6). */
    private static final List<String> SVG_URL_ATTRIBUTES = List.of("fill", "stroke", "filter", "mask", "clip-path",
            "marker-start", "marker-mid", "marker-end", "cursor");

    /** The CSS class of the placeholders that stand for remote content in the copy. */
    public static final String PLACEHOLDER_CLASS = "pixelproof-remote";

    /** What the copy does with remote content that shows no sign of tracking. */
    public enum RemoteContent {
        /** Replace it with a visible placeholder naming its address, not loaded (the default): nothing loads at all. */
        PLACEHOLDER,
        /** Keep it: the copy looks like the message, but opening it tells those hosts when and from where. */
        KEEP_UNTRACKED
    }

    /** Added to {@link #CSP} with {@link RemoteContent#PLACEHOLDER}: a browser opening the .html loads nothing. */
    private static final String CSP_NO_REMOTE = "img-src data: cid:; media-src 'none'; font-src 'none'";

    private final PreviewLimits limits;
    private final RemoteContent remote;

    /** A cleaner with {@link PreviewLimits#DEFAULT} and {@link RemoteContent#PLACEHOLDER}. */
    public CleanedCopy() {
        this(PreviewLimits.DEFAULT);
    }

    /** @param limits HTML size and depth limits; remote content becomes placeholders */
    public CleanedCopy(PreviewLimits limits) {
        this(limits, RemoteContent.PLACEHOLDER);
    }

    /**
     * @param limits HTML size and depth limits
     * @param remote what to do with remote content that shows no sign of tracking
     */
    public CleanedCopy(PreviewLimits limits, RemoteContent remote) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /**
     * @param email    the message as read by {@code ingest}
     * @param trackers the trackers found in it
     * @param links    its links, with decoded destinations
     * @return the first HTML body, cleaned, as a complete HTML document (UTF-8); a text body shown as preformatted
     *         text when the message has no HTML
     */
    public String html(ReceivedEmail email, List<Tracker> trackers, List<Link> links) {
        Objects.requireNonNull(email, "email");
        List<BodyText> html = email.bodies(BodyKind.HTML);
        if (!html.isEmpty()) {
            return cleanHtml(html.get(0).text(), trackers, links);
        }
        List<BodyText> plain = email.bodies(BodyKind.PLAIN);
        String text = plain.isEmpty() ? "" : cleanText(plain.get(0).text(), trackers, links);
        Document doc = Document.createShell("");
        doc.head().appendElement("meta").attr("charset", "utf-8");
        doc.body().appendElement("pre").text(text);
        return doc.outerHtml();
    }

    /**
     * @param email    the message as read by {@code ingest}; its {@link ReceivedEmail#messageBytes()} are rewritten
     * @param trackers the trackers found in it
     * @param links    its links, with decoded destinations
     * @return the cleaned message as RFC 5322 bytes
     */
    public byte[] eml(ReceivedEmail email, List<Tracker> trackers, List<Link> links) {
        Objects.requireNonNull(email, "email");
        List<String> removedIds = trackers.stream().filter(t -> t.kind() != TrackerKind.CLICK_TRACKING
                && t.kind() != TrackerKind.READ_RECEIPT).map(Tracker::id).toList();
        List<String> rewrittenIds = trackers.stream().filter(t -> t.kind() == TrackerKind.CLICK_TRACKING)
                .map(Tracker::id).toList();
        String note = "trackers removed: " + (removedIds.isEmpty() ? "none" : String.join(" ", removedIds))
                + "; tracked links rewritten where decodable: "
                + (rewrittenIds.isEmpty() ? "none" : String.join(" ", rewrittenIds))
                + "; original SHA-256 " + email.sha256();
        if (email.anomalies().stream().anyMatch(a -> a.code() == AnomalyCode.TOO_MANY_PARTS
                || a.code() == AnomalyCode.TOO_DEEP || a.code() == AnomalyCode.TOO_MANY_ANOMALIES)) {
            // parts past the limits were never analysed: kept as they are, their trackers would load (and a
            // message with more anomalies than listed may hide its TOO_MANY_PARTS among them; Angus Mail would
            // take many seconds to parse its parts again)
            return rebuilt(email, trackers, links, note);
        }
        try {
            MimeMessage msg = new MimeMessage(MessageParts.lenientSession(),
                    new ByteArrayInputStream(email.messageBytes())) {
                @Override
                protected void updateMessageID() {
                    // keep the original Message-ID: the copy must stay traceable to the message
                }
            };
            int[] budget = {MessageParts.MAX_PARTS};
            rewrite(msg, "1", email, trackers, links, 1, budget);
            for (String h : READ_RECEIPT_HEADERS) {
                msg.removeHeader(h);
            }
            msg.setHeader("X-PixelProof-Cleaned", note);
            msg.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            msg.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException | RuntimeException | OverLimits e) {
            return rebuilt(email, trackers, links, note);
        }
    }

    /** Thrown when a part lies past {@link MessageParts#MAX_DEPTH} or {@link MessageParts#MAX_PARTS}. */
    private static final class OverLimits extends Exception {
        OverLimits() {
            super(null, null, false, false);
        }
    }

    /** Rewrites the text parts of {@code part} in place. */
    private void rewrite(Part part, String path, ReceivedEmail email, List<Tracker> trackers, List<Link> links,
            int depth, int[] budget) throws MessagingException, IOException, OverLimits {
        if (depth > MessageParts.MAX_DEPTH || budget[0]-- <= 0) {
            throw new OverLimits(); // never leave a part uncleaned
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                List<jakarta.mail.BodyPart> amp = new ArrayList<>();
                for (int i = 0; i < mp.getCount(); i++) {
                    if (isAmp(mp.getBodyPart(i))) {
                        amp.add(mp.getBodyPart(i));
                        continue;
                    }
                    rewrite(mp.getBodyPart(i), path + "." + (i + 1), email, trackers, links, depth + 1, budget);
                }
                if (amp.size() < mp.getCount()) {
                    for (jakarta.mail.BodyPart p : amp) {
                        mp.removeBodyPart(p);
                    }
                }
                part.setContent(mp);
            }
            return;
        }
        if (part.isMimeType("message/rfc822")) {
            Object content = part.getContent();
            if (content instanceof MimeMessage inner) {
                rewrite(inner, path + ".1", email, trackers, links, depth + 1, budget);
                inner.saveChanges();
            }
            return;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        boolean isHtml = part.isMimeType("text/html");
        boolean isPlain = part.isMimeType("text/plain");
        if (!isHtml && !isPlain) {
            return;
        }
        Optional<String> decoded = email.bodies().stream().filter(b -> b.partPath().equals(path))
                .map(BodyText::text).findFirst();
        String text = decoded.orElseGet(() -> readText(part));
        if (isHtml) {
            part.setContent(cleanHtml(text, trackers, links), "text/html; charset=UTF-8");
        } else {
            part.setContent(cleanText(text, trackers, links), "text/plain; charset=UTF-8");
        }
        if (part instanceof MimeBodyPart mbp) {
            mbp.removeHeader("Content-Transfer-Encoding");
        } else if (part instanceof MimeMessage mm) {
            mm.removeHeader("Content-Transfer-Encoding");
        }
    }

    /**
     * @return true for an AMP for Email body ({@code text/x-amp-html}): dynamic content that AMP mail clients render
     *         with its remote images and {@code amp-list} fetches; the cleaned copy drops it (its HTML and text
     *         alternatives stay)
     */
    private static boolean isAmp(Part part) throws MessagingException {
        return part.isMimeType("text/x-amp-html");
    }

    private static String readText(Part part) {
        try {
            Object c = part.getContent();
            if (c instanceof String s) {
                return s;
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            return "";
        }
    }

    /** When Angus Mail cannot rewrite the original, a new message with its identifying headers and cleaned bodies. */
    private byte[] rebuilt(ReceivedEmail email, List<Tracker> trackers, List<Link> links, String note) {
        try {
            MimeMessage msg = new MimeMessage(MessageParts.lenientSession()) {
                @Override
                protected void updateMessageID() {
                }
            };
            Set<String> skip = new LinkedHashSet<>(List.of("content-type", "content-transfer-encoding",
                    "mime-version"));
            READ_RECEIPT_HEADERS.forEach(h -> skip.add(h.toLowerCase(Locale.ROOT)));
            for (org.pixelproof.ingest.Header h : email.headers()) {
                if (!skip.contains(h.name().toLowerCase(Locale.ROOT))) {
                    msg.addHeaderLine(h.name() + ": " + h.raw());
                }
            }
            MimeMultipart alt = new MimeMultipart("alternative");
            List<BodyText> plain = email.bodies(BodyKind.PLAIN);
            if (!plain.isEmpty()) {
                MimeBodyPart p = new MimeBodyPart();
                p.setText(cleanText(plain.get(0).text(), trackers, links), "UTF-8");
                alt.addBodyPart(p);
            }
            List<BodyText> html = email.bodies(BodyKind.HTML);
            if (!html.isEmpty()) {
                MimeBodyPart p = new MimeBodyPart();
                p.setContent(cleanHtml(html.get(0).text(), trackers, links), "text/html; charset=UTF-8");
                alt.addBodyPart(p);
            }
            if (alt.getCount() == 0) {
                MimeBodyPart p = new MimeBodyPart();
                p.setText("", "UTF-8");
                alt.addBodyPart(p);
            }
            msg.setContent(alt);
            msg.setHeader("X-PixelProof-Cleaned", note + "; rebuilt: the original MIME structure could not be kept");
            msg.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            msg.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write a cleaned copy", e);
        }
    }

    /**
     * Removes every comment: Outlook renders what an Outlook conditional comment holds ({@code <!--[if mso]><img
     * src=...><![endif]-->}, VML fills), untouched by the cleaning of elements, and other comments show nothing.
     */
    private static void removeComments(Document doc) {
        List<org.jsoup.nodes.Node> comments = new ArrayList<>();
        org.jsoup.select.NodeTraversor.traverse((node, depth) -> {
            if (node instanceof org.jsoup.nodes.Comment) {
                comments.add(node);
            }
        }, doc);
        comments.forEach(org.jsoup.nodes.Node::remove);
    }

    /** @return {@code html} with the trackers removed and tracked links rewritten, as a complete document. */
    String cleanHtml(String html, List<Tracker> trackers, List<Link> links) {
        String source = html.length() > limits.maxHtmlChars() ? html.substring(0, limits.maxHtmlChars()) : html;
        Document doc = HtmlParsing.parseGuarded(source, limits.maxHtmlDepth(), false).document();
        SafePreview.dropElementsPast(doc, limits.maxElements());
        Element baseEl = doc.selectFirst("base[href]");
        UrlRefs refs = new UrlRefs(trackers, links, baseEl == null ? null : baseEl.attr("href"));
        boolean block = remote == RemoteContent.PLACEHOLDER;
        java.util.function.Predicate<String> keep = u -> refs.tracker(u) == null && !(block && isRemote(u));

        doc.select("script, meta[http-equiv=refresh], meta[http-equiv=Refresh], applet").remove();
        removeComments(doc);
        // an inline frame's document is never cleaned: whatever it holds (an <img>, a style) would load
        doc.select("[srcdoc]").removeAttr("srcdoc");
        if (block) {
            // with every remote reference gone, <base> would only turn the placeholders' relative links (and any
            // reference left relative) into requests to the sender's host
            doc.select("base").remove();
        }
        for (Element style : doc.select("style")) {
            String css = CssSanitizer.sanitize(style.data(), limits.maxCssChars(), keep, "css-style").css();
            style.empty().appendChild(new org.jsoup.nodes.DataNode(css));
        }
        for (Element el : doc.getAllElements()) {
            if (el != doc && el.ownerDocument() != doc) {
                continue;
            }
            el.attributes().asList().stream().map(a -> a.getKey())
                    .filter(k -> k.toLowerCase(Locale.ROOT).startsWith("on")).toList().forEach(el::removeAttr);
            String tag = el.normalName();
            if (removeActiveUrls(el, tag)) {
                continue;
            }
            String src = el.hasAttr("src") ? el.attr("src") : el.hasAttr("poster") ? el.attr("poster")
                    : el.hasAttr("data") ? el.attr("data") : null;
            if (!tag.equals("a") && src != null && refs.tracker(src) != null) {
                el.remove();
                continue;
            }
            if (tag.equals("link") && (refs.tracker(el.attr("href")) != null || block && isRemote(el.attr("href")))) {
                el.remove();
                continue;
            }
            if (block && !tag.equals("a") && src != null && isRemote(src)) {
                placeholder(el, src);
                continue;
            }
            if (el.hasAttr("srcset") && SafePreview.srcset(el.attr("srcset")).stream()
                    .anyMatch(u -> refs.tracker(u) != null || block && isRemote(u))) {
                el.removeAttr("srcset");
            }
            if (el.hasAttr("background")
                    && (refs.tracker(el.attr("background")) != null || block && isRemote(el.attr("background")))) {
                el.removeAttr("background");
            }
            for (String attr : List.of("lowsrc", "dynsrc")) {
                // images old Internet Explorer loaded (lowsrc first, dynsrc a video clip); no client today shows
                // them, so a remote one goes whatever the mode
                if (el.hasAttr(attr) && isRemote(el.attr(attr))) {
                    el.removeAttr(attr);
                }
            }
            if (ANIMATIONS.contains(tag)) {
                neutraliseAnimation(el);
            }
            el.removeAttr("ping"); // <area ping> too: a request on every click
            // a form sends its data (hidden fields naming the recipient included) to its action when submitted; the
            // .eml copy is read in mail clients that ignore the CSP's form-action
            el.removeAttr("action");
            el.removeAttr("formaction");
            if (!tag.equals("a") && !tag.equals("area") && !tag.equals("base")) {
                // SVG <image href>, <use xlink:href>, <feImage href>; <object codebase>, <object archive>: a
                // tracker goes in every mode, other remote content with the placeholders
                for (String attr : List.of("href", "xlink:href", "codebase", "archive")) {
                    if (el.hasAttr(attr) && (block && isRemote(el.attr(attr)) || refs.tracker(el.attr(attr)) != null)) {
                        el.removeAttr(attr);
                    }
                }
            }
            if (el.attributesSize() > 0 && org.jsoup.parser.Parser.NamespaceSvg.equals(el.tag().namespace())) {
                // SVG presentation attributes are CSS values: fill="url(https://.../p.svg#a)" names an external
                // resource document the renderer may fetch (url(#id) is local and stays)
                for (String attr : SVG_URL_ATTRIBUTES) {
                    if (el.hasAttr(attr) && !CssSanitizer.sanitize(attr + ":" + el.attr(attr), limits.maxCssChars(),
                            keep, "svg-presentation").removed().isEmpty()) {
                        el.removeAttr(attr);
                    }
                }
            }
            if (el.hasAttr("style")) {
                CssSanitizer.Result css = CssSanitizer.sanitize(el.attr("style"), limits.maxCssChars(), keep,
                        "css-background");
                if (!css.removed().isEmpty()) {
                    el.attr("style", css.css());
                }
            }
            if (tag.equals("a") || tag.equals("area")) {
                // <area href> is a link like <a href>; an SVG <a> may carry its address in xlink:href
                for (String attr : List.of("href", "xlink:href")) {
                    if (el.hasAttr(attr)) {
                        rewriteLink(el, attr, refs);
                    }
                }
            }
        }
        doc.head().prependElement("meta").attr("name", "referrer").attr("content", "no-referrer");
        doc.head().prependElement("meta").attr("http-equiv", "Content-Security-Policy")
                .attr("content", block ? CSP + "; " + CSP_NO_REMOTE : CSP);
        doc.head().prependElement("meta").attr("charset", "utf-8");
        doc.outputSettings().prettyPrint(false);
        return doc.outerHtml();
    }

    /**
     * Points a link ({@code <a>}, {@code <area>}, SVG {@code <a>}) that the analysis found tracked to its decoded
     * destination, or makes it inert with its address shown defanged; a web link the analysis did not list is made
     * inert the same way (see the class description).
     *
     * @param attr the attribute that holds the address: {@code href}, or {@code xlink:href} on SVG
     */
    private static void rewriteLink(Element el, String attr, UrlRefs refs) {
        String href = el.attr(attr);
        Link link = refs.link(href);
        Tracker t = refs.tracker(href);
        String id = link != null && link.trackerId() != null ? link.trackerId() : t != null ? t.id() : null;
        if (t == null) {
            t = refs.trackerById(id);
        }
        String dest = link != null && link.destination() != null ? link.destination()
                : t != null ? t.destination() : null;
        if (id != null) {
            String scheme = UrlRefs.scheme(dest);
            if (dest != null && ("http".equals(scheme) || "https".equals(scheme) || "mailto".equals(scheme))) {
                el.attr(attr, dest);
                el.attr("title", "PixelProof: " + id + " rewritten to its destination");
            } else {
                // Following it would tell the sender who clicked: the link is made inert, its address shown
                // defanged, so that reaching it is a deliberate act (copy, restore "http", paste).
                el.removeAttr(attr);
                el.attr("title", "PixelProof: " + id + " is a tracked link (destination unknown)");
                noteAfter(el, trackedLinkNote(href));
            }
        } else if (link == null && t == null && isWebUrl(refs.resolve(href))) {
            // not among the analysed links: nothing vouches for it, so it is made inert like a tracked link
            el.removeAttr(attr);
            el.attr("title", "PixelProof: link not checked by the analysis");
            noteAfter(el, uncheckedLinkNote(href));
        }
    }

    /**
     * Writes a note after a link: right after it in HTML; after the outermost SVG or MathML element that holds it
     * otherwise, since an HTML {@code <span>} inside SVG would end the SVG when the copy is read again (HTML
     * Standard, 13.2.6.5 "The rules for parsing tokens in foreign content") and spill the rest of it as HTML.
     */
    private static void noteAfter(Element el, String note) {
        Element host = el;
        while (host.parent() != null && !org.jsoup.parser.Parser.NamespaceHtml.equals(host.tag().namespace())
                && !org.jsoup.parser.Parser.NamespaceHtml.equals(host.parent().tag().namespace())) {
            host = host.parent();
        }
        host.after(new Element("span").addClass(PLACEHOLDER_CLASS)
                .attr("style", "font:12px sans-serif;color:#444;overflow-wrap:anywhere").text(" " + note));
    }

    /** SVG animation elements that can write a string into an attribute (SVG Animations: set, animate). */
    private static final java.util.Set<String> ANIMATIONS = java.util.Set.of("set", "animate");
    /** The values an animation writes into its target's attribute (SMIL: from, to, by, values). */
    private static final List<String> ANIMATION_VALUES = List.of("to", "from", "by", "values");

    /**
     * Removes the values of an SVG animation ({@code <set>}, {@code <animate>}) that would write anything but a
     * reference to an element of the message ({@code #id}) into a URL attribute of its target ({@code href},
     * {@code xlink:href}, {@code src} and the others of {@link #URL_ATTRIBUTES}, whatever their prefix and case): a
     * browser loads the URL an {@code <image>}'s animated {@code href} takes as soon as the animation starts, and an
     * animated {@code <a href>} is a link the copy cannot rewrite; and those of any other attribute or CSS property
     * that hold a {@code url()} other than {@code url(#id)} (or anything else {@link CssSanitizer} removes): the
     * presentation attributes ({@code fill}...), {@code style}, and the properties only an animation can set on an
     * SVG element (Gecko fetches the {@code url()} an animated {@code marker} takes; {@code mask-image} applies to
     * SVG elements too), whatever the browser, the copy does not depend on which ones it fetches. An animation
     * without values animates nothing; the element stays, with whatever it holds. Done in every mode: such an
     * animation shows nothing of the message.
     */
    private void neutraliseAnimation(Element el) {
        String name = el.attributes().getIgnoreCase("attributeName").strip().toLowerCase(Locale.ROOT);
        String local = name.substring(name.lastIndexOf(':') + 1);
        boolean url = URL_ATTRIBUTES.contains(local) || local.equals("srcset");
        for (String attr : ANIMATION_VALUES) {
            if (!el.hasAttr(attr)) {
                continue;
            }
            String value = el.attr(attr);
            boolean remote;
            if (url) {
                remote = java.util.Arrays.stream(value.split(";")).map(String::strip)
                        .anyMatch(v -> !v.isEmpty() && !v.startsWith("#"));
            } else {
                // whatever the attribute or property (fill, marker, mask-image, style...): as the presentation
                // attributes themselves are checked (url(#id) is local and stays); a value too long to be read
                // whole goes too
                CssSanitizer.Result css = CssSanitizer.sanitize(value, limits.maxCssChars(),
                        u -> u.strip().startsWith("#"), "svg-presentation");
                remote = !css.removed().isEmpty() || css.truncated();
            }
            if (remote) {
                el.removeAttr(attr);
            }
        }
    }

    /** Attributes holding a URL a mail client may follow, load or frame. */
    private static final List<String> URL_ATTRIBUTES = List.of("href", "xlink:href", "src", "data", "poster",
            "background", "lowsrc", "dynsrc", "codebase", "cite", "longdesc", "action", "formaction");
    /** Elements whose URL is a document of its own, shown inside the message. */
    private static final java.util.Set<String> FRAMES = java.util.Set.of("iframe", "frame", "frameset", "embed",
            "object", "portal", "fencedframe");
    /** Schemes whose URL is code, run when followed or loaded. */
    private static final java.util.Set<String> SCRIPT_SCHEMES = java.util.Set.of("javascript", "vbscript",
            "livescript", "mocha");
    private static final java.util.regex.Pattern URL_SCHEME =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    /**
     * Removes what would run the sender's code in a mail client that opens the cleaned {@code .eml} (which applies no
     * Content-Security-Policy meta element): a {@code javascript:} (or {@code vbscript:}...) URL in any attribute
     * of {@link #URL_ATTRIBUTES} is removed, and a frame, embed or object whose URL is {@code javascript:} or
     * {@code data:} (a document of the sender's making, scripts included) is removed outright; so is a link to a
     * {@code data:} URL. Schemes are read as a browser reads them ({@link #effectiveScheme(String)}), so
     * {@code jav&#9;ascript:} is caught too. {@code data:} images stay.
     *
     * @return true when the element itself was removed
     */
    private static boolean removeActiveUrls(Element el, String tag) {
        for (String attr : URL_ATTRIBUTES) {
            if (!el.hasAttr(attr)) {
                continue;
            }
            String scheme = effectiveScheme(el.attr(attr));
            boolean script = scheme != null && SCRIPT_SCHEMES.contains(scheme);
            boolean data = "data".equals(scheme);
            if (FRAMES.contains(tag) && (script || data)) {
                el.remove();
                return true;
            }
            if (script || data && (attr.endsWith("href") || attr.equals("action") || attr.equals("formaction"))) {
                el.removeAttr(attr);
            }
        }
        return false;
    }

    /**
     * @param url an attribute's value, entities already decoded
     * @return its scheme in lower case as a browser's URL parser reads it (WHATWG URL Standard: leading and trailing
     *         C0 controls and spaces ignored, ASCII tab and newline removed anywhere, so {@code "jav<TAB>ascript:"} is
     *         {@code javascript}), or {@code null} when it has none
     */
    static String effectiveScheme(String url) {
        if (url == null) {
            return null;
        }
        String u = url.replaceAll("[\\t\\n\\r]", "").replaceFirst("^[\\x00-\\x20]+", "");
        java.util.regex.Matcher m = URL_SCHEME.matcher(u);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * @return true when loading {@code url} would reach a server: anything but an empty value, a fragment, and the
     *         {@code cid:} and {@code data:} references that the message carries itself
     */
    static boolean isRemote(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty() || u.startsWith("#")) {
            return false;
        }
        String scheme = UrlRefs.scheme(u);
        return !"cid".equals(scheme) && !"data".equals(scheme);
    }

    /** @return true for an {@code http:}, {@code https:} or scheme-relative ({@code //host}) address */
    private static boolean isWebUrl(String url) {
        String scheme = UrlRefs.scheme(url);
        return "http".equals(scheme) || "https".equals(scheme) || scheme == null && url.strip().startsWith("//");
    }

    /**
     * Replaces a remote element by a visible placeholder: a bordered box naming what it was (its {@code alt} or
     * {@code title} text when it has one) with the address as a link that is not loaded, opened without referrer.
     */
    private static void placeholder(Element el, String url) {
        String what = el.hasAttr("alt") && !el.attr("alt").isBlank() ? el.attr("alt").strip()
                : el.hasAttr("title") && !el.attr("title").isBlank() ? el.attr("title").strip() : "";
        Element box = new Element("span").addClass(PLACEHOLDER_CLASS)
                .attr("style", "display:inline-block;max-width:100%;border:1px dashed #888;padding:2px 4px;"
                        + "font:12px sans-serif;color:#444;overflow-wrap:anywhere")
                .attr("title", "PixelProof: remote " + el.normalName() + " not loaded");
        box.appendText("[" + (el.normalName().equals("img") ? "image" : el.normalName()) + " not loaded / non chargée"
                + (what.isEmpty() ? "" : ": " + what) + "] ");
        // the address as text, defanged, never a link: a reference the analysis did not list (past its caps) may be
        // a tracker carrying the recipient's address, and a link to it would be one click from confirming the opening
        box.appendText(defang(url.strip()));
        el.replaceWith(box);
    }

    /** @return {@code url} with an {@code http} scheme written {@code hxxp}, so that no client turns it into a link */
    static String defang(String url) {
        return url.regionMatches(true, 0, "http", 0, 4) ? "hxxp" + url.substring(4) : url;
    }

    /**
     * @param url a link's address, as written
     * @return a bilingual note, French first, with the address defanged: the link was not among the analysis's listed
     *         links (over {@code Analyzer.MAX_LISTED}, or not found), so nothing vouches that it is not tracked
     */
    static String uncheckedLinkNote(String url) {
        return "[lien non vérifié / unchecked link: " + defang(url.strip()) + "]";
    }

    /**
     * @return {@code text} with each tracked link URL replaced by its decoded destination where known, and by
     *         {@link #trackedLinkNote(String)} (the address defanged, so that no mail client turns it into a link)
     *         where not
     */
    static String cleanText(String text, List<Tracker> trackers, List<Link> links) {
        List<String[]> replacements = new ArrayList<>();
        for (Link l : links) {
            if (l.trackerId() != null) {
                replacements.add(new String[] {l.url(), l.destination() != null ? l.destination()
                        : trackedLinkNote(l.url())});
            }
        }
        for (Tracker t : trackers) {
            if (t.kind() == TrackerKind.CLICK_TRACKING) {
                replacements.add(new String[] {t.url(), t.destination() != null ? t.destination()
                        : trackedLinkNote(t.url())});
            }
        }
        return replaceAll(text, replacements);
    }

    /**
     * @param url a tracked link whose destination could not be decoded offline
     * @return a bilingual note, French first, with the address defanged ({@code hxxps://...}): readable, copyable,
     *         never clickable
     */
    static String trackedLinkNote(String url) {
        return "[lien suivi, destination inconnue / tracked link, destination unknown: " + defang(url.strip()) + "]";
    }

    /**
     * Replaces, in one pass from left to right, each occurrence of a replacement's URL by its destination; where
     * several URLs start at the same place the longest wins, so that a URL that prefixes another does not cut it.
     * Linear in the text for any number of URLs (one {@code String.replace} per link was quadratic: 20,000 links in a
     * 2 MB body took half a minute).
     *
     * @param replacements pairs {@code {url, destination}}; empty URLs are ignored
     */
    static String replaceAll(String text, List<String[]> replacements) {
        java.util.TreeMap<String, String> byUrl = new java.util.TreeMap<>();
        for (String[] r : replacements) {
            if (!r[0].isEmpty()) {
                byUrl.putIfAbsent(r[0], r[1]);
            }
        }
        if (byUrl.isEmpty()) {
            return text;
        }
        String[] urls = byUrl.keySet().toArray(new String[0]);
        int shortest = Integer.MAX_VALUE;
        for (String u : urls) {
            shortest = Math.min(shortest, u.length());
        }
        int key = Math.min(shortest, 8);
        Set<String> prefixes = new java.util.HashSet<>();
        java.util.BitSet first = new java.util.BitSet();
        for (String u : urls) {
            prefixes.add(u.substring(0, key));
            first.set(u.charAt(0));
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            String hit = first.get(text.charAt(i)) && i + key <= n && prefixes.contains(text.substring(i, i + key))
                    ? longestAt(urls, text, i) : null;
            if (hit != null) {
                out.append(byUrl.get(hit));
                i += hit.length();
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * @param sorted URLs in {@link String#compareTo} order
     * @return the longest of {@code sorted} that {@code text} holds at {@code from}, or {@code null}
     */
    private static String longestAt(String[] sorted, String text, int from) {
        int limit = text.length() - from;
        while (limit > 0) {
            // the greatest URL <= text[from, from + limit): any URL found at `from` shares its first characters
            int lo = 0;
            int hi = sorted.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(sorted[mid], text, from, limit) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0) {
                return null;
            }
            String u = sorted[found];
            int common = 0;
            int max = Math.min(u.length(), limit);
            while (common < max && u.charAt(common) == text.charAt(from + common)) {
                common++;
            }
            if (common == u.length()) {
                return u;
            }
            limit = common; // a shorter URL found at `from` is a prefix of these `common` characters
        }
        return null;
    }

    /** @return {@code u} compared with {@code text[from, from + length)}, as {@link String#compareTo} would */
    private static int compare(String u, String text, int from, int length) {
        int max = Math.min(u.length(), length);
        for (int k = 0; k < max; k++) {
            int d = u.charAt(k) - text.charAt(from + k);
            if (d != 0) {
                return d;
            }
        }
        return u.length() - length;
    }
}
