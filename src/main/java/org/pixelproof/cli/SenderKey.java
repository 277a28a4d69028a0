package org.pixelproof.cli;

import java.net.IDN;
import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.authenticity.DkimResult;
import org.pixelproof.detect.PublicMailboxProviders;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.ingest.LookalikeCharacters;
import org.pixelproof.ingest.Mailboxes;

/**
 * How the command line names and groups e-mails by sending organisation (the CSV's {@code sender_domain}, the summary
 * table, the per-sender dossiers and both dossier {@code index.csv} files), one rule for all of them
 * ({@link #domain}): the From address's domain as written, in lower case, which is also the JSON's
 * {@code sender.fromDomain}; when the From has no readable domain, the signing domain of a DKIM signature that
 * verified; else none, and the key is {@code unknown-sender}. A DKIM {@code d=} that did not verify is not used: anyone
 * can write one (the real phish 133 signs as {@code d=verkade.nl}, which fails), and the key would file the message
 * under that organisation. Sub-domains are kept apart ({@code news.brand.fr} and {@code brand.fr} are two senders):
 * the message does not say reliably that they are one organisation.
 *
 * <p>A From domain written with look-alike characters ({@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹}, reason
 * {@code FROM_DOMAIN_LOOKALIKE_CHARACTERS}) is kept as written in every output, never folded to the domain it imitates
 * ({@code verkade.nl}); its sender identity is doubtful, so its key carries {@value #DOUBTFUL_SUFFIX} too. Only a file
 * name, which must be ASCII, shows the domain it imitates, after {@value #LOOKALIKE_PREFIX} ({@link #fileStem}).
 *
 * <p>A From address whose only {@code @} is inside a quoted local part ({@code <"63409624@brand.example">}) has no
 * domain at all (RFC 5322 section 3.4.1: the quotes make the whole of it a local part), so no receiving server checked
 * the domain a reader sees in it. That domain is not taken as the sender's ({@link #quotedOnlyDomain}): the rule above
 * applies as for any From without a domain (a DKIM domain that verified, else none), and with none the key is
 * {@value #QUOTED_ONLY_PREFIX} and the domain shown ({@code unknown-sender-quoting-brand.example}), so that neither the
 * outputs nor a dossier's file name present that domain, often a brand's the message imitates, as the sender's.
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
    /** Put before the domain a look-alike imitates, in a file name ({@link #fileStem}). */
    static final String LOOKALIKE_PREFIX = "lookalike-of-";
    /**
     * The key of a sender whose From address has no domain, only one inside a quoted local part, and no DKIM domain
     * that verified: this, then the domain shown in the quotes ({@link #quotedOnlyDomain}).
     */
    static final String QUOTED_ONLY_PREFIX = UNKNOWN + "-quoting-";

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

    /**
     * The sender's domain, as the CSV's {@code sender_domain} column and the key give it.
     *
     * @param a an analysis
     * @return the From address's domain as written, lower case (the JSON's {@code sender.fromDomain}); when the From
     *         has no readable domain, or only one inside a quoted local part ({@link #quotedOnlyDomain}), the domain of
     *         the first DKIM signature that verified ({@code pass}: RFC 6376 section 1, the signer takes
     *         responsibility for the message); else {@code null}
     */
    static String domain(Analysis a) {
        SenderIdentity s = a.sender();
        if (s != null && s.fromDomain() != null && !s.fromDomain().isBlank() && quotedOnlyDomain(a) == null) {
            return s.fromDomain().trim().toLowerCase(Locale.ROOT);
        }
        if (a.authenticity() != null) {
            for (DkimResult r : a.authenticity().passingSignatures()) {
                if (r.domain() != null && !r.domain().isBlank()) {
                    return r.domain().trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    private static String named(Analysis a) {
        String domain = domain(a);
        if (domain == null) {
            String quoted = quotedOnlyDomain(a);
            return quoted != null ? QUOTED_ONLY_PREFIX + quoted : UNKNOWN;
        }
        SenderIdentity s = a.sender();
        boolean fromDomain = s != null && s.fromDomain() != null
                && domain.equals(s.fromDomain().trim().toLowerCase(Locale.ROOT)); // not a DKIM domain
        if (fromDomain && PublicMailboxProviders.isPublic(domain) && s.fromAddress() != null
                && !s.fromAddress().isBlank()) {
            return s.fromAddress().trim().toLowerCase(Locale.ROOT);
        }
        return domain;
    }

    /**
     * The domain a reader sees in a From address that has none: the author's address (the first mailbox of the From,
     * as {@link org.pixelproof.analysis.MessageSummary#from()} writes it back) is a quoted string holding the only
     * {@code @}, as in {@code "Zomerspel" <"63409624@centerParcs.nl">}; by RFC 5322 section 3.4.1 it is all local
     * part. The detector still gives the part after that {@code @} as {@code sender.fromDomain}, and flags the address
     * ({@code FROM_ADDRESS_WITHOUT_DOMAIN}) when it counts towards a doubtful identity.
     *
     * @param a an analysis
     * @return the domain shown after the {@code @} inside the quotes, lower case, without the quotes
     *         ({@code centerparcs.nl}); {@code null} for a usual address (a domain after the local part, quoted or
     *         not: {@code "j.doe@x"@example.com}), for none, or for an analysis without the From as written
     */
    static String quotedOnlyDomain(Analysis a) {
        SenderIdentity s = a.sender();
        String from = a.message() == null ? null : a.message().from();
        if (s == null || s.fromDomain() == null || from == null) {
            return null;
        }
        String shown = s.fromDomain().trim().toLowerCase(Locale.ROOT);
        if (shown.isEmpty() || !from.toLowerCase(Locale.ROOT).contains("@" + shown + "\"")) {
            return null; // cheap test first: the domain is not followed by a closing quote anywhere in the From
        }
        return Mailboxes.authorQuotedOnlyDomain(from);
    }

    /**
     * @param key a key of {@link #of}
     * @return the key with its domain in ASCII, for a file name (which {@link PdfSink#fileName} then makes safe): a
     *         genuine internationalised domain in its IDNA ASCII form ({@code café-exemple.fr} gives
     *         {@code xn--caf-exemple-dbb.fr}, RFC 5891); a domain written with look-alike characters as
     *         {@value #LOOKALIKE_PREFIX} and the domain it imitates ({@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} gives
     *         {@code lookalike-of-verkade.nl}), so that its dossier is neither named as that domain's nor a hidden
     *         file whose name is made of the dots alone; an ASCII key unchanged
     */
    static String fileStem(String key) {
        String k = key;
        String suffix = "";
        if (k.endsWith(DOUBTFUL_SUFFIX)) {
            suffix = DOUBTFUL_SUFFIX;
            k = k.substring(0, k.length() - DOUBTFUL_SUFFIX.length());
        }
        if (k.chars().allMatch(c -> c < 0x80)) {
            return key;
        }
        int at = k.lastIndexOf('@');
        String local = k.substring(0, at + 1);
        String domain = k.substring(at + 1);
        String prefix = "";
        if (LookalikeCharacters.disguisesDomain(domain)) {
            prefix = LOOKALIKE_PREFIX;
            domain = LookalikeCharacters.folded(domain);
        }
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: left for PdfSink.fileName to replace its non-ASCII characters
        }
        return prefix + local + domain.replaceAll("^\\.+", "") + suffix;
    }
}
