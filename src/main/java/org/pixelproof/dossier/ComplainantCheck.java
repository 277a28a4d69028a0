package org.pixelproof.dossier;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pixelproof.analysis.Analysis;

/**
 * Checks the dates a complainant gives (the web form, the command line's {@code --complainant} YAML) before they go into
 * a dossier, so that a typing mistake does not end up in a complaint: a date field that is not a date
 * ({@link #invalidDate}: the callers read the typed text with {@link #isoDate}), a date in the future, an answer dated
 * before the request, an impossible date written in ISO form ({@code 2024-13-45}) in the free-text "when" of the
 * address. A
 * request dated before the message is accepted: an objection made earlier and ignored since is evidence.
 *
 * <p>The web form shows {@link Problem#message(Language)} next to the form; the command line prints it and stops with
 * a usage error. Stateless and thread-safe.
 */
public final class ComplainantCheck {

    /** Field name of {@link Complainant#addressGivenWhen()}, as in the CLI YAML. */
    public static final String ADDRESS_GIVEN_WHEN = "addressGivenWhen";
    /** Field name of {@link Complainant#addressGivenOn()}, as in the CLI YAML. */
    public static final String ADDRESS_GIVEN_ON = "addressGivenOn";
    /** Field name of {@link PriorRequest#sentOn()}, as in the CLI YAML. */
    public static final String REQUEST_SENT_ON = "priorRequest.sentOn";
    /** Field name of {@link PriorRequest#answeredOn()}, as in the CLI YAML. */
    public static final String ANSWERED_ON = "priorRequest.answeredOn";

    /** An RFC 5322 date without the optional day of the week and comments, e.g. {@code 17 Nov 2026 09:30:00 +0100}. */
    private static final Pattern RFC5322_DATE = Pattern.compile(
            "(\\d{1,2}\\s+[A-Za-z]{3}\\s+\\d{4}\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s+[+-]\\d{4})");
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("d MMM yyyy H:mm[:ss] Z",
            java.util.Locale.ROOT);

    /**
     * What looks like an ISO 8601 calendar date in free text ({@code 2024-03-05}, {@code 2024-3-5}), not part of a
     * longer run of digits and hyphens (a phone or order number). A year and two digits alone are left alone: "hiver
     * 2021-22" is a span of years, not month 22.
     */
    private static final Pattern ISO_LIKE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-])");

    /** How much of a mistyped date an {@link #invalidDate} message quotes, in characters (40). */
    static final int SHOWN_CHARS = 40;

    private ComplainantCheck() {
    }

    /**
     * A date the complainant gave that cannot be right.
     *
     * @param field     which field: {@link #ADDRESS_GIVEN_WHEN}, {@link #ADDRESS_GIVEN_ON}, {@link #REQUEST_SENT_ON} or
     *                  {@link #ANSWERED_ON}
     * @param code      {@code invalid-date} (not a date, or no such day), {@code future} or
     *                  {@code answer-before-request}
     * @param messageFr what is wrong and what to do, in French, for the form
     * @param messageEn the same in English
     */
    public record Problem(String field, String code, String messageFr, String messageEn) {
        /** @return the message in {@code language} ({@code null}: French). */
        public String message(Language language) {
            return language == Language.EN ? messageEn : messageFr;
        }
    }

    /**
     * @param complainant the complainant's statements ({@code null}: nothing to check)
     * @param today       today's date (Europe/Paris), from the caller's clock
     * @return the problems, in the order of the form's fields; empty when the dates are plausible
     * @throws NullPointerException when {@code today} is {@code null}
     */
    public static List<Problem> check(Complainant complainant, LocalDate today) {
        Objects.requireNonNull(today, "today");
        List<Problem> out = new ArrayList<>();
        if (complainant == null) {
            return out;
        }
        String when = complainant.addressGivenWhen();
        String impossible = when == null ? null : impossibleIsoDate(when);
        if (impossible != null) {
            out.add(new Problem(ADDRESS_GIVEN_WHEN, "invalid-date",
                    "Quand l'adresse a été donnée\u00a0: «\u00a0" + impossible + "\u00a0» n'est pas une date"
                            + " qui existe (année-mois-jour). Corrigez-la, ou écrivez-la avec vos mots"
                            + " («\u00a0mars 2024\u00a0», «\u00a0vers 2019\u00a0»).",
                    "When the address was given: \"" + impossible + "\" is not a date that exists"
                            + " (year-month-day). Correct it, or write it in your own words (\"March 2024\","
                            + " \"around 2019\")."));
        }
        LocalDate given = complainant.addressGivenOn();
        if (given != null && given.isAfter(today)) {
            out.add(new Problem(ADDRESS_GIVEN_ON, "future",
                    "La date à laquelle l'adresse a été communiquée (" + DossierTemplates.date(given, false)
                            + ") est dans le futur\u00a0: corrigez-la, ou laissez-la vide si vous ne la"
                            + " connaissez pas.",
                    "The date the address was given (" + DossierTemplates.date(given, true)
                            + ") is in the future: correct it, or leave it empty if you do not know it."));
        }
        PriorRequest r = complainant.priorRequest();
        if (r == null) {
            return out;
        }
        if (r.sentOn() != null && r.sentOn().isAfter(today)) {
            out.add(new Problem(REQUEST_SENT_ON, "future",
                    "La date de la demande à l'organisme (" + DossierTemplates.date(r.sentOn(), false)
                            + ") est dans le futur\u00a0: indiquez la date à laquelle elle a été envoyée. Une"
                            + " demande pas encore envoyée ne s'indique pas\u00a0: le dossier prépare le courrier.",
                    "The date of the request to the organisation (" + DossierTemplates.date(r.sentOn(), true)
                            + ") is in the future: give the date it was sent. A request not sent yet is not "
                            + "entered: the dossier prepares the letter."));
        }
        if (r.answeredOn() != null && r.answeredOn().isAfter(today)) {
            out.add(new Problem(ANSWERED_ON, "future",
                    "La date de la réponse (" + DossierTemplates.date(r.answeredOn(), false)
                            + ") est dans le futur\u00a0: corrigez-la, ou laissez-la vide s'il n'y a pas eu de"
                            + " réponse.",
                    "The date of the answer (" + DossierTemplates.date(r.answeredOn(), true)
                            + ") is in the future: correct it, or leave it empty if there was no answer."));
        } else if (r.answeredOn() != null && r.sentOn() != null && r.answeredOn().isBefore(r.sentOn())) {
            out.add(new Problem(ANSWERED_ON, "answer-before-request",
                    "La date de la réponse (" + DossierTemplates.date(r.answeredOn(), false)
                            + ") précède celle de la demande (" + DossierTemplates.date(r.sentOn(), false)
                            + ")\u00a0: vérifiez les deux dates.",
                    "The date of the answer (" + DossierTemplates.date(r.answeredOn(), true)
                            + ") is before that of the request (" + DossierTemplates.date(r.sentOn(), true)
                            + "): check both dates."));
        }
        return out;
    }

    /**
     * Reads a date field as typed: the ISO 8601 calendar date {@code yyyy-MM-dd} ({@code 2024-03-05}), which is what a
     * browser's {@code <input type=date>} sends whatever the language it shows the date in, and what the
     * command line's YAML examples show. Surrounding white space is ignored.
     *
     * @param typed what was typed, may be {@code null}
     * @return the day it names, or {@code null} when it is blank or not such a date ({@code 2024-02-30},
     *         {@code 30/02/2024}, {@code hier}): {@link #invalidDate} says so to the complainant
     */
    public static LocalDate isoDate(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The problem of a date field whose value is not a date (code {@code invalid-date}), for the form and the command
     * line: the typed value (its first {@value #SHOWN_CHARS} characters) is quoted, and the format expected is given.
     *
     * @param field which field: {@link #ADDRESS_GIVEN_ON}, {@link #REQUEST_SENT_ON} or {@link #ANSWERED_ON}
     * @param typed what was typed, e.g. {@code 2024-02-30}, {@code 30/02/2024} or {@code hier}
     * @return the problem, with its message in French and in English
     * @throws IllegalArgumentException when {@code field} is not one of those three
     */
    public static Problem invalidDate(String field, String typed) {
        String fr;
        String en;
        switch (field) {
            case ADDRESS_GIVEN_ON -> {
                fr = "La date à laquelle l'adresse a été communiquée";
                en = "The date the address was given";
            }
            case REQUEST_SENT_ON -> {
                fr = "La date de la demande à l'organisme";
                en = "The date of the request to the organisation";
            }
            case ANSWERED_ON -> {
                fr = "La date de la réponse";
                en = "The date of the answer";
            }
            default -> throw new IllegalArgumentException("not a date field: " + field);
        }
        String t = typed == null ? "" : typed.strip();
        String shown = t.codePointCount(0, t.length()) <= SHOWN_CHARS ? t
                : t.substring(0, t.offsetByCodePoints(0, SHOWN_CHARS)) + "…";
        boolean isoLike = ISO_LIKE.matcher(t).matches();
        return new Problem(field, "invalid-date",
                fr + "\u00a0: «\u00a0" + shown + "\u00a0» n'est pas une date"
                        + (isoLike ? " qui existe" : " écrite année-mois-jour")
                        + ". Indiquez-la sous la forme année-mois-jour (par exemple 2024-03-05), ou laissez-la vide"
                        + " si vous ne la connaissez pas.",
                en + ": \"" + shown + "\" is not a date" + (isoLike ? " that exists" : " written year-month-day")
                        + ". Give it as year-month-day (for example 2024-03-05), or leave it empty if you do not"
                        + " know it.");
    }

    /**
     * @param text free text written by the complainant, e.g. {@code "mars 2024"} or {@code "le 2024-02-30"}
     * @return the first part of {@code text} written like an ISO date ({@code yyyy-MM-dd}) that names no real day
     *         ({@code 2024-13-45}, {@code 2023-02-29}, {@code 2024-00-10}), or {@code null} when there is none: other
     *         free text is accepted as written
     */
    static String impossibleIsoDate(String text) {
        Matcher m = ISO_LIKE.matcher(text);
        while (m.find()) {
            try {
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (java.time.DateTimeException e) {
                return m.group();
            }
        }
        return null;
    }

    /**
     * @param analysis an analysis
     * @return the day the message was sent (Europe/Paris): the earlier of its Date header (RFC 5322) and its received
     *         date, or {@code null} when neither is known
     */
    public static LocalDate sentOn(Analysis analysis) {
        LocalDate received = analysis.assessment() == null ? null : analysis.assessment().receivedDate();
        if (received == null && analysis.authenticity() != null && analysis.authenticity().deliveredAt() != null) {
            received = analysis.authenticity().deliveredAt().atZoneSameInstant(DossierBuilder.ZONE).toLocalDate();
        }
        LocalDate written = analysis.message() == null ? null : headerDate(analysis.message().date());
        if (written == null) {
            return received;
        }
        return received == null || written.isBefore(received) ? written : received;
    }

    /** @return the day of an RFC 5322 Date header in Paris time, or {@code null} when it cannot be read. */
    static LocalDate headerDate(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = RFC5322_DATE.matcher(header);
        if (!m.find()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(m.group(1).replaceAll("\\s+", " "), RFC5322)
                    .atZoneSameInstant(DossierBuilder.ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
