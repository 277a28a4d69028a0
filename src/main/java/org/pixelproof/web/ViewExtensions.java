package org.pixelproof.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;
import org.pixelproof.authenticity.MailDates;
import org.pixelproof.detect.AddressCountry;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.ConsentMarker;
import org.pixelproof.detect.ConsentMarkerFinder;
import org.pixelproof.detect.ConsentMarkerType;
import org.pixelproof.detect.RemoteResource;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.detect.IdentifierEvidence;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.RecipientTokens;
import org.pixelproof.detect.SenderIdentity;
import org.pixelproof.detect.Tracker;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;
import org.pixelproof.dossier.DossierTemplates;
import org.pixelproof.ingest.Anomaly;
import org.pixelproof.ingest.BidiControls;

/**
 * View logic for the Qute pages, kept out of the templates: CSS classes, dates in the page's language, sizes, titles,
 * and the detector's stable codes in the page's language ({@link DetectLabels}), so that a French page never shows the
 * detector's English prose. Dates are shown in Europe/Paris time, the product's home.
 */
@TemplateExtension
public final class ViewExtensions {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private ViewExtensions() {
    }

    /** @return {@code alert}, {@code warn} or {@code ok}, for the verdict's colour. */
    static String cssClass(Verdict verdict) {
        return switch (verdict) {
            case TRACKING_WITHOUT_CONSENT_MARKERS -> "alert";
            case TRACKING_WITH_CONSENT_MARKERS -> "warn";
            case NO_TRACKING_FOUND -> "ok";
        };
    }

    /** @return {@code high}, {@code medium} or {@code low}. */
    static String cssClass(Confidence confidence) {
        return confidence.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return true when the result page offers the dossier, the letters and the complaint for this analysis (see
     *         {@link Complaints#possible})
     */
    static boolean complaintPossible(Analysis analysis) {
        return Complaints.possible(analysis);
    }

    /**
     * @return true when a limit left part of the analysed message unread (assessment caveat
     *         {@code part-not-analysed})
     */
    static boolean partNotAnalysed(Analysis analysis) {
        return analysis.assessment().caveats().contains(org.pixelproof.assess.Caveat.PART_NOT_ANALYSED.code());
    }

    /**
     * @return true when no tracker was found but a limit left part of the message unread: the result is then
     *         incomplete, not a clean bill ({@link #partNotAnalysed})
     */
    static boolean nothingFoundInPart(Analysis analysis) {
        return analysis.verdict() == Verdict.NO_TRACKING_FOUND && partNotAnalysed(analysis);
    }

    /**
     * @return a number with its digits grouped as the page's language writes them: {@code 59 697} (no-break space) in
     *         French, {@code 59,697} in English, as in the dossier ({@link DossierTemplates#grouped})
     */
    static String grouped(long n, String lang) {
        return DossierTemplates.grouped(n, "en".equals(Locale.forLanguageTag(lang).getLanguage()));
    }

    /** @return the size in whole mebibytes, e.g. {@code 25} for 26,214,400 bytes (at least 1). */
    static long megabytes(long bytes) {
        return Math.max(1, bytes >> 20);
    }

    /** @return the items joined with {@code ", "}. */
    static String joined(List<String> items) {
        return String.join(", ", items);
    }

    /**
     * @param code a stable code of the detector ({@code CSS_HIDDEN}, {@code SENDER_DOMAIN}, {@code dark-mode}...)
     * @param lang the page's language ({@code fr} or {@code en})
     * @return its label in that language, or the code itself when it has none
     */
    static String detectLabel(String code, String lang) {
        return DetectLabels.label(code, Locale.forLanguageTag(lang));
    }

    /**
     * @return how the tracker is hidden, one label per entry in the page's language; an entry without a code (older
     *         analyses) is shown as the analysis wrote it
     */
    static List<String> hiddenLabels(Tracker t, String lang) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.hiddenBy().size(); i++) {
            out.add(i < t.hiddenByCodes().size() ? detectLabel(t.hiddenByCodes().get(i), lang) : t.hiddenBy().get(i));
        }
        return out;
    }

    /**
     * @return the tracker's signals as codes with their language-neutral technical values (rule ids, CSS, HTML
     *         attributes), never the analysis's English prose; see {@link DossierBuilder#signalRows}
     */
    static List<Dossier.SignalRow> signalRows(Tracker t) {
        return DossierBuilder.signalRows(t, 1);
    }

    /**
     * @return the signal in the page's language; for {@code recipient-identifier} with how the address is encoded
     *         ("contient l'adresse électronique du destinataire, encodée en Base64") and for {@code conditional-css}
     *         with the context the rule applies in, so that these values, which are words, are worded too
     */
    static String signalLabel(Dossier.SignalRow row, String lang) {
        Locale locale = Locale.forLanguageTag(lang);
        if (row.value() != null && "recipient-identifier".equals(row.code())) {
            return DetectLabels.label("recipient-identifier.with-encoding", locale,
                    DetectLabels.encoding(row.value(), locale));
        }
        if (row.value() != null && "conditional-css".equals(row.code())) {
            return DetectLabels.label("conditional-css.with-context", locale, DetectLabels.label(row.value(), locale));
        }
        return DetectLabels.label(row.code(), locale);
    }

    /**
     * @return the signal row's technical value, shown as code next to {@link #signalLabel} (a rule id, CSS, an HTML
     *         attribute); {@code null} when there is none or when {@link #signalLabel} already words it
     */
    static String technicalValue(Dossier.SignalRow row) {
        return "recipient-identifier".equals(row.code()) || "conditional-css".equals(row.code()) ? null
                : row.value();
    }

    /** @return where the recipient's address was found, in the page's language ({@code where} when no code). */
    static String whereLabel(RecipientIdentifier r, String lang) {
        return r.whereCode() == null ? r.where() : DetectLabels.where(r.whereCode(), r.whereName(),
                Locale.forLanguageTag(lang));
    }

    /** Longest identifier value shown whole on the result page, in characters; longer ones are cut, marked. */
    static final int MAX_VALUE_CHARS = 120;
    /** Characters of a URL shown before an identifier in an excerpt (after the scheme and host). */
    static final int EXCERPT_BEFORE = 40;
    /** Characters of a URL shown after an identifier in an excerpt. */
    static final int EXCERPT_AFTER = 20;

    /**
     * An identifier value as the page shows it.
     *
     * @param text   the value, or its first {@link #MAX_VALUE_CHARS} characters followed by {@code …}
     * @param cut    true when the value was cut
     * @param length the value's whole length, in characters
     */
    public record Bounded(String text, boolean cut, int length) {
    }

    /**
     * Where an identifier of a tracker was read, as the page shows it.
     *
     * @param linkId   {@code L12} (numbered as in the dossier) when it was read in another link than the one whose
     *                 address is shown for the tracker, else {@code null}
     * @param inShown  true when it is in the address shown for the tracker
     * @param before   the excerpt of that link's URL before the value (scheme and host, {@code …}, then up to
     *                 {@link #EXCERPT_BEFORE} characters), or the whole excerpt when the value is not there as written
     * @param value    the value as it stands in the URL, bounded like {@link Bounded}; empty when not there as written
     * @param after    up to {@link #EXCERPT_AFTER} characters after it, {@code …} when cut
     */
    public record FoundIn(String linkId, boolean inShown, String before, String value, String after) {
    }

    /** @return the value whole, or cut after {@link #MAX_VALUE_CHARS} characters with {@code …}. */
    static Bounded bounded(String value) {
        return value.length() <= MAX_VALUE_CHARS ? new Bounded(value, false, value.length())
                : new Bounded(value.substring(0, MAX_VALUE_CHARS) + "\u2026", true, value.length());
    }

    /**
     * @return the tracker's tokens that may identify the recipient ({@link RecipientTokens#usable}): all of them for
     *         an analysis of this version; an analysis stored by an earlier one may still hold an unfilled merge tag
     *         ({@code mc_eid=UNIQID}), which the page, like every other output, does not count
     */
    static List<String> recipientTokens(Tracker t) {
        return RecipientTokens.usable(t.perRecipientTokens());
    }

    /** @return how many of the message's links the tracker stands for (0 for a pixel or beacon). */
    static int linkCount(Tracker t, Analysis a) {
        return IdentifierEvidence.linkCount(t, a.links());
    }

    /** @return where the recipient's address was read among the tracker's URLs, or {@code null} when unknown. */
    static FoundIn foundIn(RecipientIdentifier r, Tracker t, Analysis a) {
        return foundIn(IdentifierEvidence.of(r.value(), t, a.links()), t);
    }

    /** @return where a per-recipient token ({@code name=value}) was read, or {@code null} when unknown. */
    static FoundIn tokenFoundIn(String token, Tracker t, Analysis a) {
        return foundIn(IdentifierEvidence.of(token, t, a.links()), t);
    }

    private static FoundIn foundIn(IdentifierEvidence.Source s, Tracker t) {
        if (s == null) {
            return null;
        }
        boolean shown = s.url().equals(t.url());
        String url = s.url();
        if (s.at() < 0) {
            return new FoundIn(shown ? null : s.linkId(), shown, bounded(url).text(), "", "");
        }
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        int hostEnd = slash < 0 ? Math.min(url.length(), s.at()) : slash;
        int from = Math.max(0, s.at() - EXCERPT_BEFORE);
        String before = from <= hostEnd ? url.substring(0, s.at())
                : url.substring(0, hostEnd) + "/\u2026" + url.substring(from, s.at());
        String value = url.substring(s.at(), s.end());
        Bounded b = bounded(value);
        String after = "";
        if (!b.cut()) {
            int end = Math.min(url.length(), s.at() + value.length() + EXCERPT_AFTER);
            after = url.substring(s.at() + value.length(), end) + (end < url.length() ? "\u2026" : "");
        }
        return new FoundIn(shown ? null : s.linkId(), shown, before, b.text(), after);
    }

    /**
     * @return the country of the sender's postal address by its shape ({@link AddressCountry#of}), or {@code null}
     *         when there is none or its shape tells nothing
     */
    static AddressCountry addressCountry(SenderIdentity s) {
        return AddressCountry.of(s.postalAddress());
    }

    /** @return the country's name in the page's language ("Allemagne"), or {@code null} when not determined. */
    static String countryName(AddressCountry c, String lang) {
        return c.name(Locale.forLanguageTag(lang));
    }

    /** @return how the recipient's address was encoded, in the page's language ("hachée SHA-256"). */
    static String encodingLabel(RecipientIdentifier r, String lang) {
        return DetectLabels.encoding(r.encoding(), Locale.forLanguageTag(lang));
    }

    /**
     * @return the kinds of consent markers found, in {@link ConsentMarkerType} order, each at most once; a
     *         {@code List-Unsubscribe} header counts as {@link ConsentMarkerType#UNSUBSCRIBE_LINK} (both are a way to
     *         unsubscribe); empty when none was found
     */
    static List<ConsentMarkerType> markerKinds(Analysis analysis) {
        java.util.EnumSet<ConsentMarkerType> kinds = java.util.EnumSet.noneOf(ConsentMarkerType.class);
        for (ConsentMarker m : analysis.consentMarkers()) {
            kinds.add(m.type() == ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER ? ConsentMarkerType.UNSUBSCRIBE_LINK
                    : m.type());
        }
        return List.copyOf(kinds);
    }

    /**
     * What the trackers found let the sender learn, for the result page's "what the sender learns": only what the
     * kinds of tracker found reveal, as the dossier's section "what the sender learns" words it per kind.
     *
     * @param opening     a tracker loads on opening (tracking pixel, CSS beacon, other beacon): the opening, its time
     *                    and count, the IP address, the mail program and device
     * @param readReceipt the message asks for a read receipt: that and when it was read, if the program sends it
     * @param clicks      links are click-tracked: which link was clicked and when, the IP address and browser
     * @param identifying the ids of the trackers that carry an identifier specific to the recipient (the address, or
     *                    a per-recipient token), in order; empty when none does
     */
    public record SenderLearns(boolean opening, boolean readReceipt, boolean clicks, List<String> identifying) {
        public SenderLearns {
            identifying = List.copyOf(identifying);
        }

        /** @return true when only a read receipt tells of the reading: no tracker loads on opening. */
        public boolean receiptOnly() {
            return readReceipt && !opening;
        }

        /** @return the identifying trackers' ids joined with ", " ("T1, T3"). */
        public String identifyingIds() {
            return String.join(", ", identifying);
        }
    }

    /** @return what the analysis's trackers let the sender learn (see {@link SenderLearns}). */
    static SenderLearns senderLearns(Analysis analysis) {
        boolean opening = false;
        boolean readReceipt = false;
        boolean clicks = false;
        List<String> identifying = new java.util.ArrayList<>();
        for (Tracker t : analysis.trackers()) {
            switch (t.kind()) {
                case OPEN_PIXEL, CSS_BEACON, OTHER_BEACON -> opening = true;
                case READ_RECEIPT -> readReceipt = true;
                case CLICK_TRACKING -> clicks = true;
            }
            if (RecipientTokens.carriesIdentifier(t)) {
                identifying.add(t.id());
            }
        }
        return new SenderLearns(opening, readReceipt, clicks, identifying);
    }

    /**
     * @return the marker's text as quoted from the message: for a {@code List-Unsubscribe} header, the header and its
     *         URI only (whether it is one-click is worded apart, see {@link #oneClick}); the marker's text otherwise,
     *         without the empty brackets a bare URL of a plain-text body leaves ({@link ConsentMarker#shownText()})
     */
    static String quoted(ConsentMarker m) {
        if (m.type() == ConsentMarkerType.LIST_UNSUBSCRIBE_HEADER && m.url() != null) {
            return "List-Unsubscribe: <" + m.url() + ">";
        }
        return m.shownText();
    }

    /** @return true for a {@code List-Unsubscribe} header URI with RFC 8058 one-click unsubscription. */
    static boolean oneClick(ConsentMarker m) {
        return ConsentMarkerFinder.RULE_LIST_UNSUBSCRIBE_ONE_CLICK.equals(m.ruleId());
    }

    /**
     * @return a reading anomaly in the page's language ("séquences quoted-printable invalides, gardées telles
     *         quelles"); the English page adds the analysis's own English detail, which names the specifics (how many
     *         escapes, which charset), after a dash: many labels already hold a colon ("message forwarded as an
     *         attachment: the attached message was analysed – the input only wraps...")
     */
    static String anomalyText(Anomaly anomaly, String lang) {
        Locale locale = Locale.forLanguageTag(lang);
        String label = DetectLabels.label("anomaly." + anomaly.code().name(), locale);
        return "en".equals(locale.getLanguage()) && !anomaly.detail().isBlank() ? label + " \u2013 " + anomaly.detail()
                : label;
    }

    /**
     * Remote content loaded from one place ({@link RemoteResource#host()}, else its URL) the same way, counted.
     *
     * @param place  the host, or the URL when it has none
     * @param vector how it is loaded ({@link RemoteResource#vector()})
     * @param vendor the vendor whose asset host it is, or {@code null}
     * @param count  how many of the message's remote items share place and vector (at least 1)
     */
    public record RemoteGroup(String place, String vector, String vendor, int count) {
    }

    /** @return the remote content grouped by place and vector, in order of first appearance, with a count. */
    static List<RemoteGroup> remoteGroups(Analysis analysis) {
        java.util.Map<String, RemoteGroup> groups = new java.util.LinkedHashMap<>();
        for (RemoteResource r : analysis.remoteContent()) {
            String place = r.host() != null ? r.host() : r.url();
            groups.merge(place + '\u0000' + r.vector(), new RemoteGroup(place, r.vector(), r.vendor(), 1),
                    (a, b) -> new RemoteGroup(a.place(), a.vector(), a.vendor() != null ? a.vendor() : b.vendor(),
                            a.count() + 1));
        }
        return List.copyOf(groups.values());
    }

    /**
     * @param raw  a {@code Date} header as written (RFC 5322 section 3.3), e.g. {@code Tue, 17 Mar 2015 03:42:23 +0100}
     * @param lang the page's language
     * @return the date at the sender's own offset, e.g. "17 mars 2015 à 03:42 (+01:00)" or "17 March 2015 at 03:42
     *         (+01:00)"; {@code raw} itself when it cannot be parsed (see {@link MailDates#parse})
     */
    static String mailDate(String raw, String lang) {
        OffsetDateTime d = MailDates.parse(raw);
        if (d == null) {
            return raw;
        }
        Locale locale = Locale.forLanguageTag(lang);
        String pattern = "fr".equals(locale.getLanguage()) ? "d MMMM uuuu 'à' HH:mm '('xxx')'"
                : "d MMMM uuuu 'at' HH:mm '('xxx')'";
        return DateTimeFormatter.ofPattern(pattern, locale).format(d);
    }

    /**
     * @return the subject, else the file name, else the id: what lists show for an analysis; bidirectional formatting
     *         characters written as {@code [U+XXXX]} ({@link BidiControls#reveal})
     */
    static String displayTitle(Analysis analysis) {
        if (analysis.message() != null && analysis.message().subject() != null
                && !analysis.message().subject().isBlank()) {
            return BidiControls.reveal(analysis.message().subject());
        }
        return BidiControls.reveal(analysis.file() != null ? analysis.file() : analysis.id());
    }

    /**
     * A value taken from the e-mail (a name, a subject, a file name), as a page shows it: bidirectional formatting
     * characters written as {@code [U+202E]}, so that they cannot reorder the page's own text. Templates also wrap it
     * in {@code <bdi>}.
     *
     * @param value the value, may be {@code null}
     * @return it revealed ({@link BidiControls#reveal})
     */
    static String shown(String value) {
        return BidiControls.reveal(value);
    }

    /**
     * An address, a domain or a From line taken from the e-mail, as a page shows it: as {@link #shown}, and each domain
     * with non-ASCII letters followed by its ASCII (punycode) form, so that a look-alike ({@code pаypal.com} with a
     * Cyrillic a) shows as the different domain it is.
     *
     * @param value the value, may be {@code null}
     * @return it revealed ({@link BidiControls#revealWithAsciiDomains})
     */
    static String shownAddress(String value) {
        return BidiControls.revealWithAsciiDomains(value);
    }

    /** @return the date, long style, in {@code lang} (e.g. "30 novembre 2026", "30 November 2026"). */
    static String date(Instant instant, String lang) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(dateLocale(lang))
                .withZone(PARIS).format(instant);
    }

    /**
     * @return the date and time to the minute in {@code lang}, Paris time, 24-hour clock, written as the e-mail's own
     *         date is ({@code 30 novembre 2026 à 16:58}, {@code 30 November 2026 at 16:58})
     */
    static String dateTime(Instant instant, String lang) {
        DateTimeFormatter f = switch (lang) {
            case "fr" -> DateTimeFormatter.ofPattern("d MMMM uuuu 'à' HH:mm", Locale.FRENCH);
            case "en" -> DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm", Locale.UK);
            default -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                    .withLocale(dateLocale(lang));
        };
        return f.withZone(PARIS).format(instant);
    }

    /**
     * @return the locale dates are written in: British English for {@code en}, so that every date of an English page
     *         reads day, month, year on a 24-hour clock, as the dates taken from the e-mail and the dossier do
     */
    private static Locale dateLocale(String lang) {
        return "en".equals(lang) ? Locale.UK : Locale.forLanguageTag(lang);
    }
}
