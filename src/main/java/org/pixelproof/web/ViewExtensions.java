package org.pixelproof.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.assess.Verdict;
import org.pixelproof.detect.Confidence;
import org.pixelproof.detect.DetectLabels;
import org.pixelproof.detect.RecipientIdentifier;
import org.pixelproof.detect.Tracker;
import org.pixelproof.dossier.Dossier;
import org.pixelproof.dossier.DossierBuilder;

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

    /** @return where the recipient's address was found, in the page's language ({@code where} when no code). */
    static String whereLabel(RecipientIdentifier r, String lang) {
        return r.whereCode() == null ? r.where() : DetectLabels.where(r.whereCode(), r.whereName(),
                Locale.forLanguageTag(lang));
    }

    /** @return the subject, else the file name, else the id: what lists show for an analysis. */
    static String displayTitle(Analysis analysis) {
        if (analysis.message() != null && analysis.message().subject() != null
                && !analysis.message().subject().isBlank()) {
            return analysis.message().subject();
        }
        return analysis.file() != null ? analysis.file() : analysis.id();
    }

    /** @return the date, long style, in {@code lang} (e.g. "30 novembre 2026"). */
    static String date(Instant instant, String lang) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(lang))
                .withZone(PARIS).format(instant);
    }

    /** @return the date and time to the minute in {@code lang}, Paris time. */
    static String dateTime(Instant instant, String lang) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(lang)).withZone(PARIS).format(instant);
    }
}
