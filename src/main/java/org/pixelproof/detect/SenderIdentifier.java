package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.TrackingParameter;

/**
 * Identifies the sending organisation, the data controller a complaint is aimed at (CNIL délibération 2026-042: the
 * sender is the controller even when an ESP hosts the pixel), from what the message itself shows.
 *
 * <h2>Sources and clue fields</h2>
 * <ul>
 *   <li>Headers: {@code from} (value: the decoded From field), {@code reply-to}, {@code return-path} (the bounce
 *   address, often the ESP's), {@code dkim-domain} (the {@code d=} tag of each DKIM-Signature, RFC 6376; not
 *   verified here: see {@code authenticity}), {@code list-unsubscribe} (each URI).</li>
 *   <li>Visible text of every body, its last {@value #FOOTER_ZONE_CHARS} characters (read by {@link FooterReader}):
 *   {@code organisation-name} (capitalised words before
 *   a legal form: SA, SAS, SASU, SARL, EURL, SCI, SNC, GmbH, AG, Ltd, Inc., LLC, B.V., S.L., S.p.A., S.r.l....),
 *   {@code postal-address} (French "number + street type ... 5-digit postcode + city [Cedex nn]"; German/Dutch,
 *   Spanish/Italian/Portuguese and British/American shapes roughly), {@code siren} and {@code siret} (only after a
 *   label: SIREN, SIRET, RCS, "N° TVA FRkk ..."), {@code vat-number}, {@code registration-number} (HRB, KvK, CIF/NIF,
 *   P.IVA, Companies House), {@code dpo-contact} (an address whose local part is {@code dpo@}, {@code privacy@},
 *   {@code rgpd@}..., or the e-mail/URL/postal address following "délégué à la protection des données", "DPO",
 *   "CIL", "data protection officer", "Datenschutzbeauftragter"), {@code data-protection-notice} (a sentence citing
 *   the RGPD/GDPR, the loi Informatique et Libertés or the right of access) and {@code rights-contact} (the contact
 *   such a sentence gives for exercising one's rights).</li>
 *   <li>Links: {@code privacy-policy-url} (the privacy-policy links found by {@link ConsentMarkerFinder}).</li>
 * </ul>
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li>{@code organisationName}: a footer name with a legal form, preferring one in the same paragraph as a SIREN
 *   or SIRET, else the last one (footers come last); when none, the From display name, which does not identify a
 *   legal entity, so {@code organisation-name} then stays in {@code missing}.</li>
 *   <li>{@code postalAddress}: the last address found (the footer's).</li>
 *   <li>{@code siren}: the first valid one (from SIREN, RCS, a French VAT number or a SIRET's first nine digits),
 *   else the first found; {@code siret}: the first valid one, else the first found; {@code sirenValid}: the SIREN
 *   passes its Luhn key and so does the SIRET when there is one (La Poste's SIRETs by their own rule, see
 *   {@link SirenCheck}).</li>
 *   <li>{@code dpoContact}: an explicit DPO contact, else the contact given for exercising data-protection rights
 *   (its clue says {@code rights-contact}): that is where the prior request the CNIL expects is sent.</li>
 *   <li>{@code missing}, in this order, those of {@code organisation-name}, {@code postal-address}, {@code siren}
 *   (only when no SIREN/SIRET and no foreign register number was found, and the postal address is not outside France
 *   ({@link AddressCountry}): a German GmbH has no SIREN),
 *   {@code privacy-policy-url}, {@code dpo-contact} that were not found.</li>
 * </ul>
 * Clue {@code where} values: {@code "header From"}, {@code "header DKIM-Signature"}..., {@code "footer text, part
 * 1.2"}, {@code "link, part 1.2"}. Values and evidence are cut to 300 characters; at most {@value #MAX_CLUES} clues.
 * Never dereferences a URL. Thread-safe: immutable after construction.
 */
public final class SenderIdentifier {
    /** A run of white space (compiled once: String.replaceAll compiles its regex on every call). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /**
     * Visible text read for the footer's legal identity, per body: its last 30,000 characters (all of it when
     * shorter). Footers come last; the bound keeps giant hostile bodies cheap.
     */
    public static final int FOOTER_ZONE_CHARS = 30_000;
    /** Most clues kept per message: 100. */
    public static final int MAX_CLUES = 100;

    /** An angle-bracketed address; its content may hold a quoted local part ({@code <"a b"@example.org>}). */
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<\\s*([^<>]{1,512}?)\\s*>");
    /** RFC 5322 section 3.2.3 dot-atom: atext runs joined by single dots. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>@,;:\"()\\[\\]]{1,256}@[^\\s<>@,;:\"()\\[\\]]{1,256}");
    private static final Pattern DKIM_D = Pattern.compile("(?:^|;)\\s*d\\s*=\\s*([^;\\s]{1,255})");

    private final ConsentMarkerFinder markers;
    private final LinkDecoder decoder;
    private final VendorIndex vendors;
    /** Query parameters that identify the recipient on any host ({@code mc_eid}, {@code _hsenc}...). */
    private final List<TrackingParameter> recipientParams;

    /** @param rules the rule set (its marker phrases give the privacy-policy links) */
    public SenderIdentifier(RuleSet rules) {
        this(new ConsentMarkerFinder(Objects.requireNonNull(rules, "rules")), new LinkDecoder(rules),
                new VendorIndex(rules), recipientParameters(rules));
    }

    /** @param markers the marker finder to share (its privacy-policy links are used) */
    SenderIdentifier(ConsentMarkerFinder markers) {
        this(markers, null, null);
    }

    /**
     * @param markers the marker finder to share (its privacy-policy links are used)
     * @param decoder to look through the recipient's link wrappers and decode tracked links, or {@code null}
     * @param vendors to recognise click-tracking redirectors, or {@code null}
     */
    SenderIdentifier(ConsentMarkerFinder markers, LinkDecoder decoder, VendorIndex vendors) {
        this(markers, decoder, vendors, List.of());
    }

    /**
     * @param markers         the marker finder to share (its privacy-policy links are used)
     * @param decoder         to look through the recipient's link wrappers and decode tracked links, or {@code null}
     * @param vendors         to recognise click-tracking redirectors, or {@code null}
     * @param recipientParams the query parameters that identify the recipient on any host
     *                        ({@link #recipientParameters})
     */
    SenderIdentifier(ConsentMarkerFinder markers, LinkDecoder decoder, VendorIndex vendors,
            List<TrackingParameter> recipientParams) {
        this.markers = Objects.requireNonNull(markers, "markers");
        this.decoder = decoder;
        this.vendors = vendors;
        this.recipientParams = List.copyOf(recipientParams);
    }

    /**
     * @param rules the rule set
     * @return its tracking parameters of scope {@code recipient} that hold on any host (not only on vendor URLs)
     */
    static List<TrackingParameter> recipientParameters(RuleSet rules) {
        return rules.trackingParameters().stream()
                .filter(p -> "recipient".equals(p.scope()) && !p.onVendorUrlsOnly()).toList();
    }

    /** Shortest parameter value taken for a per-recipient token, in characters; default 4. */
    static final int MIN_RECIPIENT_TOKEN_CHARS = 4;

    /**
     * True when a sender URL, as it would be shown, still identifies the recipient: it holds the recipient's address
     * in any of the encodings of {@link RecipientMatcher} (plain, URL-encoded, base64, hex, hashed), before or after
     * percent-decoding, or a query parameter that the rule set knows as per-recipient ({@code scope: recipient}). Such
     * a link must not be reproduced in a dossier: opening it would tell the sender who read the complaint.
     *
     * @param url     the URL as it would be shown
     * @param matcher the recipient addresses
     * @return true when it carries a recipient identifier
     */
    boolean carriesRecipient(String url, RecipientMatcher matcher) {
        if (url == null) {
            return false;
        }
        if (!matcher.isEmpty() && (!matcher.find(url).isEmpty() || !matcher.find(WebUrl.percentDecode(url)).isEmpty())) {
            return true;
        }
        WebUrl w = WebUrl.of(url, null);
        if (w == null) {
            return false;
        }
        for (WebUrl.QueryParam p : w.params()) {
            if (p.value() == null || p.value().length() < MIN_RECIPIENT_TOKEN_CHARS) {
                continue;
            }
            for (TrackingParameter tp : recipientParams) {
                if (tp.name().matcher(p.name()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A sender link as it may be shown: the real address when known, and how it was obtained. */
    record SenderUrl(String url, String status) {
    }

    /**
     * Looks through the recipient's own link wrappers (Safe Links, Proofpoint...) and the sender's click tracking, so
     * that a sender link shown in a dossier never is a tracked redirect or a wrapper holding the recipient's address.
     *
     * @param href the link as written
     * @return the real address with status {@code AS_WRITTEN}, {@code UNWRAPPED_FROM_RECIPIENT_GATEWAY} or
     *         {@code DECODED_FROM_TRACKED_LINK}; or a {@code null} address with status
     *         {@code TRACKED_LINK_DESTINATION_UNKNOWN} when it goes through a redirector or wrapper that cannot be
     *         decoded offline
     */
    SenderUrl senderUrl(String href) {
        WebUrl w = href == null ? null : WebUrl.of(href, null);
        if (w == null || !w.isRemote() || decoder == null) {
            return new SenderUrl(href, AS_WRITTEN);
        }
        LinkDecoder.Unwrapped uw = decoder.unwrap(w);
        if (uw.url() == null) {
            return new SenderUrl(null, TRACKED_LINK_DESTINATION_UNKNOWN);
        }
        WebUrl current = uw.url();
        String dest = decoder.destination(current);
        if (dest != null) {
            return new SenderUrl(dest, DECODED_FROM_TRACKED_LINK);
        }
        boolean tracked = Detector.redirectorShape(current) != null;
        if (!tracked && vendors != null) {
            for (VendorIndex.VendorMatch m : vendors.match(current)) {
                if (m.kind() == org.pixelproof.rules.PatternKind.CLICK) {
                    tracked = true;
                    break;
                }
            }
        }
        if (tracked) {
            return new SenderUrl(null, TRACKED_LINK_DESTINATION_UNKNOWN);
        }
        return new SenderUrl(current.url(), uw.wrapperId() != null ? UNWRAPPED_FROM_RECIPIENT_GATEWAY : AS_WRITTEN);
    }

    /** The sender link is shown as written. */
    public static final String AS_WRITTEN = "AS_WRITTEN";
    /** The real address was decoded from the sender's tracked link. */
    public static final String DECODED_FROM_TRACKED_LINK = "DECODED_FROM_TRACKED_LINK";
    /** The real address was read through the recipient's own link protection (Safe Links, Proofpoint...). */
    public static final String UNWRAPPED_FROM_RECIPIENT_GATEWAY = "UNWRAPPED_FROM_RECIPIENT_GATEWAY";
    /**
     * A tracked link or opaque wrapper whose destination cannot be read offline, or a link that (as written, unwrapped
     * or decoded) still carries the recipient's address or a per-recipient token ({@link #carriesRecipient}): not
     * reproduced. The clue then says "carries the recipient's identifier".
     */
    public static final String TRACKED_LINK_DESTINATION_UNKNOWN = "TRACKED_LINK_DESTINATION_UNKNOWN";


    /**
     * @param email the message
     * @param html  its parsed HTML bodies
     * @return the identity, with what was found where and what is missing
     */
    public SenderIdentity identify(ReceivedEmail email, List<HtmlBody> html) {
        return identifyFrom(email, VisibleText.ofEmail(email, html, VisibleText.DEFAULT_MAX_CHARS));
    }

    /**
     * @param email the message
     * @param texts the visible texts of its bodies ({@link VisibleText#ofEmail})
     * @return the identity
     */
    SenderIdentity identifyFrom(ReceivedEmail email, List<VisibleText> texts) {
        return identifyFrom(email, texts, Detector.recipientAddresses(email, List.of()));
    }

    /**
     * @param email      the message
     * @param texts      the visible texts of its bodies ({@link VisibleText#ofEmail})
     * @param recipients the recipient addresses (a privacy or DPO link carrying one of them is withheld)
     * @return the identity
     */
    SenderIdentity identifyFrom(ReceivedEmail email, List<VisibleText> texts, List<String> recipients) {
        return identifyFrom(email, texts, recipients,
                markers.find(email, texts, EnumSet.of(ConsentMarkerType.PRIVACY_POLICY_LINK)));
    }

    /**
     * @param email              the message
     * @param texts              the visible texts of its bodies ({@link VisibleText#ofEmail})
     * @param recipients         the recipient addresses (a privacy or DPO link carrying one of them is withheld)
     * @param privacyPolicyLinks the message's privacy-policy link markers, as the marker finder gives them for
     *                           {@link ConsentMarkerType#PRIVACY_POLICY_LINK} alone
     * @return the identity
     */
    SenderIdentity identifyFrom(ReceivedEmail email, List<VisibleText> texts, List<String> recipients,
            List<ConsentMarker> privacyPolicyLinks) {
        RecipientMatcher recipientMatcher = new RecipientMatcher(recipients);
        List<SenderClue> clues = new ArrayList<>();

        // --- headers
        String fromValue = email.header("From").orElse(null);
        String fromAddress = null;
        String fromName = null;
        String fromDomain = null;
        if (fromValue != null) {
            fromAddress = address(fromValue);
            fromName = displayName(fromValue);
            fromDomain = domain(fromAddress);
            clue(clues, "from", fromValue, "header From", fromValue);
        }
        String replyTo = email.header("Reply-To").map(SenderIdentifier::address).orElse(null);
        if (replyTo != null) {
            clue(clues, "reply-to", replyTo, "header Reply-To", email.header("Reply-To").get());
        }
        String returnPath = email.header("Return-Path").map(SenderIdentifier::address).orElse(null);
        if (returnPath != null) {
            clue(clues, "return-path", returnPath, "header Return-Path", email.header("Return-Path").get());
        }
        Set<String> dkim = new LinkedHashSet<>();
        for (String sig : email.headers("DKIM-Signature")) {
            Matcher m = DKIM_D.matcher(WHITE_SPACE.matcher(sig).replaceAll(" "));
            if (m.find()) {
                String d = m.group(1).toLowerCase(Locale.ROOT);
                if (dkim.add(d)) {
                    clue(clues, "dkim-domain", d, "header DKIM-Signature", "d=" + d);
                }
            }
        }
        List<String> listUnsubscribe = new ArrayList<>();
        for (String v : email.headers("List-Unsubscribe")) {
            for (String uri : ConsentMarkerFinder.listUnsubscribeUris(v)) {
                listUnsubscribe.add(uri);
                clue(clues, "list-unsubscribe", uri, "header List-Unsubscribe", v);
            }
        }

        // --- footer text
        List<FooterReader.Fact> names = new ArrayList<>();
        List<String> nameParts = new ArrayList<>();
        String postalAddress = null;
        String siren = null;
        boolean sirenOk = false;
        String siret = null;
        boolean siretOk = false;
        boolean foreignRegistration = false;
        String dpo = null;
        String rightsContact = null;
        List<int[]> registrationParagraphs = new ArrayList<>();
        for (VisibleText vt : texts) {
            String where = "footer text, part " + vt.partPath();
            int cut = Math.max(0, vt.text().length() - FOOTER_ZONE_CHARS);
            for (FooterReader.Fact read : FooterReader.read(vt.text().substring(cut))) {
                FooterReader.Fact f = new FooterReader.Fact(read.field(), read.value(), read.start() + cut,
                        read.end() + cut, read.evidence(), read.valid());
                clue(clues, f.field(), f.value(), where, f.evidence(),
                        f.valid() ? null : SenderClue.CHECK_DIGIT_INVALID);
                switch (f.field()) {
                    case "organisation-name" -> {
                        names.add(f);
                        nameParts.add(vt.partPath());
                    }
                    case "postal-address" -> postalAddress = f.value();
                    case "siren" -> {
                        if (siren == null || !sirenOk && f.valid()) {
                            siren = f.value();
                            sirenOk = f.valid();
                        }
                        registrationParagraphs.add(new int[] {texts.indexOf(vt), paragraphIndex(vt, f.start())});
                    }
                    case "siret" -> {
                        if (siret == null || !siretOk && f.valid()) {
                            siret = f.value();
                            siretOk = f.valid();
                        }
                        registrationParagraphs.add(new int[] {texts.indexOf(vt), paragraphIndex(vt, f.start())});
                    }
                    case "registration-number" -> foreignRegistration = true;
                    case "dpo-contact" -> {
                        if (dpo == null) {
                            dpo = f.value();
                        }
                    }
                    case "rights-contact" -> {
                        if (rightsContact == null) {
                            rightsContact = f.value();
                        }
                    }
                    default -> {
                    }
                }
            }
            // DPO addresses that only appear in mailto: links
            for (VisibleText.LinkSpan l : vt.links()) {
                if (l.href().regionMatches(true, 0, "mailto:", 0, 7)) {
                    String addr = l.href().substring(7).replaceFirst("\\?.*$", "");
                    int at = addr.indexOf('@');
                    if (at > 0 && FooterReader.DPO_LOCAL_PART.matcher(addr.substring(0, at)).matches()) {
                        clue(clues, "dpo-contact", addr, "link, part " + vt.partPath(), l.anchorText());
                        if (dpo == null) {
                            dpo = addr;
                        }
                    }
                }
            }
        }
        if (siren == null && siret != null) {
            siren = siret.substring(0, 9);
            sirenOk = SirenCheck.isValidSiren(siren);
        }
        boolean sirenValid = siren != null && sirenOk && (siret == null || SirenCheck.isValidSiret(siret));

        String organisationName = null;
        boolean legalName = false;
        if (!names.isEmpty()) {
            FooterReader.Fact chosen = names.get(names.size() - 1);
            for (int i = 0; i < names.size(); i++) {
                FooterReader.Fact f = names.get(i);
                int textIndex = indexOfPart(texts, nameParts.get(i));
                int para = paragraphIndex(texts.get(textIndex), f.start());
                if (registrationParagraphs.stream().anyMatch(r -> r[0] == textIndex && r[1] == para)) {
                    chosen = f;
                    break;
                }
            }
            organisationName = chosen.value();
            legalName = true;
        } else if (fromName != null && !fromName.isBlank()) {
            organisationName = fromName;
        }

        // --- privacy-policy links
        String privacyUrl = null;
        String privacyStatus = null;
        for (ConsentMarker m : privacyPolicyLinks) {
            if (m.url() == null) {
                continue;
            }
            SenderUrl su = senderUrl(m.url());
            WebUrl written = WebUrl.of(m.url(), null);
            String via = written == null ? "?" : written.host();
            boolean identifying = su.url() != null && carriesRecipient(su.url(), recipientMatcher);
            if (identifying) {
                su = new SenderUrl(null, TRACKED_LINK_DESTINATION_UNKNOWN);
            }
            // the host the link goes through, qualified, when the real address cannot be given
            String shown = su.url() != null ? su.url() : via;
            String qualifier = su.url() != null ? null : identifying ? SenderClue.TRACKED_LINK_IDENTIFIES_RECIPIENT
                    : SenderClue.TRACKED_LINK_DESTINATION_UNKNOWN;
            clue(clues, "privacy-policy-url", shown, "link, part " + m.location().partPath(), m.text(), qualifier);
            if (privacyStatus == null || (privacyUrl == null && su.url() != null)) {
                privacyUrl = su.url();
                privacyStatus = su.status();
            }
        }

        if (dpo != null && carriesRecipient(dpo, recipientMatcher)) {
            dpo = null; // a DPO page reached through a per-recipient link is not reproduced
        }
        if (rightsContact != null && carriesRecipient(rightsContact, recipientMatcher)) {
            rightsContact = null;
        }
        String dpoContact = dpo != null ? dpo : rightsContact;
        List<String> missing = new ArrayList<>();
        if (!legalName) {
            missing.add("organisation-name");
        }
        if (postalAddress == null) {
            missing.add("postal-address");
        }
        AddressCountry country = AddressCountry.of(postalAddress);
        if (siren == null && !foreignRegistration && (country == null || country.france())) {
            missing.add("siren"); // not asked of an organisation whose address is outside France
        }
        if (privacyStatus == null) {
            missing.add("privacy-policy-url");
        }
        if (dpoContact == null) {
            missing.add("dpo-contact");
        }
        return new SenderIdentity(fromAddress, fromName, fromDomain, replyTo, returnPath, List.copyOf(dkim),
                listUnsubscribe, organisationName, postalAddress, siren, siret, sirenValid, privacyUrl, dpoContact,
                clues.size() > MAX_CLUES ? clues.subList(0, MAX_CLUES) : clues, missing, privacyStatus);
    }

    private static int indexOfPart(List<VisibleText> texts, String partPath) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).partPath().equals(partPath)) {
                return i;
            }
        }
        return 0;
    }

    private static int paragraphIndex(VisibleText vt, int offset) {
        List<VisibleText.Paragraph> ps = vt.paragraphs();
        for (int i = ps.size() - 1; i >= 0; i--) {
            if (ps.get(i).start() <= offset) {
                return i;
            }
        }
        return 0;
    }

    private static void clue(List<SenderClue> clues, String field, String value, String where, String evidence) {
        clue(clues, field, value, where, evidence, null);
    }

    private static void clue(List<SenderClue> clues, String field, String value, String where, String evidence,
            String qualifier) {
        if (clues.size() >= MAX_CLUES * 2 || value == null || value.isBlank()) {
            return;
        }
        for (SenderClue c : clues) {
            if (c.field().equals(field) && c.value().equals(value) && c.where().equals(where)) {
                return;
            }
        }
        clues.add(new SenderClue(field, NormalizedText.clip(NormalizedText.collapse(value), 300), where,
                evidence == null ? null : NormalizedText.clip(NormalizedText.collapse(evidence), 300), qualifier));
    }

    /**
     * @param header a decoded address header ({@code "Name <a@b>"}, {@code "a@b"}, {@code "<a@b>"}...)
     * @return the first address, lower case, without a trailing dot in the domain; null when none
     */
    static String address(String header) {
        Matcher m = ANGLE_ADDRESS.matcher(header);
        while (m.find()) {
            String a = addrSpec(m.group(1));
            if (a != null) {
                return a;
            }
        }
        Matcher b = BARE_ADDRESS.matcher(header);
        return b.find() ? addrSpec(b.group()) : null;
    }

    /**
     * Normalises an addr-spec (RFC 5322 section 3.4.1, {@code local-part "@" domain}) to lower case. A quoted local
     * part ({@code "jane.doe"@example.org}) loses its quotes when its content is a plain dot-atom, as the RFC makes
     * both forms the same address, and keeps them otherwise ({@code "jane doe"@example.org}). The odd form that
     * quotes the whole address ({@code <"63409624@brand.example">}, seen from some ESPs) is read as the address inside
     * the quotes. Trailing dots and stray characters after the domain are dropped. Pure string work; thread-safe.
     *
     * @param spec the text between the angle brackets, or a bare address; may be {@code null}
     * @return the normalised address, or {@code null} when {@code spec} has no local part, no {@code @} or no domain
     */
    public static String addrSpec(String spec) {
        if (spec == null) {
            return null;
        }
        String a = spec.trim();
        if (a.startsWith("<") && a.endsWith(">") && a.length() >= 2) {
            a = a.substring(1, a.length() - 1).trim();
        }
        String local;
        String rest;
        if (a.startsWith("\"")) {
            StringBuilder q = new StringBuilder();
            int i = 1;
            boolean closed = false;
            for (; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '\\' && i + 1 < a.length()) {
                    q.append(a.charAt(++i));
                } else if (c == '"') {
                    closed = true;
                    i++;
                    break;
                } else {
                    q.append(c);
                }
            }
            String after = closed ? a.substring(i).trim() : "";
            if (after.startsWith("@")) {
                String content = q.toString();
                local = DOT_ATOM.matcher(content).matches() ? content
                        : "\"" + content.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                rest = after.substring(1);
            } else if (after.isEmpty() && q.indexOf("@") > 0 && q.charAt(0) != '"') {
                return addrSpec(q.toString());
            } else {
                return null;
            }
        } else {
            int at = a.lastIndexOf('@');
            if (at <= 0) {
                return null;
            }
            local = a.substring(0, at).trim();
            rest = a.substring(at + 1);
        }
        String domain = rest.trim();
        int end = 0;
        if (domain.startsWith("[")) {
            end = domain.indexOf(']') + 1;
        } else {
            while (end < domain.length() && (Character.isLetterOrDigit(domain.charAt(end))
                    || domain.charAt(end) == '.' || domain.charAt(end) == '-' || domain.charAt(end) == '_')) {
                end++;
            }
        }
        domain = domain.substring(0, Math.max(end, 0));
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (local.isEmpty() || domain.isEmpty()) {
            return null;
        }
        return (local + "@" + domain).toLowerCase(Locale.ROOT);
    }

    /** @return the display name before the first {@code <address>}, quotes and trailing commas removed; or null. */
    static String displayName(String header) {
        int lt = header.indexOf('<');
        if (lt <= 0) {
            return null;
        }
        String name = header.substring(0, lt).trim();
        while (name.endsWith(",")) {
            name = name.substring(0, name.length() - 1).trim();
        }
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).trim();
        }
        return name.isEmpty() ? null : NormalizedText.collapse(name);
    }

    private static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
