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
 * @param sourceUrl  where the date comes from, or {@code null} when only {@code sourceTitle} can be given
 * @param confidence how sure the rule data is of it
 * @param note       what remains uncertain about the date (e.g. "about", "not read in the official text"), or
 *                   {@code null}
 * @param sourceTitle the source cited by its title, when its exact address was not recorded (e.g. a CNIL page known
 *                   by its title and date of publication), else {@code null}; the dossier prints it in place of,
 *                   or before, {@code sourceUrl}
 */
public record KeyDate(String id, LocalDate date, String labelFr, String labelEn, String sourceUrl,
        SourceConfidence confidence, String note, String sourceTitle) {
    public KeyDate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(confidence, "confidence");
    }

    /** The seven-component form, without a source title. */
    public KeyDate(String id, LocalDate date, String labelFr, String labelEn, String sourceUrl,
            SourceConfidence confidence, String note) {
        this(id, date, labelFr, labelEn, sourceUrl, confidence, note, null);
    }

    /** The original six-component form, kept for callers written before {@code note} was added. */
    public KeyDate(String id, LocalDate date, String labelFr, String labelEn, String sourceUrl,
            SourceConfidence confidence) {
        this(id, date, labelFr, labelEn, sourceUrl, confidence, null, null);
    }

    /** @return the label in {@code lang} ({@code "en"} gives English, anything else French). */
    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelFr;
    }
}
