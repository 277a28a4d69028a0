package org.pixelproof.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A date that matters to the legal timeline, e.g. the publication of the CNIL recommendation.
 *
 * @param id         stable id used by {@code assess}, e.g. {@code "cnil-2026-042-new-addresses"}
 * @param date       the calendar date (Europe/Paris)
 * @param labelFr    what happened that day, in French
 * @param labelEn    the same in English
 * @param sourceUrl  where the date comes from
 * @param confidence how sure the rule data is of it
 * @param note       what remains uncertain about the date (e.g. "about", "not read in the official text"), or
 *                   {@code null}
 */
public record KeyDate(String id, LocalDate date, String labelFr, String labelEn, String sourceUrl,
        SourceConfidence confidence, String note) {
    public KeyDate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(confidence, "confidence");
    }

    /** The original six-component form, kept for callers written before {@code note} was added. */
    public KeyDate(String id, LocalDate date, String labelFr, String labelEn, String sourceUrl,
            SourceConfidence confidence) {
        this(id, date, labelFr, labelEn, sourceUrl, confidence, null);
    }

    /** @return the label in {@code lang} ({@code "en"} gives English, anything else French). */
    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelFr;
    }
}
