package org.pixelproof.detect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.ingest.BodyKind;
import org.pixelproof.ingest.BodyText;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.MimePart;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.MarkerPhrase;
import org.pixelproof.rules.PatternPrefilter;
import org.pixelproof.rules.RuleSet;

/**
 * Finds the consent and information markers of a message: the signs that the reader was told about tracking
 * ({@link ConsentMarkerType#TRACKING_NOTICE}) or can refuse it ({@link ConsentMarkerType#TRACKING_OPT_OUT_LINK}), as
 * CNIL délibération 2026-042 expects in every tracked message; the means to stop the mailing that CPCE art. L34-5
 * requires ({@link ConsentMarkerType#UNSUBSCRIBE_LINK}, {@link ConsentMarkerType#LIST_UNSUBSCRIBE_HEADER}, RFC 2369
 * and RFC 8058); and the privacy-policy link ({@link ConsentMarkerType#PRIVACY_POLICY_LINK}, GDPR art. 13).
 *
 * <h2>How</h2>
 * <ul>
 *   <li><b>Header</b>: one {@code LIST_UNSUBSCRIBE_HEADER} marker per URI of {@code List-Unsubscribe} (at most
 *   {@link #MAX_HEADER_URIS}), rule {@link #RULE_LIST_UNSUBSCRIBE}; an {@code https} URI with
 *   {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} gets rule {@link #RULE_LIST_UNSUBSCRIBE_ONE_CLICK}
 *   (RFC 8058 one-click, said in the marker text too); a header without any usable {@code http(s)}/{@code mailto}
 *   URI gives one marker with a {@code null} URL and rule {@link #RULE_LIST_UNSUBSCRIBE_UNUSABLE}.</li>
 *   <li><b>Links</b> (rules with {@code target: link}), in HTML bodies ({@code <a href>}, {@code <area href>}) and
 *   plain-text bodies (bare URLs, {@code <URL>}, Markdown links): the patterns are tried on the link text first
 *   (visible text plus image {@code alt}); when the link text is generic ("cliquez ici", "here", "hier", empty) they
 *   are tried on the link's sentence instead: the text of the same paragraph since the previous link, from its last
 *   sentence boundary, plus the link text and the clause after it up to the first punctuation (the same for a link
 *   text that starts generically and matches nothing by itself, "cliquez ici pour vous d?sabonner" with a broken
 *   charset); so "Si vous souhaitez ne
 *   plus recevoir cette alerte, [cliquez ici]"; "cliquez [ici] pour vous désabonner"). When that last sentence says
 *   nothing and the one before it is a question ("Vous ne voulez plus recevoir ces emails ? Rendez-vous sur le lien
 *   URL"), the question is read too. Only when the text matches nothing is the URL tried (percent-decoded, cut into
 *   words: {@code /unsubscribe}, {@code /datenschutz}...). The text decides, so an "Unsubscribe" link is never a
 *   tracking opt-out and a "Privacy" link pointing at {@code /unsubscribe?...} stays a privacy link. A link that is
 *   not yet a tracking opt-out is also read with the text before it (up to 250 characters of its paragraph): it becomes
 *   one when an opt-out phrase runs from that text into the link's own words ("Nous mesurons l'ouverture [...]. Vous
 *   pouvez vous y opposer depuis la page [Gérer mes préférences]"), never when the phrase ends before the link.</li>
 *   <li><b>Notices</b> (rules with {@code target: text}) in every paragraph of visible text: one marker per paragraph
 *   and marker type, its text the sentence that matched.</li>
 * </ul>
 * Only what the recipient is shown is read, for a notice nobody sees informs nobody: text hidden by CSS, too small to
 * read or white on white is not in the {@link VisibleText} (a link drawn in the client's link colour inside a hidden
 * paragraph is, as the reader sees it), and such markers are left out rather than listed. A plain-text body that is
 * an alternative of a {@code multipart/alternative} followed by an HTML alternative ({@link #undisplayedAlternatives})
 * gives no {@code TRACKING_NOTICE} nor {@code TRACKING_OPT_OUT_LINK}: the client shows the HTML one. Its unsubscribe
 * and privacy-policy links are still listed, located in that plain-text part (the HTML often shows the same address
 * as unlinked text that clients turn into a link).
 * Patterns come from {@code legal-rules/markers.yaml} and are matched against {@link NormalizedText normalised} text
 * (no accents, lower case, collapsed spaces). A phrase read in a generic link's sentence counts only when it ends at
 * most 60 characters before the link; a link text longer than 160 characters (a link wrapping a whole block) is not
 * read, only its URL. Markers are de-duplicated by type and URL, and by type, text and URL without its query, so that
 * the text and HTML
 * alternatives of one message (whose URLs often differ only in tracking parameters) do not list one link twice, and
 * are returned
 * in document order: header first, then bodies in MIME tree order. At most {@link #MAX_MARKERS} are returned.
 *
 * <p>Locations: links {@code (part, "a" or "area", "href")}; notices {@code (part, block element, null)}; plain-text
 * bodies use the element name {@code "text"}; the header {@code ("1", "header", "List-Unsubscribe")}.
 *
 * <p>Never dereferences a URL. Thread-safe: immutable after construction.
 */
public final class ConsentMarkerFinder {
    /** Rule id of a {@code List-Unsubscribe} URI. */
    public static final String RULE_LIST_UNSUBSCRIBE = "header.list-unsubscribe";
    /** Rule id of an {@code https} {@code List-Unsubscribe} URI with RFC 8058 one-click. */
    public static final String RULE_LIST_UNSUBSCRIBE_ONE_CLICK = "header.list-unsubscribe.one-click";
    /** Rule id of a {@code List-Unsubscribe} header that carries no usable URI. */
    public static final String RULE_LIST_UNSUBSCRIBE_UNUSABLE = "header.list-unsubscribe.unusable";
    /** Most markers returned per message: 100. */
    public static final int MAX_MARKERS = 100;
    /** Most {@code List-Unsubscribe} URIs reported: 4. */
    public static final int MAX_HEADER_URIS = 4;
    /** Most links examined per body: 5,000. */
    public static final int MAX_LINKS_PER_BODY = 5_000;

    private static final int MAX_TEXT = 300;
    private static final int MAX_CONTEXT_BEFORE = 250;
    private static final int MAX_CONTEXT_AFTER = 150;
    /** A phrase read before a generic link counts when it ends at most this many characters before the link. */
    private static final int MAX_CONTEXT_DISTANCE = 60;
    /** Link texts longer than this (normalised characters) wrap whole blocks: only their URL is read. */
    private static final int MAX_ANCHOR_TEXT = 160;

    /** Characters around a link text that says nothing: ASCII punctuation, white space, quotes and arrows. */
    private static final String GENERIC_PADDING = "\\p{Punct}\\s\u00bb\u00ab\u2192\u279c\u25b6\u2013\u2014";
    private static final List<String> GENERIC_POLITE = List.of("please", "veuillez", "bitte", "por favor", "per favore",
            "svp");
    private static final List<String> GENERIC_CLICK = List.of("click", "cliquez", "cliquer", "clic", "clique",
            "klicken sie", "klicke", "klicken", "klik", "haga clic", "pulse", "clicca", "fai clic", "tap");
    private static final List<String> GENERIC_WHERE = List.of("here", "ici", "hier", "aqui", "qui", "aca",
            "on this link", "sur ce lien", "sur le lien");
    private static final List<String> GENERIC_ALONE = List.of("here", "there", "ici", "la", "hier", "dort", "daar",
            "aqui", "qui", "aca", "link", "lien", "le lien", "this link", "ce lien", "diesen link", "deze link",
            "este enlace", "este link", "questo link", "en cliquant ici", "by clicking here", "en cliquant sur ce lien",
            "cliquant ici", "more", "plus", "mehr", "meer", "mas", "mais", "altro", "en savoir plus", "learn more",
            "read more", "mehr erfahren");
    /**
     * Link texts that say nothing by themselves (normalised): "cliquez ici", "here", "en savoir plus", "» lien", or
     * only punctuation. {@link #isGenericLinkText} answers the same without running it.
     */
    static final Pattern GENERIC_LINK_TEXT = Pattern.compile("^[" + GENERIC_PADDING + "]*(?:(?:(?:"
            + String.join("|", GENERIC_POLITE) + ") )?(?:" + String.join("|", GENERIC_CLICK) + ")(?: (?:"
            + String.join("|", GENERIC_WHERE) + "))?|" + String.join("|", GENERIC_ALONE) + ")?[" + GENERIC_PADDING
            + "]*$");
    /** Every phrase the middle of {@link #GENERIC_LINK_TEXT} accepts, and the empty text. */
    private static final Set<String> GENERIC_PHRASES = genericPhrases();

    private static Set<String> genericPhrases() {
        Set<String> out = new HashSet<>(GENERIC_ALONE);
        out.add("");
        for (String click : GENERIC_CLICK) {
            List<String> polite = new ArrayList<>();
            polite.add(click);
            for (String p : GENERIC_POLITE) {
                polite.add(p + " " + click);
            }
            for (String head : polite) {
                out.add(head);
                for (String where : GENERIC_WHERE) {
                    out.add(head + " " + where);
                }
            }
        }
        return Set.copyOf(out);
    }

    /**
     * @param normalized a link text, {@link NormalizedText#normalize normalised}
     * @return {@code GENERIC_LINK_TEXT.matcher(normalized).matches()}, by one set look-up: the phrases begin and end
     *         with a letter, so the text without its padding at both ends must be one of them
     */
    static boolean isGenericLinkText(String normalized) {
        int start = 0;
        int end = normalized.length();
        while (start < end && isGenericPadding(normalized.charAt(start))) {
            start++;
        }
        while (end > start && isGenericPadding(normalized.charAt(end - 1))) {
            end--;
        }
        return end - start <= MAX_GENERIC_PHRASE && GENERIC_PHRASES.contains(normalized.substring(start, end));
    }

    /** The longest phrase of {@link #GENERIC_PHRASES}, in characters. */
    private static final int MAX_GENERIC_PHRASE = GENERIC_PHRASES.stream().mapToInt(String::length).max().orElse(0);

    /** @return whether {@code c} belongs to {@link #GENERIC_PADDING}: {@code \p{Punct}} is ASCII punctuation only */
    private static boolean isGenericPadding(char c) {
        return c < 0x80 ? c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                || c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c)
                : c == '\u00bb' || c == '\u00ab' || c == '\u2192' || c == '\u279c' || c == '\u25b6' || c == '\u2013'
                        || c == '\u2014';
    }

    /** Link texts that start like a generic one ("cliquez ici pour ..."): read with their sentence when they say nothing. */
    static final Pattern GENERIC_LINK_START = Pattern.compile("^[\\p{Punct}\\s]*(?:(?:please|veuillez|bitte) )?(?:click"
            + "|cliquez|cliquer|clic|clique|klicken sie|klicke|klicken|klik|haga clic|clicca|tap) ?(?:here|ici|hier|aqui"
            + "|qui|aca)?\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;|\u2022\u00b7\u203a\u00bb](?=\\s|$)");
    private static final Pattern CLAUSE_END = Pattern.compile("[,.!?;:|\u2022\u00b7\u203a\u00bb](?=[\\s\u2028]|$)|\u2028");

    private static final Set<ConsentMarkerType> OPT_OUT_ONLY = EnumSet.of(ConsentMarkerType.TRACKING_OPT_OUT_LINK);
    /** Most MIME parts walked to find the undisplayed alternatives: 10,000 (ingest already bounds the tree). */
    private static final int MAX_PARTS_VISITED = 10_000;
    /** Marker types never read from a plain-text alternative the mail client does not display. */
    private static final Set<ConsentMarkerType> NOT_FROM_UNDISPLAYED = EnumSet.of(ConsentMarkerType.TRACKING_NOTICE,
            ConsentMarkerType.TRACKING_OPT_OUT_LINK);

    private record Rule(MarkerPhrase phrase, ConsentMarkerType type) {
    }

    private record Found(ConsentMarker marker, int order) {
    }

    private final List<Rule> linkRules;
    private final List<Rule> textRules;
    /** Which link rules may match a text, in one pass (see {@link PatternPrefilter}). */
    private final PatternPrefilter linkFilter;
    /** Which notice rules may match a paragraph. */
    private final PatternPrefilter textFilter;

    /**
     * @param rules the rule set whose {@link RuleSet#markerPhrases()} are used; phrases naming an unknown marker type
     *              or {@code LIST_UNSUBSCRIBE_HEADER} (found from the header, not from phrases) are ignored
     */
    public ConsentMarkerFinder(RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        List<Rule> links = new ArrayList<>();
        List<Rule> texts = new ArrayList<>();
        for (MarkerPhrase p : rules.markerPhrases()) {
            ConsentMarkerType type;
            try {
                type = ConsentMarkerType.valueOf(p.marker());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (type == ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER) {
                continue;
            }
            if ("text".equals(p.target())) {
                texts.add(new Rule(p, type));
            } else {
                links.add(new Rule(p, type));
            }
        }
        this.linkRules = List.copyOf(links);
        this.textRules = List.copyOf(texts);
        this.linkFilter = PatternPrefilter.of(linkRules.stream().map(r -> r.phrase().pattern()).toList());
        this.textFilter = PatternPrefilter.of(textRules.stream().map(r -> r.phrase().pattern()).toList());
    }

    /**
     * @param email  the message (headers, text bodies)
     * @param html   its parsed HTML bodies
     * @return markers found, in document order
     */
    public List<ConsentMarker> find(ReceivedEmail email, List<HtmlBody> html) {
        return find(email, VisibleText.ofEmail(email, html, VisibleText.DEFAULT_MAX_CHARS),
                EnumSet.allOf(ConsentMarkerType.class));
    }

    /**
     * @param email  the message
     * @param texts  the visible texts of its bodies, from {@link VisibleText#ofEmail}
     * @param types  the marker types wanted
     * @return markers of those types, in document order
     */
    List<ConsentMarker> find(ReceivedEmail email, List<VisibleText> texts, Set<ConsentMarkerType> types) {
        return find(email, texts, types, new Memo());
    }

    /**
     * The markers of every type, and the privacy-policy links alone, as {@link #find} gives them for all types and
     * for {@link ConsentMarkerType#PRIVACY_POLICY_LINK} alone, reading each link and paragraph once for both.
     *
     * @param all                every marker, as {@code find(email, texts, EnumSet.allOf(ConsentMarkerType.class))}
     * @param privacyPolicyLinks as {@code find(email, texts, EnumSet.of(PRIVACY_POLICY_LINK))} (a link whose text
     *                           first reads as, say, an unsubscribe link is still read here as a privacy-policy link
     *                           when its words say so)
     */
    record AllAndPrivacy(List<ConsentMarker> all, List<ConsentMarker> privacyPolicyLinks) {
    }

    /**
     * @param email the message
     * @param texts the visible texts of its bodies, from {@link VisibleText#ofEmail}
     * @return the markers of every type and the privacy-policy links alone
     */
    AllAndPrivacy findAllAndPrivacyLinks(ReceivedEmail email, List<VisibleText> texts) {
        Memo memo = new Memo();
        return new AllAndPrivacy(find(email, texts, EnumSet.allOf(ConsentMarkerType.class), memo),
                find(email, texts, EnumSet.of(ConsentMarkerType.PRIVACY_POLICY_LINK), memo));
    }

    /**
     * What reading a message's texts computes that does not depend on the marker types asked for (normalised texts,
     * the prefilters' answers, a link's URL words), kept for a second reading of the same message. Not thread-safe;
     * one per message.
     */
    private final class Memo {
        private final Map<String, String> normalized = new HashMap<>();
        private final Map<String, PatternPrefilter.Candidates> linkCandidates = new HashMap<>();
        private final Map<String, String> urlWords = new HashMap<>();
        private final Map<String, NormalizedText> paragraphs = new HashMap<>();
        private final Map<String, PatternPrefilter.Candidates> textCandidates = new HashMap<>();

        String normalize(String s) {
            return normalized.computeIfAbsent(s, NormalizedText::normalize);
        }

        PatternPrefilter.Candidates linkCandidates(String normalizedText) {
            return linkCandidates.computeIfAbsent(normalizedText, linkFilter::candidates);
        }

        String urlWords(String url) {
            return urlWords.computeIfAbsent(url, ConsentMarkerFinder::urlWords);
        }

        NormalizedText paragraph(String text) {
            return paragraphs.computeIfAbsent(text, NormalizedText::of);
        }

        PatternPrefilter.Candidates textCandidates(String normalizedText) {
            return textCandidates.computeIfAbsent(normalizedText, textFilter::candidates);
        }
    }

    private List<ConsentMarker> find(ReceivedEmail email, List<VisibleText> texts, Set<ConsentMarkerType> types,
            Memo memo) {
        List<Found> found = new ArrayList<>();
        if (types.contains(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER)) {
            listUnsubscribe(email, found);
        }
        Set<String> undisplayed = undisplayedAlternatives(email);
        Set<ConsentMarkerType> undisplayedTypes = EnumSet.noneOf(ConsentMarkerType.class);
        undisplayedTypes.addAll(types);
        undisplayedTypes.removeAll(NOT_FROM_UNDISPLAYED);
        int bodyOrder = 1;
        for (VisibleText vt : texts) {
            Cancellation.check();
            int base = bodyOrder++ * 10_000_000;
            Set<ConsentMarkerType> wanted = undisplayed.contains(vt.partPath()) ? undisplayedTypes : types;
            if (wanted.isEmpty()) {
                continue;
            }
            links(vt, wanted, found, base, memo);
            notices(vt, wanted, found, base, memo);
        }
        found.sort(Comparator.comparingInt(Found::order));
        Set<String> seen = new LinkedHashSet<>();
        List<ConsentMarker> out = new ArrayList<>();
        for (Found f : found) {
            ConsentMarker m = f.marker();
            String byText = m.type() + "|" + NormalizedText.normalize(m.text() == null ? "" : m.text()) + "|"
                    + (m.url() == null ? "" : withoutQuery(m.url()));
            String byUrl = m.url() == null ? byText : m.type() + "|" + m.url();
            boolean fresh = !seen.contains(byText) && !seen.contains(byUrl);
            seen.add(byText);
            seen.add(byUrl);
            if (fresh) {
                out.add(m);
                if (out.size() >= MAX_MARKERS) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The plain-text bodies a mail client does not display: those inside an alternative of a
     * {@code multipart/alternative} followed by an alternative that holds an HTML or AMP body (RFC 2046 section 5.1.4:
     * the last alternative the client can show is the one shown, and every mail client today shows HTML).
     *
     * @param email the message
     * @return the part paths of those bodies (empty when there are none)
     */
    static Set<String> undisplayedAlternatives(ReceivedEmail email) {
        List<String> plain = new ArrayList<>();
        List<String> rich = new ArrayList<>();
        for (BodyText b : email.bodies()) {
            (b.kind() == BodyKind.PLAIN ? plain : rich).add(b.partPath());
        }
        if (plain.isEmpty() || rich.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        ArrayDeque<MimePart> todo = new ArrayDeque<>();
        todo.push(email.root());
        int visited = 0;
        while (!todo.isEmpty() && visited++ < MAX_PARTS_VISITED) {
            MimePart part = todo.pop();
            List<MimePart> children = part.children();
            if ("multipart/alternative".equals(part.contentType())) {
                boolean richAfter = false;
                for (int i = children.size() - 1; i >= 0; i--) {
                    String path = children.get(i).path();
                    if (richAfter) {
                        for (String p : plain) {
                            if (inside(p, path)) {
                                out.add(p);
                            }
                        }
                    }
                    richAfter = richAfter || rich.stream().anyMatch(r -> inside(r, path));
                }
            }
            children.forEach(todo::push);
        }
        return out;
    }

    /** @return true when part path {@code p} is {@code ancestor} or lies inside it */
    private static boolean inside(String p, String ancestor) {
        return p.equals(ancestor) || p.startsWith(ancestor + ".");
    }

    private static String withoutQuery(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (h >= 0 && h < cut) {
            cut = h;
        }
        return url.substring(0, cut);
    }

    // --- List-Unsubscribe (RFC 2369, RFC 8058)

    private static final Pattern ANGLE = Pattern.compile("<([^<>]{1,4000})>");

    private static void listUnsubscribe(ReceivedEmail email, List<Found> found) {
        List<String> values = email.headers("List-Unsubscribe");
        if (values.isEmpty()) {
            return;
        }
        boolean oneClick = email.headers("List-Unsubscribe-Post").stream()
                .anyMatch(v -> v.replaceAll("\\s+", "").equalsIgnoreCase("List-Unsubscribe=One-Click"));
        Location where = new Location("1", "header", "List-Unsubscribe", null);
        int order = 0;
        int reported = 0;
        for (String value : values) {
            List<String> uris = listUnsubscribeUris(value);
            if (uris.isEmpty()) {
                found.add(new Found(new ConsentMarker(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER,
                        NormalizedText.clip("List-Unsubscribe: " + NormalizedText.collapse(value), MAX_TEXT), null,
                        where, RULE_LIST_UNSUBSCRIBE_UNUSABLE), order++));
                continue;
            }
            for (String uri : uris) {
                if (reported++ >= MAX_HEADER_URIS) {
                    return;
                }
                boolean https = uri.regionMatches(true, 0, "https:", 0, 6);
                boolean isOneClick = https && oneClick;
                String text = "List-Unsubscribe: <" + uri + ">"
                        + (isOneClick ? " (one-click, RFC 8058: List-Unsubscribe-Post: List-Unsubscribe=One-Click)" : "");
                found.add(new Found(new ConsentMarker(ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER,
                        NormalizedText.clip(text, MAX_TEXT), uri, where,
                        isOneClick ? RULE_LIST_UNSUBSCRIBE_ONE_CLICK : RULE_LIST_UNSUBSCRIBE), order++));
            }
        }
    }

    /**
     * @param value a {@code List-Unsubscribe} header value
     * @return its {@code http(s)} and {@code mailto} URIs, white space inside the angle brackets removed, in order
     */
    static List<String> listUnsubscribeUris(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = ANGLE.matcher(value);
        boolean any = false;
        while (m.find()) {
            any = true;
            addUri(out, m.group(1));
        }
        if (!any) {
            for (String part : value.split(",")) {
                addUri(out, part);
            }
        }
        return out;
    }

    private static void addUri(List<String> out, String raw) {
        String uri = raw.replaceAll("\\s+", "");
        String lower = uri.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("https://") || lower.startsWith("http://")) && uri.length() > 8
                || lower.startsWith("mailto:") && uri.indexOf('@') > 7) {
            out.add(uri);
        }
    }

    // --- links

    private void links(VisibleText vt, Set<ConsentMarkerType> types, List<Found> found, int base, Memo memo) {
        int n = 0;
        for (VisibleText.LinkSpan link : vt.links()) {
            if (n++ >= MAX_LINKS_PER_BODY) {
                break;
            }
            Cancellation.checkEvery(n);
            if (link.href().isEmpty() || link.href().startsWith("#")) {
                continue;
            }
            Map<ConsentMarkerType, String[]> hits = classifyLink(vt, link, types, memo);
            for (Map.Entry<ConsentMarkerType, String[]> hit : hits.entrySet()) {
                String element = isPlain(vt, link) ? "text" : "a";
                Location loc = new Location(vt.partPath(), element, "text".equals(element) ? null : "href", null);
                found.add(new Found(new ConsentMarker(hit.getKey(), hit.getValue()[1], link.url(), loc,
                        hit.getValue()[0]), base + link.start()));
            }
        }
    }

    private static boolean isPlain(VisibleText vt, VisibleText.LinkSpan link) {
        return "text".equals(vt.paragraphs().get(link.paragraph()).element());
    }

    /**
     * @return for each marker type matched by the link, {rule id, marker text}
     */
    private Map<ConsentMarkerType, String[]> classifyLink(VisibleText vt, VisibleText.LinkSpan link,
            Set<ConsentMarkerType> types, Memo memo) {
        Map<ConsentMarkerType, String[]> hits = new EnumMap<>(ConsentMarkerType.class);
        String anchor = link.anchorText();
        String anchorNorm = memo.normalize(anchor);
        boolean generic = isGenericLinkText(anchorNorm);
        boolean tooLong = anchorNorm.length() > MAX_ANCHOR_TEXT;
        if (!generic && !tooLong) {
            match(anchorNorm, anchor, types, hits, memo, 0);
        }
        if (generic || !tooLong && hits.isEmpty() && GENERIC_LINK_START.matcher(anchorNorm).find()) {
            String before = tail(vt.textBefore(link), MAX_CONTEXT_BEFORE);
            String after = firstClause(head(vt.textAfter(link), MAX_CONTEXT_AFTER));
            String[] sentences = lastSentences(before);
            String lead = NormalizedText.collapse(sentences[1]);
            String context = NormalizedText.collapse(lead + " " + anchor + " " + after);
            int anchorAt = memo.normalize(lead).length();
            match(memo.normalize(context), context, types, hits, memo,
                    Math.max(0, anchorAt - MAX_CONTEXT_DISTANCE));
            if (hits.isEmpty() && sentences[0] != null) {
                String question = NormalizedText.collapse(sentences[0]);
                String wider = NormalizedText.collapse(question + " " + context);
                int at = memo.normalize(question).length() + 1 + anchorAt;
                match(memo.normalize(wider), wider, types, hits, memo, Math.max(0, at - MAX_CONTEXT_DISTANCE));
            }
        }
        if (!generic && !tooLong && !hits.containsKey(ConsentMarkerType.TRACKING_OPT_OUT_LINK)
                && types.contains(ConsentMarkerType.TRACKING_OPT_OUT_LINK)) {
            // a link whose own words end a sentence objecting to tracking: "vous pouvez vous y opposer depuis la
            // page [Gérer mes préférences]"; the phrase must run into the link text, so the link is the means named
            String lead = NormalizedText.collapse(tail(vt.textBefore(link), MAX_CONTEXT_BEFORE));
            String context = NormalizedText.collapse(lead + " " + anchor);
            match(memo.normalize(context), context, OPT_OUT_ONLY, hits, memo, memo.normalize(lead).length() + 2);
        }
        if (hits.isEmpty()) {
            String words = memo.urlWords(link.url());
            String display = anchor.isBlank() ? link.url() : anchor;
            match(words, display, types, hits, memo, 0);
        }
        return hits;
    }

    /**
     * Tries the link rules on {@code normalized}; a match counts only when it ends at or after {@code minEnd} (so that a
     * phrase read in a link's sentence lies near the link).
     */
    private void match(String normalized, String display, Set<ConsentMarkerType> types,
            Map<ConsentMarkerType, String[]> hits, Memo memo, int minEnd) {
        if (normalized.isEmpty()) {
            return;
        }
        PatternPrefilter.Candidates candidates = memo.linkCandidates(normalized);
        // only the rules whose words are all in the text, in rule order
        for (int k = candidates.nextMayMatch(0); k >= 0; k = candidates.nextMayMatch(k + 1)) {
            Rule r = linkRules.get(k);
            if (!types.contains(r.type()) || hits.containsKey(r.type())) {
                continue;
            }
            Matcher m = r.phrase().pattern().matcher(normalized);
            boolean near = false;
            int from = 0;
            while (!near && from <= normalized.length() && candidates.find(k, m, from)) { // as m.find() goes on
                near = m.end() >= minEnd;
                if (m.end() == m.start()) {
                    break;
                }
                from = m.end();
            }
            if (near) {
                hits.put(r.type(), new String[] {r.phrase().id(), NormalizedText.clip(
                        ConsentMarker.withoutUrlBrackets(NormalizedText.collapse(display)), MAX_TEXT)});
            }
        }
    }

    /**
     * @return {previous sentence if it is a question else null, last sentence} of a text
     */
    private static String[] lastSentences(String before) {
        int last = -1;
        int previous = -1;
        Matcher m = SENTENCE_END.matcher(before);
        while (m.find()) {
            previous = last;
            last = m.start();
        }
        if (last < 0) {
            return new String[] {null, before};
        }
        String lastSentence = before.substring(last + 1);
        String previousSentence = before.substring(previous + 1, last + 1);
        boolean question = before.charAt(last) == '?';
        return new String[] {question ? previousSentence : null, lastSentence};
    }

    private static String firstClause(String after) {
        Matcher m = CLAUSE_END.matcher(after);
        return m.find() ? after.substring(0, m.start()) : after;
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }

    private static String head(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * @param url a link as written
     * @return its text for pattern matching: percent-decoded (twice at most, for URLs wrapped by a redirector),
     *         normalised, every run of characters other than letters, digits and {@code @} turned into one space;
     *         the scheme is dropped
     */
    static String urlWords(String url) {
        String s = url.length() > 4000 ? url.substring(0, 4000) : url;
        for (int i = 0; i < 2 && s.indexOf('%') >= 0; i++) {
            s = percentDecode(s);
        }
        s = s.substring(schemeEnd(s));
        String norm = NormalizedText.normalize(s);
        return words(norm);
    }

    /**
     * @return the length of the scheme a link's words leave out: {@code http:}, {@code https:} or {@code mailto:} (ASCII
     *         letters in any case) and the slashes after it; 0 for any other link
     */
    static int schemeEnd(String url) {
        int end;
        if (CaseFold.startsWithAscii(url, "https:")) {
            end = 6;
        } else if (CaseFold.startsWithAscii(url, "http:")) {
            end = 5;
        } else if (CaseFold.startsWithAscii(url, "mailto:")) {
            end = 7;
        } else {
            return 0;
        }
        while (end < url.length() && url.charAt(end) == '/') {
            end++;
        }
        return end;
    }

    /**
     * @return {@code s} with every run of characters other than letters, digits and {@code @} turned into one space,
     *         trimmed (as {@code s.replaceAll("[^\\p{L}\\p{N}@]+", " ").trim()}, without the pattern)
     */
    static String words(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp == '@' || Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
                    || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) {
                if (gap && b.length() > 0) {
                    b.append(' ');
                }
                gap = false;
                b.appendCodePoint(cp);
            } else {
                gap = true;
            }
        }
        return b.toString();
    }

    private static String percentDecode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a stray % (not an escape): decode what can be decoded
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    // --- notices

    private void notices(VisibleText vt, Set<ConsentMarkerType> types, List<Found> found, int base, Memo memo) {
        if (textRules.isEmpty()) {
            return;
        }
        int read = 0;
        for (VisibleText.Paragraph p : vt.paragraphs()) {
            Cancellation.checkEvery(++read);
            NormalizedText nt = null;
            PatternPrefilter.Candidates candidates = null;
            Set<ConsentMarkerType> done = EnumSet.noneOf(ConsentMarkerType.class);
            for (int k = 0; k < textRules.size(); k++) {
                Rule r = textRules.get(k);
                if (!types.contains(r.type()) || done.contains(r.type())) {
                    continue;
                }
                if (nt == null) {
                    nt = memo.paragraph(p.text());
                    candidates = memo.textCandidates(nt.text());
                }
                if (!candidates.mayMatch(k)) {
                    continue;
                }
                Cancellation.check(); // per pattern run over a paragraph, which may hold a whole body
                Matcher m = r.phrase().pattern().matcher(nt.text());
                if (!candidates.find(k, m, 0)) { // as m.find(), only where the phrase may start
                    continue;
                }
                done.add(r.type());
                int from = nt.originalIndex(m.start());
                int to = nt.originalIndex(Math.max(m.start(), m.end() - 1)) + 1;
                String sentence = sentenceAround(p.text(), from, to, MAX_TEXT);
                String url = null;
                if (r.type() != ConsentMarkerType.TRACKING_NOTICE) {
                    url = firstLinkIn(vt, p, from);
                }
                String element = p.element();
                found.add(new Found(new ConsentMarker(r.type(), sentence, url,
                        new Location(vt.partPath(), element, null, null), r.phrase().id()), base + p.start() + from));
            }
        }
    }

    private static String firstLinkIn(VisibleText vt, VisibleText.Paragraph p, int fromInParagraph) {
        for (VisibleText.LinkSpan l : vt.links()) {
            if (l.start() >= p.start() + fromInParagraph && l.start() < p.end()) {
                return l.url();
            }
        }
        return null;
    }

    /**
     * @return the sentence of {@code text} holding {@code [from, to)}, white space collapsed, at most {@code max}
     *         characters; when the sentence reaches further than {@code max / 2} characters on one side, it is cut there
     *         at a word boundary (never inside a word or a URL) and the cut is marked with an ellipsis
     */
    static String sentenceAround(String text, int from, int to, int max) {
        int start = from;
        int limit = Math.max(0, from - max / 2);
        while (start > limit) {
            char c = text.charAt(start - 1);
            if ((c == '.' || c == '!' || c == '?' || c == '\n' || c == '\u2022')
                    && (start >= text.length() || Character.isWhitespace(text.charAt(start)))) {
                break;
            }
            start--;
        }
        boolean cutBefore = false;
        if (start == limit && limit > 0) { // no sentence start within reach: begin at a word, not inside one
            int word = start;
            while (word < from && !Character.isWhitespace(text.charAt(word - 1))) {
                word++;
            }
            start = word;
            cutBefore = true;
        }
        int end = to;
        int endLimit = Math.min(text.length(), to + max / 2);
        boolean sentenceEnd = false;
        while (end < endLimit) {
            char c = text.charAt(end);
            end++;
            if ((c == '.' || c == '!' || c == '?' || c == '\n')
                    && (end >= text.length() || Character.isWhitespace(text.charAt(end)))) {
                sentenceEnd = true;
                break;
            }
        }
        boolean cutAfter = false;
        if (!sentenceEnd && end < text.length()) { // cut before the sentence ends: end after a word, not inside one
            int word = end;
            while (word > to && !Character.isWhitespace(text.charAt(word))) {
                word--;
            }
            end = word;
            cutAfter = true;
        }
        String quote = NormalizedText.collapse(text.substring(start, end));
        return NormalizedText.clip((cutBefore ? "\u2026" : "") + quote + (cutAfter ? "\u2026" : ""), max);
    }
}
