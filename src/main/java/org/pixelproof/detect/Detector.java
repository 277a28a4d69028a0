package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.pixelproof.detect.BodyScanner.Candidate;
import org.pixelproof.detect.BodyScanner.RawLink;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.ingest.BidiControls;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.IngestLimits;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.PatternKind;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.TrackingParameter;
import org.pixelproof.rules.Vendor;

/**
 * Finds trackers, remote content, links, consent markers and the sender in a message.
 *
 * <p>Each HTML and AMP body is parsed once ({@link HtmlParsing}) and walked once ({@link BodyScanner}) for every
 * remote-fetch vector a mail client may follow; each candidate is then scored from explicit signals
 * ({@link SignalCodes}, where the weights and decision rules are written down), and becomes a {@link Tracker} or a
 * {@link RemoteResource}. Links are looked through the recipient's own wrappers, their destination decoded offline
 * ({@link LinkDecoder}), and the click-tracking ones grouped per redirector. The recipient's address is searched in
 * every URL and header in all the encodings of {@link RecipientMatcher}. Read-receipt headers
 * ({@code Disposition-Notification-To}, RFC 8098; {@code Return-Receipt-To}; {@code X-Confirm-Reading-To}) are trackers
 * of their own.
 *
 * <p>Never dereferences a URL: no connection, no DNS lookup; everything is read from the message.
 *
 * <p>Thread-safe: one instance serves concurrent analyses (each call works on its own objects).
 */
public final class Detector {

    /** Header fields that ask the client for a read receipt. */
    static final List<String> READ_RECEIPT_HEADERS = List.of("Disposition-Notification-To", "Return-Receipt-To",
            "X-Confirm-Reading-To", "Read-Receipt-To");

    /** Header fields that name the recipient by design: not searched for identifiers. */
    private static final Set<String> RECIPIENT_FIELDS = Set.of("to", "cc", "bcc", "delivered-to", "x-original-to",
            "received", "envelope-to", "x-envelope-to", "x-forwarded-to", "x-forwarded-for", "resent-to",
            "resent-cc", "original-recipient", "final-recipient", "x-rcpt-to", "x-apparently-to", "x-delivered-to",
            "authentication-results", "arc-authentication-results", "arc-seal", "arc-message-signature",
            "dkim-signature", "x-google-original-to", "x-original-recipient", "x-received");

    private static final java.util.regex.Pattern TRAILING_NUMBER = java.util.regex.Pattern.compile("=\\d+$");
    /** Marks a token that is base64 of readable text (identity-compared). */
    private static final List<String> TEXT_TOKEN = java.util.Collections.unmodifiableList(new ArrayList<>(List.of(
            "text")));

    /** Most per-recipient tokens listed per tracker. */
    static final int MAX_TOKENS = 10;
    /**
     * Most remote loads (images, CSS, frames...) scored per message, in references (one per URL occurrence); default
     * 10,000 (a large real newsletter has a few hundred). Over it, {@link ReferenceTriage} chooses which are scored,
     * those a client really loads first (within them, those that show a sign of tracking first), so that decoys (style
     * rules no element uses, template content, srcset alternatives, whatever their URL) cannot push the real tracker
     * out; the others are not analysed, and a
     * {@link AnomalyCode#REFERENCES_NOT_ANALYSED} anomaly says how many: scoring costs a fraction of a millisecond
     * each, and a hostile message may hold 100,000.
     */
    static final int MAX_SCORED_LOADS = 10_000;
    /**
     * Most links scored per message, in references; default 10,000. Over it, those carrying the recipient's address or
     * on a known vendor's host are scored first ({@link ReferenceTriage}), then the others in document order.
     */
    static final int MAX_SCORED_LINKS = 10_000;

    private static final Set<String> IMAGE_VECTORS = Set.of("img", "img-srcset", "picture-source", "input-image",
            "amp-img", "svg-image", "svg-feimage", "vml-fill", "vml-image", "vml-imagedata", "amp-pixel");
    private static final Set<String> CSS_VECTORS = Set.of("css-inline", "css-stylesheet", "css-import", "font-face",
            "link-stylesheet", "background-attribute");
    private static final List<String> SPACER_WORDS = List.of("spacer", "blank", "transparent", "trans.gif",
            "clear.gif", "clearpixel", "clear_pixel", "shim", "space.gif", "s.gif", "dot.gif", "pixel_trans",
            "empty.gif", "1x1.gif", "1x1.png", "blank.png", "spc.gif");
    private static final Set<String> STATIC_HOST_LABELS = Set.of("cdn", "static", "img", "imgs", "image", "images",
            "assets", "asset", "media", "files", "content", "res", "resources", "pics", "pictures", "photos", "s",
            "i", "fonts", "gallery", "d", "mcusercontent");
    /** Link texts of a message's web version ("view in browser"). */
    private static final List<String> WEB_VERSION_WORDS = List.of("version en ligne", "voir en ligne",
            "version web", "afficher dans le navigateur", "afficher dans votre navigateur", "view in browser",
            "view in your browser", "view online", "view this email", "web version", "im browser", "online ansehen",
            "webversion", "versión web", "ver en el navegador", "versione web", "bekijk online", "in je browser");
    private static final List<String> UNSUBSCRIBE_WORDS = List.of("unsub", "desinscri", "désinscri",
            "desabonn", "désabonn", "abmelden", "austragen", "opt-out", "optout", "opt_out", "preferences",
            "manage-subscription", "manage_subscription", "darse de baja", "uitschrijven", "afmelden", "cancelar");

    private final RuleSet rules;
    private final IngestLimits limits;
    private final VendorIndex vendors;
    private final LinkDecoder decoder;
    private final List<TrackingParameter> recipientParams;
    private final List<TrackingParameter> campaignParams;
    /** parameters whose meaning holds only on their vendor's own tracking URLs (Mailchimp's u, id, e) */
    private final List<TrackingParameter> vendorParams;
    /** names that usually hold a subscriber key: a hint for non-image beacons */
    private final List<TrackingParameter> hintParams;
    private final ConsentMarkerFinder markerFinder;
    private final SenderIdentifier senderIdentifier;

    /**
     * @param rules  the rule set (vendors, tracking parameters, link wrappers, marker phrases)
     * @param limits HTML depth and CSS size limits
     */
    public Detector(RuleSet rules, IngestLimits limits) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.vendors = new VendorIndex(rules);
        this.decoder = new LinkDecoder(rules);
        this.recipientParams = rules.trackingParameters().stream().filter(p -> "recipient".equals(p.scope())
                && !p.onVendorUrlsOnly()).toList();
        this.campaignParams = rules.trackingParameters().stream().filter(p -> "campaign".equals(p.scope())
                && !p.onVendorUrlsOnly()).toList();
        this.vendorParams = rules.trackingParameters().stream().filter(TrackingParameter::onVendorUrlsOnly).toList();
        this.hintParams = rules.trackingParameters().stream().filter(p -> "recipient-hint".equals(p.scope()))
                .toList();
        this.markerFinder = new ConsentMarkerFinder(rules);
        this.senderIdentifier = new SenderIdentifier(markerFinder, decoder, vendors,
                SenderIdentifier.recipientParameters(rules));
    }

    /**
     * What {@link #detectWithTexts} returns: the findings, and the visible text of every body read on the way (for
     * {@code assess}, which classifies the message from the same text instead of parsing and reading it again).
     *
     * @param findings     the findings, as {@link #detect} returns them
     * @param visibleTexts one visible text per body, as {@link VisibleText#ofEmail} gives them from the parsed bodies
     *                     with {@link VisibleText#DEFAULT_MAX_CHARS}
     * @param identitySupport when the sender's identity was not found doubtful, the signs of
     *                     {@link SenderIdentityCheck} that held without being enough on their own
     *                     ({@code LINKS_LEAD_ELSEWHERE}, {@code REPLY_TO_PUBLIC_MAILBOX}), for
     *                     {@link SenderIdentityCheck#withAuthentication}; else empty
     */
    public record Detection(Findings findings, List<VisibleText> visibleTexts, List<String> identitySupport) {
        public Detection {
            Objects.requireNonNull(findings, "findings");
            visibleTexts = List.copyOf(visibleTexts);
            identitySupport = identitySupport == null ? List.of() : List.copyOf(identitySupport);
        }

        /** The original two-component form: no supporting signs. */
        public Detection(Findings findings, List<VisibleText> visibleTexts) {
            this(findings, visibleTexts, List.of());
        }
    }

    /**
     * Parses the HTML and AMP bodies of a message, bounded by the limits, as {@link #detect} does (the limits'
     * anomalies are those {@link #detect} reports; they are not repeated here).
     *
     * @param email the message
     * @return one parsed body per HTML or AMP body, in tree order
     */
    public List<HtmlBody> parseHtml(ReceivedEmail email) {
        List<HtmlBody> out = new ArrayList<>();
        for (BodyText b : email.bodies()) {
            if (b.kind() == BodyKind.HTML || b.kind() == BodyKind.AMP_HTML) {
                out.add(HtmlParsing.parse(b, limits, new ArrayList<>()));
            }
        }
        return out;
    }

    /**
     * @param email           the message
     * @param extraRecipients recipient addresses to search besides those of the headers (e.g. given by the user);
     *                        may be empty, never {@code null}
     * @return the findings; never throws for malformed content
     */
    public Findings detect(ReceivedEmail email, List<String> extraRecipients) {
        return detectWithTexts(email, extraRecipients).findings();
    }

    /**
     * {@link #detect}, also returning the visible texts it read.
     *
     * @param email           the message
     * @param extraRecipients as for {@link #detect}
     * @return the findings and the visible texts; never throws for malformed content
     * @throws org.pixelproof.ingest.AnalysisCancelledException when the calling thread is interrupted (checked per
     *                                                          body, walk, rule, link and stage, {@link Cancellation})
     */
    public Detection detectWithTexts(ReceivedEmail email, List<String> extraRecipients) {
        Objects.requireNonNull(email, "email");
        List<Anomaly> anomalies = new ArrayList<>();
        List<String> addresses = recipientAddresses(email, extraRecipients == null ? List.of() : extraRecipients);
        Run run = new Run(email, new RecipientMatcher(addresses), new PartyResolver(email, vendors));

        BodyScanner.Order order = new BodyScanner.Order();
        List<Tracker> receipts = readReceipts(email, run, order);
        List<HtmlBody> html = new ArrayList<>();
        Map<HtmlBody, Element> lastContent = new IdentityHashMap<>();
        Map<HtmlBody, List<CssScanner.Sheet>> sheets = new IdentityHashMap<>();
        Map<Document, TextVisibility.Walked> walked = new IdentityHashMap<>(); // reused by the visible text
        for (BodyText b : email.bodies()) {
            Cancellation.check(); // per body: parsing and walking one body is the bulk of the work
            if (b.kind() == BodyKind.PLAIN) {
                textLinks(b, order, run.links);
                continue;
            }
            HtmlBody hb = HtmlParsing.parse(b, limits, anomalies);
            html.add(hb);
            List<CssScanner.Sheet> bodySheets = new ArrayList<>();
            BodyScanner scanner = new BodyScanner(hb, b.text(), limits, order, run.candidates, run.links, bodySheets,
                    anomalies);
            scanner.scan();
            walked.put(hb.document(), scanner.walked());
            lastContent.put(hb, scanner.lastContent());
            sheets.put(hb, bodySheets);
        }
        for (HtmlBody hb : html) {
            Cancellation.check();
            run.classStyles.putAll(classStyles(hb, sheets.get(hb)));
        }
        run.lastContent.addAll(lastContent.values());
        ReferenceTriage triage = new ReferenceTriage(run.matcher, vendors);
        bound(run.candidates, MAX_SCORED_LOADS, "remote loads", "first those an element loads, then style-sheet rules"
                + " that may apply to an element, then the other candidates of a srcset, then rules that apply to no"
                + " element and template content (never loaded); within each, those carrying the recipient's address"
                + " first, then those on a known vendor's host", triage::loadRank, anomalies);
        bound(run.links, MAX_SCORED_LINKS, "links", "first those carrying the recipient's address, then those on a"
                + " known vendor's host", triage::linkRank, anomalies);

        run.prepare();
        // the same URL loaded twice is one request (the client's cache): keep its first tracker, else one resource
        List<Draft> drafts = new ArrayList<>();
        Map<String, RemoteResource> remoteByUrl = new LinkedHashMap<>();
        Set<String> trackedUrls = new HashSet<>();
        Map<String, Draft> draftByUrl = new HashMap<>();
        Cancellation.check();
        int scored = 0;
        for (Candidate c : run.candidates) {
            Cancellation.checkEvery(++scored);
            Draft d = run.scoreLoad(c);
            if (d != null) {
                if (trackedUrls.add(d.url.url())) {
                    drafts.add(d);
                    draftByUrl.put(d.url.url(), d);
                } else {
                    Draft first = draftByUrl.get(d.url.url());
                    if (first != null && c.location().cssRule() != null
                            && !c.location().cssRule().equals(first.location.cssRule())
                            && !first.otherRules.contains(c.evidence()) && !c.evidence().equals(first.evidence)) {
                        first.otherRules.add(c.evidence());
                        Signal cond = first.signals.get(SignalCodes.CONDITIONAL_CSS);
                        if (cond != null) {
                            first.signals.put(SignalCodes.CONDITIONAL_CSS, new Signal(cond.code(), cond.detail()
                                    + "; also rule " + c.location().cssRule()));
                        }
                    }
                }
            } else {
                remoteByUrl.putIfAbsent(c.url().url(), run.remote(c));
            }
        }
        List<RemoteResource> remote = new ArrayList<>();
        for (RemoteResource r : remoteByUrl.values()) {
            if (!trackedUrls.contains(r.url())) {
                remote.add(r);
            }
        }
        List<Link> links = run.scoreLinks(drafts);
        drafts.sort(Comparator.comparingInt(d -> d.order));

        List<Tracker> trackers = new ArrayList<>(receipts.size() + drafts.size());
        Map<Draft, String> ids = new IdentityHashMap<>();
        for (Tracker r : receipts) {
            trackers.add(withId(r, "T" + (trackers.size() + 1)));
        }
        for (Draft d : drafts) {
            String id = "T" + (trackers.size() + 1);
            ids.put(d, id);
            trackers.add(d.toTracker(id, run.parties));
        }
        List<Link> finalLinks = new ArrayList<>(links.size());
        for (int k = 0; k < links.size(); k++) {
            Link l = links.get(k);
            Draft owner = run.linkOwners.get(k);
            finalLinks.add(owner == null ? l : new Link(l.url(), l.host(), l.text(), l.destination(), ids.get(owner),
                    l.location(), l.campaignParameters(), l.recipientIdentifiers()));
        }

        invalidHosts(trackers, remote, anomalies);
        Cancellation.check();

        // the visible text is read once and shared by the marker finder and the sender identifier (and assess)
        List<VisibleText> texts = VisibleText.ofEmail(email, html, VisibleText.DEFAULT_MAX_CHARS, walked);
        Cancellation.check();
        ConsentMarkerFinder.AllAndPrivacy found = markerFinder.findAllAndPrivacyLinks(email, texts);
        List<ConsentMarker> markers = found.all();
        EnumSet<ConsentMarkerType> missing = EnumSet.allOf(ConsentMarkerType.class);
        for (ConsentMarker m : markers) {
            missing.remove(m.type());
        }
        Cancellation.check();
        SenderIdentity sender = senderIdentifier.identifyFrom(email, texts, run.matcher.addresses(),
                found.privacyPolicyLinks());
        // a read-receipt request alone does not make mass mail: people ask for one in their own correspondence
        boolean tracked = trackers.stream().anyMatch(t -> t.kind() != TrackerKind.READ_RECEIPT);
        Cancellation.check();
        SenderIdentityCheck.Outcome doubts = SenderIdentityCheck.check(email, sender, finalLinks, texts, run.parties,
                vendors, tracked, decoder);
        if (!doubts.caveats().isEmpty()) {
            sender = sender.withIdentityCaveats(doubts.caveats());
        }
        return new Detection(new Findings(run.matcher.addresses(), trackers, remote, finalLinks, markers,
                List.copyOf(missing), sender, espHints(email), headerIdentifiers(email, run.matcher), anomalies), texts,
                doubts.supporting());
    }

    /**
     * Records one {@link AnomalyCode#INVALID_URL_HOST} when trackers or other remote loads name a host holding control
     * or bidirectional formatting characters ({@link #invalidHost}); they stay listed as written.
     */
    private static void invalidHosts(List<Tracker> trackers, List<RemoteResource> remote, List<Anomaly> anomalies) {
        long t = trackers.stream().filter(x -> invalidHost(x.host())).count();
        long r = remote.stream().filter(x -> invalidHost(x.host())).count();
        if (t + r > 0) {
            anomalies.add(new Anomaly(AnomalyCode.INVALID_URL_HOST, "1", t + " tracker(s) and " + r + " other remote "
                    + "load(s) name a host holding control or bidirectional formatting characters, which no valid "
                    + "host holds (WHATWG URL Standard; RFC 3986 section 3.2.2): a client following the standard "
                    + "would not request them; listed as written"));
        }
    }

    /**
     * @param host a URL's host as {@link WebUrl} reads it (percent-decoded, lower case), may be {@code null}
     * @return true when it holds a C0 or C1 control character, DEL, or a bidirectional formatting character
     *         ({@link BidiControls#isBidiControl}): forbidden in a host by the WHATWG URL Standard (forbidden domain
     *         code points, and UTS #46 processing for the bidirectional controls)
     */
    static boolean invalidHost(String host) {
        return host != null && host.chars().anyMatch(c -> Character.isISOControl(c) || BidiControls.isBidiControl(c));
    }

    /**
     * Keeps {@code max} items of {@code items} when there are more, chosen by {@link ReferenceTriage#keep} (those a
     * client loads first, and within them those carrying the recipient's identifier or on a vendor's host, ...),
     * recording how many were left out.
     *
     * @param order how the kept ones were chosen, for the anomaly's detail
     */
    private static <T> void bound(List<T> items, int max, String what, String order,
            java.util.function.ToIntFunction<T> rank, List<Anomaly> anomalies) {
        int found = items.size();
        int left = ReferenceTriage.keep(items, max, rank);
        if (left > 0) {
            anomalies.add(new Anomaly(AnomalyCode.REFERENCES_NOT_ANALYSED, "1", found + " " + what + " found; only "
                    + max + " were analysed: " + order + ", each in document order; " + left + " left out"));
        }
    }

    // ------------------------------------------------------------------------------------------ recipients

    /**
     * @return the recipient addresses of To, Delivered-To and X-Original-To plus the extra ones, as written (each
     *         spelling once: the original case matters to hashed identifiers), header order first
     */
    static List<String> recipientAddresses(ReceivedEmail email, List<String> extra) {
        Set<String> out = new LinkedHashSet<>();
        for (String field : List.of("To", "Delivered-To", "X-Original-To")) {
            for (String value : email.headers(field)) {
                out.addAll(addressesIn(value));
            }
        }
        for (String e : extra) {
            out.addAll(addressesIn(e));
        }
        return List.copyOf(out);
    }

    /** @return the {@code local@domain} addresses in a header value, in order. */
    static List<String> addressesIn(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int n = value.length();
        int at = value.indexOf('@');
        while (at > 0 && at < n - 1) {
            int s = at;
            while (s > 0 && isAddressChar(value.charAt(s - 1))) {
                s--;
            }
            int e = at + 1;
            while (e < n && (Character.isLetterOrDigit(value.charAt(e)) || value.charAt(e) == '.'
                    || value.charAt(e) == '-')) {
                e++;
            }
            while (e > at + 1 && value.charAt(e - 1) == '.') {
                e--;
            }
            if (s < at && e > at + 1 && value.substring(at + 1, e).indexOf('.') > 0) {
                out.add(value.substring(s, e));
            }
            at = value.indexOf('@', Math.max(e, at + 1));
        }
        return out;
    }

    private static boolean isAddressChar(char c) {
        return Character.isLetterOrDigit(c) || "._%+-=!#$&'*/?^`{|}~".indexOf(c) >= 0;
    }

    private static List<RecipientIdentifier> headerIdentifiers(ReceivedEmail email, RecipientMatcher matcher) {
        List<RecipientIdentifier> out = new ArrayList<>();
        if (matcher.isEmpty()) {
            return out;
        }
        int searched = 0;
        for (Header h : email.headers()) {
            if (!mayCarryIdentifier(h.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Cancellation.checkEvery(++searched);
            for (RecipientMatcher.Match m : matcher.find(h.decoded())) {
                out.add(new RecipientIdentifier(m.value(), m.encoding(), h.name(), m.address(), "header",
                        h.name()));
            }
        }
        return out;
    }

    /** Standard header fields a sender or its ESP fills and may fill with the recipient's identity. */
    private static final Set<String> IDENTIFIER_FIELDS = Set.of("from", "sender", "reply-to", "return-path",
            "errors-to", "bounces-to", "list-unsubscribe", "list-id", "list-help", "list-subscribe", "list-owner",
            "list-post", "list-archive", "message-id", "references", "in-reply-to", "feedback-id", "resent-from",
            "disposition-notification-to", "return-receipt-to", "x-confirm-reading-to", "comments", "keywords");
    /** Extension fields added by the receiving side's filters and servers: long, and never the sender's. */
    private static final List<String> RECEIVER_PREFIXES = List.of("x-ms-", "x-microsoft-", "x-forefront-",
            "x-exchange-", "x-google-", "x-gm-", "x-received", "x-spam", "x-virus", "x-proofpoint-", "x-mimecast-",
            "x-barracuda-", "x-originating-ip", "x-ironport-", "x-sophos-", "x-eopattributedmessage",
            "x-crosspremises", "x-ovh-", "x-yahoo-", "x-apple-", "x-antiabuse", "x-orig-");

    /**
     * @param lowerName a header field name in lower case
     * @return true when the field is searched for recipient identifiers: the standard fields a sender fills, and the
     *         sender's own extension fields ({@code X-...}), not the recipient fields nor what receiving servers add
     */
    static boolean mayCarryIdentifier(String lowerName) {
        if (RECIPIENT_FIELDS.contains(lowerName)) {
            return false;
        }
        if (IDENTIFIER_FIELDS.contains(lowerName)) {
            return true;
        }
        if (!lowerName.startsWith("x-")) {
            return false;
        }
        for (String p : RECEIVER_PREFIXES) {
            if (lowerName.startsWith(p)) {
                return false;
            }
        }
        return true;
    }

    private List<String> espHints(ReceivedEmail email) {
        Set<String> out = new LinkedHashSet<>();
        for (Header h : email.headers()) {
            for (Vendor v : vendors.vendorsOfHeader(h.name())) {
                out.add(v.id());
            }
        }
        List<String> domains = new ArrayList<>(PartyResolver.dkimDomains(email));
        String rp = Domains.domainOf(email.header("Return-Path").orElse(null));
        if (rp != null) {
            domains.add(rp);
        }
        for (String d : domains) {
            for (Vendor v : vendors.vendorsOfHost(d)) {
                out.add(v.id());
            }
        }
        return List.copyOf(out);
    }

    // -------------------------------------------------------------------------------------------- receipts

    private List<Tracker> readReceipts(ReceivedEmail email, Run run, BodyScanner.Order order) {
        List<Tracker> out = new ArrayList<>();
        for (Header h : email.headers()) {
            String name = null;
            for (String r : READ_RECEIPT_HEADERS) {
                if (h.is(r)) {
                    name = r;
                }
            }
            if (name == null || h.decoded().isBlank()) {
                continue;
            }
            order.next();
            String host = Domains.domainOf(h.decoded());
            List<Signal> signals = List.of(new Signal(SignalCodes.READ_RECEIPT_HEADER,
                    name + " asks the mail client to send a receipt when the message is read"));
            out.add(new Tracker("T0", TrackerKind.READ_RECEIPT, "header:" + name, host, null, null,
                    run.parties.partyOf(host, false, false), List.of(), List.of(), Confidence.HIGH, signals, List.of(),
                    new Location(email.root().path(), "header", name, null),
                    BodyScanner.bounded(h.name() + ": " + h.decoded()), "header.read-receipt", null, null, List.of(),
                    null, run.parties.partyCode(host, run.parties.partyOf(host, false, false))));
        }
        return out;
    }

    private static Tracker withId(Tracker t, String id) {
        return new Tracker(id, t.kind(), t.url(), t.host(), t.vendor(), t.vendorDetails(), t.party(),
                t.recipientIdentifiers(), t.perRecipientTokens(), t.confidence(), t.signals(), t.hiddenBy(),
                t.location(), t.evidence(), t.ruleId(), t.destination(), t.wrappedBy(), t.hiddenByCodes(),
                t.conditionCode(), t.partyCode());
    }

    // ----------------------------------------------------------------------------------------- plain text

    private static void textLinks(BodyText body, BodyScanner.Order order, List<RawLink> links) {
        String t = body.text();
        String lower = CaseFold.lowerKeepingIndexes(t);
        int lineEnd = -1; // the end of the line of the previous link, whose evidence is reused: links on one line
        String lineEvidence = null; // share it, and a body of one long line of links stays linear
        int i = lower.indexOf("http");
        while (i >= 0) {
            boolean scheme = lower.startsWith("https://", i) || lower.startsWith("http://", i);
            boolean boundary = i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1));
            int end = i;
            if (scheme && boundary) {
                while (end < t.length() && t.charAt(end) > ' ' && "<>\"".indexOf(t.charAt(end)) < 0) {
                    end++;
                }
                while (end > i && ".,;:!?)]}'".indexOf(t.charAt(end - 1)) >= 0) {
                    end--;
                }
                WebUrl url = WebUrl.of(t.substring(i, end), null);
                if (url != null && url.isRemote()) {
                    if (i >= lineEnd) { // a URL holds no line break: its line is the one around its start
                        int ls = t.lastIndexOf('\n', i) + 1;
                        int le = t.indexOf('\n', end);
                        lineEnd = le < 0 ? t.length() : le;
                        lineEvidence = BodyScanner.bounded(t.substring(ls, lineEnd).strip());
                    }
                    links.add(new RawLink(order.next(), url, "", new Location(body.partPath(), "text", null, null),
                            lineEvidence));
                }
            }
            i = lower.indexOf("http", Math.max(end, i + 4));
        }
    }

    // ----------------------------------------------------------------------------------- class-based styles

    /** Elements that top-level {@code <style>} rules hide or shrink, with the facts of those rules. */
    private static Map<Element, StyleFacts> classStyles(HtmlBody body, List<CssScanner.Sheet> sheets) {
        Map<Element, StyleFacts> out = new IdentityHashMap<>();
        int tried = 0;
        for (CssScanner.Sheet sheet : sheets) {
            for (CssScanner.Rule rule : sheet.rules()) {
                if (!rule.atRules().isEmpty() || rule.selector().isEmpty() || rule.selector().contains(":")) {
                    continue; // conditional rules (media queries, hover) do not hide in general
                }
                StyleFacts f = StyleFacts.of(rule.declarations());
                if (!(f.hidden() || f.offScreen() || f.zeroSizeWrapper() || tiny(f.width(), f.height())
                        || tiny(f.maxWidth(), f.maxHeight()))) {
                    continue;
                }
                if (++tried > 200) {
                    return out;
                }
                Cancellation.check(); // per rule: each select walks the whole document
                Elements matched;
                try {
                    matched = body.document().select(rule.selector());
                } catch (RuntimeException e) {
                    continue; // a selector jsoup does not understand: browsers would ignore the rule too
                }
                for (Element el : matched) {
                    out.putIfAbsent(el, f);
                }
            }
        }
        return out;
    }

    static boolean tiny(double w, double h) {
        return !Double.isNaN(w) && !Double.isNaN(h) && w <= 3 && h <= 3;
    }

    // ------------------------------------------------------------------------------------------ per message

    /** A tracker being built: its signals and what it will say. */
    private final class Draft {
        int order;
        TrackerKind kind;
        WebUrl url;
        String host;
        VendorIndex.VendorMatch vendor;
        /** the vendor named by a per-recipient parameter rule, when no URL pattern matched */
        Vendor paramVendor;
        Party party;
        final List<RecipientIdentifier> identifiers = new ArrayList<>();
        final Set<String> tokens = new LinkedHashSet<>();
        /** query parameters that identify the vendor account or the campaign, never the recipient */
        final Set<String> ignoredParams = new HashSet<>();
        /** {@code name=value} of a parameter named like a subscriber key, or {@code null} */
        String subscriberKey;
        final Map<String, Signal> signals = new LinkedHashMap<>();
        final List<String> hiddenBy = new ArrayList<>();
        /** one {@link HiddenBy} code per entry of {@link #hiddenBy}, in the same order */
        final List<String> hiddenByCodes = new ArrayList<>();
        Location location;
        String evidence;
        String ruleId;
        String destination;
        String wrappedBy;
        int links;
        /** the context of a conditional CSS rule ({@code print}, {@code dark mode}...), or {@code null} */
        String condition;
        /** the excerpts of the other CSS rules that load the same URL (a forward-detection block lists several) */
        final List<String> otherRules = new ArrayList<>();
        String partyCode;

        void signal(String code, String detail) {
            signals.putIfAbsent(code, new Signal(code, detail));
        }

        boolean has(String code) {
            return signals.containsKey(code);
        }

        int weight() {
            int w = 0;
            for (String code : signals.keySet()) {
                w += SignalCodes.weight(code);
            }
            return w;
        }

        boolean identifying() {
            return has(SignalCodes.VENDOR_RULE) || has(SignalCodes.VENDOR_CLICK_RULE)
                    || has(SignalCodes.RECIPIENT_IDENTIFIER) || has(SignalCodes.RECIPIENT_PARAMETER)
                    || has(SignalCodes.BEACON_ELEMENT) || has(SignalCodes.HIGH_ENTROPY_TOKEN)
                    || has(SignalCodes.SHARED_TOKEN) || has(SignalCodes.REDIRECTOR)
                    || has(SignalCodes.VENDOR_PATH_SHAPE) || has(SignalCodes.SUBSCRIBER_KEY);
        }

        /**
         * @param id      the tracker id ({@code T1}...)
         * @param parties the sender's domains, to tell self-hosted software on the sender's domain
         */
        Tracker toTracker(String id, PartyResolver parties) {
            Confidence conf = SignalCodes.confidence(weight());
            if (!identifying()) {
                conf = Confidence.LOW; // nothing in it can single out the recipient: an aggregate open count at most
            }
            List<Signal> sig = new ArrayList<>(signals.values());
            if (links > 1) {
                Signal first = sig.get(0);
                sig.set(0, new Signal(first.code(), first.detail() + " (" + links + " links)"));
            }
            List<String> tok = new ArrayList<>(tokens);
            if (tok.size() > MAX_TOKENS) {
                tok = tok.subList(0, MAX_TOKENS);
            }
            Vendor v = vendor != null ? vendor.vendor() : paramVendor;
            VendorRef ref = v == null ? null : new VendorRef(v.id(), v.name(), v.legalName(), v.country(),
                    v.outsideEea());
            Party shownParty = party;
            String shownPartyCode = partyCode;
            if (v != null && v.selfHostable() && (vendor == null || !vendor.vendorHost())) {
                // software its users install on their own servers (Matomo), matched on a host that is not the
                // maker's: whoever runs that host runs the software, so neither the maker's legal entity nor its
                // country (a transfer) can be inferred
                ref = new VendorRef(v.id(), v.name(), null, null, false);
                if (parties.sameOrganisation(host)) {
                    shownParty = Party.FIRST_PARTY;
                    shownPartyCode = PartyResolver.SELF_HOSTED_SOFTWARE;
                }
            }
            String ev = evidence;
            if (!otherRules.isEmpty()) {
                ev = BodyScanner.bounded(evidence + "\n" + String.join("\n", otherRules));
            }
            String conditionCode = conditionCode(condition);
            return new Tracker(id, kind, url.url(), host, v == null ? null : v.name(), ref, shownParty,
                    identifiers, tok, conf, sig, hiddenBy, location, ev, ruleId, destination, wrappedBy,
                    hiddenByCodes, conditionCode, shownPartyCode);
        }
    }

    /** The state of one analysis. */
    private final class Run {
        final ReceivedEmail email;
        final RecipientMatcher matcher;
        final PartyResolver parties;
        final List<Candidate> candidates = new ArrayList<>();
        final List<RawLink> links = new ArrayList<>();
        final Map<Element, StyleFacts> classStyles = new IdentityHashMap<>();
        final Map<Element, StyleFacts> inlineStyles = new IdentityHashMap<>();
        final Set<Element> lastContent = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Draft> linkOwners = new ArrayList<>();
        /** high-entropy tokens of links, with the number of distinct link URLs holding each. */
        final Map<String, Integer> linkTokens = new HashMap<>();
        final Set<String> loadTokens = new HashSet<>();
        final Map<String, Integer> imagesPerHost = new HashMap<>();
        /** values of subscriber-key-named parameters, with the number of URLs holding each */
        final Map<String, Integer> keyUses = new HashMap<>();
        boolean keyUsesCounted;
        final Map<RawLink, LinkDecoder.Unwrapped> unwrappedLinks = new IdentityHashMap<>();
        final Map<Candidate, LinkDecoder.Unwrapped> unwrappedLoads = new IdentityHashMap<>();
        /** per-URL results, computed once: the same URL often appears many times in a message */
        private final Map<String, List<Tokens.Token>> tokenMemo = new HashMap<>();
        private final Map<String, List<VendorIndex.VendorMatch>> vendorMemo = new HashMap<>();
        private final Map<String, List<RecipientMatcher.Match>> idMemo = new HashMap<>();
        private final Map<String, List<RecipientIdentifier>> placedIdMemo = new HashMap<>();
        private final Map<String, String> carrierMemo = new HashMap<>();
        /** per token: the id fields of a base64 JSON token, or a marker for base64 of text, or nothing */
        private final Map<String, List<String>> tokenKindMemo = new HashMap<>();

        List<Tokens.Token> tokens(WebUrl url) {
            return tokenMemo.computeIfAbsent(url.url(), k -> Tokens.highEntropy(url));
        }

        List<VendorIndex.VendorMatch> vendorMatches(WebUrl url) {
            return vendorMemo.computeIfAbsent(url.url(), k -> vendors.match(url));
        }

        List<RecipientMatcher.Match> ids(String text) {
            return idMemo.computeIfAbsent(text, matcher::find);
        }

        Run(ReceivedEmail email, RecipientMatcher matcher, PartyResolver parties) {
            this.email = email;
            this.matcher = matcher;
            this.parties = parties;
        }

        void prepare() {
            Set<String> seenUrls = new HashSet<>();
            int prepared = 0;
            for (RawLink l : links) {
                Cancellation.checkEvery(++prepared);
                LinkDecoder.Unwrapped u = l.url().isRemote() ? decoder.unwrap(l.url()) : new LinkDecoder.Unwrapped(
                        l.url(), null);
                unwrappedLinks.put(l, u);
                if (u.url() != null && u.url().isRemote() && seenUrls.add(u.url().url())) {
                    for (Tokens.Token t : tokens(u.url())) {
                        linkTokens.merge(t.value(), 1, Integer::sum);
                    }
                }
            }
            for (Candidate c : candidates) {
                Cancellation.checkEvery(++prepared);
                LinkDecoder.Unwrapped u = decoder.unwrap(c.url());
                unwrappedLoads.put(c, u);
                WebUrl url = u.url() != null ? u.url() : c.url();
                if (IMAGE_VECTORS.contains(c.vector()) || CSS_VECTORS.contains(c.vector())) {
                    imagesPerHost.merge(url.host(), 1, Integer::sum);
                }
                for (Tokens.Token t : tokens(url)) {
                    loadTokens.add(t.value());
                }
            }
        }

        /**
         * @return the id fields of a base64 JSON token, {@link #TEXT_TOKEN} for base64 of readable text, or an empty
         *         list for an opaque token; computed once per token value
         */
        private List<String> tokenKind(String value) {
            List<String> k = tokenKindMemo.get(value);
            if (k == null) {
                String text = LinkDecoder.base64Text(value);
                List<String> ids = text == null ? List.of() : LinkDecoder.idsInJson(text);
                if (!ids.isEmpty()) {
                    // id fields left unfilled ("email_id":"{{id}}") identify nobody: the token is then text
                    List<String> filled = ids.stream().filter(id -> !RecipientTokens.identifiesNobody(
                            RecipientTokens.valueOf(id))).toList();
                    k = filled.isEmpty() ? TEXT_TOKEN : filled;
                } else {
                    k = (text != null && LinkDecoder.isReadableText(text)) || RecipientTokens.encodesUrl(value)
                            ? TEXT_TOKEN : List.of();
                }
                tokenKindMemo.put(value, k);
            }
            return k;
        }

        /** @return per value, the number of URLs whose subscriber-key-named parameters hold it; computed once */
        private Map<String, Integer> keyUses() {
            if (!keyUsesCounted) {
                keyUsesCounted = true;
                for (RawLink l : links) {
                    countKeys(l.url());
                }
                for (Candidate c : candidates) {
                    countKeys(c.url());
                }
            }
            return keyUses;
        }

        /** Counts, per value, the URLs whose subscriber-key-named parameters hold it. */
        private void countKeys(WebUrl url) {
            if (url.query() == null || hintParams.isEmpty()) {
                return;
            }
            for (WebUrl.QueryParam p : url.params()) {
                for (TrackingParameter tp : hintParams) {
                    if (tp.name().matcher(p.name()).matches() && !p.value().isEmpty()) {
                        keyUses.merge(p.value(), 1, Integer::sum);
                        break;
                    }
                }
            }
        }

        // ------------------------------------------------------------------------------------ remote loads

        Draft scoreLoad(Candidate c) {
            LinkDecoder.Unwrapped uw = unwrappedLoads.get(c);
            if (uw.url() == null || !uw.url().isRemote()) {
                return null; // a proxy hides the sender's URL: nothing to say about the sender
            }
            WebUrl url = uw.url();
            Draft d = new Draft();
            d.order = c.order();
            d.kind = kindOf(c.vector());
            d.url = url;
            d.host = url.host();
            d.location = c.location();
            d.evidence = c.evidence();
            d.wrappedBy = uw.wrapperId();

            boolean assetHost = false;
            VendorIndex.VendorMatch open = null;
            VendorIndex.VendorMatch shape = null;
            for (VendorIndex.VendorMatch m : vendorMatches(url)) {
                if (m.hostMatched() && m.kind() == PatternKind.OPEN && open == null) {
                    open = m;
                } else if (m.vendorHost() && m.kind() == PatternKind.ASSET) {
                    assetHost = true;
                    if (d.vendor == null) {
                        d.vendor = m;
                    }
                } else if (!m.hostMatched() && m.kind() == PatternKind.OPEN && shape == null) {
                    shape = m;
                }
            }
            if (open != null) {
                d.vendor = open;
                d.ruleId = open.pattern().id();
                d.signal(SignalCodes.VENDOR_RULE, "matches " + open.pattern().id() + " (" + open.vendor().name()
                        + ")");
            } else if (shape != null) {
                d.vendor = shape;
                d.ruleId = shape.pattern().id();
                d.signal(SignalCodes.VENDOR_PATH_SHAPE, "path has the shape of " + shape.pattern().id() + " ("
                        + shape.vendor().name() + ") on host " + url.host());
            }
            if ("amp-pixel".equals(c.vector()) || "amp-analytics".equals(c.vector())) {
                d.signal(SignalCodes.BEACON_ELEMENT, "<" + c.location().element() + "> exists only to report the"
                        + " opening");
            }
            identifiers(d, url);
            recipientParameters(d, url, true);
            boolean entropy = false;
            boolean shared = false;
            for (Tokens.Token t : addTokens(d, url, null)) {
                if (!entropy) {
                    d.signal(SignalCodes.HIGH_ENTROPY_TOKEN, "token " + abbreviate(t.value()) + " in the " + t.where()
                            + " (about " + Math.round(t.bits()) + " bits)");
                }
                entropy = true;
                if (!shared && linkTokens.containsKey(t.value())) {
                    shared = true;
                    d.signal(SignalCodes.SHARED_TOKEN, "token " + abbreviate(t.value())
                            + " also appears in the message's links");
                }
            }
            boolean revealing = CssScanner.revealing(c.condition());
            if (revealing) {
                d.signal(SignalCodes.CONDITIONAL_CSS, "rule fires only on " + c.condition());
            }
            if (c.mso()) {
                d.signal(SignalCodes.OUTLOOK_ONLY, "inside an Outlook conditional comment <!--[if mso]>");
            }
            Element el = c.element();
            Shape sh = el != null && !"style".equals(el.normalName()) ? elementSignals(d, c, el) : Shape.NONE;
            boolean asset = imageAsset(url, tokens(url));
            // hiding counts only for what is not a visibly sized, static image: responsive templates hide the
            // desktop or mobile variant of their pictures
            boolean shapeSignal = shape != null || sh.tiny() || (sh.hidden() && !sh.large() && !asset);
            if (IMAGE_VECTORS.contains(c.vector()) && imagesPerHost.getOrDefault(url.host(), 0) == 1
                    && imagesPerHost.size() >= 3) {
                d.signal(SignalCodes.ONLY_IMAGE_FROM_HOST, "the only image from " + url.host());
            }
            // beacons that are not images (CSS backgrounds, VML fills, AMP lists): the same fetch on opening, keyed by
            // an opaque token instead of the address
            boolean boxBeacon = false;
            String trackingPath = trackingPath(url);
            if (trackingPath != null) {
                d.signal(SignalCodes.TRACKING_PATH, "path " + trackingPath + " names a tracking endpoint");
            }
            if (d.subscriberKey != null) {
                String value = d.subscriberKey.substring(d.subscriberKey.indexOf('=') + 1);
                int uses = keyUses.getOrDefault(value, 0);
                d.signal(SignalCodes.SUBSCRIBER_KEY, "parameter " + d.subscriberKey + " names a subscriber"
                        + (uses > 1 ? " (the same value in " + uses + " URLs of the message)" : ""));
                d.tokens.add(d.subscriberKey);
            }
            if (!IMAGE_VECTORS.contains(c.vector()) || c.vector().startsWith("vml-")) {
                boolean keyed = trackingPath != null || d.subscriberKey != null || (entropy && !asset);
                boolean small = el != null && !"style".equals(el.normalName()) && boxSignals(d, c, el);
                boolean context = c.condition() != null || "amp-list".equals(c.vector())
                        || "amp-analytics".equals(c.vector());
                if (keyed && (small || sh.hidden() || (context && (d.subscriberKey != null || trackingPath != null
                        || entropy))) && !assetHost) {
                    boxBeacon = true;
                    if (c.condition() != null && !revealing) {
                        d.signal(SignalCodes.CONDITIONAL_CSS, "rule fires only on " + c.condition());
                    }
                }
            }
            boolean decisive = d.has(SignalCodes.VENDOR_RULE) || d.has(SignalCodes.RECIPIENT_IDENTIFIER)
                    || d.has(SignalCodes.RECIPIENT_PARAMETER) || d.has(SignalCodes.BEACON_ELEMENT);
            boolean tracker = decisive
                    || (shapeSignal && !spacer(url, entropy || shared, assetHost, asset))
                    || (entropy && revealing && !assetHost)
                    || (entropy && shared && !assetHost && !sh.large() && !asset)
                    || boxBeacon;
            if (!tracker) {
                return null;
            }
            if (d.ruleId == null) {
                d.ruleId = d.kind == TrackerKind.CSS_BEACON ? "heuristic.css-beacon"
                        : d.kind == TrackerKind.OPEN_PIXEL ? "heuristic.pixel" : "heuristic.beacon";
            }
            d.party = parties.partyOf(d.host, d.vendor != null && d.vendor.vendorHost(),
                    d.vendor != null && !d.vendor.vendorHost() && (shape != null || open != null));
            d.partyCode = parties.partyCode(d.host, d.party);
            d.condition = c.condition();
            return d;
        }

        /**
         * The box a non-image beacon paints into: a table cell or block with a CSS background, or the VML shape
         * around a {@code v:fill}/{@code v:image}. Adds {@link SignalCodes#DECLARED_SIZE} or
         * {@link SignalCodes#CSS_SIZE} when it is at most 1 pixel high or wide (or 3x3).
         *
         * @return true when the box is that small
         */
        private boolean boxSignals(Draft d, Candidate c, Element el) {
            Element box = el;
            if (c.vector().startsWith("vml-")) {
                box = null;
                for (Element e = el; e != null; e = e.parent()) {
                    if (e.normalName().startsWith("v:") && e.hasAttr("style")) {
                        box = e;
                        break;
                    }
                }
                if (box == null) {
                    return false;
                }
            }
            StyleFacts own = styleOf(box);
            double w = own.widthDeclared() ? own.width() : StyleFacts.px(box.attr("width"));
            double h = own.heightDeclared() ? own.height() : StyleFacts.px(box.attr("height"));
            boolean tinyBox = tiny(w, h) || (!Double.isNaN(h) && h <= 1) || (!Double.isNaN(w) && w <= 1);
            if (!tinyBox) {
                return false;
            }
            boolean fromCss = own.widthDeclared() || own.heightDeclared();
            String who = box == el ? "" : " on the enclosing <" + box.normalName() + ">";
            String detail = (fromCss ? "CSS " + own.summary()
                    : ((box.hasAttr("width") ? "width=" + box.attr("width").trim() : "")
                            + (box.hasAttr("width") && box.hasAttr("height") ? " " : "")
                            + (box.hasAttr("height") ? "height=" + box.attr("height").trim() : ""))) + who;
            if (!d.has(SignalCodes.DECLARED_SIZE) && !d.has(SignalCodes.CSS_SIZE)) {
                d.signal(fromCss ? SignalCodes.CSS_SIZE : SignalCodes.DECLARED_SIZE, detail);
                d.hiddenBy.add(detail);
                d.hiddenByCodes.add(fromCss ? HiddenBy.CSS_SIZE : HiddenBy.DECLARED_SIZE);
            }
            return true;
        }

        /** Size, visibility and position signals of the element and its ancestors. */
        private Shape elementSignals(Draft d, Candidate c, Element el) {
            boolean tiny = false;
            boolean hidden = false;
            boolean large = false;
            StyleFacts own = styleOf(el);
            StyleFacts cls = classStyles.get(el);
            boolean imageLike = IMAGE_VECTORS.contains(c.vector());
            if (imageLike || "iframe".equals(c.vector()) || "embed".equals(c.vector())
                    || "object".equals(c.vector())) {
                // CSS overrides the presentational attributes, a class rule less than the style attribute
                double w = effective(own, cls, true, StyleFacts.px(el.attr("width")));
                double h = effective(own, cls, false, StyleFacts.px(el.attr("height")));
                // visibly sized: any dimension over 3 pixels or a percentage, from CSS or from the attributes
                // (CSS "auto" keeps the attribute's size)
                large = (!Double.isNaN(w) && w > 3) || (!Double.isNaN(h) && h > 3)
                        || big(el.attr("width")) || big(el.attr("height"))
                        || big(own.width()) || big(own.height())
                        || (cls != null && (big(cls.width()) || big(cls.height())));
                boolean declaredTiny = tiny(w, h) || (!Double.isNaN(w) && w <= 1 && Double.isNaN(h))
                        || (!Double.isNaN(h) && h <= 1 && Double.isNaN(w));
                if (declaredTiny) {
                    boolean fromCss = own.widthDeclared() || own.heightDeclared()
                            || (cls != null && (cls.widthDeclared() || cls.heightDeclared()));
                    String detail = fromCss ? "CSS " + (own.summary().isEmpty() && cls != null ? cls.summary()
                            : own.summary())
                            : (el.hasAttr("width") ? "width=" + el.attr("width").trim() : "")
                                    + (el.hasAttr("width") && el.hasAttr("height") ? " " : "")
                                    + (el.hasAttr("height") ? "height=" + el.attr("height").trim() : "");
                    d.signal(fromCss ? SignalCodes.CSS_SIZE : SignalCodes.DECLARED_SIZE, detail);
                    d.hiddenBy.add(detail);
                    d.hiddenByCodes.add(fromCss ? HiddenBy.CSS_SIZE : HiddenBy.DECLARED_SIZE);
                    tiny = true;
                }
                for (StyleFacts f : cls == null ? List.of(own) : List.of(own, cls)) {
                    if (tiny(f.maxWidth(), f.maxHeight()) || (!Double.isNaN(f.maxHeight()) && f.maxHeight() <= 0)
                            || (!Double.isNaN(f.maxWidth()) && f.maxWidth() <= 0)) {
                        if (!d.has(SignalCodes.CSS_SIZE)) {
                            d.signal(SignalCodes.CSS_SIZE, f.summary());
                            d.hiddenBy.add("CSS " + f.summary());
                            d.hiddenByCodes.add(HiddenBy.CSS_MAX_SIZE);
                        }
                        tiny = true;
                    }
                }
                boolean hasAlt = "img".equals(c.vector()) || "img-srcset".equals(c.vector())
                        || "amp-img".equals(c.vector()) || "input-image".equals(c.vector());
                if (hasAlt && el.attr("alt").isBlank()) {
                    d.signal(SignalCodes.EMPTY_ALT, el.hasAttr("alt") ? "alt=\"\"" : "no alt attribute");
                }
                if (lastContent.contains(el)) {
                    d.signal(SignalCodes.LAST_ELEMENT, "last element of the body");
                }
            }
            // the element itself and its ancestors
            int depth = 0;
            for (Element e = el; e != null && depth < 600; e = e.parent(), depth++) {
                String tag = e.normalName();
                if ("body".equals(tag) || "html".equals(tag) || "#root".equals(tag)) {
                    break;
                }
                String who = e == el ? "" : " on an enclosing <" + tag + ">";
                if (e.hasAttr("hidden")) {
                    if (!d.has(SignalCodes.HIDDEN_CSS)) {
                        d.signal(SignalCodes.HIDDEN_CSS, "hidden attribute" + who);
                        d.hiddenBy.add("hidden attribute" + who);
                        d.hiddenByCodes.add(e == el ? HiddenBy.HIDDEN_ATTRIBUTE : HiddenBy.HIDDEN_ATTRIBUTE_ANCESTOR);
                    }
                    hidden = true;
                }
                StyleFacts eOwn = e == el ? own : styleOf(e);
                StyleFacts eCls = e == el ? cls : classStyles.get(e);
                for (StyleFacts f : eCls == null ? List.of(eOwn) : List.of(eOwn, eCls)) {
                    if (f == StyleFacts.NONE) {
                        continue;
                    }
                    String how = f == eCls ? " (style sheet rule)" : "";
                    if (f.hidden()) {
                        if (!d.has(SignalCodes.HIDDEN_CSS)) {
                            d.signal(SignalCodes.HIDDEN_CSS, f.hidingDeclaration() + who + how);
                            d.hiddenBy.add(f.hidingDeclaration() + who + how);
                            d.hiddenByCodes.add(e == el ? HiddenBy.CSS_HIDDEN : HiddenBy.CSS_HIDDEN_ANCESTOR);
                        }
                        hidden = true;
                    }
                    if (f.offScreen()) {
                        if (!d.has(SignalCodes.OFF_SCREEN)) {
                            d.signal(SignalCodes.OFF_SCREEN, f.summary() + who + how);
                            d.hiddenBy.add("off-screen (" + f.summary() + ")" + who);
                            d.hiddenByCodes.add(HiddenBy.OFF_SCREEN);
                        }
                        hidden = true;
                    }
                    if (e != el && (f.zeroSizeWrapper() || (f.fontSizeZero() && f.lineHeightZero()
                            && f.overflowHidden()))) {
                        if (!d.has(SignalCodes.HIDDEN_WRAPPER)) {
                            d.signal(SignalCodes.HIDDEN_WRAPPER, f.summary() + who + how);
                            d.hiddenBy.add("inside a zero-size wrapper (" + f.summary() + ")");
                            d.hiddenByCodes.add(HiddenBy.ZERO_SIZE_WRAPPER);
                        }
                        hidden = true;
                    }
                }
            }
            return new Shape(tiny, hidden, large);
        }

        private StyleFacts styleOf(Element el) {
            StyleFacts f = inlineStyles.get(el);
            if (f == null) {
                String style = el.attr("style");
                if (style.isEmpty()) {
                    f = StyleFacts.NONE;
                } else {
                    if (style.length() > limits.maxCssBytes()) {
                        style = style.substring(0, limits.maxCssBytes());
                    }
                    f = StyleFacts.of(CssScanner.declarations(style));
                }
                inlineStyles.put(el, f);
            }
            return f;
        }

        RemoteResource remote(Candidate c) {
            LinkDecoder.Unwrapped uw = unwrappedLoads.get(c);
            WebUrl url = uw.url() != null ? uw.url() : c.url();
            String vendor = null;
            for (VendorIndex.VendorMatch m : vendorMatches(url)) {
                if (m.vendorHost()) {
                    vendor = m.vendor().name();
                    break;
                }
            }
            return new RemoteResource(c.url().url(), c.url().host(), c.vector(), vendor, c.location(), c.evidence());
        }

        private void identifiers(Draft d, WebUrl url) {
            identifiers(d, url, null, null);
        }

        /**
         * Searches the recipient's address in each part of the URL (path segments, query values raw and decoded,
         * fragment) and in the destination it carries, so that each match says exactly where it sits and its value
         * is the token that matched.
         */
        private void identifiers(Draft d, WebUrl url, String destination, String carrier) {
            addIdentifiers(d, identifiersIn(url, destination, carrier));
        }

        private void addIdentifiers(Draft d, List<RecipientIdentifier> found) {
            for (RecipientIdentifier r : found) {
                boolean known = d.identifiers.stream().anyMatch(o -> o.encoding().equals(r.encoding())
                        && Objects.equals(o.address(), r.address()));
                if (!known) {
                    d.identifiers.add(r);
                }
            }
            if (!d.identifiers.isEmpty()) {
                RecipientIdentifier first = d.identifiers.get(0);
                d.signal(SignalCodes.RECIPIENT_IDENTIFIER, "recipient address (" + first.encoding() + ") in the "
                        + first.where());
            }
        }

        List<RecipientIdentifier> identifiersIn(WebUrl url, String destination, String carrier) {
            if (matcher.isEmpty()) {
                return List.of();
            }
            return placedIdMemo.computeIfAbsent(url.url() + '\u0000' + destination,
                    k -> computeIdentifiersIn(url, destination, carrier));
        }

        private List<RecipientIdentifier> computeIdentifiersIn(WebUrl url, String destination, String carrier) {
            // fast path: the whole URL (raw and percent-decoded) and the destination hold no form of the address
            // (percent-decoded only when '+' is encoded: the other encoded forms are searched as such, or decoded
            // in the destination)
            String whole = url.url();
            boolean plus = whole.contains("%2B") || whole.contains("%2b");
            if (ids(whole).isEmpty() && (!plus || ids(WebUrl.percentDecode(whole)).isEmpty())
                    && (destination == null || ids(destination).isEmpty())) {
                return List.of();
            }
            List<RecipientIdentifier> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Set<String> inDestination = new HashSet<>();
            if (destination != null) {
                WebUrl dest = WebUrl.of(destination.startsWith("www.") ? "https://" + destination : destination,
                        null);
                if (dest != null && dest.host() != null) {
                    partMatches(dest, true, out, seen);
                    for (RecipientIdentifier r : out) {
                        inDestination.add(r.address());
                    }
                }
            }
            List<RecipientIdentifier> own = new ArrayList<>();
            partMatches(url, false, own, seen);
            if (own.isEmpty()) {
                // an encoding that spans parts (standard base64 with '/' in a path): the whole URL, located by offset
                for (RecipientMatcher.Match m : ids(url.url())) {
                    String where = url.partAt(m.offset());
                    String code = where.startsWith("query") ? "query" : where;
                    String name = where.startsWith("query parameter ") ? where.substring(16) : null;
                    add(own, seen, m, m.value(), where, code, name);
                }
            }
            for (RecipientIdentifier r : own) {
                // the encoded destination itself: already reported, decoded, as the destination's
                if (carrier != null && inDestination.contains(r.address()) && carrier.contains(r.value())) {
                    continue;
                }
                out.add(r);
            }
            return out;
        }

        private void partMatches(WebUrl url, boolean destination, List<RecipientIdentifier> out, Set<String> seen) {
            String prefix = destination ? "destination " : "";
            String codePrefix = destination ? "destination-" : "";
            if (url.host() != null && url.host().indexOf('@') < 0) {
                for (RecipientMatcher.Match m : ids(url.host())) {
                    add(out, seen, m, m.value(), prefix + "host", codePrefix + "host", null);
                }
            }
            for (String seg : url.path().split("/")) {
                if (seg.length() < 6) {
                    continue;
                }
                for (RecipientMatcher.Match m : ids(seg)) {
                    add(out, seen, m, m.value(), prefix + "path", codePrefix + "path", null);
                }
                if (seg.indexOf('%') >= 0) {
                    for (RecipientMatcher.Match m : ids(WebUrl.percentDecode(seg))) {
                        add(out, seen, m, m.value(), prefix + "path", codePrefix + "path", null);
                    }
                }
            }
            for (WebUrl.QueryParam p : url.params()) {
                String where = prefix + "query parameter " + p.name();
                for (String v : p.rawValue().equals(p.value()) ? List.of(p.value())
                        : List.of(p.value(), p.rawValue())) {
                    for (RecipientMatcher.Match m : ids(v)) {
                        String value = m.value();
                        // the whole value when the match is all of it but base64 padding
                        if (m.offset() == 0 && v.startsWith(value) && v.substring(value.length()).matches("=*")) {
                            value = v;
                        }
                        add(out, seen, m, value, where, codePrefix + "query", p.name());
                    }
                }
                if (p.rawValue().isEmpty() && p.name().length() >= 6) {
                    for (RecipientMatcher.Match m : ids(p.name())) {
                        add(out, seen, m, m.value(), prefix + "query", codePrefix + "query", null);
                    }
                }
            }
            if (url.fragment() != null && url.fragment().length() >= 6) {
                for (String v : List.of(url.fragment(), WebUrl.percentDecode(url.fragment()))) {
                    for (RecipientMatcher.Match m : ids(v)) {
                        add(out, seen, m, m.value(), prefix + "fragment", codePrefix + "fragment", null);
                    }
                }
            }
        }

        /**
         * Adds a match unless its encoding already found that address. The same address at the same place both as
         * {@code plain} (the decoded value) and {@code urlencoded} (the raw one) is one finding, kept as
         * {@code urlencoded}: the more specific reading of what the URL carries.
         */
        private static void add(List<RecipientIdentifier> out, Set<String> seen, RecipientMatcher.Match m,
                String value, String where, String code, String name) {
            boolean textual = "plain".equals(m.encoding()) || "urlencoded".equals(m.encoding());
            if (textual) {
                for (int i = 0; i < out.size(); i++) {
                    RecipientIdentifier r = out.get(i);
                    if (r.address().equals(m.address()) && r.where().equals(where)
                            && ("plain".equals(r.encoding()) || "urlencoded".equals(r.encoding()))) {
                        if ("plain".equals(r.encoding()) && "urlencoded".equals(m.encoding())) {
                            seen.add(m.encoding() + '\u0000' + m.address());
                            out.set(i, new RecipientIdentifier(value, m.encoding(), where, m.address(), code, name));
                        }
                        return;
                    }
                }
            }
            if (seen.add(m.encoding() + '\u0000' + m.address())) {
                out.add(new RecipientIdentifier(value, m.encoding(), where, m.address(), code, name));
            }
        }

        /**
         * Reads the query parameters with a known meaning: per-recipient ones become tokens and a signal (when
         * {@code recipient} is true; unsubscribe links need them and are not judged on them), account and campaign
         * ones of the vendor are set aside, subscriber-key names are noted as a hint.
         */
        private void recipientParameters(Draft d, WebUrl url, boolean recipient) {
            String vendorId = d.vendor != null && d.vendor.kind() != PatternKind.ASSET ? d.vendor.vendor().id()
                    : null;
            if (vendorId != null && recipient) {
                // the vendor's own place for the recipient's id outside named parameters (recipientPath)
                String id = d.vendor.pattern().recipientId(url.normalizedPathAndQuery());
                if (usable(id)) {
                    d.tokens.add(id);
                    d.signal(SignalCodes.RECIPIENT_PARAMETER, "recipient id where " + d.vendor.pattern().id()
                            + " (" + d.vendor.vendor().name() + ") puts it");
                }
            }
            params:
            for (WebUrl.QueryParam p : url.params()) {
                if (vendorId != null) {
                    for (TrackingParameter tp : vendorParams) {
                        if (vendorId.equals(tp.vendorId()) && tp.name().matcher(p.name()).matches()) {
                            String id = tp.recipientId(p.value());
                            if ("recipient".equals(tp.scope()) && usable(id) && recipient) {
                                // the id alone when it is part of a longer value: "xto=…884213576@1"
                                d.tokens.add(p.name() + "=" + (id.equals(p.value()) ? id
                                        : "\u2026" + p.value().substring(p.value().lastIndexOf(id))));
                                d.ignoredParams.add(p.name());
                                d.signal(SignalCodes.RECIPIENT_PARAMETER, "parameter " + p.name() + " ("
                                        + tp.id() + ")");
                            } else if (!"recipient".equals(tp.scope())) {
                                d.ignoredParams.add(p.name()); // account or campaign id: the same for everyone
                            }
                            continue params;
                        }
                    }
                }
                if (!usable(p.value()) || !recipient) {
                    continue;
                }
                for (TrackingParameter tp : recipientParams) {
                    if (tp.name().matcher(p.name()).matches()) {
                        d.tokens.add(p.name() + "=" + p.value());
                        d.signal(SignalCodes.RECIPIENT_PARAMETER, "parameter " + p.name() + " ("
                                + tp.id() + ")");
                        if (d.paramVendor == null && tp.vendorId() != null) {
                            d.paramVendor = rules.vendor(tp.vendorId()).orElse(null);
                        }
                        continue params;
                    }
                }
                for (TrackingParameter tp : hintParams) {
                    if (tp.name().matcher(p.name()).matches() && p.value().length() >= 4
                            && p.value().chars().anyMatch(Character::isDigit)) {
                        if (d.subscriberKey == null) {
                            d.subscriberKey = p.name() + "=" + p.value();
                        }
                        continue params;
                    }
                }
            }
        }

        /**
         * Reads the query parameters of a link's decoded destination known to identify the recipient on any site
         * ({@code mc_eid}, {@code _hsenc}, {@code mkt_tok}...), as {@link #recipientParameters} reads the link's own:
         * the redirector receives them with the click, written in its URL (percent-encoded or base64), and the
         * destination site after it. Vendor-only parameters are not read: the destination is not the vendor's URL.
         */
        private void destinationRecipientParameters(Draft d, WebUrl destination) {
            for (WebUrl.QueryParam p : destination.params()) {
                if (!usable(p.value())) {
                    continue;
                }
                for (TrackingParameter tp : recipientParams) {
                    if (tp.name().matcher(p.name()).matches()) {
                        d.tokens.add(p.name() + "=" + p.value());
                        d.signal(SignalCodes.RECIPIENT_PARAMETER, "parameter " + p.name() + " (" + tp.id()
                                + ") of the destination it carries");
                        break;
                    }
                }
            }
        }

        /**
         * Adds the URL's high-entropy tokens to the draft as per-recipient tokens, leaving out what is not one: the
         * vendor's account and campaign parameters, the parts of the path its rule declares the same for every
         * recipient ({@code sharedPath}), the encoded destination of a redirector and the signature that
         * follows it, base64 of readable text (a link label, a URL), merge tags the ESP left unreplaced; a base64
         * JSON token is replaced by its identifier fields ({@code email_id=...}).
         *
         * @return the tokens kept, for the entropy and sharing signals
         */
        private List<Tokens.Token> addTokens(Draft d, WebUrl url, String carrier) {
            List<Tokens.Token> kept = new ArrayList<>();
            boolean afterCarrier = false;
            String carrierSegment = carrier == null ? null : carrier.split("[/?]", 2)[0];
            Set<String> signatureSegments = new HashSet<>();
            if (carrierSegment != null && !carrierSegment.isEmpty() && url.path().contains(carrierSegment)) {
                String[] segs = url.path().split("/");
                for (int k = 0; k < segs.length; k++) {
                    if (afterCarrier && k == segs.length - 1 && isSignature(segs[k])) {
                        signatureSegments.add(segs[k]);
                    }
                    if (segs[k].equals(carrierSegment)) {
                        afterCarrier = true;
                    }
                }
            }
            String[] allSegs = url.path().split("/");
            String last = allSegs.length == 0 ? "" : allSegs[allSegs.length - 1];
            List<Tokens.Token> all = tokens(url);
            if (all.size() > 1 && isSignature(last)) {
                signatureSegments.add(last); // the URL's own signature, next to the id that is reported
            }
            // ids the vendor generates the same for every recipient (a creative or block id), from its rule
            List<String> shared = d.vendor == null ? List.of()
                    : d.vendor.pattern().sharedParts(url.normalizedPathAndQuery());
            for (Tokens.Token t : all) {
                if (t.name() != null && d.ignoredParams.contains(t.name())) {
                    continue;
                }
                if (!shared.isEmpty() && insideAny(shared, t.value())) {
                    continue;
                }
                if (carrier != null && carrier.contains(t.value())) {
                    List<String> ids = tokenKind(carrier);
                    if (ids != TEXT_TOKEN) {
                        d.tokens.addAll(ids);
                    }
                    continue;
                }
                if (t.name() == null && signatureSegments.stream().anyMatch(seg -> seg.contains(t.value()))) {
                    continue;
                }
                List<String> kind = tokenKind(t.value());
                if (kind == TEXT_TOKEN || (kind.isEmpty()
                        && RecipientTokens.identifiesNobody(RecipientTokens.valueOf(t.display())))) {
                    continue;
                }
                kept.add(t);
                if (!kind.isEmpty()) {
                    for (String id : kind) {
                        d.tokens.add(t.name() == null ? id : t.name() + "." + id);
                    }
                } else {
                    d.tokens.add(t.display());
                }
            }
            return kept;
        }

        private static boolean insideAny(List<String> parts, String token) {
            for (String part : parts) {
                if (part.contains(token)) {
                    return true;
                }
            }
            return false;
        }

        private boolean spacer(WebUrl url, boolean tokens, boolean assetHost, boolean imageAsset) {
            if (tokens) {
                // a content hash in the file name of an image on a static host is a cache key, not a recipient
                return imageAsset && (assetHost || staticHost(url.host()));
            }
            String path = url.path().toLowerCase(Locale.ROOT);
            String file = path.substring(path.lastIndexOf('/') + 1);
            for (String w : SPACER_WORDS) {
                if (file.contains(w)) {
                    return true;
                }
            }
            if (assetHost) {
                return true;
            }
            return url.query() == null && staticHost(url.host());
        }

        // ------------------------------------------------------------------------------------------ links

        List<Link> scoreLinks(List<Draft> drafts) {
            List<Link> out = new ArrayList<>(links.size());
            Map<String, Draft> groups = new HashMap<>();
            int scored = 0;
            for (RawLink l : links) {
                Cancellation.checkEvery(++scored);
                LinkDecoder.Unwrapped uw = unwrappedLinks.get(l);
                WebUrl url = uw.url();
                if (!l.url().isRemote() || url == null || !url.isRemote()) {
                    out.add(new Link(l.url().url(), l.url().host(), l.text(), null, null, l.location(), List.of()));
                    linkOwners.add(null);
                    continue;
                }
                Draft d = new Draft();
                d.order = l.order();
                d.kind = TrackerKind.CLICK_TRACKING;
                d.url = url;
                d.host = url.host();
                d.location = l.location();
                d.evidence = l.evidence();
                d.wrappedBy = uw.wrapperId();
                d.destination = decoder.destination(url);
                VendorIndex.VendorMatch click = null;
                VendorIndex.VendorMatch shape = null;
                VendorIndex.VendorMatch confirm = null;
                for (VendorIndex.VendorMatch m : vendorMatches(url)) {
                    if (m.kind() == PatternKind.CLICK && m.hostMatched() && click == null) {
                        click = m;
                    } else if (m.kind() == PatternKind.CLICK && !m.hostMatched() && shape == null) {
                        shape = m;
                    } else if (m.kind() == PatternKind.CONFIRM && m.vendorHost() && confirm == null) {
                        confirm = m;
                    }
                }
                if (confirm != null) {
                    // a vendor's double-opt-in confirmation endpoint, as written: functional, not click tracking
                    out.add(confirmationLink(l, url, confirm));
                    linkOwners.add(null);
                    continue;
                }
                List<String> campaign = new ArrayList<>();
                for (WebUrl.QueryParam p : url.params()) {
                    for (TrackingParameter tp : campaignParams) {
                        if (tp.name().matcher(p.name()).matches()) {
                            campaign.add(p.name() + "=" + p.value());
                            break;
                        }
                    }
                }
                boolean unsubscribe = isUnsubscribe(l, url);
                if (l.ping()) {
                    d.signal(SignalCodes.HYPERLINK_AUDITING, "ping attribute: a click POSTs to " + abbreviate(
                            url.url()));
                }
                if (click != null) {
                    d.vendor = click;
                    d.ruleId = click.pattern().id();
                    d.signal(SignalCodes.VENDOR_CLICK_RULE, "matches " + click.pattern().id() + " ("
                            + click.vendor().name() + ")");
                } else if (shape != null) {
                    d.vendor = shape;
                    d.ruleId = shape.pattern().id();
                    d.signal(SignalCodes.VENDOR_PATH_SHAPE, "path has the shape of " + shape.pattern().id() + " ("
                            + shape.vendor().name() + ") on host " + url.host());
                }
                String carrier = d.destination == null ? null
                        : carrierMemo.computeIfAbsent(url.url(), k -> decoder.destinationCarrier(url));
                List<RecipientIdentifier> linkIds = identifiersIn(url, isShareLink(url) ? null : d.destination,
                        carrier);
                if (!unsubscribe) {
                    addIdentifiers(d, linkIds);
                    recipientParameters(d, url, true);
                } else {
                    recipientParameters(d, url, false);
                }
                if (d.destination != null && !isShareLink(url)) {
                    WebUrl dest = WebUrl.of(d.destination, null);
                    if (dest != null && !unsubscribe) {
                        destinationRecipientParameters(d, dest);
                    }
                    boolean scheme = d.destination.regionMatches(true, 0, "http", 0, 4);
                    if (scheme && dest != null && !Objects.equals(dest.host(), url.host())) {
                        d.signal(SignalCodes.REDIRECTOR, "carries its destination " + abbreviate(d.destination));
                    }
                }
                boolean shared = false;
                List<Tokens.Token> kept = addTokens(d, url, carrier);
                for (Tokens.Token t : kept) {
                    if (!shared && (linkTokens.getOrDefault(t.value(), 0) >= 2 || loadTokens.contains(t.value()))) {
                        shared = true;
                    }
                }
                if (!kept.isEmpty() && !unsubscribe) {
                    d.signal(SignalCodes.HIGH_ENTROPY_TOKEN, "high-entropy token in the link");
                    if (shared) {
                        d.signal(SignalCodes.SHARED_TOKEN, "a token of this link appears in other links or pixels");
                    }
                }
                if (!campaign.isEmpty()) {
                    d.signal(SignalCodes.CAMPAIGN_PARAMETERS, String.join(", ", campaign.stream()
                            .map(s -> s.substring(0, s.indexOf('='))).toList()) + " identify the campaign only");
                }
                String shapeDetail = unsubscribe || d.has(SignalCodes.REDIRECTOR) ? null : redirectorShape(url);
                if (shapeDetail != null) {
                    d.signal(SignalCodes.REDIRECTOR_SHAPE, shapeDetail);
                }
                if (!unsubscribe && d.subscriberKey != null && isWebVersion(l)) {
                    // a web version that names the subscriber: opening it tells the sender who read the message
                    d.signal(SignalCodes.SUBSCRIBER_KEY, "web-version link with parameter " + d.subscriberKey
                            + " naming the subscriber");
                    d.tokens.add(d.subscriberKey);
                }
                boolean tracker = click != null || l.ping() || d.has(SignalCodes.RECIPIENT_IDENTIFIER)
                        || d.has(SignalCodes.RECIPIENT_PARAMETER) || d.has(SignalCodes.REDIRECTOR)
                        || (shape != null && !unsubscribe) || shapeDetail != null
                        || d.has(SignalCodes.SUBSCRIBER_KEY);
                if (tracker && unsubscribe && !linkIds.isEmpty()) {
                    // the link is tracked anyway: the redirector logs the address its destination carries
                    addIdentifiers(d, linkIds);
                }
                Draft owner = null;
                if (tracker) {
                    if (d.ruleId == null) {
                        d.ruleId = l.ping() ? "heuristic.hyperlink-auditing"
                                : d.has(SignalCodes.REDIRECTOR) ? "heuristic.redirector"
                                : d.has(SignalCodes.RECIPIENT_PARAMETER) ? "heuristic.recipient-parameter"
                                : d.has(SignalCodes.RECIPIENT_IDENTIFIER) ? "heuristic.recipient-identifier"
                                : shapeDetail != null ? "heuristic.redirector-shape"
                                : d.has(SignalCodes.SUBSCRIBER_KEY) ? "heuristic.web-version"
                                : "heuristic.shared-token";
                    }
                    d.party = parties.partyOf(d.host, d.vendor != null && d.vendor.vendorHost(),
                            d.vendor != null && !d.vendor.vendorHost());
                    d.partyCode = parties.partyCode(d.host, d.party);
                    String key = d.host + '\u0000' + d.ruleId + '\u0000' + d.wrappedBy;
                    owner = groups.get(key);
                    if (owner == null) {
                        owner = d;
                        d.links = 1;
                        groups.put(key, d);
                        drafts.add(d);
                    } else {
                        merge(owner, d);
                    }
                }
                out.add(new Link(l.url().url(), url.host(), l.text(), d.destination, null, l.location(), campaign,
                        linkIds));
                linkOwners.add(owner);
            }
            return out;
        }

        /**
         * A link to a vendor's subscription-confirmation endpoint ({@link Link#SUBSCRIPTION_CONFIRMATION}): it must
         * name the subscriber to confirm the subscription, so it is not a tracker; the recipient's address, if it
         * carries it, is recorded on the link as on an unsubscribe link.
         */
        private Link confirmationLink(RawLink l, WebUrl url, VendorIndex.VendorMatch confirm) {
            List<RecipientIdentifier> ids = identifiersIn(url, null, null);
            return new Link(l.url().url(), url.host(), l.text(), null, null, l.location(), List.of(), ids,
                    Link.SUBSCRIPTION_CONFIRMATION);
        }

        private void merge(Draft owner, Draft d) {
            owner.links++;
            for (RecipientIdentifier r : d.identifiers) {
                boolean known = owner.identifiers.stream().anyMatch(o -> o.encoding().equals(r.encoding())
                        && Objects.equals(o.address(), r.address()));
                if (!known) {
                    owner.identifiers.add(r);
                }
            }
            owner.tokens.addAll(d.tokens);
            for (Signal s : d.signals.values()) {
                owner.signals.putIfAbsent(s.code(), s);
            }
            if (owner.destination == null) {
                owner.destination = d.destination;
            }
        }

        private boolean isShareLink(WebUrl url) {
            String path = url.path().toLowerCase(Locale.ROOT);
            return path.contains("share") || path.contains("intent/tweet") || path.contains("/pin/create");
        }

        private boolean isWebVersion(RawLink l) {
            String text = l.text().toLowerCase(Locale.ROOT);
            for (String w : WEB_VERSION_WORDS) {
                if (text.contains(w)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isUnsubscribe(RawLink l, WebUrl url) {
            String text = l.text().toLowerCase(Locale.ROOT);
            String path = url.host() + url.pathAndQuery().toLowerCase(Locale.ROOT);
            for (String w : UNSUBSCRIBE_WORDS) {
                if (text.contains(w) || path.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<String> REDIRECT_HOST_WORDS = List.of("redirect", "redir", "track", "trk", "click",
            "clck");
    private static final Set<String> REDIRECT_SCRIPTS = Set.of("go", "redirect", "redir", "click", "track", "out",
            "link", "r", "l", "c", "jump", "forward", "tracking", "clicktrack");
    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("dll", "php", "asp", "aspx", "cgi", "jsp", "pl",
            "exe");

    /**
     * @param value a query parameter value
     * @return false when it identifies nobody ({@link RecipientTokens#identifiesNobody}): empty, a merge tag the ESP
     *         left unreplaced ({@code *|UNIQID|*}, {@code UNIQID}, {@code {{id}}}, {@code %%key%%}, {@code [[id]]},
     *         {@code ${id}}), or base64 of a URL; those are the same for every recipient
     */
    static boolean usable(String value) {
        return !RecipientTokens.identifiesNobody(value);
    }

    /**
     * @param segment the last path segment of a redirector after its encoded destination
     * @return true when it has the shape of a signature of that destination: a hex digest (32, 40 or 64 digits) or
     *         base64 of 32 bytes (43 or 44 characters), optionally followed by {@code =NNN} (Amazon SES)
     */
    static boolean isSignature(String segment) {
        String s = TRAILING_NUMBER.matcher(segment).replaceFirst("");
        int n = s.length();
        if ((n == 32 || n == 40 || n == 64) && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F'))) {
            return true;
        }
        String b = s.endsWith("=") ? s.substring(0, n - 1) : s;
        return b.length() == 43 && b.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '/'
                || c == '-' || c == '_');
    }

    private static final Set<String> TRACKING_SEGMENTS = Set.of("px", "pixel", "pixels", "open", "opens", "track",
            "tracking", "trk", "beacon", "beacons", "imp", "impression", "impressions", "wf", "op", "tr", "hit",
            "stats", "stat", "analytics", "collect", "log", "event", "events", "o");
    private static final List<String> TRACKING_FILE_PREFIXES = List.of("open", "pixel", "track", "beacon", "px.",
            "px_", "px-", "hit.", "collect", "impression");

    /**
     * @return the path segment or file name that names a tracking endpoint ({@code /px/}, {@code /open},
     *         {@code /track/}, {@code pixel.gif}, {@code open.aspx}...), or {@code null}
     */
    static String trackingPath(WebUrl url) {
        String[] segs = url.path().toLowerCase(Locale.ROOT).split("/");
        for (int k = 0; k < segs.length; k++) {
            String seg = segs[k];
            if (seg.isEmpty()) {
                continue;
            }
            boolean lastSeg = k == segs.length - 1;
            if (!lastSeg && TRACKING_SEGMENTS.contains(seg)) {
                return "/" + seg + "/";
            }
            if (lastSeg) {
                int dot = seg.lastIndexOf('.');
                String stem = dot > 0 ? seg.substring(0, dot) : seg;
                if (TRACKING_SEGMENTS.contains(stem) && !"o".equals(stem)) {
                    return "/" + seg;
                }
                for (String p : TRACKING_FILE_PREFIXES) {
                    if (seg.startsWith(p)) {
                        return "/" + seg;
                    }
                }
            }
        }
        return null;
    }

    /** @return the stable code of a CSS rule's context ({@code dark mode} becomes {@code dark-mode}), or null. */
    static String conditionCode(String condition) {
        return condition == null ? null : condition.replace(' ', '-').replace("-or-", "-");
    }

    /** @return why the link looks like it goes through a redirector, or {@code null}. */
    static String redirectorShape(WebUrl url) {
        String host = url.host();
        String reg = Domains.registrable(host);
        String sub = host.length() > reg.length() ? host.substring(0, host.length() - reg.length()) : "";
        String name = reg.indexOf('.') > 0 ? reg.substring(0, reg.indexOf('.')) : reg;
        for (String w : REDIRECT_HOST_WORDS) {
            if (name.contains(w) || sub.contains(w)) {
                return "host " + host + " is named as a redirector (" + w + ")";
            }
        }
        for (String seg : url.path().split("/")) {
            int dot = seg.lastIndexOf('.');
            if (dot > 0 && SCRIPT_EXTENSIONS.contains(seg.substring(dot + 1).toLowerCase(Locale.ROOT))
                    && REDIRECT_SCRIPTS.contains(seg.substring(0, dot).toLowerCase(Locale.ROOT))) {
                return "redirect script " + seg;
            }
        }
        return null;
    }

    /** What the element's size and visibility say. */
    private record Shape(boolean tiny, boolean hidden, boolean large) {
        static final Shape NONE = new Shape(false, false, false);
    }

    private static boolean big(double px) {
        return !Double.isNaN(px) && px > 3;
    }

    private static boolean big(String attribute) {
        String a = attribute.trim();
        if (a.endsWith("%")) {
            double pct = StyleFacts.px(a.substring(0, a.length() - 1));
            return !Double.isNaN(pct) && pct > 0;
        }
        return big(StyleFacts.px(a));
    }

    private static double effective(StyleFacts own, StyleFacts cls, boolean width, double attribute) {
        if (width ? own.widthDeclared() : own.heightDeclared()) {
            return width ? own.width() : own.height();
        }
        if (cls != null && (width ? cls.widthDeclared() : cls.heightDeclared())) {
            return width ? cls.width() : cls.height();
        }
        return attribute;
    }

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "svg", "avif",
            "bmp", "ico");

    /**
     * @return true when the URL names a static image file (an image extension at the end of the path) whose query,
     *         if any, carries no high-entropy token: random-looking names there are cache keys of campaign assets
     */
    static boolean imageAsset(WebUrl url, List<Tokens.Token> tokens) {
        String path = url.path();
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        if (dot < 0 || !IMAGE_EXTENSIONS.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (Tokens.Token t : tokens) {
            if (t.name() != null) {
                return false;
            }
        }
        return true;
    }

    static boolean staticHost(String host) {
        int dot = host.indexOf('.');
        String first = dot > 0 ? host.substring(0, dot) : host;
        return STATIC_HOST_LABELS.contains(first) || first.startsWith("cdn") || first.startsWith("static")
                || first.startsWith("img") || first.startsWith("image") || host.endsWith(".cloudfront.net")
                || host.contains("akamai") || host.endsWith("githubusercontent.com") || host.contains("cdn.");
    }

    private static TrackerKind kindOf(String vector) {
        if (IMAGE_VECTORS.contains(vector)) {
            return TrackerKind.OPEN_PIXEL;
        }
        if (CSS_VECTORS.contains(vector)) {
            return TrackerKind.CSS_BEACON;
        }
        return TrackerKind.OTHER_BEACON;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
