package org.pixelproof.detect;

import java.util.Map;

/**
 * The one place where the tracking signals, their weights and the decision rules are written down. Every
 * {@link Signal#code()} PixelProof emits is one of the constants below.
 *
 * <h2>Open pixels and other remote loads</h2>
 * A remote load (image, CSS, frame, VML, AMP...) is scored by adding the weights of the signals that fired. It is a
 * <b>tracker</b> when one of the following holds, and {@link RemoteResource remote content} otherwise:
 * <ol>
 * <li>a <em>decisive</em> signal fired: {@link #VENDOR_RULE} (an open pattern of the rule set),
 * {@link #RECIPIENT_IDENTIFIER}, {@link #RECIPIENT_PARAMETER}, {@link #BEACON_ELEMENT};</li>
 * <li>a <em>tiny size</em> ({@link #DECLARED_SIZE} or {@link #CSS_SIZE}: at most 3x3 pixels, or 0/1 pixel in one
 * dimension with the other unknown; CSS overrides the attributes, as in a browser), or a {@link #VENDOR_PATH_SHAPE},
 * and the URL is not a spacer. A spacer has no high-entropy token and a spacer-like file name ({@code spacer},
 * {@code blank}, {@code transparent}, {@code clear}, {@code shim}...) or sits on a static asset host (a vendor
 * {@code asset} pattern, or a host named {@code cdn}, {@code static}, {@code img}, {@code images}, {@code assets}...);
 * an image file whose random-looking name is a cache key on a static host counts as a spacer too;</li>
 * <li>it is <em>hidden</em> ({@link #HIDDEN_CSS}, {@link #HIDDEN_WRAPPER}, {@link #OFF_SCREEN}) while neither
 * visibly sized (no dimension over 3 pixels) nor a static image file (an image extension and no high-entropy query
 * value): responsive templates hide the desktop or mobile variant of their pictures, which is layout, not tracking;
 * and it is not a spacer;</li>
 * <li>a high-entropy token and a rule that fires only on a revealing event ({@link #CONDITIONAL_CSS}: print, hover,
 * forward or reply, client detection; dark mode and screen-size queries are everyday layout and do not count);</li>
 * <li>a high-entropy token that also appears in the message's links ({@link #SHARED_TOKEN}), on something neither
 * visibly sized nor a static image file;</li>
 * <li>for a load that is not an image (a CSS background inline or in a {@code <style>} rule, a VML {@code v:fill} or
 * {@code v:image}, an AMP {@code amp-list}): something in the URL keys it to the recipient or names it a beacon
 * ({@link #TRACKING_PATH}, {@link #SUBSCRIBER_KEY}, or a high-entropy token outside a static image file name) and
 * the box it paints into is at most 1 pixel in one dimension (the cell, block or VML shape: {@link #DECLARED_SIZE},
 * {@link #CSS_SIZE}) or hidden, or it fires in a context only (any media query or selector condition, dark mode
 * included, or an AMP list fetched on every opening). A visible hero background without such a key stays remote
 * content.</li>
 * </ol>
 * <b>Confidence</b> from the total weight: {@link Confidence#HIGH} at {@value #HIGH_AT} or more,
 * {@link Confidence#MEDIUM} at {@value #MEDIUM_AT} or more, {@link Confidence#LOW} below; and LOW whatever the
 * weights when nothing in the URL can single out the recipient (no vendor rule, identifier, recipient parameter,
 * beacon element, high-entropy or shared token, redirector): such a load counts opens and reveals the IP address, no
 * more.
 *
 * <h2>Click tracking</h2>
 * A link is click tracking when a decisive signal fired ({@link #VENDOR_CLICK_RULE}, {@link #RECIPIENT_IDENTIFIER},
 * {@link #RECIPIENT_PARAMETER}, {@link #HYPERLINK_AUDITING}), or {@link #REDIRECTOR} (it carries an {@code http(s)}
 * destination on another host, decoded offline; share links of social networks excepted), or
 * {@link #VENDOR_PATH_SHAPE}, or {@link #REDIRECTOR_SHAPE} (low confidence alone), or a web-version link ("voir la
 * version en ligne", "view in browser"...) whose URL names the subscriber ({@link #SUBSCRIBER_KEY}). Unsubscribe and
 * preference links are judged on vendor rules and redirectors only: the address or token they carry is what
 * unsubscribing needs (the address found there is recorded on the link, and on the tracker when the link is tracked
 * anyway). Shared tokens between links are recorded as a signal but decide nothing: account and template ids are shared
 * too. Campaign parameters ({@code utm_*}, {@link #CAMPAIGN_PARAMETERS}) never make a link a tracker; they are listed
 * on the link. A value that identifies nobody ({@link RecipientTokens#identifiesNobody}: an unfilled merge tag such as
 * {@code mc_eid=UNIQID}, base64 of a URL) is neither a recipient parameter nor a token: a link of the sender's own site
 * left with nothing else is an ordinary link ({@link RecipientTokens#isOrdinaryLink}), never a tracker.
 * Links through the same redirector host and rule are grouped into one tracker (see
 * {@code docs/decisions/0023-one-click-tracker-per-redirector.md}).
 *
 * <p>Constants only; thread-safe.
 */
public final class SignalCodes {

    private SignalCodes() {
    }

    /** A vendor open (or click, for links) pattern of the rule set matched host and path. Decisive. */
    public static final String VENDOR_RULE = "vendor-rule";
    /** A vendor click pattern matched a link. Decisive. */
    public static final String VENDOR_CLICK_RULE = "vendor-click-rule";
    /** The path has the distinctive shape of a vendor pattern, on another host (a brand tracking subdomain). */
    public static final String VENDOR_PATH_SHAPE = "vendor-path-shape";
    /** The recipient's address, in some encoding, is in the URL. Decisive. */
    public static final String RECIPIENT_IDENTIFIER = "recipient-identifier";
    /** A query parameter known to identify the recipient ({@code mc_eid}, {@code _hsenc}, {@code mkt_tok}...). */
    public static final String RECIPIENT_PARAMETER = "recipient-parameter";
    /** An element whose only purpose is measurement ({@code amp-pixel}, {@code amp-analytics}). Decisive. */
    public static final String BEACON_ELEMENT = "beacon-element";
    /** {@code width}/{@code height} attributes of at most 3 pixels (both), or of 0 or 1 for one of them. */
    public static final String DECLARED_SIZE = "declared-size";
    /** CSS {@code width}/{@code height}/{@code max-*} of at most 3 pixels. */
    public static final String CSS_SIZE = "css-size";
    /** Hidden by CSS on the element or an ancestor: display, visibility, opacity, mso-hide, the hidden attribute. */
    public static final String HIDDEN_CSS = "hidden-css";
    /** Inside a zero-height or zero-width wrapper with clipped overflow, or a zero font-size and line-height one. */
    public static final String HIDDEN_WRAPPER = "hidden-wrapper";
    /** Positioned at least 1,000 pixels out of view, or clipped to nothing. */
    public static final String OFF_SCREEN = "off-screen";
    /** A token with high Shannon entropy (see {@link Tokens}) in the path or query. */
    public static final String HIGH_ENTROPY_TOKEN = "high-entropy-token";
    /** A high-entropy token of this URL also appears in the message's links (or pixels, for links). */
    public static final String SHARED_TOKEN = "shared-token";
    /** The only image loaded from its host, while the message loads images from other hosts. */
    public static final String ONLY_IMAGE_FROM_HOST = "only-image-from-host";
    /** The last element of the body. */
    public static final String LAST_ELEMENT = "last-element";
    /** An image with an empty or missing {@code alt}. */
    public static final String EMPTY_ALT = "empty-alt";
    /** The CSS rule fires only in some context: print, dark mode, hover, forward or client detection. */
    public static final String CONDITIONAL_CSS = "conditional-css";
    /** Inside an Outlook conditional comment: loaded by Outlook for Windows only. */
    public static final String OUTLOOK_ONLY = "outlook-only";
    /** A read-receipt header. Decisive. */
    public static final String READ_RECEIPT_HEADER = "read-receipt-header";
    /** The link carries its real destination in its URL: it goes through a redirector. */
    public static final String REDIRECTOR = "redirector";
    /**
     * The link goes through something named as a redirector: a host label containing {@code redirect}, {@code redir},
     * {@code track}, {@code trk} or {@code click}, or a redirect script ({@code go.dll}, {@code redirect.php},
     * {@code click.asp}...). Counts clicks even when nothing in it identifies the recipient: a low-confidence click
     * tracker on its own.
     */
    public static final String REDIRECTOR_SHAPE = "redirector-shape";
    /**
     * The path names a tracking endpoint: a segment {@code /px/}, {@code /pixel/}, {@code /open/}, {@code /track/},
     * {@code /beacon/}, {@code /imp/}... or a file named {@code pixel.gif}, {@code open.aspx}, {@code track...}.
     * Adds weight to any load; decides only for loads that are not images (CSS, VML, AMP).
     */
    public static final String TRACKING_PATH = "tracking-path";
    /**
     * A query parameter named like a subscriber key ({@code sk}, {@code subscriber_key}, {@code contact_id},
     * {@code uid}...: the {@code recipient-hint} entries of {@code tracking-parameters.yaml}) with a value holding
     * digits. Adds weight to any load and counts as identifying for the confidence; decides only for loads that are
     * not images (CSS, VML, AMP) and for web-version links.
     */
    public static final String SUBSCRIBER_KEY = "subscriber-key";
    /**
     * A URL of the {@code ping} attribute of an {@code <a>} or {@code <area>}: following the link makes the browser
     * POST to it (hyperlink auditing, HTML Standard 4.6.6), with the link's destination in a {@code Ping-To} header,
     * only to report the click. Decisive (click tracking); like any finding, its confidence is low when nothing in its
     * URL can single out the recipient.
     */
    public static final String HYPERLINK_AUDITING = "hyperlink-auditing";
    /** Campaign parameters ({@code utm_*}...): identify the campaign, not the recipient. Weight 0. */
    public static final String CAMPAIGN_PARAMETERS = "campaign-parameters";

    /** Total weight from which a finding is {@link Confidence#HIGH}. */
    public static final int HIGH_AT = 5;
    /** Total weight from which a finding is {@link Confidence#MEDIUM}. */
    public static final int MEDIUM_AT = 3;

    /** The weight of each signal. */
    public static final Map<String, Integer> WEIGHTS = Map.ofEntries(
            Map.entry(VENDOR_RULE, 5),
            Map.entry(VENDOR_CLICK_RULE, 5),
            Map.entry(RECIPIENT_IDENTIFIER, 5),
            Map.entry(BEACON_ELEMENT, 5),
            Map.entry(HYPERLINK_AUDITING, 5),
            Map.entry(READ_RECEIPT_HEADER, 5),
            Map.entry(RECIPIENT_PARAMETER, 4),
            Map.entry(VENDOR_PATH_SHAPE, 3),
            Map.entry(DECLARED_SIZE, 3),
            Map.entry(CSS_SIZE, 3),
            Map.entry(HIDDEN_CSS, 3),
            Map.entry(OFF_SCREEN, 3),
            Map.entry(REDIRECTOR, 3),
            Map.entry(HIDDEN_WRAPPER, 2),
            Map.entry(REDIRECTOR_SHAPE, 2),
            Map.entry(HIGH_ENTROPY_TOKEN, 2),
            Map.entry(SHARED_TOKEN, 2),
            Map.entry(CONDITIONAL_CSS, 1),
            Map.entry(TRACKING_PATH, 2),
            Map.entry(SUBSCRIBER_KEY, 3),
            Map.entry(ONLY_IMAGE_FROM_HOST, 1),
            Map.entry(LAST_ELEMENT, 1),
            Map.entry(EMPTY_ALT, 1),
            Map.entry(OUTLOOK_ONLY, 0),
            Map.entry(CAMPAIGN_PARAMETERS, 0));

    /** @return the weight of a signal code, 0 when unknown. */
    public static int weight(String code) {
        return WEIGHTS.getOrDefault(code, 0);
    }

    /** @return the confidence for a total weight. */
    public static Confidence confidence(int totalWeight) {
        return totalWeight >= HIGH_AT ? Confidence.HIGH : totalWeight >= MEDIUM_AT ? Confidence.MEDIUM : Confidence.LOW;
    }
}
