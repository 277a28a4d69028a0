package org.pixelproof.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Domains of public mailbox providers, where anyone can open an address for free ({@code gmail.com},
 * {@code outlook.fr}, {@code orange.fr}...): the largest international ones and those common in France and its
 * neighbours. An address there says nothing of an organisation: a club, a bakery and a fraudster can all write from
 * {@code gmail.com}. A provider missing here only means its addresses are taken for an organisation's.
 *
 * <p>Used to group e-mails by sender (the command line's per-sender dossiers) and for
 * {@link SenderIdentityCheck#REPLY_TO_PUBLIC_MAILBOX}. Stateless; thread-safe.
 */
public final class PublicMailboxProviders {

    /** The domains, lower case. */
    public static final Set<String> DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "hotmail.co.uk",
            "hotmail.de", "hotmail.it", "hotmail.es", "live.com", "live.fr", "live.de", "msn.com", "yahoo.com",
            "yahoo.fr", "yahoo.co.uk", "yahoo.de", "yahoo.it", "yahoo.es", "ymail.com", "aol.com", "aol.fr",
            "icloud.com", "me.com", "mac.com", "gmx.com", "gmx.de", "gmx.fr", "gmx.net", "gmx.at", "gmx.ch", "web.de",
            "t-online.de", "freenet.de", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net",
            "bbox.fr", "numericable.fr", "club-internet.fr", "aliceadsl.fr", "protonmail.com", "protonmail.ch",
            "proton.me", "pm.me", "tutanota.com", "tutanota.de", "tuta.io", "mail.com", "yandex.ru", "yandex.com",
            "mail.ru", "libero.it", "virgilio.it", "tiscali.it", "zoho.com", "fastmail.com", "posteo.de",
            "mailbox.org", "skynet.be", "telenet.be", "bluewin.ch", "qq.com", "163.com", "seznam.cz", "wp.pl", "o2.pl",
            "interia.pl");

    /**
     * Providers whose every country domain is a public mailbox domain ({@code yahoo.com.mx}, {@code hotmail.com.br},
     * {@code gmx.at}): the first label of the registrable domain.
     */
    static final Set<String> PROVIDER_LABELS = Set.of("gmail", "googlemail", "hotmail", "outlook", "live", "msn",
            "yahoo", "ymail", "gmx", "aol", "yandex");

    private PublicMailboxProviders() {
    }

    /**
     * @param domain the domain of an address, any case, may be {@code null}
     * @return true when it is one of {@link #DOMAINS}, or a registrable domain whose first label is one of
     *         {@link #PROVIDER_LABELS} ({@code yahoo.com.mx}); a subdomain is not a mailbox domain
     *         ({@code news.gmail.com}, {@code mail.yahoo.com})
     */
    public static boolean isPublic(String domain) {
        if (domain == null) {
            return false;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (DOMAINS.contains(d)) {
            return true;
        }
        int dot = d.indexOf('.');
        return dot > 0 && PROVIDER_LABELS.contains(d.substring(0, dot)) && d.equals(Domains.registrable(d))
                && Domains.underPublicSuffix(d);
    }
}
