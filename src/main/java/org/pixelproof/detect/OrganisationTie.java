package org.pixelproof.detect;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a name the message gives for its sender is tied to the hosts the message was sent and linked from,
 * for {@link SenderIdentityCheck#ORGANISATION_NOT_TIED_TO_SENDER}.
 *
 * <p>The <em>tie hosts</em> are the hosts the sender runs or that vouch for it: the From domain, every DKIM {@code d=}
 * domain, the Return-Path domain and each List-Unsubscribe host (URL host or {@code mailto:} domain), the
 * <em>header hosts</em>; and the host and decoded destination host of each link of the message. The From local part,
 * the Reply-To address, the Message-ID and the written text are not among them: the sender writes them freely, and a
 * lure puts the brand it imitates there ({@code "Hiba from Ledger" <ledger-notifications@unrelated.example>}).
 *
 * <p>A name is <em>tied</em> ({@link #tied}) when one of these holds, comparing folded text (accents removed, lower
 * case) with the labels of the tie hosts without their public suffix (hyphens removed, punycode decoded):
 * <ol>
 * <li>a word of the name of four letters or more, other than its legal form or a generic word ({@code service},
 * {@code newsletter}...), is inside a label ({@code katjes} in {@code shop.katjes.de}, {@code trusted} in
 * {@code trustedshops.de});</li>
 * <li>a two-letter word written in capitals ({@code EF}) or a three-letter word is the label of a registrable domain
 * or a hyphen-separated part of it ({@code ef.com});</li>
 * <li>the initials of the name's first words (two or more, with or without the small connecting words) are the label
 * of a registrable domain or a hyphen-separated part of it ({@code rp} of {@code rp-online.de} for "Rheinische Post
 * Verlagsgesellschaft", {@code edf} for "Electricité de France");</li>
 * <li>a distinctive label (four characters or more, not a generic one such as {@code mail}, {@code news},
 * {@code click}) of a host no vendor rule claims is inside the name written without spaces, from the start of one of
 * its words ({@code laposte} for "La Poste", not {@code elmo} for "Velmora"); or, for a header host,
 * inside the words that lead to the name in the footer sentence naming it ({@link #lead}: {@code zeitzuleben} in "Zeit
 * zu leben Verlags- und Trainings GmbH", of which the footer reader kept only the last capitalised words). An ESP's hosts, and the sites a
 * footer links to ("Powered by ..."), are not looked for in that sentence: an ESP's footer sentence names the ESP
 * beside its customer's address.</li>
 * </ol>
 * A name with no word to compare (initials only, generic words) is never called untied: it makes no claim. Only the
 * first {@value #MAX_NAME_WORDS} words of a name are read. Pure string work, no DNS. Immutable and thread-safe.
 */
final class OrganisationTie {

    /** Most tie hosts compared; default 200 (the message's links are themselves capped by the detector). */
    static final int MAX_TIE_HOSTS = 200;

    /**
     * Most words of a name compared, from its start; default 32. A legal name is far shorter; a From display name can
     * fill a header field (64 KiB), and the initials of all its words would grow with the square of their number.
     */
    static final int MAX_NAME_WORDS = 32;

    /**
     * Words that name no particular organisation: never compared on their own. Those the display-name check ignores
     * ({@link SenderIdentityCheck#STOP_WORDS}), and the words of a footer's sentence around a name.
     */
    private static final Set<String> GENERIC_WORDS = union(SenderIdentityCheck.STOP_WORDS, Set.of("gruppe",
            "from", "your", "votre", "notre", "holding", "holdings", "international", "europe",
            "global", "official", "officiel", "compte", "account", "shop", "store", "boutique", "all", "rights",
            "reserved", "tous", "droits", "copyright", "und", "der", "die", "das", "les", "des", "par", "sur", "via",
            "for", "our", "von", "van", "den", "het", "del", "con", "per", "una", "uno", "ein", "eine"));
    /** Small words that join the words of a name; kept or not in its initials ({@code edf} and {@code ef}). */
    private static final Set<String> CONNECTORS = Set.of("de", "des", "du", "d", "la", "le", "les", "l", "et",
            "and", "of", "the", "fur", "van", "der", "den", "von", "y", "e", "di", "del", "della", "und", "en", "a");
    /** Host labels that name no organisation: technical or marketing sub-domains. */
    private static final Set<String> GENERIC_LABELS = Set.of("www", "mail", "email", "mails", "emails", "news",
            "newsletter", "newsletters", "click", "clicks", "link", "links", "track", "tracking", "info", "shop",
            "store", "online", "apps", "secure", "service", "services", "support", "mailing", "mailings", "mailer",
            "lists", "list", "manage", "bounce", "bounces", "send", "sender", "smtp", "static", "images", "image",
            "media", "open", "marketing", "notify", "notification", "notifications", "account", "accounts", "login",
            "help", "home", "portal", "community", "blog", "events", "pages", "page", "contact", "reply", "noreply",
            "shared", "mailout", "campaign", "campaigns", "engage", "hello", "offers", "promo", "web", "cdn", "img");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Set<String> hosts;
    private final List<Label> labels;

    private OrganisationTie(Set<String> hosts, List<Label> labels) {
        this.hosts = Set.copyOf(hosts);
        this.labels = List.copyOf(labels);
    }

    /**
     * @param sender  the sender as identified (From domain, DKIM domains, Return-Path, List-Unsubscribe)
     * @param links   the message's links, with decoded destinations
     * @param vendors to tell the hosts a vendor rule claims (an ESP's)
     * @return the message's ties: its tie hosts (at most {@value #MAX_TIE_HOSTS}, header hosts counted first) and
     *         their labels
     */
    static OrganisationTie of(SenderIdentity sender, List<Link> links, VendorIndex vendors) {
        Set<String> header = headerHosts(sender);
        Set<String> all = new LinkedHashSet<>(header);
        for (Link l : links) {
            add(all, l.host());
            if (l.destination() != null) {
                WebUrl u = WebUrl.of(l.destination(), null);
                add(all, u == null ? null : u.host());
            }
        }
        List<Label> labels = new ArrayList<>();
        for (String h : all) {
            boolean vendor = !vendors.vendorsOfHost(h).isEmpty();
            labels.addAll(labelsOf(h, vendor, header.contains(h)));
        }
        return new OrganisationTie(all, labels);
    }

    /**
     * The ties of the header hosts alone, those no vendor rule claims: what the sender's own domains say, for
     * {@link SenderIdentityCheck#FROM_PLATFORM_TENANT_DOMAIN}. Links are left out (a copied campaign links to the brand
     * it copies), and so are an ESP's shared domains ({@code amazonses.com}), which anyone sending through the ESP
     * gets.
     *
     * @param sender  the sender as identified (From domain, DKIM domains, Return-Path, List-Unsubscribe)
     * @param vendors to tell the hosts a vendor rule claims
     * @return the ties of the header hosts no vendor claims
     */
    static OrganisationTie ofSenderDomains(SenderIdentity sender, VendorIndex vendors) {
        Set<String> own = new LinkedHashSet<>();
        for (String h : headerHosts(sender)) {
            if (vendors.vendorsOfHost(h).isEmpty()) {
                own.add(h);
            }
        }
        List<Label> labels = new ArrayList<>();
        for (String h : own) {
            labels.addAll(labelsOf(h, false, true));
        }
        return new OrganisationTie(own, labels);
    }

    /** @return the header hosts: From, DKIM {@code d=}, Return-Path and List-Unsubscribe hosts, lower case */
    private static Set<String> headerHosts(SenderIdentity sender) {
        Set<String> header = new LinkedHashSet<>();
        add(header, sender.fromDomain());
        sender.dkimDomains().forEach(d -> add(header, d));
        add(header, Domains.domainOf(sender.returnPath()));
        for (String u : sender.listUnsubscribe()) {
            add(header, hostOfUri(u));
        }
        return header;
    }

    /** @return the tie hosts, lower case */
    Set<String> hosts() {
        return hosts;
    }

    /**
     * @param name     a name as written (an organisation name with its legal form, a From display name), or
     *                 {@code null}
     * @param evidence the text of the footer that names it, or {@code null}
     * @return {@code TRUE} when the name is tied to a tie host, {@code FALSE} when it has words to compare and none
     *         ties, {@code null} when it has nothing to compare (no claim)
     */
    Boolean tied(String name, String evidence) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String bare = withoutLegalForm(name);
        List<String> words = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        List<String> all = new ArrayList<>();
        Matcher m = WORD.matcher(bare);
        while (m.find() && all.size() < MAX_NAME_WORDS) {
            String original = m.group();
            String w = fold(original);
            all.add(w);
            if (comparedNever(w)) {
                continue;
            }
            if (w.length() >= 4) {
                words.add(w);
            } else if (w.length() == 3 || (w.length() == 2 && original.equals(original.toUpperCase(Locale.ROOT))
                    && !original.equals(original.toLowerCase(Locale.ROOT)))) {
                exact.add(w);
            }
        }
        if (words.isEmpty() && exact.isEmpty()) {
            return null;
        }
        for (Label l : labels) {
            for (String w : words) {
                if (l.joined.contains(w)) {
                    return true;
                }
            }
            for (String w : exact) {
                if (l.registrable && (l.joined.equals(w) || l.segments.contains(w))) {
                    return true;
                }
            }
        }
        for (String initials : initials(all)) {
            for (Label l : labels) {
                if (l.registrable && (l.joined.equals(initials) || l.segments.contains(initials))) {
                    return true;
                }
            }
        }
        List<String> leadWords = wordsOf(lead(evidence, name));
        for (Label l : labels) {
            if (l.distinctive && !l.vendor && (startsAtWord(all, l.joined)
                    || (l.header && startsAtWord(leadWords, l.joined)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param words folded words
     * @param label a host label, hyphens removed
     * @return true when the words written without spaces hold the label from the start of one of them ({@code laposte}
     *         in "la poste", {@code mcdo} in "mcdonald s"); a label inside a word ({@code elmo} in "velmora") is a
     *         coincidence of letters
     */
    private static boolean startsAtWord(List<String> words, String label) {
        String joined = String.join("", words);
        int at = 0;
        for (String w : words) {
            if (joined.startsWith(label, at)) {
                return true;
            }
            at += w.length();
        }
        return false;
    }

    /**
     * @param a a name as written, or {@code null}
     * @param b another, or {@code null}
     * @return true when both hold a same word that rule 1 compares (four letters or more, not a legal form, a generic
     *         or connecting word, nor a number), accents and case aside ({@code Velmora} in "Velmora SAS" and "Velmora
     *         Wallet")
     */
    static boolean shareAWord(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Set<String> left = comparedWords(a);
        for (String w : comparedWords(b)) {
            if (left.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param a a name as written (an organisation's legal name, a From display name), or {@code null}
     * @param b another, or {@code null}
     * @return true when the two names may be one organisation's, as far as their words show: they share a word that
     *         {@link #tied} compares (four letters or more, or three letters, or two capital letters; not a legal form,
     *         a generic or connecting word, nor a number), accents and case aside ({@code FTX} in "FTX Ltd" and "FTX
     *         Trading, LLC"); or a short word of one (two to five letters) is the initials of the other's first words
     *         ("EDF SA" and "Électricité de France SA"). False when either has no word to compare.
     */
    static boolean mayBeOneOrganisation(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        List<String> left = nameWords(a);
        List<String> right = nameWords(b);
        for (String w : right) {
            if (left.contains(w)) {
                return true;
            }
        }
        return initialsOfOther(left, allWords(b)) || initialsOfOther(right, allWords(a));
    }

    /** @return true when one of {@code words} of two to five letters is the initials of {@code other}'s words */
    private static boolean initialsOfOther(List<String> words, List<String> other) {
        Set<String> initials = initials(other);
        return words.stream().anyMatch(w -> w.length() <= 5 && initials.contains(w));
    }

    /** @return the folded words of the name (legal form left out) that {@link #tied} compares, in order */
    private static List<String> nameWords(String name) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(withoutLegalForm(name));
        for (int n = 0; m.find() && n < MAX_NAME_WORDS; n++) {
            String original = m.group();
            String w = fold(original);
            if (comparedNever(w)) {
                continue;
            }
            if (w.length() >= 3 || (w.length() == 2 && original.equals(original.toUpperCase(Locale.ROOT))
                    && !original.equals(original.toLowerCase(Locale.ROOT)))) {
                out.add(w);
            }
        }
        return out;
    }

    /** @return every folded word of the name, legal form left out, as {@link #initials} reads them */
    private static List<String> allWords(String name) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(withoutLegalForm(name));
        for (int n = 0; m.find() && n < MAX_NAME_WORDS; n++) {
            out.add(fold(m.group()));
        }
        return out;
    }

    /** @return the folded words of four letters or more of the name's first words that rule 1 compares */
    private static Set<String> comparedWords(String name) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(withoutLegalForm(name));
        for (int n = 0; m.find() && n < MAX_NAME_WORDS; n++) {
            String w = fold(m.group());
            if (w.length() >= 4 && !comparedNever(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean comparedNever(String w) {
        return w.chars().allMatch(Character::isDigit) || CONNECTORS.contains(w) || GENERIC_WORDS.contains(w);
    }

    /** Most characters read before the name in the footer text that names it, for rule 4; default 80. */
    static final int MAX_LEAD_CHARS = 80;

    /**
     * @param evidence footer text that names the organisation, several excerpts one per line, or {@code null}
     * @param name     the name as read from it
     * @return the words written just before the name in its sentence, at most {@value #MAX_LEAD_CHARS} characters
     *         before each place it is named ({@code "Meine Firma: Zeit zu leben Verlags- und "}), joined; empty when
     *         the excerpts do not hold the name. What follows the name is left out: a footer often goes on to name the
     *         ESP or the account holder ("... 75002 Paris. You received this email from ..."), which says nothing of
     *         the name's tie.
     */
    static String lead(String evidence, String name) {
        if (evidence == null || name == null || name.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : evidence.split("\n")) {
            int at = line.indexOf(name);
            while (at >= 0) {
                String before = line.substring(Math.max(0, at - MAX_LEAD_CHARS), at);
                int cut = -1;
                for (String stop : new String[] {". ", "! ", "? ", "|", "\u2022", "\u00a9", "\u2026"}) {
                    int i = before.lastIndexOf(stop);
                    if (i >= 0) {
                        cut = Math.max(cut, i + stop.length() - 1);
                    }
                }
                out.append(before.substring(cut + 1)).append(' ');
                at = line.indexOf(name, at + name.length());
            }
        }
        return out.toString();
    }

    /** @return the name without the legal form it ends with ({@code Ledger SAS} gives {@code Ledger}) */
    static String withoutLegalForm(String name) {
        Matcher m = FooterReader.LEGAL_FORM.matcher(name);
        int cut = name.length();
        while (m.find()) {
            if (m.start() > 0) {
                cut = Math.min(cut, m.start());
            }
        }
        return name.substring(0, cut);
    }

    /**
     * @param words folded words of a name, in order
     * @return the initials of its first two or more words (of the first {@value #MAX_NAME_WORDS}), with and without
     *         the connecting words, 2+ letters each
     */
    static Set<String> initials(List<String> words) {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder with = new StringBuilder();
        StringBuilder without = new StringBuilder();
        for (String w : words.subList(0, Math.min(words.size(), MAX_NAME_WORDS))) {
            if (w.isEmpty() || Character.isDigit(w.charAt(0))) {
                continue;
            }
            with.append(w.charAt(0));
            if (!CONNECTORS.contains(w)) {
                without.append(w.charAt(0));
            }
            if (with.length() >= 2) {
                out.add(with.toString());
            }
            if (without.length() >= 2) {
                out.add(without.toString());
            }
        }
        return out;
    }

    /**
     * A host label: hyphens removed, its hyphen-separated parts, whether it may name an organisation, whether it is
     * the label of the registrable domain itself ({@code katjes} of {@code shop.katjes.de}, the only one short words
     * and initials are compared with: {@code mg} of {@code mg.sender.example} is a mail server's name), whether a
     * vendor rule claims its host, and whether its host is a header host.
     */
    private record Label(String joined, Set<String> segments, boolean distinctive, boolean registrable,
            boolean vendor, boolean header) {
    }

    private static List<Label> labelsOf(String host, boolean vendor, boolean header) {
        List<Label> out = new ArrayList<>();
        String[] parts = withoutPublicSuffix(host).split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String label = parts[i];
            if (label.isEmpty()) {
                continue;
            }
            if (label.startsWith("xn--")) {
                try {
                    label = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    // left as written
                }
            }
            label = fold(label);
            String joined = label.replace("-", "");
            boolean distinctive = joined.length() >= 4 && !GENERIC_LABELS.contains(joined)
                    && !joined.chars().allMatch(Character::isDigit);
            out.add(new Label(joined, Set.copyOf(Arrays.asList(label.split("-"))), distinctive,
                    i == parts.length - 1, vendor, header));
        }
        return out;
    }

    /**
     * @return the host without its public suffix ({@code shop.katjes} of {@code shop.katjes.de}, {@code brand} of
     *         {@code brand.co.uk}); without its last label when it has no public suffix ({@code news.brand} of
     *         {@code news.brand.example}); the host itself when it is one label. A platform tenant's host loses the
     *         platform's suffix as well ({@code contoso} of {@code contoso.onmicrosoft.com}: {@link
     *         PlatformTenantDomains}): the platform's labels ({@code onmicrosoft}, which holds {@code microsoft}) are
     *         no tie to the platform's owner
     */
    static String withoutPublicSuffix(String host) {
        PlatformTenantDomains.Platform platform = PlatformTenantDomains.platformOf(host);
        if (platform != null) {
            String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
            return h.substring(0, h.length() - platform.suffix().length() - 1);
        }
        int last = host.lastIndexOf('.');
        if (last <= 0) {
            return host;
        }
        try {
            InternetDomainName name = InternetDomainName.from(host);
            if (name.hasRegistrySuffix() && !name.isRegistrySuffix()) {
                String suffix = name.registrySuffix().toString();
                return host.substring(0, host.length() - suffix.length() - 1);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a valid domain name: the last label is taken for the suffix
        }
        return host.substring(0, last);
    }

    private static List<String> wordsOf(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(fold(m.group()));
        }
        return out;
    }

    private static void add(Set<String> hosts, String host) {
        if (host == null || host.isEmpty() || hosts.size() >= MAX_TIE_HOSTS) {
            return;
        }
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!h.isEmpty() && !h.startsWith("[")) {
            hosts.add(h);
        }
    }

    /** @return the host of an {@code http(s)} URI or the domain of a {@code mailto:} one, or {@code null} */
    private static String hostOfUri(String uri) {
        if (uri == null) {
            return null;
        }
        if (uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            String a = uri.substring(7);
            int q = a.indexOf('?');
            return Domains.domainOf(q >= 0 ? a.substring(0, q) : a);
        }
        WebUrl u = WebUrl.of(uri, null);
        return u == null ? null : u.host();
    }

    private static String fold(String s) {
        return SenderIdentityCheck.fold(s);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
