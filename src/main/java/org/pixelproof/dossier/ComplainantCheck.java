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
 * a dossier, so that a typing mistake does not end up in a complaint: a date in the future, an answer dated before the
 * request. A request dated before the message is accepted: an objection made earlier and ignored since is evidence.
 *
 * <p>The web form shows {@link Problem#message(Language)} next to the form; the command line prints it and stops with
 * a usage error. Stateless and thread-safe.
 */
public final class ComplainantCheck {

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

    private ComplainantCheck() {
    }

    /**
     * A date the complainant gave that cannot be right.
     *
     * @param field     which field: {@link #ADDRESS_GIVEN_ON}, {@link #REQUEST_SENT_ON} or {@link #ANSWERED_ON}
     * @param code      {@code future} or {@code answer-before-request}
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
        LocalDate given = complainant.addressGivenOn();
        if (given != null && given.isAfter(today)) {
            out.add(new Problem(ADDRESS_GIVEN_ON, "future",
                    "La date à laquelle l'adresse a été communiquée (" + DossierTemplates.date(given, false)
                            + ") est dans le futur : corrigez-la, ou laissez-la vide si vous ne la connaissez pas.",
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
                            + ") est dans le futur : indiquez la date à laquelle elle a été envoyée. Une demande "
                            + "pas encore envoyée ne s'indique pas : le dossier prépare le courrier.",
                    "The date of the request to the organisation (" + DossierTemplates.date(r.sentOn(), true)
                            + ") is in the future: give the date it was sent. A request not sent yet is not "
                            + "entered: the dossier prepares the letter."));
        }
        if (r.answeredOn() != null && r.answeredOn().isAfter(today)) {
            out.add(new Problem(ANSWERED_ON, "future",
                    "La date de la réponse (" + DossierTemplates.date(r.answeredOn(), false)
                            + ") est dans le futur : corrigez-la, ou laissez-la vide s'il n'y a pas eu de réponse.",
                    "The date of the answer (" + DossierTemplates.date(r.answeredOn(), true)
                            + ") is in the future: correct it, or leave it empty if there was no answer."));
        } else if (r.answeredOn() != null && r.sentOn() != null && r.answeredOn().isBefore(r.sentOn())) {
            out.add(new Problem(ANSWERED_ON, "answer-before-request",
                    "La date de la réponse (" + DossierTemplates.date(r.answeredOn(), false)
                            + ") précède celle de la demande (" + DossierTemplates.date(r.sentOn(), false)
                            + ") : vérifiez les deux dates.",
                    "The date of the answer (" + DossierTemplates.date(r.answeredOn(), true)
                            + ") is before that of the request (" + DossierTemplates.date(r.sentOn(), true)
                            + "): check both dates."));
        }
        return out;
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
