package org.pixelproof.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.authenticity.MailDates;
import org.pixelproof.ingest.Mailboxes;

/**
 * File names of the downloads of an analysis, specific enough to be told apart in a Downloads folder:
 * {@code pixelproof-<sender domain>-<date>-<what>[-<lang>].<ext>}, e.g.
 * {@code pixelproof-maison-lumiere.fr-2026-11-12-dossier-fr.pdf}; a From address without a domain
 * ({@code <"63409624@centerParcs.nl">}) gives {@value #UNKNOWN_SENDER_QUOTING} and the domain shown, never that domain
 * alone, which would name the organisation it imitates. The date is the message's Date header (the day
 * in Europe/Paris) when it can be read as the rest of the product reads it ({@link MailDates#parse}: RFC 5322 section
 * 3.3 with the obsolete forms of section 4.3, such as the zone {@code MST}, comments, missing seconds, two-digit
 * years), else the day of the analysis. Only lower-case ASCII letters, digits,
 * {@code .} and {@code -} are kept, so that the name is safe in a {@code Content-Disposition} header and on every
 * file system. Stateless and thread-safe.
 */
final class DownloadNames {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /**
     * The sender part of a name when the From address has no domain, its only {@code @} being inside a quoted local
     * part: this prefix, then the domain shown inside the quotes, as the command line files such a sender.
     */
    static final String UNKNOWN_SENDER_QUOTING = "unknown-sender-quoting-";
    /** Longest sender part of a name, in characters. */
    private static final int MAX_SENDER_CHARS = 60;

    private DownloadNames() {
    }

    /**
     * @param a    the analysis
     * @param what what the file is, e.g. {@code dossier}, {@code cnil-complaint}, {@code cleaned}
     * @param lang {@code fr}, {@code en}, or {@code null} for a file without language
     * @param ext  the extension without its dot, e.g. {@code pdf}
     * @return the file name
     */
    static String of(Analysis a, String what, String lang, String ext) {
        StringBuilder sb = new StringBuilder("pixelproof-").append(sender(a)).append('-').append(day(a)).append('-')
                .append(safe(what));
        if (lang != null) {
            sb.append('-').append(safe(lang));
        }
        return sb.append('.').append(safe(ext)).toString();
    }

    private static String sender(Analysis a) {
        String domain = a.sender() == null ? null : a.sender().fromDomain();
        String quoted = Mailboxes.authorQuotedOnlyDomain(a.message() == null ? null : a.message().from());
        if (quoted != null) {
            // <"63409624@centerParcs.nl"> has no domain (RFC 5322 3.4.1): never name the file after the brand shown
            domain = UNKNOWN_SENDER_QUOTING + quoted;
        }
        String s = domain == null ? "" : safe(domain);
        s = s.replaceAll("^[.-]+|[.-]+$", "");
        if (s.length() > MAX_SENDER_CHARS) {
            s = s.substring(0, MAX_SENDER_CHARS);
        }
        return s.isEmpty() ? "message" : s;
    }

    private static LocalDate day(Analysis a) {
        OffsetDateTime written = a.message() == null ? null : MailDates.parse(a.message().date());
        return written != null ? written.atZoneSameInstant(PARIS).toLocalDate()
                : a.analysedAt().atZone(PARIS).toLocalDate();
    }

    /** @return {@code s} in lower case with every character other than a-z, 0-9, '.' and '-' replaced by '-'. */
    static String safe(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("-{2,}", "-");
        return lower.replaceAll("\\.{2,}", ".");
    }
}
