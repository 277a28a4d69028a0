package org.pixelproof.detect;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import org.pixelproof.ingest.LookalikeCharacters;

/**
 * Registrable domains ("eTLD+1": {@code brand.co.uk} for {@code click.news.brand.co.uk}), from the Public Suffix List
 * that Guava embeds in {@link InternetDomainName}; see {@code docs/decisions/0022-registrable-domains.md}.
 *
 * <p>Only the ICANN ("registry") section of the list is used: {@code d123.cloudfront.net} belongs to
 * {@code cloudfront.net}, which is what "who runs this host" asks. Pure string work: no DNS. Thread-safe. Public for
 * {@code authenticity}, which aligns DMARC identifiers by the same registrable domains (RFC 7489 section 3.2,
 * "organizational domain").
 */
public final class Domains {

    /** Most host names whose registrable domain is cached; default 50,000 (the cache is emptied when full). */
    static final int MAX_CACHED = 50_000;
    private static final BoundedCache<String, String> CACHE = new BoundedCache<>(MAX_CACHED);

    private Domains() {
    }

    /**
     * @param host a lower-case host name, may be {@code null}
     * @return its registrable domain, the host itself when it has no public suffix (an IP address, a single label,
     *         an unknown top-level domain), or {@code null} for {@code null}
     */
    public static String registrable(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        return CACHE.get(host, Domains::compute);
    }

    private static String compute(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") || isIpv4(h)) {
            return h;
        }
        try {
            InternetDomainName name = InternetDomainName.from(h);
            if (name.isUnderRegistrySuffix()) {
                return name.topDomainUnderRegistrySuffix().toString();
            }
            return h;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return h;
        }
    }

    /**
     * @param host a host name, any case, may be {@code null}
     * @return true when it lies under a public suffix of the list's ICANN section ({@code ameli.fr},
     *         {@code www.brand.co.uk}), false for an IP address, a single label, an unknown top-level domain
     *         ({@code readme.mdx}) or a public suffix itself ({@code co.uk})
     */
    public static boolean underPublicSuffix(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[") || isIpv4(host)) {
            return false;
        }
        try {
            return InternetDomainName.from(host.toLowerCase(Locale.ROOT)).isUnderRegistrySuffix();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * @return the domain part of an address ({@code a@b.example} gives {@code b.example}), lower case, or null; read by
     *         code point up to the first character that cannot stand in a domain
     *         ({@link LookalikeCharacters#isDomainCharacter}, an underscore aside), look-alike letters kept as written
     */
    public static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        int lt = a.lastIndexOf('<');
        if (lt >= 0) {
            int gt = a.indexOf('>', lt);
            a = a.substring(lt + 1, gt > lt ? gt : a.length());
        }
        int at = a.lastIndexOf('@');
        if (at < 0 || at == a.length() - 1) {
            return null;
        }
        String d = a.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < d.length() && d.charAt(end) != '_' && LookalikeCharacters.isDomainCharacter(d.codePointAt(end))) {
            end += Character.charCount(d.codePointAt(end));
        }
        d = d.substring(0, end);
        return d.isEmpty() ? null : d;
    }

    private static boolean isIpv4(String h) {
        int dots = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
