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
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.LookalikeCharacters;
import org.pixelproof.ingest.Mailboxes;
import org.pixelproof.ingest.ReceivedEmail;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.TrackingParameter;

/**
 * Identifies the sending organisation, the data controller a complaint is aimed at (CNIL délibération 2026-042: the
 * sender is the controller even when an ESP hosts the pixel), from what the message itself shows.
 *
 * <h2>Sources and clue fields</h2>
 * <ul>
 *   <li>Headers: {@code from} (value: the author's mailbox as {@link Mailboxes#format} writes it, or the raw field when no
 *   address can be read; the From address is read per RFC 5322 by {@link Mailboxes}, never from a display name), {@code reply-to}, {@code return-path} (the bounce
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
 *   <li>{@code organisationName}: the footer name with a legal form that scores highest (see {@link #chooseName}): a
 *   register number in its paragraph, the sender's domain name in it, an imprint line (its address or register
 *   number after it, a copyright mark or imprint label before it); ties go to the later one (footers come last). A
 *   known ESP's own legal name is passed over (a processor), and when several different names are read and none
 *   scores (names mentioned in the body), none is chosen. When none is, the From display name stands in; it does not
 *   identify a legal entity, so {@code organisation-name} then stays in {@code missing}. Every name read is still
 *   a clue.</li>
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

    /** RFC 5322 section 3.2.3 dot-atom: atext runs joined by single dots. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
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
        // read from the raw fields with quotes and comments honoured (Mailboxes): a display name may look like an
        // address, the address is the one the message was sent from
        Mailboxes.FromField from = Mailboxes.from(email.headers());
        String fromAddress = null;
        String fromName = null;
        String fromDomain = null;
        Mailboxes.Mailbox author = from.author();
        String fromAddressAsWritten = null;
        if (author != null) {
            fromAddress = addrSpec(author.address());
            fromAddressAsWritten = addrSpecAsWritten(author.address());
            fromName = author.displayName() == null ? null : NormalizedText.collapse(author.displayName());
            fromDomain = domain(fromAddress);
        }
        if (from.raw() != null) {
            clue(clues, "from", author != null ? Mailboxes.format(author) : from.raw(), "header From", from.raw());
        }
        String replyTo = firstAddress(email, "Reply-To");
        if (replyTo != null) {
            clue(clues, "reply-to", replyTo, "header Reply-To", email.header("Reply-To").get());
        }
        String returnPath = firstAddress(email, "Return-Path");
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
        List<NameSeen> names = new ArrayList<>();
        List<List<FooterReader.Fact>> footerFacts = new ArrayList<>(); // per text: its addresses and register numbers
        String postalAddress = null;
        String siren = null;
        boolean sirenOk = false;
        String siret = null;
        boolean siretOk = false;
        boolean foreignRegistration = false;
        String dpo = null;
        String rightsContact = null;
        for (int textIndex = 0; textIndex < texts.size(); textIndex++) {
            Cancellation.check();
            VisibleText vt = texts.get(textIndex);
            String where = "footer text, part " + vt.partPath();
            List<FooterReader.Fact> located = new ArrayList<>();
            footerFacts.add(located);
            int cut = Math.max(0, vt.text().length() - FOOTER_ZONE_CHARS);
            for (FooterReader.Fact read : FooterReader.read(vt.text().substring(cut))) {
                FooterReader.Fact f = new FooterReader.Fact(read.field(), read.value(), read.start() + cut,
                        read.end() + cut, read.evidence(), read.valid());
                clue(clues, f.field(), f.value(), where, f.evidence(),
                        f.valid() ? null : SenderClue.CHECK_DIGIT_INVALID);
                if (FOOTER_FACTS.contains(f.field())) {
                    located.add(f);
                }
                switch (f.field()) {
                    case "organisation-name" -> names.add(new NameSeen(f, textIndex));
                    case "postal-address" -> postalAddress = f.value();
                    case "siren" -> {
                        if (siren == null || !sirenOk && f.valid()) {
                            siren = f.value();
                            sirenOk = f.valid();
                        }
                    }
                    case "siret" -> {
                        if (siret == null || !siretOk && f.valid()) {
                            siret = f.value();
                            siretOk = f.valid();
                        }
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

        String organisationName = chooseName(names, texts, footerFacts, senderLabels(fromDomain, replyTo));
        boolean legalName = organisationName != null;
        if (!legalName && fromName != null && !fromName.isBlank()) {
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
                clues.size() > MAX_CLUES ? clues.subList(0, MAX_CLUES) : clues, missing, privacyStatus, List.of(),
                fromAddressAsWritten);
    }

    /** The fields of the footer facts that tie a name to the footer: its addresses and register numbers. */
    private static final Set<String> FOOTER_FACTS = Set.of("postal-address", "siren", "siret", "vat-number",
            "registration-number");
    /** Score of a name with a register number (SIREN, SIRET, VAT, HRB...) in its paragraph. */
    static final int SCORE_REGISTRATION = 4;
    /** Score of a name that holds the sender's domain name ("Exemple Group SAS" for news@mail.exemple.fr). */
    static final int SCORE_SENDER_DOMAIN = 3;
    /**
     * Score of a name on an imprint line: a register number in its paragraph, a postal address or register number
     * starting within {@value FooterReader#FORM_CONTEXT_CHARS} characters after it, or a copyright mark or imprint
     * label just before it.
     */
    static final int SCORE_IMPRINT = 2;
    /** Shortest domain name (its registrable domain's first label, hyphens removed) matched in a name: 3. */
    static final int MIN_SENDER_LABEL_CHARS = 3;
    /** Shortest first word of a name matched inside a domain name: 4. */
    static final int MIN_NAME_WORD_CHARS = 4;

    /** A footer name and the index of the visible text it was read in. */
    private record NameSeen(FooterReader.Fact fact, int text) {
    }

    /**
     * Chooses the data controller among the legal names of the footers (clue {@code organisation-name}). Each is scored: {@value #SCORE_REGISTRATION}
     * for a register number in its paragraph, {@value #SCORE_SENDER_DOMAIN} when it holds the name of the From or
     * Reply-To domain, {@value #SCORE_IMPRINT} when it stands on an imprint line; the highest wins, a tie going to the
     * later one (footers come last). A known ESP's or tracking vendor's own legal name
     * ({@link VendorIndex#isVendorLegalName}) is a processor, not the controller (CNIL délibération 2026-042), and
     * is passed over unless it holds the sender's domain name (the vendor's own newsletter). When several different
     * names score nothing (names mentioned in the body, none shown as the sender), none is chosen.
     *
     * @return the chosen name, or {@code null}
     */
    private String chooseName(List<NameSeen> names, List<VisibleText> texts,
            List<List<FooterReader.Fact>> footerFacts, Set<String> senderLabels) {
        NameSeen best = null;
        int bestScore = -1;
        Set<String> distinct = new java.util.HashSet<>();
        for (NameSeen n : names) {
            String value = n.fact().value();
            String key = FooterReader.nameKey(value);
            boolean sender = tiedToSender(value, key, senderLabels);
            if (!sender && vendors != null && vendors.isVendorLegalName(value)) {
                continue;
            }
            distinct.add(key);
            VisibleText vt = texts.get(n.text());
            int para = paragraphIndex(vt, n.fact().start());
            boolean registration = false;
            boolean imprint = FooterReader.imprintMarkBefore(vt.text(), n.fact().start());
            for (FooterReader.Fact f : footerFacts.get(n.text())) {
                boolean sameParagraph = paragraphIndex(vt, f.start()) == para;
                registration |= sameParagraph && !f.field().equals("postal-address");
                // an imprint line gives the name, then its address ("Exemple SAS | 12 rue ... | RCS ..."); an address
                // before a name is more often an event's, a name in the body
                imprint |= registration || f.start() >= n.fact().end()
                        && f.start() < n.fact().end() + FooterReader.FORM_CONTEXT_CHARS;
            }
            int score = (registration ? SCORE_REGISTRATION : 0) + (sender ? SCORE_SENDER_DOMAIN : 0)
                    + (imprint ? SCORE_IMPRINT : 0);
            if (score >= bestScore) {
                best = n;
                bestScore = score;
            }
        }
        if (best == null || bestScore == 0 && distinct.size() > 1) {
            return null;
        }
        return best.fact().value();
    }

    /**
     * @return the names of the sender's domains (From and Reply-To): the first label of each registrable domain,
     *         hyphens removed, of at least {@value #MIN_SENDER_LABEL_CHARS} characters ({@code mail.zeit-zu-leben.de}
     *         gives {@code zeitzuleben}); for a platform tenant's default domain, the tenant's label
     *         ({@code contoso} of {@code contoso.onmicrosoft.com}, never {@code onmicrosoft}:
     *         {@link PlatformTenantDomains}), so that a copied "Microsoft Corporation" footer is not scored as the
     *         sender's own name
     */
    static Set<String> senderLabels(String fromDomain, String replyTo) {
        Set<String> labels = new LinkedHashSet<>();
        for (String d : new String[] {fromDomain, domain(replyTo)}) {
            String reg = PlatformTenantDomains.organisationalDomain(d == null ? null : d.toLowerCase(Locale.ROOT));
            if (reg == null) {
                continue;
            }
            int dot = reg.indexOf('.');
            String label = FooterReader.nameKey(dot < 0 ? reg : reg.substring(0, dot));
            if (label.length() >= MIN_SENDER_LABEL_CHARS) {
                labels.add(label);
            }
        }
        return labels;
    }

    /**
     * @return true when the name holds one of the sender's domain names, or its first word (an article skipped) is
     *         part of one ("Exemplar Group Holdings, Inc." and {@code exemplar}; "Zeit zu leben GmbH" and
     *         {@code zeitzuleben})
     */
    static boolean tiedToSender(String name, String key, Set<String> senderLabels) {
        String firstWord = null;
        for (String w : FooterReader.WORD_SEPARATORS.split(name)) {
            if (!w.isEmpty() && !FooterReader.isArticle(w)) {
                firstWord = FooterReader.nameKey(w);
                break;
            }
        }
        for (String label : senderLabels) {
            if (key.contains(label)
                    || firstWord != null && firstWord.length() >= MIN_NAME_WORD_CHARS && label.contains(firstWord)) {
                return true;
            }
        }
        return false;
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
     * @param header an address field's raw body ({@code "Name" <a@b>}, {@code a@b}, {@code <a@b>}...), read by
     *               {@link Mailboxes#read}: quotes and comments honoured, encoded words never taken for an address
     * @return its first readable address, normalised by {@link #addrSpec}; null when none
     */
    static String address(String header) {
        Mailboxes.Mailbox m = Mailboxes.read(header).first();
        return m == null ? null : addrSpec(m.address());
    }

    /** @return the first address of the message's first field {@code name}, read from its raw form; or null */
    private static String firstAddress(ReceivedEmail email, String name) {
        for (Header h : email.headers()) {
            if (h.is(name)) {
                return address(h.raw());
            }
        }
        return null;
    }

    /**
     * Normalises an addr-spec (RFC 5322 section 3.4.1, {@code local-part "@" domain}) to lower case. A quoted local
     * part ({@code "jane.doe"@example.org}) loses its quotes when its content is a plain dot-atom, as the RFC makes
     * both forms the same address, and keeps them otherwise ({@code "jane doe"@example.org}). The odd form that
     * quotes the whole address ({@code <"63409624@brand.example">}, seen from some ESPs) is read as the address inside
     * the quotes. Trailing dots and stray characters after the domain are dropped; the domain is read by code point
     * ({@link LookalikeCharacters#isDomainCharacter}), so that one written with letters outside the Basic Multilingual
     * Plane ({@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}, mathematical letters) or with enclosed letters is kept as written instead of
     * being cut to nothing. Pure string work; thread-safe.
     *
     * @param spec the text between the angle brackets, or a bare address; may be {@code null}
     * @return the normalised address, or {@code null} when {@code spec} has no local part, no {@code @} or no domain
     */
    public static String addrSpec(String spec) {
        return addrSpec(spec, true);
    }

    /**
     * Reads an addr-spec as {@link #addrSpec} does, for showing it: the local part keeps the case it was written in,
     * since only the receiving host may interpret it (RFC 5321 section 2.4: "the local-part of a mailbox MUST BE
     * treated as case sensitive"), and the domain, which is case-insensitive (RFC 5321 section 2.4, RFC 1035 section
     * 2.3.3), is written in lower case. Compare addresses with {@link #addrSpec}. Pure string work; thread-safe.
     *
     * @param spec the text between the angle brackets, or a bare address; may be {@code null}
     * @return the address as written, its domain in lower case ({@code info+Agence-Nationale@example.org}); equal to
     *         {@link #addrSpec} ignoring case; {@code null} when {@link #addrSpec} gives {@code null}
     */
    public static String addrSpecAsWritten(String spec) {
        return addrSpec(spec, false);
    }

    private static String addrSpec(String spec, boolean lowerLocalPart) {
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
                return addrSpec(q.toString(), lowerLocalPart);
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
            while (end < domain.length() && LookalikeCharacters.isDomainCharacter(domain.codePointAt(end))) {
                end += Character.charCount(domain.codePointAt(end));
            }
        }
        domain = domain.substring(0, Math.max(end, 0));
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (local.isEmpty() || domain.isEmpty()) {
            return null;
        }
        String domainLower = domain.toLowerCase(Locale.ROOT);
        return (lowerLocalPart ? local.toLowerCase(Locale.ROOT) : local) + "@" + domainLower;
    }

    /**
     * @param header an address field's raw body, read by {@link Mailboxes#read}
     * @return the display name of its first readable mailbox (encoded words decoded, quotes removed); or null
     */
    static String displayName(String header) {
        Mailboxes.Mailbox m = Mailboxes.read(header).first();
        return m == null ? null : m.displayName();
    }

    private static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
