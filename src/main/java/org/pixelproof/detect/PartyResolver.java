package org.pixelproof.detect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pixelproof.ingest.ReceivedEmail;

/**
 * Tells who runs a host, relative to the sender: compares its registrable domain ({@link Domains}) with those of the
 * From address, the DKIM {@code d=} domains and the Return-Path, and with the vendor rules.
 *
 * <p>DKIM and Return-Path domains count as the sender's own only when no vendor rule claims them: an ESP often signs
 * with its own domain ({@code d=sendgrid.net}) and bounces to its own ({@code bounce.mcsv.net}), which does not make
 * the ESP's hosts first-party. Immutable after construction; thread-safe.
 */
final class PartyResolver {

    /** The host is the sender's own domain itself (the From domain, its registrable domain, or {@code www.}). */
    static final String SENDER_DOMAIN = "SENDER_DOMAIN";
    /**
     * A subdomain of the sender's domain whose operator the message does not show: the sender may run it, or point it
     * (CNAME) at a vendor whose path shape is not in the rule set. Never worded as "the sender's own domain".
     */
    static final String SENDER_SUBDOMAIN_OPERATOR_UNKNOWN = "SENDER_SUBDOMAIN_OPERATOR_UNKNOWN";
    /** A subdomain of the sender's domain on which a vendor's URL pattern or path shape was recognised. */
    static final String ESP_ON_SENDER_SUBDOMAIN = "ESP_ON_SENDER_SUBDOMAIN";
    /**
     * A host under the sender's domain running software that customers install on their own servers (a vendor with
     * {@link org.pixelproof.rules.Vendor#selfHostable()}, e.g. Matomo): the sender runs it, the software's maker
     * receives nothing, so no transfer to the maker's country is implied.
     */
    static final String SELF_HOSTED_SOFTWARE = "SELF_HOSTED_SOFTWARE";
    /** A host of the vendor itself. */
    static final String VENDOR_HOST = "VENDOR_HOST";
    /** Another organisation's host. */
    static final String THIRD_PARTY = "THIRD_PARTY";
    /** Cannot be told from the message. */
    static final String UNKNOWN = "UNKNOWN";

    private final Set<String> senderDomains = new LinkedHashSet<>();
    private String fromDomain;

    /**
     * @param email   the message
     * @param vendors the vendor index, to recognise ESP domains in DKIM and Return-Path
     */
    PartyResolver(ReceivedEmail email, VendorIndex vendors) {
        org.pixelproof.ingest.Mailboxes.Mailbox author = org.pixelproof.ingest.Mailboxes.from(email.headers()).author();
        String from = author == null ? null : Domains.domainOf(SenderIdentifier.addrSpec(author.address()));
        if (from != null) {
            fromDomain = from.toLowerCase(java.util.Locale.ROOT);
            senderDomains.add(PlatformTenantDomains.organisationalDomain(fromDomain));
        }
        for (String d : dkimDomains(email)) {
            if (vendors.vendorsOfHost(d).isEmpty()) {
                senderDomains.add(PlatformTenantDomains.organisationalDomain(d));
            }
        }
        String rp = Domains.domainOf(email.header("Return-Path").orElse(null));
        if (rp != null && vendors.vendorsOfHost(rp).isEmpty()) {
            senderDomains.add(PlatformTenantDomains.organisationalDomain(rp));
        }
        senderDomains.remove(null);
    }

    /**
     * @return the sender's registrable domains, From first; a platform tenant's default domain stands for itself
     *         ({@code contoso.onmicrosoft.com}, not {@code onmicrosoft.com}: {@link PlatformTenantDomains}), so that
     *         another tenant's host is not taken for the sender's
     */
    Set<String> senderDomains() {
        return senderDomains;
    }

    /**
     * @param host          lower-case host
     * @param vendorHost    true when a vendor pattern matched the host itself
     * @param vendorShape   true when only a vendor path shape matched (a brand subdomain run by the vendor)
     * @return who runs it
     */
    Party partyOf(String host, boolean vendorHost, boolean vendorShape) {
        if (host == null || host.isEmpty()) {
            return Party.UNKNOWN;
        }
        if (underSenderDomain(host)) {
            return vendorHost || vendorShape ? Party.ESP_ON_SENDER_DOMAIN : Party.FIRST_PARTY;
        }
        if (vendorHost) {
            return Party.VENDOR;
        }
        if (senderDomains.isEmpty() || host.startsWith("[") || Character.isDigit(host.charAt(host.length() - 1))) {
            return Party.UNKNOWN;
        }
        return Party.THIRD_PARTY;
    }

    /**
     * True when the host is one of the sender's domains or a subdomain of one: same registrable domain, or, for a
     * domain under no public suffix ({@code secure-notice-mailer.example}, an intranet name), where
     * {@link Domains#registrable} returns the host itself, a host ending with {@code "." + } a sender domain or the
     * From domain. Decided from the headers alone, whether or not the sender's identity is doubtful
     * ({@link SenderIdentityCheck}): a subdomain of the From domain is never another organisation's host.
     *
     * @param host host, any case
     * @return true when it is under a sender domain
     */
    boolean underSenderDomain(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (senderDomains.contains(PlatformTenantDomains.organisationalDomain(h))) {
            return true;
        }
        if (fromDomain != null && (h.equals(fromDomain) || h.endsWith("." + fromDomain))) {
            return true;
        }
        for (String d : senderDomains) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /** Shortest registrable-domain label compared across top-level domains by {@link #sameOrganisation}; 4. */
    static final int MIN_BRAND_LABEL_CHARS = 4;

    /**
     * True when the host is under a sender domain ({@link #underSenderDomain}) or its registrable domain has the same
     * name as a sender's under another public suffix ({@code norma-online.de} for a From on
     * {@code norma-online.info}). Used only to tell self-hosted software run by the sender, never to call a host
     * first-party in general: a look-alike domain would pass this test.
     *
     * @param host host, any case
     * @return true when it belongs to the sender's own domain or its name under another suffix
     */
    boolean sameOrganisation(String host) {
        if (underSenderDomain(host)) {
            return true;
        }
        String label = firstLabel(
                PlatformTenantDomains.organisationalDomain(host == null ? null : host.toLowerCase(Locale.ROOT)));
        if (label == null || label.length() < MIN_BRAND_LABEL_CHARS) {
            return false;
        }
        for (String d : senderDomains) {
            if (label.equals(firstLabel(d))) {
                return true;
            }
        }
        return false;
    }

    /** @return the first label of a domain of two labels or more, else null */
    private static String firstLabel(String registrable) {
        if (registrable == null) {
            return null;
        }
        int dot = registrable.indexOf('.');
        return dot > 0 ? registrable.substring(0, dot) : null;
    }

    /**
     * @param host  lower-case host
     * @param party what {@link #partyOf} said
     * @return the careful wording code of who runs the host (see the constants)
     */
    String partyCode(String host, Party party) {
        if (party == null) {
            return UNKNOWN;
        }
        return switch (party) {
            case FIRST_PARTY -> {
                String h = host.toLowerCase(Locale.ROOT);
                boolean own = h.equals(fromDomain) || senderDomains.stream()
                        .anyMatch(d -> h.equals(d) || h.equals("www." + d));
                yield own ? SENDER_DOMAIN : SENDER_SUBDOMAIN_OPERATOR_UNKNOWN;
            }
            case ESP_ON_SENDER_DOMAIN -> ESP_ON_SENDER_SUBDOMAIN;
            case VENDOR -> VENDOR_HOST;
            case THIRD_PARTY -> THIRD_PARTY;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** @return the {@code d=} domains of the DKIM-Signature headers, lower case, in order. */
    static List<String> dkimDomains(ReceivedEmail email) {
        Set<String> out = new LinkedHashSet<>();
        for (String sig : email.headers("DKIM-Signature")) {
            for (String tag : sig.split(";")) {
                String t = tag.trim();
                if (t.length() > 2 && (t.startsWith("d=") || t.startsWith("D="))) {
                    String d = t.substring(2).trim().toLowerCase(Locale.ROOT);
                    StringBuilder clean = new StringBuilder();
                    for (int i = 0; i < d.length(); i++) {
                        char c = d.charAt(i);
                        if (!Character.isWhitespace(c)) {
                            clean.append(c);
                        }
                    }
                    if (clean.length() > 0) {
                        out.add(clean.toString());
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
