package org.pixelproof.detect;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.ingest.Cancellation;
import org.pixelproof.ingest.Header;
import org.pixelproof.ingest.LookalikeCharacters;
import org.pixelproof.ingest.Mailboxes;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Tells when the sender's identity is doubtful: the organisation the message names, the From domain, the DKIM
 * {@code d=} domains and the places its links lead to disagree the way impersonation (phishing) does. A dossier
 * addressed to the organisation named in the footer would then reach the wrong data controller, so the dossier must
 * warn.
 *
 * <p>Reasons, as stable codes (labels through {@link DetectLabels}):
 * <ul>
 * <li>{@link #LINKS_LEAD_ELSEWHERE}: the message has links to web pages (decoded destinations of tracked links
 * included; unsubscribe, social-network and vendor hosts left out), and none leads to the From, DKIM or Return-Path
 * domain, to a domain written in the text, or to a host carrying the sender's brand (the first label of a sender
 * domain, as in {@code brand.newsletter-host.example});</li>
 * <li>{@link #NAME_NOT_IN_SENDER_DOMAINS}: no word of four letters or more of the organisation name (or the From
 * display name) appears in the From, DKIM or Return-Path domain, nor in the From local part;</li>
 * <li>{@link #FOOTER_DOMAIN_NOT_SENDER}: a web address written in the text ({@code www.example.fr}) is on another
 * domain than the From, DKIM and Return-Path domains, and no link goes there;</li>
 * <li>{@link #FROM_ADDRESS_WITHOUT_DOMAIN}: the From address's only {@code @} is inside a quoted local part
 * ({@code <"123@brand.example">}): by RFC 5322 section 3.4.1 that address has no domain at all, so no receiving
 * server checked the domain the reader sees (SPF, DKIM and DMARC align with nothing). That domain is then left out of
 * the sender's domains the name and the written web addresses are compared with (not of those links are, so that a
 * sender whose mailer merely quotes its own address and whose links lead to its own site is not suspected);</li>
 * <li>{@link #BRAND_NOT_SENDER}: the From display name names a brand that phishing often impersonates
 * ({@link ImpersonatedBrands}: crypto-asset wallets and exchanges), yet no From, DKIM or Return-Path domain is one of
 * the brand's own or carries its name, and no link (tracked host or decoded destination) is known to lead to the
 * brand's domains. A brand name that is also a common word counts only with a word of the brand's vocabulary in the
 * message ({@code XRP} for Ripple).</li>
 * <li>{@link #ORGANISATION_NOT_TIED_TO_SENDER}: the footer names an organisation with a legal form (the data
 * controller the dossier would name), the message is mass mail (a tracker or a List-Unsubscribe field), and neither
 * that name nor the From display name is tied to any host the message was sent, signed, bounced, unsubscribed or
 * linked through ({@link OrganisationTie}; the From local part does not count: {@code "Hiba from Ledger"
 * <ledger-notifications@unrelated.example>} with a "Ledger SAS" footer sent through an ESP's shared domain).</li>
 * <li>{@link #FROM_PLATFORM_TENANT_DOMAIN}: the From address is on a customer's default sub-domain of a shared cloud
 * mail or hosting platform ({@link PlatformTenantDomains}: Microsoft 365's {@code contoso.onmicrosoft.com}, Amazon
 * WorkMail's {@code contoso.awsapps.com}...), and the organisation the message presents itself as (the footer's legal
 * name, or, in mass mail, the From display name) is tied to none of the sender's own domains with the platform's
 * labels left out: not to the tenant's label, nor to a DKIM, Return-Path or List-Unsubscribe domain no vendor rule
 * claims ({@link OrganisationTie#ofSenderDomains}; links do not count, since a copied campaign links to the brand it
 * copies). As for {@link #ORGANISATION_NOT_TIED_TO_SENDER}, a footer name is spared when the display name is tied and
 * repeats no word of it.</li>
 * <li>{@link #TWO_ORGANISATIONS_NEITHER_SENDER}: in mass mail, the From display name names an organisation with its
 * legal form ({@code "Norvexa Exchange Ltd"}), the footer names another one ("Talvenport Capital, LLC": no word, nor
 * initials, in common), and neither name is tied to the sender's own domains (From, DKIM {@code d=}, Return-Path,
 * List-Unsubscribe hosts no vendor rule claims: {@link OrganisationTie#ofSenderDomains}; links do not count). Two
 * organisations claim the message, and the domain it comes from is neither's: the sign of a campaign copied and
 * re-sent under another name ({@link #twoOrganisationsNeitherSender}).</li>
 * <li>{@link #MIXED_SCRIPT_NAME}: a word of the From display name or of the organisation name mixes Latin letters
 * with Greek or Cyrillic ones ({@code Αmazοn} with a Greek capital alpha and omicron, {@code Lerοy}): letters that
 * look alike but are different characters, so that the name reads as an organisation's while no filter or search for
 * that name matches it (a homograph, Unicode Technical Standard #39 "mixed-script confusables"). Genuine names are
 * written in one script per word.</li>
 * <li>{@link #MIXED_SCRIPT_DOMAIN}: a label of the From address's domain mixes Latin letters with Greek or Cyrillic
 * ones ({@code pаypal.example} with a Cyrillic a): registries refuse such labels for genuine names (ICANN's IDN
 * Implementation Guidelines ask for one script per label), so it exists to pass for another domain. Enough on its
 * own.</li>
 * <li>{@link #FROM_DOMAIN_LOOKALIKE_CHARACTERS}: the From address's domain, or an address shown in the From display
 * name on another domain than the From's, is written with characters that only imitate ASCII letters or digits
 * ({@link LookalikeCharacters#disguisesDomain}: {@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} in mathematical bold, fullwidth
 * {@code ｂｒｕｍｅ.example}, circled or superscript letters). Unicode compatibility normalisation (NFKC, the mapping
 * step of IDNA, Unicode Technical Standard #46) folds them to the domain they imitate ({@code verkade.nl}), and Unicode
 * Technical Standard #39 lists them as its confusables; IDNA2008 (RFC 5890, RFC 5891, RFC 5892 section 2.3) disallows
 * them, so no registry registers such a name and no genuine organisation sends from it. Enough on its own. Genuine
 * internationalised domains ({@code café-exemple.fr}, Cyrillic, CJK letters, punycode {@code xn--}) are not
 * concerned. It shows that the domain is disguised, not who sent the message.</li>
 * <li>{@link #BIDI_CONTROL_IN_NAME}: the From display name or the organisation name holds a bidirectional control
 * character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C; Unicode Standard Annex #9), which makes a reader
 * see the characters after it in another order ({@code PayPal <elpmaxe.live@swen>} read backwards): the trick of
 * CVE-2021-42574 ("Trojan Source") applied to a name. Enough on its own, like the mixed-script name.</li>
 * <li>{@link #NAME_IS_OTHER_ADDRESS}: the From display name shows an address on another domain than the From
 * address ({@code "PayPal <service@paypal.com>" <news@evil.example>}): most mail programs show only the name, so the
 * reader sees an address the message was not sent from (see {@link #nameIsOtherAddress}).</li>
 * <li>{@link #FROM_AMBIGUOUS}: the message has several From fields, its From names several mailboxes, or its From
 * address cannot be read ({@link Mailboxes}; an RFC 2047 encoded word in place of the address, for one): mail
 * programs then differ in which address they show, and the one shown may be one no server checked.</li>
 * <li>{@link #DECEPTIVE_LINK_TEXT}: a link's whole visible text is a web address on one registrable domain
 * ({@code https://www.brand.fr/compte}) while the link leads to an unrelated one ({@link #deceptiveLink}: after the
 * recipient's wrappers, and to the destination decoded from a redirector; an ESP's redirector whose destination
 * cannot be decoded is not counted). The reader believes they go where the text says: the classic phishing link.
 * Enough on its own: on the real corpus (35 links whose text is a web address, in 24 of its 140 messages) it holds
 * only in two phishing messages (docs/decisions/0033-forged-sender-signs.md).</li>
 * <li>{@link #REPLY_TO_PUBLIC_MAILBOX}: the Reply-To address is at a public mailbox provider
 * ({@link PublicMailboxProviders}) while the From is an organisation's domain: answers go to a mailbox anyone could
 * open. Only a supporting sign: creators and small firms answer from their gmail.com address (two genuine messages of
 * the real corpus do).</li>
 * <li>{@link #FROM_DOMAIN_AUTHENTICATION_FAILED}, {@link #FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED},
 * {@link #FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST}: the recipient's server reports that the From domain failed
 * authentication (DMARC, or SPF with no signature of the domain). Read after DKIM verification, not here:
 * {@code authenticity.FromAuthentication} decides, {@link #withAuthentication} combines.</li>
 * </ul>
 * {@link #SENDER_IDENTITY_DOUBTFUL} is recorded, with the reasons that hold, when links lead elsewhere and one of
 * {@link #NAME_NOT_IN_SENDER_DOMAINS}, {@link #FOOTER_DOMAIN_NOT_SENDER} or {@link #FROM_ADDRESS_WITHOUT_DOMAIN}
 * holds: each alone is common in genuine mail (a newsletter of curated links; a trade name unlike the domain), or can
 * be a mailer's quoting mistake. {@link #BRAND_NOT_SENDER} is enough on its own: it is itself a combination (the
 * brand named, none of its domains among the sender's, no link to them), and a brand's genuine mail comes from its
 * own domain or at least links to it. {@link #NAME_IS_OTHER_ADDRESS} and {@link #FROM_AMBIGUOUS} are enough on their
 * own: a genuine sender has no reason to show another domain's address as its name, nor to send an unreadable or
 * double From. {@link #ORGANISATION_NOT_TIED_TO_SENDER} is enough on its own: a dossier naming that organisation as
 * the data controller would accuse one that nothing in the message's routing or links connects to it, and genuine
 * mass mail shows its sender's name, or its brand's, in at least one of those hosts (measured on the real and golden
 * corpora: docs/decisions/0029-sender-links-and-identity-doubts.md). {@link #MIXED_SCRIPT_NAME} is enough on its own
 * as well: nobody writes their own name with letters borrowed from another alphabet but to pass for someone else.
 * {@link #TWO_ORGANISATIONS_NEITHER_SENDER} is enough on its own: a genuine sender's display name and footer name one
 * organisation, or one of them at least is its domain's (docs/decisions/0036-two-organisations-neither-sender.md).
 * {@link #FROM_PLATFORM_TENANT_DOMAIN} is enough on its own: anyone creates such a tenant domain, free and under any
 * name, a brand's genuine mail comes from its own domain, and a sender using one at least names it after itself
 * (docs/decisions/0035-platform-tenant-domains.md).
 * {@link #MIXED_SCRIPT_DOMAIN} and {@link #FROM_DOMAIN_LOOKALIKE_CHARACTERS} are enough on their own: no registry
 * registers such a domain, so it exists only to be taken for another.
 * {@link #DECEPTIVE_LINK_TEXT} is enough on its own; {@link #REPLY_TO_PUBLIC_MAILBOX} counts as the second reason
 * next to {@link #LINKS_LEAD_ELSEWHERE}, and completes a weaker authentication failure ({@link #withAuthentication}).
 * An "authentication not aligned with the From" rule was tried and left out: it flags genuine newsletters whose ESP
 * signs with its own domain; an authentication <em>failure</em> the receiving server reports is another matter
 * ({@link #FROM_DOMAIN_AUTHENTICATION_FAILED}). Stateless; thread-safe.
 */
public final class SenderIdentityCheck {

    /** The sender identity is doubtful (impersonation suspected); always listed first when recorded. */
    public static final String SENDER_IDENTITY_DOUBTFUL = "SENDER_IDENTITY_DOUBTFUL";
    /** The message's web links all lead outside the sender's domains. */
    public static final String LINKS_LEAD_ELSEWHERE = "LINKS_LEAD_ELSEWHERE";
    /** The organisation or From name matches none of the sender's domains. */
    public static final String NAME_NOT_IN_SENDER_DOMAINS = "NAME_NOT_IN_SENDER_DOMAINS";
    /** A web address written in the text is on another domain than the sender's, and no link goes there. */
    public static final String FOOTER_DOMAIN_NOT_SENDER = "FOOTER_DOMAIN_NOT_SENDER";
    /** The From address's {@code @} is inside a quoted local part: the address has no domain (RFC 5322 3.4.1). */
    public static final String FROM_ADDRESS_WITHOUT_DOMAIN = "FROM_ADDRESS_WITHOUT_DOMAIN";
    /** The From name names a brand often impersonated, and neither the sender's domains nor the links are its. */
    public static final String BRAND_NOT_SENDER = "BRAND_NOT_SENDER";
    /** A word of the sender's name mixes Latin letters with look-alike Greek or Cyrillic ones (UTS #39). */
    public static final String MIXED_SCRIPT_NAME = "MIXED_SCRIPT_NAME";
    /** A label of the From address's domain mixes Latin letters with look-alike Greek or Cyrillic ones. */
    public static final String MIXED_SCRIPT_DOMAIN = "MIXED_SCRIPT_DOMAIN";
    /**
     * The From address's domain (or an address the From display name shows, on another domain) is written with
     * characters that only imitate ASCII letters or digits, which Unicode compatibility normalisation (NFKC, UTS #46)
     * folds to another domain: {@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} for {@code verkade.nl} ({@link #lookalikeDomain}).
     */
    public static final String FROM_DOMAIN_LOOKALIKE_CHARACTERS = "FROM_DOMAIN_LOOKALIKE_CHARACTERS";
    /** The sender's name holds a bidirectional control character, which reorders what the reader sees. */
    public static final String BIDI_CONTROL_IN_NAME = "BIDI_CONTROL_IN_NAME";

    /**
     * The organisation named in the footer (the data controller the dossier would name) is tied to none of the hosts
     * the message was sent or linked from, and neither is the From display name ({@link OrganisationTie}).
     */
    public static final String ORGANISATION_NOT_TIED_TO_SENDER = "ORGANISATION_NOT_TIED_TO_SENDER";

    /**
     * The From address is on a customer's ("tenant's") default sub-domain of a shared cloud mail or hosting platform
     * ({@code contoso.onmicrosoft.com}, {@code contoso.awsapps.com}: {@link PlatformTenantDomains}), and the
     * organisation the message presents itself as is tied neither to the tenant's label nor to another domain of the
     * sender's own ({@link #platformTenantNotNamed}). Such a domain is free for anyone to create under any name; a
     * brand's genuine mail comes from the brand's own domain, never from a tenant domain named otherwise (and never
     * from the platform's: {@code onmicrosoft.com} is not Microsoft's mail).
     */
    public static final String FROM_PLATFORM_TENANT_DOMAIN = "FROM_PLATFORM_TENANT_DOMAIN";

    /**
     * The From display name names an organisation with a legal form, the footer's legal name another one, and neither
     * is tied to the sender's own domains ({@link #twoOrganisationsNeitherSender}): a copied campaign re-sent under
     * another organisation's name.
     */
    public static final String TWO_ORGANISATIONS_NEITHER_SENDER = "TWO_ORGANISATIONS_NEITHER_SENDER";

    /** The From display name shows another address than the From address, on another domain. */
    public static final String NAME_IS_OTHER_ADDRESS = "NAME_IS_OTHER_ADDRESS";
    /** Several From fields, several From mailboxes, or a From address that cannot be read. */
    public static final String FROM_AMBIGUOUS = "FROM_AMBIGUOUS";

    /**
     * A link's whole visible text is a web address on one registrable domain, while the link leads (after the
     * recipient's wrappers and a decodable redirect) to an unrelated one ({@link #deceptiveLink}).
     */
    public static final String DECEPTIVE_LINK_TEXT = "DECEPTIVE_LINK_TEXT";
    /** The Reply-To address is at a public mailbox provider while the From address is on an organisation's domain. */
    public static final String REPLY_TO_PUBLIC_MAILBOX = "REPLY_TO_PUBLIC_MAILBOX";
    /**
     * The recipient's own mail server (its {@code Authentication-Results}, as far as the message allows tying it to
     * that server) reports that the From domain failed authentication while that domain asks receivers to reject or
     * quarantine such mail: DMARC {@code fail} under a {@code p=reject} or {@code p=quarantine} policy, or an SPF hard
     * {@code fail} for that domain with no DKIM signature of it passing; nothing in the message explains the failure
     * as forwarding. Computed after DKIM verification, by {@code authenticity.FromAuthentication}.
     */
    public static final String FROM_DOMAIN_AUTHENTICATION_FAILED = "FROM_DOMAIN_AUTHENTICATION_FAILED";
    /**
     * As {@link #FROM_DOMAIN_AUTHENTICATION_FAILED}, but the From domain's policy is {@code p=none} or not shown: its
     * owner does not claim that all its genuine mail authenticates (newsletters sent through an ESP the domain never
     * authorised fail that way).
     */
    public static final String FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED =
            "FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED";
    /**
     * As {@link #FROM_DOMAIN_AUTHENTICATION_FAILED}, but the message went through a mailing list or a forwarder (list
     * fields such as {@code List-Id}, or an ARC set by which an intermediary vouches for an earlier pass), which alter
     * messages in ways that make genuine mail fail.
     */
    public static final String FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST =
            "FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST";

    /** An address written in a display name: local part, {@code @}, a domain of two labels or more. */
    private static final Pattern ADDRESS_IN_NAME = Pattern.compile(
            "[\\p{L}\\p{N}._%+'-]+@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");
    private static final Pattern WEB_ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}@./-])www\\.([a-z0-9-]{2,63}(?:\\.[a-z0-9-]{2,63}){1,3})(?![\\p{L}\\p{N}-])",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> IGNORED_LINK_DOMAINS = Set.of("facebook.com", "twitter.com", "x.com",
            "instagram.com", "linkedin.com", "youtube.com", "youtu.be", "pinterest.com", "tiktok.com", "apple.com",
            "google.com", "microsoft.com", "whatsapp.com", "t.me", "threads.net", "wa.me", "bsky.app");
    /** Words of a name that say nothing of which organisation it is, ignored when names and domains are compared. */
    static final Set<String> STOP_WORDS = Set.of("service", "services", "group", "groupe", "team",
            "newsletter", "news", "info", "infos", "mail", "email", "online", "france", "public", "client", "clients",
            "customer", "support", "contact", "company", "limited", "societe", "the", "and", "pour", "with");

    private SenderIdentityCheck() {
    }

    /**
     * @param email   the message
     * @param sender  the sender as identified
     * @param links   the message's links, with decoded destinations
     * @param texts   the visible texts of the bodies
     * @param parties the sender's domains
     * @param vendors to leave vendor hosts out of the link destinations
     * @param tracked true when the message carries a tracker other than a read-receipt request (for
     *                {@link #ORGANISATION_NOT_TIED_TO_SENDER})
     * @param decoder to look through the recipient's link wrappers (for {@link #DECEPTIVE_LINK_TEXT})
     * @return the caveats ({@link #SENDER_IDENTITY_DOUBTFUL} followed by its reasons, or none) and the supporting
     *         reasons that held without being enough
     */
    static Outcome check(ReceivedEmail email, SenderIdentity sender, List<Link> links, List<VisibleText> texts,
            PartyResolver parties, VendorIndex vendors, boolean tracked, LinkDecoder decoder) {
        Set<String> senderDomains = parties.senderDomains();
        Mailboxes.FromField from = Mailboxes.from(email.headers());
        boolean fromAmbiguous = fromAmbiguous(email, from);
        boolean nameOtherAddress = nameIsOtherAddress(sender.fromName(), sender.fromAddress());
        boolean untied = organisationNotTied(email, sender, links, vendors, tracked);
        boolean tenant = platformTenantNotNamed(email, sender, vendors, tracked);
        boolean twoOrganisations = twoOrganisationsNeitherSender(email, sender, vendors, tracked);
        boolean deceptive = deceptiveLink(links, decoder, vendors) != null;
        boolean replyPublic = replyToPublicMailbox(sender);
        boolean lookalike = lookalikeDomain(sender);
        if (senderDomains.isEmpty()) {
            if (!fromAmbiguous && !nameOtherAddress && !untied && !deceptive && !lookalike && !tenant
                    && !twoOrganisations) {
                return Outcome.supportedBy(replyPublic ? List.of(REPLY_TO_PUBLIC_MAILBOX) : List.of());
            }
            List<String> out = new ArrayList<>();
            if (lookalike) {
                out.add(FROM_DOMAIN_LOOKALIKE_CHARACTERS);
            }
            if (deceptive) {
                out.add(DECEPTIVE_LINK_TEXT);
            }
            if (replyPublic) {
                out.add(REPLY_TO_PUBLIC_MAILBOX);
            }
            if (untied) {
                out.add(ORGANISATION_NOT_TIED_TO_SENDER);
            }
            if (tenant) {
                out.add(FROM_PLATFORM_TENANT_DOMAIN);
            }
            if (twoOrganisations) {
                out.add(TWO_ORGANISATIONS_NEITHER_SENDER);
            }
            if (nameOtherAddress) {
                out.add(NAME_IS_OTHER_ADDRESS);
            }
            if (fromAmbiguous) {
                out.add(FROM_AMBIGUOUS);
            }
            return Outcome.doubtful(out);
        }
        Set<String> destinations = new HashSet<>();
        Set<String> destinationHosts = new HashSet<>();
        for (Link l : links) {
            if (l.host() == null || unsubscribe(l) || "ping".equals(l.location().attribute())) {
                continue; // a ping address is a measurement endpoint (hyperlink auditing), not where the link leads
            }
            String host = l.host();
            if (l.destination() != null) {
                WebUrl u = WebUrl.of(l.destination(), null);
                if (u == null || !u.isRemote() || u.host() == null) {
                    continue;
                }
                destinationHosts.add(host); // a tracked link on a brand host counts too
                host = u.host();
            }
            destinationHosts.add(host);
            String reg = PlatformTenantDomains.organisationalDomain(host);
            if (reg == null || IGNORED_LINK_DOMAINS.contains(reg) || !vendors.vendorsOfHost(host).isEmpty()) {
                continue;
            }
            destinations.add(reg);
        }
        boolean brandNotSender = brandNotSender(email, sender, links, texts);
        boolean mixedScript = mixedScript(sender.fromName()) || mixedScript(sender.organisationName());
        boolean bidi = bidiControl(sender.fromName()) || bidiControl(sender.organisationName());
        boolean mixedDomain = mixedScript(sender.fromDomain());
        boolean alone = brandNotSender || mixedScript || bidi || mixedDomain || lookalike || nameOtherAddress
                || fromAmbiguous || untied || deceptive || tenant || twoOrganisations;
        if (!alone
                && (destinations.isEmpty() || destinations.stream().anyMatch(senderDomains::contains))) {
            // the common case, decided without reading the text
            return Outcome.supportedBy(replyPublic ? List.of(REPLY_TO_PUBLIC_MAILBOX) : List.of());
        }
        Set<String> written = new LinkedHashSet<>();
        for (VisibleText vt : texts) {
            Cancellation.check();
            if (vt.text().indexOf("www.") < 0 && vt.text().indexOf("WWW.") < 0) {
                continue;
            }
            Matcher m = WEB_ADDRESS.matcher(vt.text());
            while (m.find() && written.size() < 20) {
                String reg = PlatformTenantDomains.organisationalDomain(m.group(1).toLowerCase(Locale.ROOT));
                if (reg != null) {
                    written.add(reg);
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        // the sender's brand in a link host counts as the sender's (oekoligenta.newsletter-host.example)
        Set<String> brands = new HashSet<>();
        for (String d : senderDomains) {
            String label = d.indexOf('.') > 0 ? d.substring(0, d.indexOf('.')) : d;
            if (label.length() >= 4) {
                brands.add(label);
            }
        }
        boolean elsewhere = !destinations.isEmpty() && destinations.stream().noneMatch(
                d -> senderDomains.contains(d) || written.contains(d))
                && destinationHosts.stream().noneMatch(h -> brands.stream().anyMatch(h::contains));
        if (elsewhere) {
            reasons.add(LINKS_LEAD_ELSEWHERE);
        }
        // a domain shown only inside a quoted local part is nobody's: names and written addresses are compared without
        Set<String> compared = senderDomains;
        String quoted = quotedFromDomain(email);
        if (quoted != null) {
            reasons.add(FROM_ADDRESS_WITHOUT_DOMAIN);
            if (!quoted.equals(registrableOf(sender.returnPath())) && sender.dkimDomains().stream()
                    .noneMatch(d -> quoted.equals(Domains.registrable(d.toLowerCase(Locale.ROOT))))) {
                compared = new LinkedHashSet<>(senderDomains);
                compared.remove(quoted);
            }
        }
        String name = sender.organisationName() != null ? sender.organisationName() : sender.fromName();
        if (name != null && !nameMatches(name, compared, quoted != null ? null : sender.fromAddress())) {
            reasons.add(NAME_NOT_IN_SENDER_DOMAINS);
        }
        for (String w : written) {
            if (!compared.contains(w) && !destinations.contains(w)) {
                reasons.add(FOOTER_DOMAIN_NOT_SENDER);
                break;
            }
        }
        if (brandNotSender) {
            reasons.add(BRAND_NOT_SENDER);
        }
        if (untied) {
            reasons.add(ORGANISATION_NOT_TIED_TO_SENDER);
        }
        if (tenant) {
            reasons.add(FROM_PLATFORM_TENANT_DOMAIN);
        }
        if (twoOrganisations) {
            reasons.add(TWO_ORGANISATIONS_NEITHER_SENDER);
        }
        if (mixedScript) {
            reasons.add(MIXED_SCRIPT_NAME);
        }
        if (bidi) {
            reasons.add(BIDI_CONTROL_IN_NAME);
        }
        if (mixedDomain) {
            reasons.add(MIXED_SCRIPT_DOMAIN);
        }
        if (lookalike) {
            reasons.add(FROM_DOMAIN_LOOKALIKE_CHARACTERS);
        }
        if (nameOtherAddress) {
            reasons.add(NAME_IS_OTHER_ADDRESS);
        }
        if (fromAmbiguous) {
            reasons.add(FROM_AMBIGUOUS);
        }
        if (deceptive) {
            reasons.add(DECEPTIVE_LINK_TEXT);
        }
        if (replyPublic) {
            reasons.add(REPLY_TO_PUBLIC_MAILBOX);
        }
        if (!alone && (!elsewhere || reasons.size() < 2)) {
            List<String> supporting = new ArrayList<>();
            if (elsewhere) {
                supporting.add(LINKS_LEAD_ELSEWHERE);
            }
            if (replyPublic) {
                supporting.add(REPLY_TO_PUBLIC_MAILBOX);
            }
            return Outcome.supportedBy(supporting);
        }
        return Outcome.doubtful(reasons);
    }

    /**
     * Completes the caveats {@code detect} found with what the recipient's server said of the From domain's
     * authentication, which {@code detect} does not see (it is read after DKIM verification, by
     * {@code authenticity.FromAuthentication}; the analysis combines both).
     * <ul>
     * <li>{@link #FROM_DOMAIN_AUTHENTICATION_FAILED} is enough on its own: the receiving server says the From domain
     * is not the sender's, and the domain's owner says its genuine mail always authenticates;</li>
     * <li>{@link #FROM_DOMAIN_AUTHENTICATION_FAILED_NOT_ENFORCED} and
     * {@link #FROM_DOMAIN_AUTHENTICATION_FAILED_VIA_LIST} make the identity doubtful only with a supporting sign of
     * {@code detect} ({@link #LINKS_LEAD_ELSEWHERE}, {@link #REPLY_TO_PUBLIC_MAILBOX});</li>
     * <li>when the identity is already doubtful, the code is added to the reasons.</li>
     * </ul>
     *
     * @param caveats        the sender's identity caveats as {@code detect} found them (empty, or
     *                       {@link #SENDER_IDENTITY_DOUBTFUL} followed by its reasons)
     * @param supporting     the supporting signs {@code detect} found ({@code Detector.Detection#identitySupport})
     * @param authentication one of the three {@code FROM_DOMAIN_AUTHENTICATION_FAILED} codes, or {@code null}
     * @return the caveats, {@link #SENDER_IDENTITY_DOUBTFUL} first when recorded; {@code caveats} itself when nothing
     *         changes
     */
    public static List<String> withAuthentication(List<String> caveats, List<String> supporting,
            String authentication) {
        if (authentication == null || caveats.contains(authentication)) {
            return caveats;
        }
        List<String> out = new ArrayList<>();
        if (!caveats.isEmpty()) {
            out.addAll(caveats);
            out.add(authentication);
            return List.copyOf(out);
        }
        if (FROM_DOMAIN_AUTHENTICATION_FAILED.equals(authentication)) {
            return List.of(SENDER_IDENTITY_DOUBTFUL, authentication);
        }
        List<String> support = supporting.stream()
                .filter(r -> LINKS_LEAD_ELSEWHERE.equals(r) || REPLY_TO_PUBLIC_MAILBOX.equals(r)).toList();
        if (support.isEmpty()) {
            return caveats;
        }
        out.add(SENDER_IDENTITY_DOUBTFUL);
        out.addAll(support);
        out.add(authentication);
        return List.copyOf(out);
    }

    /**
     * What {@link #check} concluded.
     *
     * @param caveats    empty, or {@link #SENDER_IDENTITY_DOUBTFUL} followed by its reasons
     * @param supporting when {@code caveats} is empty, the reasons that held without being enough on their own and
     *                   that a weaker authentication failure may complete ({@link #withAuthentication}):
     *                   {@link #LINKS_LEAD_ELSEWHERE}, {@link #REPLY_TO_PUBLIC_MAILBOX}; else empty
     */
    record Outcome(List<String> caveats, List<String> supporting) {
        Outcome {
            caveats = List.copyOf(caveats);
            supporting = List.copyOf(supporting);
        }

        static Outcome doubtful(List<String> reasons) {
            List<String> out = new ArrayList<>(reasons.size() + 1);
            out.add(SENDER_IDENTITY_DOUBTFUL);
            out.addAll(reasons);
            return new Outcome(out, List.of());
        }

        static Outcome supportedBy(List<String> supporting) {
            return new Outcome(List.of(), supporting);
        }
    }

    /**
     * {@link #ORGANISATION_NOT_TIED_TO_SENDER}: the message names an organisation in its footer with a legal form (the
     * name the dossier gives as the data controller: {@code organisation-name} is not missing), it is mass mail (it
     * carries a tracker other than a read-receipt request, or a List-Unsubscribe field), and neither that name nor the From display name is tied to a
     * host the message was sent or linked from ({@link OrganisationTie#tied}: From, DKIM {@code d=} and Return-Path
     * domains, List-Unsubscribe hosts, link hosts and decoded destinations; never the From local part, which the
     * sender writes freely). A name with nothing to compare (initials, generic words) makes no claim and is not
     * counted.
     *
     * <p>The display name spares a message whose footer names the brand's legal entity under another name (a
     * "Meta Platforms" footer in mail from "Facebook" at {@code facebookmail.com}), unless it repeats a word of that
     * name ({@link OrganisationTie#shareAWord}): "Velmora Wallet" at {@code wallet-secure.example} with a "Velmora SAS"
     * footer claims to be Velmora, and only its other word ties. Personal correspondence is left
     * out: a person signs with their firm's name from whatever mailbox they have (a free-mail address), and such a
     * message names no controller of any tracking.
     *
     * @param email   the message
     * @param sender  the sender as identified
     * @param links   the message's links, with decoded destinations
     * @param vendors to tell the ESP hosts among the tie hosts
     * @param tracked true when the message carries a tracker other than a read-receipt request
     * @return true when the organisation named is tied to nothing the message was sent or linked from
     */
    static boolean organisationNotTied(ReceivedEmail email, SenderIdentity sender, List<Link> links,
            VendorIndex vendors, boolean tracked) {
        String org = sender.organisationName();
        if (org == null || sender.missing().contains("organisation-name")) {
            return false; // no legal name in the footer: the dossier already says the organisation is to be identified
        }
        if (!massMail(email, sender, tracked)) {
            return false;
        }
        OrganisationTie ties = OrganisationTie.of(sender, links, vendors);
        StringBuilder evidence = new StringBuilder();
        for (SenderClue c : sender.clues()) {
            if ("organisation-name".equals(c.field()) && org.equals(c.value()) && c.evidence() != null) {
                evidence.append(c.evidence()).append('\n');
            }
        }
        if (!Boolean.FALSE.equals(ties.tied(org, evidence.toString()))) {
            return false;
        }
        // a display name repeating a word of the untied name claims to be that organisation: its tie through another
        // word ("Velmora Wallet" <alerts@wallet-secure.example>) vouches for nothing
        return !Boolean.TRUE.equals(ties.tied(sender.fromName(), null))
                || OrganisationTie.shareAWord(org, sender.fromName());
    }

    /**
     * @return true when the message is mass mail: it carries a tracker other than a read-receipt request, or a
     *         List-Unsubscribe field
     */
    private static boolean massMail(ReceivedEmail email, SenderIdentity sender, boolean tracked) {
        return tracked || !sender.listUnsubscribe().isEmpty() || email.header("List-Unsubscribe").isPresent();
    }

    /**
     * {@link #FROM_PLATFORM_TENANT_DOMAIN}: the From domain is a platform tenant's default domain
     * ({@link PlatformTenantDomains#platformOf}), and the name the message presents itself as is tied to none of the
     * sender's own domains ({@link OrganisationTie#ofSenderDomains}: From, DKIM {@code d=}, Return-Path and
     * List-Unsubscribe hosts no vendor rule claims, the platform's labels left out, so that only the tenant's label
     * speaks for a tenant domain). The name is the footer's legal name (the data controller the dossier would name);
     * with none, the From display name, in mass mail only (a tracker other than a read-receipt request, or a
     * List-Unsubscribe field): a person writing from their employer's tenant signs with their own name, which claims
     * no organisation. As for {@link #organisationNotTied}, a footer name is spared when the display name is tied and
     * repeats no word of it; a name with nothing to compare makes no claim. The From local part never counts: the
     * sender writes it freely ({@code TotalEnergies@desti-ini.awsapps.com}).
     *
     * @param email   the message
     * @param sender  the sender as identified
     * @param vendors to leave out the hosts a vendor rule claims (an ESP's shared domains)
     * @param tracked true when the message carries a tracker other than a read-receipt request
     * @return true when the From domain is a platform tenant's and the organisation named is not that tenant's
     */
    static boolean platformTenantNotNamed(ReceivedEmail email, SenderIdentity sender, VendorIndex vendors,
            boolean tracked) {
        if (PlatformTenantDomains.platformOf(sender.fromDomain()) == null) {
            return false;
        }
        boolean legal = sender.organisationName() != null && !sender.missing().contains("organisation-name");
        String name = legal ? sender.organisationName() : massMail(email, sender, tracked) ? sender.fromName() : null;
        if (name == null) {
            return false;
        }
        OrganisationTie ties = OrganisationTie.ofSenderDomains(sender, vendors);
        StringBuilder evidence = new StringBuilder();
        if (legal) {
            for (SenderClue c : sender.clues()) {
                if ("organisation-name".equals(c.field()) && name.equals(c.value()) && c.evidence() != null) {
                    evidence.append(c.evidence()).append('\n');
                }
            }
        }
        if (!Boolean.FALSE.equals(ties.tied(name, evidence.toString()))) {
            return false;
        }
        return !legal || !Boolean.TRUE.equals(ties.tied(sender.fromName(), null))
                || OrganisationTie.shareAWord(name, sender.fromName());
    }

    /**
     * {@link #TWO_ORGANISATIONS_NEITHER_SENDER}: two different organisations claim the message, and the sender is
     * neither. All of these must hold:
     * <ol>
     * <li>the message is mass mail (a tracker other than a read-receipt request, or a List-Unsubscribe field): a
     * person's message forwarding another organisation's mail is correspondence, and names no controller of any
     * tracking;</li>
     * <li>the From display name ends with a legal form ({@link FooterReader#LEGAL_FORM}: Ltd, LLC, Inc., SAS, GmbH,
     * B.V., S.A....) after at least one word ({@code "FTX Trading Ltd"}): it names an organisation, not a person, a
     * brand or a product;</li>
     * <li>the footer gives a legal name (the data controller the dossier would name: {@code organisation-name} is not
     * missing), and the two names may not be one organisation's ({@link OrganisationTie#mayBeOneOrganisation}: no word
     * of three letters or more in common, nor the initials of one as a word of the other), so that a subsidiary or a
     * brand's legal entity sharing its name ("Meta Platforms Ireland Ltd" and "Meta Platforms, Inc.") is not
     * counted;</li>
     * <li>the From domain is not claimed by a vendor rule (an ESP's shared sending domain speaks for none of its
     * customers), and neither name is tied to the sender's own domains ({@link OrganisationTie#ofSenderDomains}: the
     * From, DKIM {@code d=}, Return-Path and List-Unsubscribe hosts no vendor rule claims, platform tenants' labels
     * only). Links, written web addresses and the From local part do not count: a copied campaign keeps the links and
     * addresses of the brand it copies ({@code email.grayscale.com/dc/...}, {@code www.grayscale.com}), which tie the
     * footer name to the message for {@link #ORGANISATION_NOT_TIED_TO_SENDER} and make the links lead to a domain
     * "written in the text" for {@link #LINKS_LEAD_ELSEWHERE}; and the sender writes its local part freely.</li>
     * </ol>
     * Why it is enough on its own: a genuine organisation's display name and footer name the same organisation (its
     * brand and its legal entity share a word), or one of them at least is tied to the domain it sends from (an agency
     * sending for a client sends from the agency's or the client's domain). An organisation's name over another one's
     * footer, sent from a third domain, is a campaign copied and re-sent: the real-corpus case is an FTX phish ("FTX
     * Trading Ltd" from {@code iceapple.tech}) reusing a Grayscale Marketo e-mail whose footer reads "Grayscale
     * Investments, LLC"; a dossier naming Grayscale as the controller would accuse a company that did not send it.
     *
     * @param email   the message
     * @param sender  the sender as identified
     * @param vendors to tell the hosts a vendor rule claims (an ESP's shared domains)
     * @param tracked true when the message carries a tracker other than a read-receipt request
     * @return true when the display name and the footer name two different organisations, neither tied to the
     *         sender's own domains
     */
    static boolean twoOrganisationsNeitherSender(ReceivedEmail email, SenderIdentity sender, VendorIndex vendors,
            boolean tracked) {
        String org = sender.organisationName();
        String display = sender.fromName();
        if (org == null || display == null || sender.missing().contains("organisation-name")
                || !endsWithLegalForm(display) || !massMail(email, sender, tracked)) {
            return false;
        }
        if (sender.fromDomain() == null || !vendors.vendorsOfHost(sender.fromDomain()).isEmpty()
                || OrganisationTie.mayBeOneOrganisation(org, display)) {
            return false;
        }
        OrganisationTie ties = OrganisationTie.ofSenderDomains(sender, vendors);
        StringBuilder evidence = new StringBuilder();
        for (SenderClue c : sender.clues()) {
            if ("organisation-name".equals(c.field()) && org.equals(c.value()) && c.evidence() != null) {
                evidence.append(c.evidence()).append('\n');
            }
        }
        return Boolean.FALSE.equals(ties.tied(org, evidence.toString()))
                && Boolean.FALSE.equals(ties.tied(display, null));
    }

    /** Characters that may follow a legal form at the end of a display name: closing punctuation, spaces. */
    private static final String AFTER_FORM = ".,;:)]\"' ";

    /**
     * @param name a From display name
     * @return true when the name ends with a legal form ({@link FooterReader#LEGAL_FORM}) written after at least one
     *         word ({@code "Norvexa Exchange Ltd"}, {@code "Brisaleo SARL."}); a bare form ({@code "SAS"}) or one
     *         inside the name ({@code "Ltd Offers Weekly"}) does not count
     */
    static boolean endsWithLegalForm(String name) {
        String t = name.strip();
        Matcher m = FooterReader.LEGAL_FORM.matcher(t);
        while (m.find()) {
            if (m.start() > 0 && t.substring(m.end()).chars().allMatch(c -> AFTER_FORM.indexOf(c) >= 0)
                    && t.substring(0, m.start()).codePoints().anyMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #FROM_AMBIGUOUS}: several From fields, several mailboxes in the From, or a From address that cannot be
     * read while the field shows an {@code @} or an encoded word (which may stand for an address once decoded); a From with no
     * address at all ({@code {{ sender }}} in a template) is only an anomaly of the message.
     */
    static boolean fromAmbiguous(ReceivedEmail email, Mailboxes.FromField from) {
        if (from.fieldCount() == 0 || !from.ambiguous()) {
            return false;
        }
        if (from.fieldCount() > 1 || from.reading().mailboxes().size() > 1) {
            return true;
        }
        return from.raw().indexOf('@') >= 0 || from.raw().contains("=?")
                || email.header("From").orElse("").indexOf('@') >= 0;
    }

    /**
     * {@link #NAME_IS_OTHER_ADDRESS}: the display name holds an address ({@code "service@paypal.com"
     * <news@evil.example>}, {@code "PayPal <service@paypal.com>" <news@evil.example>}) whose registrable domain is not
     * the From address's, or the From address cannot be read at all. A mailer showing its own address as its name
     * ({@code "news@brand.example" <bounce@mail.brand.example>}) is not counted.
     *
     * @param name        the From display name, or {@code null}
     * @param fromAddress the From address, or {@code null} when none could be read
     * @return true when the name shows an address on another domain than the real one
     */
    static boolean nameIsOtherAddress(String name, String fromAddress) {
        if (name == null || name.indexOf('@') < 0) {
            return false;
        }
        String realHost = Domains.domainOf(fromAddress);
        String real = realHost == null ? null : PlatformTenantDomains.organisationalDomain(realHost);
        Matcher m = ADDRESS_IN_NAME.matcher(name);
        while (m.find()) {
            String host = m.group(1).toLowerCase(Locale.ROOT);
            String shown = PlatformTenantDomains.organisationalDomain(host);
            boolean related = realHost != null && (host.equals(realHost) || host.endsWith("." + realHost)
                    || realHost.endsWith("." + host)); // an unknown top-level domain has no registrable part
            if (shown != null && !shown.equals(real) && !related) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param name a name as written (the From display name, the organisation name), or {@code null}
     * @return true when one of its words (a run of letters and combining marks) holds both a Latin letter and a Greek
     *         or Cyrillic one ({@link #MIXED_SCRIPT_NAME})
     */
    static boolean mixedScript(String name) {
        if (name == null) {
            return false;
        }
        boolean latin = false;
        boolean other = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp) && Character.getType(cp) != Character.NON_SPACING_MARK) {
                latin = false; // a word ends
                other = false;
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            latin |= script == Character.UnicodeScript.LATIN;
            other |= script == Character.UnicodeScript.GREEK || script == Character.UnicodeScript.CYRILLIC;
            if (latin && other) {
                return true;
            }
        }
        return false;
    }

    /** Most addresses of a From display name read for {@link #lookalikeDomain}: 20; the others are not looked at. */
    static final int MAX_ADDRESSES_IN_NAME = 20;

    /**
     * {@link #FROM_DOMAIN_LOOKALIKE_CHARACTERS}: the From address's domain is written with characters that only imitate
     * ASCII letters or digits ({@link LookalikeCharacters#disguisesDomain}); or the From display name shows an address
     * ({@code "noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹" <x@sender.example>}) whose domain is so written and, folded (NFKC), is not the From
     * address's registrable domain nor one with the same first label: a sender styling its own domain in its name
     * ({@code "news@𝗕𝗿𝘂𝗺𝗲.fr" <news@brume.fr>}) disguises nothing. A bare domain in the name (no {@code @}) is not
     * read: a styled brand name in a display name is common and makes no claim about an address.
     *
     * @param sender the sender as identified
     * @return true when the From domain, or an address the name shows, is disguised with look-alike characters
     */
    static boolean lookalikeDomain(SenderIdentity sender) {
        if (LookalikeCharacters.disguisesDomain(sender.fromDomain())) {
            return true;
        }
        String name = sender.fromName();
        if (name == null || name.indexOf('@') < 0) {
            return false;
        }
        String real = sender.fromDomain() == null ? null
                : Domains.registrable(sender.fromDomain().toLowerCase(Locale.ROOT));
        int read = 0;
        for (int at = name.indexOf('@'); at >= 0 && read < MAX_ADDRESSES_IN_NAME; at = name.indexOf('@', at + 1)) {
            read++;
            int end = at + 1;
            while (end < name.length() && LookalikeCharacters.isDomainCharacter(name.codePointAt(end))) {
                end += Character.charCount(name.codePointAt(end));
            }
            String shown = name.substring(at + 1, end);
            if (LookalikeCharacters.disguisesDomain(shown)) {
                String folded = Domains.registrable(LookalikeCharacters.folded(shown).replaceAll("\\.+$", ""));
                if (!related(folded, real)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return true when {@code name} holds a bidirectional control character ({@link #BIDI_CONTROL_IN_NAME}) */
    static boolean bidiControl(String name) {
        return name != null && name.codePoints().anyMatch(org.pixelproof.ingest.BidiControls::isBidiControl);
    }

    /**
     * {@link #BRAND_NOT_SENDER}: the From display name names a brand of {@link ImpersonatedBrands} (with its context
     * when its name is a common word), the From address's domain is not one of the brand's, and not every link of
     * the message leads to the brand's domains.
     *
     * <p>Only the From domain counts as the sender's here: a DKIM {@code d=} domain is what the message claims until
     * the signature is verified (later, in {@code authenticity}), and a {@code Return-Path} is the envelope sender the
     * message chose; a phish can name the brand's domain in either (docs/decisions/0037). A domain that merely carries
     * the brand's name ({@code email-ledger.net}) is a look-alike, and a From address whose {@code @} is quoted has no
     * domain at all. Links spare the message only when every one of them leads to the brand's domains (by its decoded
     * destination when known, else its host), unsubscribe links, social networks and app stores aside: a genuine
     * brand mail sent from an ESP's domain links to the brand's own site, while a phish may add one genuine link to
     * the brand among its own.
     */
    private static boolean brandNotSender(ReceivedEmail email, SenderIdentity sender, List<Link> links,
            List<VisibleText> texts) {
        List<ImpersonatedBrands.Brand> named = ImpersonatedBrands.namedIn(sender.fromName());
        if (named.isEmpty()) {
            return false;
        }
        List<String> leadsTo = new ArrayList<>();
        for (Link l : links) {
            if (l.host() == null || "ping".equals(l.location().attribute()) || unsubscribe(l)) {
                continue;
            }
            WebUrl u = l.destination() != null ? WebUrl.of(l.destination(), null) : null;
            String host = (u != null && u.host() != null ? u.host() : l.host()).toLowerCase(Locale.ROOT);
            String reg = Domains.registrable(host);
            if (reg == null || !IGNORED_LINK_DOMAINS.contains(reg)) {
                leadsTo.add(reg != null ? reg : host); // an IP address or a bare host counts as itself
            }
        }
        String from = quotedFromDomain(email) != null || sender.fromDomain() == null ? null
                : sender.fromDomain().toLowerCase(Locale.ROOT);
        String context = null;
        for (ImpersonatedBrands.Brand b : named) {
            // a domain that only carries the brand's name (email-ledger.net) is a look-alike, not the brand's
            boolean senderIsBrand = from != null
                    && (b.domains().contains(from) || b.domains().contains(Domains.registrable(from)));
            boolean linksAreBrands = !leadsTo.isEmpty() && leadsTo.stream().allMatch(b.domains()::contains);
            if (senderIsBrand || linksAreBrands) {
                continue;
            }
            if (!b.context().isEmpty() && context == null) {
                StringBuilder t = new StringBuilder(sender.fromName()).append('\n')
                        .append(email.header("Subject").orElse(""));
                for (VisibleText vt : texts) {
                    t.append('\n').append(vt.text());
                }
                context = ImpersonatedBrands.fold(t.toString());
            }
            if (ImpersonatedBrands.contextHolds(b, context == null ? "" : context)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Most links whose visible text is compared with where they lead ({@link #DECEPTIVE_LINK_TEXT}), per message:
     * 500. Only links whose text reads as a web address count; past that many, the rest are not compared.
     */
    static final int MAX_COMPARED_LINK_TEXTS = 500;

    /** A web address shown as a link's whole text: an optional scheme, a host name, an optional port, path... */
    private static final Pattern SHOWN_ADDRESS = Pattern.compile(
            "(?:(https?)://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,10}[a-z]{2,63})\\.?(?::[0-9]{1,5})?"
                    + "(?:[/?#][^\\s]*)?", Pattern.CASE_INSENSITIVE);
    /**
     * Top-level domains that are also common file-name extensions: a bare {@code README.md} or {@code setup.py} as a
     * link's text names a file, not a web site (with a scheme or {@code www.} it is a web address all the same).
     */
    private static final Set<String> FILE_LIKE_SUFFIXES = Set.of("md", "py", "sh", "rs", "pm", "cc", "ps", "so",
            "zip", "mov", "cs", "sc");
    /** Characters trimmed off the ends of a link's text before it is read as a web address. */
    private static final String TRIMMED = ".,;:!?)]}>\"'«»<([{\u2019\u201D\u201C\u2018\u2192\u00BB";

    /**
     * {@link #DECEPTIVE_LINK_TEXT}: the first link whose whole visible text is a web address (with {@code http://},
     * {@code https://} or {@code www.}, or a bare {@code name.tld} whose suffix is not also a file extension) on a
     * registrable domain, while the link leads to another one: its host after the recipient's own wrappers (Safe
     * Links...) are looked through, and the destination decoded from its redirector when there is one. Not counted:
     * a link the recipient's gateway hides completely; a link through a known vendor's host (an ESP's click
     * tracking) whose destination cannot be decoded, as the text then shows where it leads after the redirect; text
     * and target on the same registrable domain or on domains whose first label is the same ({@code brand.fr} and
     * {@code brand.com}), or the redirector's host on the text's domain ({@code click.brand.example}); hyperlink
     * auditing ({@code ping}) and form actions, whose text is a button's.
     *
     * @param links   the message's links, with decoded destinations
     * @param decoder to look through the recipient's link wrappers
     * @param vendors to recognise vendors' redirector hosts
     * @return {@code "text -> domain"} for the first deceptive link, or {@code null}
     */
    static String deceptiveLink(List<Link> links, LinkDecoder decoder, VendorIndex vendors) {
        int compared = 0;
        for (Link l : links) {
            String attribute = l.location().attribute();
            if (l.host() == null || l.text() == null || l.text().isEmpty() || "ping".equals(attribute)
                    || (attribute != null && attribute.endsWith("action"))) {
                continue;
            }
            String shown = shownDomain(l.text());
            if (shown == null) {
                continue;
            }
            if (++compared > MAX_COMPARED_LINK_TEXTS) {
                return null;
            }
            WebUrl raw = WebUrl.of(l.url(), null);
            if (raw == null || !raw.isRemote()) {
                continue;
            }
            WebUrl target = decoder.unwrap(raw).url();
            if (target == null || !target.isRemote()) {
                continue; // hidden by the recipient's gateway: where it leads is unknown
            }
            String via = Domains.registrable(target.host());
            String lead = via;
            if (l.destination() != null) {
                String d = l.destination();
                WebUrl dest = WebUrl.of(d.regionMatches(true, 0, "www.", 0, 4) ? "https://" + d : d, null);
                if (dest == null || !dest.isRemote()) {
                    continue;
                }
                lead = Domains.registrable(dest.host());
            } else if (!vendors.vendorsOfHost(target.host()).isEmpty()) {
                continue; // a vendor's redirector whose destination cannot be read offline
            }
            if (related(shown, via) || related(shown, lead)) {
                continue;
            }
            return l.text() + " -> " + lead;
        }
        return null;
    }

    /**
     * @param text a link's visible text
     * @return the registrable domain of the web address that is the whole text, or {@code null} when the text is
     *         not a web address (words, an e-mail address, a file name such as {@code README.md})
     */
    static String shownDomain(String text) {
        String t = text.strip();
        int start = 0;
        int end = t.length();
        while (end > start && trimmed(t.charAt(end - 1))) {
            end--;
        }
        while (start < end && trimmed(t.charAt(start))) {
            start++;
        }
        t = t.substring(start, end);
        if (t.length() < 4 || t.indexOf('@') >= 0 || t.indexOf('.') < 0 || hasRegexSpace(t)) {
            return null; // what SHOWN_ADDRESS cannot match, told without running it: most link texts are words
        }
        Matcher m = SHOWN_ADDRESS.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String host = m.group(2).toLowerCase(Locale.ROOT);
        if (m.group(1) == null && !host.startsWith("www.")
                && FILE_LIKE_SUFFIXES.contains(host.substring(host.lastIndexOf('.') + 1))) {
            return null;
        }
        return Domains.underPublicSuffix(host) ? Domains.registrable(host) : null;
    }

    /** @return true when the text holds a character of the regex class {@code \s} ({@code [ \t\n\x0B\f\r]}) */
    private static boolean hasRegexSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean trimmed(char c) {
        return TRIMMED.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * @return true when two registrable domains are one organisation's as far as their names show: equal, or the
     *         same first label, hyphens aside ({@code brand.fr}, {@code brand.com}, {@code brand.co.uk})
     */
    static boolean related(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        int da = a.indexOf('.');
        int db = b.indexOf('.');
        return da > 0 && db > 0 && a.substring(0, da).replace("-", "").equals(b.substring(0, db).replace("-", ""));
    }

    /**
     * {@link #REPLY_TO_PUBLIC_MAILBOX}: the Reply-To address is at a public mailbox provider
     * ({@link PublicMailboxProviders}) while the From address is on another domain that is not one: answers go to a
     * mailbox anyone could have opened, not to the organisation the From names.
     *
     * @param sender the sender as identified
     * @return true when the reply address is a public mailbox and the From domain an organisation's
     */
    static boolean replyToPublicMailbox(SenderIdentity sender) {
        String reply = Domains.domainOf(sender.replyTo());
        String from = sender.fromDomain();
        if (reply == null || from == null || from.isBlank()) {
            return false;
        }
        return PublicMailboxProviders.isPublic(reply) && !PublicMailboxProviders.isPublic(from)
                && !Domains.registrable(reply).equals(Domains.registrable(from.toLowerCase(Locale.ROOT)));
    }

    /**
     * @return the registrable domain a reader sees in a From address whose only {@code @} is inside a quoted local
     *         part ({@code <"123@brand.example">}, which has no domain by RFC 5322 section 3.4.1), or {@code null}
     *         for any other From (a usual address, several, none, or one that cannot be parsed)
     */
    static String quotedFromDomain(ReceivedEmail email) {
        String raw = email.headers().stream().filter(h -> h.is("From")).map(Header::raw).findFirst().orElse(null);
        if (raw == null || raw.indexOf('"') < 0 || raw.indexOf('@') < 0) {
            return null;
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(raw.replaceAll("\r?\n(?=[ \t])", ""), false);
        } catch (AddressException | RuntimeException e) {
            return null; // not parsed: no claim about its domain
        }
        if (parsed.length != 1 || parsed[0].getAddress() == null) {
            return null;
        }
        String a = parsed[0].getAddress();
        boolean inQuotes = false;
        int quotedAt = -1;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '\\' && inQuotes) {
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '@') {
                if (!inQuotes) {
                    return null; // a domain after the quoted local part: a usual address
                }
                quotedAt = i;
            }
        }
        if (quotedAt < 0 || inQuotes) {
            return null; // no @ at all, or a quote left open: no claim about its domain
        }
        String shown = a.substring(quotedAt + 1).replace("\"", "").trim().toLowerCase(Locale.ROOT);
        return shown.isEmpty() ? null : Domains.registrable(shown);
    }

    private static String registrableOf(String address) {
        String d = Domains.domainOf(address);
        return d == null ? null : Domains.registrable(d);
    }

    private static boolean unsubscribe(Link l) {
        String s = (l.text() + " " + l.url()).toLowerCase(Locale.ROOT);
        return s.contains("unsub") || s.contains("desinscri") || s.contains("désinscri") || s.contains("desabonn")
                || s.contains("désabonn") || s.contains("optout") || s.contains("opt-out")
                || s.contains("preferences");
    }

    /**
     * @return true when a word of 4+ letters of the name is in a sender domain label or the From local part; of a
     *         platform tenant's domain only the tenant's label is read ({@code contoso} of
     *         {@code contoso.onmicrosoft.com}, whose {@code onmicrosoft} does not make "Microsoft" the sender)
     */
    static boolean nameMatches(String name, Set<String> senderDomains, String fromAddress) {
        StringBuilder domains = new StringBuilder();
        for (String d : senderDomains) {
            String tenant = PlatformTenantDomains.tenantLabel(d);
            domains.append(tenant != null ? tenant : d).append(' ');
        }
        String haystack = domains.toString();
        if (fromAddress != null && fromAddress.indexOf('@') > 0) {
            haystack += " " + fromAddress.substring(0, fromAddress.indexOf('@'));
        }
        haystack = fold(haystack).replace("-", "");
        boolean anyWord = false;
        for (String w : fold(name).split("[^a-z0-9]+")) {
            if (w.length() < 4 || STOP_WORDS.contains(w)) {
                continue;
            }
            anyWord = true;
            if (haystack.contains(w)) {
                return true;
            }
        }
        return !anyWord; // nothing to compare (initials, a short name): not a mismatch
    }

    /** @return {@code s} without accents (combining marks after NFD), lower case; shared with {@link OrganisationTie} */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
