package org.pixelproof.cli;

import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.detect.SenderIdentity;

/**
 * How the command line groups e-mails by sending organisation (summary table, {@code --by-sender} dossiers): the
 * From address's domain in lower case; when absent, the first DKIM signing domain; else {@code unknown-sender}.
 * Sub-domains are kept apart ({@code news.brand.fr} and {@code brand.fr} are two senders): the message does not say
 * reliably that they are one organisation.
 */
final class SenderKey {
    static final String UNKNOWN = "unknown-sender";

    private SenderKey() {
    }

    static String of(Analysis a) {
        SenderIdentity s = a.sender();
        if (s != null && s.fromDomain() != null && !s.fromDomain().isBlank()) {
            return s.fromDomain().trim().toLowerCase(Locale.ROOT);
        }
        if (s != null && !s.dkimDomains().isEmpty()) {
            return s.dkimDomains().get(0).trim().toLowerCase(Locale.ROOT);
        }
        return UNKNOWN;
    }
}
