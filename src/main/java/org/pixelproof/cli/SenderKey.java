package org.pixelproof.cli;

import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.PublicMailboxProviders;
import org.pixelproof.detect.SenderIdentity;

/**
 * How the command line groups e-mails by sending organisation (summary table, per-sender dossiers): the From
 * address's domain in lower case; when absent, the first DKIM signing domain; else {@code unknown-sender}. Sub-domains
 * are kept apart ({@code news.brand.fr} and {@code brand.fr} are two senders): the message does not say reliably that
 * they are one organisation.
 *
 * <p>A public mailbox provider's domain ({@code gmail.com}, {@code orange.fr}...: {@link PublicMailboxProviders}) is
 * shared by people and organisations that have nothing to do with each other: there the whole From address (lower
 * case) is the key, so that a club and a bakery both writing from {@code gmail.com} get two dossiers, each addressed
 * to its own sender.
 *
 * <p>An e-mail whose sender identity is doubtful (the analysis found signs of phishing or a forged sender,
 * {@code SENDER_IDENTITY_DOUBTFUL}) is kept apart from the genuine e-mails of the organisation it names: its key ends
 * with {@value #DOUBTFUL_SUFFIX}, so that a phishing message claiming a brand's domain does not go into that brand's
 * dossier, addressed to it.
 */
final class SenderKey {
    static final String UNKNOWN = "unknown-sender";
    /** Appended to the key of an e-mail whose sender identity is doubtful. */
    static final String DOUBTFUL_SUFFIX = " (identity doubtful)";

    private SenderKey() {
    }

    /**
     * @param a an analysis
     * @return its sender's key: a domain, a whole address at a {@link PublicMailboxProviders public mailbox domain},
     *         or {@link #UNKNOWN}, followed by {@link #DOUBTFUL_SUFFIX} when the sender's identity is doubtful; never
     *         null
     */
    static String of(Analysis a) {
        String key = named(a);
        return doubtful(a) ? key + DOUBTFUL_SUFFIX : key;
    }

    /** @return true when the analysis doubts that the e-mail comes from the sender it names */
    static boolean doubtful(Analysis a) {
        return a.sender() != null && a.sender().identityCaveats().contains("SENDER_IDENTITY_DOUBTFUL");
    }

    private static String named(Analysis a) {
        SenderIdentity s = a.sender();
        if (s != null && s.fromDomain() != null && !s.fromDomain().isBlank()) {
            String domain = s.fromDomain().trim().toLowerCase(Locale.ROOT);
            if (PublicMailboxProviders.isPublic(domain) && s.fromAddress() != null && !s.fromAddress().isBlank()) {
                return s.fromAddress().trim().toLowerCase(Locale.ROOT);
            }
            return domain;
        }
        if (s != null && !s.dkimDomains().isEmpty()) {
            return s.dkimDomains().get(0).trim().toLowerCase(Locale.ROOT);
        }
        return UNKNOWN;
    }
}
