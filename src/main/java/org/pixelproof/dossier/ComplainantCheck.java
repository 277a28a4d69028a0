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
    /** Field name of {@link Complainant#email()}, as in the CLI YAML. */
    public static final String EMAIL = "email";

    /** {@link Problem#code()} of a point to check: the address was given after the message was sent. */
    public static final String ADDRESS_GIVEN_AFTER_MESSAGE = "address-given-after-message";
    /** {@link Problem#code()} of a point to check: the e-mail address given is none the messages were sent to. */
    public static final String EMAIL_NOT_A_RECIPIENT = "email-not-a-recipient";

    /** How many of the message's recipient addresses a point to check names (3). */
    static final int SHOWN_RECIPIENTS = 3;

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
     * Statements that contradict the messages themselves, for the complainant to check before sending. Unlike
     * {@link #check}, they do not stop the dossier: the statement may be right (an alias, a forwarded mailbox, an
     * address the sender had from elsewhere), but as written the letters would contradict the evidence they attach.
     * <ul>
     *   <li>{@code email-not-a-recipient} ({@link #EMAIL}): the e-mail address given is none of the addresses the
     *       messages were sent to ({@link Analysis#recipients()}: To, Cc, Delivered-To...), compared ignoring case and
     *       a {@code +tag} sub-address (RFC 5233); the letters say the e-mails are received at that address. Not
     *       checked when no message names a recipient.</li>
     *   <li>{@code address-given-after-message} ({@link #ADDRESS_GIVEN_ON} or {@link #ADDRESS_GIVEN_WHEN}): the
     *       address was given (on the exact date stated, or in a year after the message's when every year written in
     *       the free text is later) after the first message was sent ({@link #sentOn}): the sender had it
     *       before.</li>
     * </ul>
     *
     * @param complainant the complainant's statements ({@code null}: nothing to check)
     * @param analyses    the analyses of the dossier's messages (none: nothing to check)
     * @return the points, in the order of the form's fields; empty when nothing contradicts the messages
     * @throws NullPointerException when {@code analyses} is {@code null}
     */
    public static List<Problem> pointsToCheck(Complainant complainant, List<Analysis> analyses) {
        Objects.requireNonNull(analyses, "analyses");
        List<Problem> out = new ArrayList<>();
        if (complainant == null || analyses.isEmpty()) {
            return out;
        }
        if (complainant.email() != null) {
            java.util.Set<String> recipients = new java.util.LinkedHashSet<>();
            for (Analysis a : analyses) {
                for (String r : a.recipients()) {
                    if (r != null && !r.isBlank()) {
                        recipients.add(r.strip());
                    }
                }
            }
            String given = mailboxKey(complainant.email());
            if (!recipients.isEmpty() && recipients.stream().noneMatch(r -> mailboxKey(r).equals(given))) {
                String shown = String.join(", ", recipients.stream().limit(SHOWN_RECIPIENTS).toList())
                        + (recipients.size() > SHOWN_RECIPIENTS ? ", …" : "");
                out.add(new Problem(EMAIL, EMAIL_NOT_A_RECIPIENT,
                        "L'adresse électronique indiquée (" + complainant.email() + ") n'est pas celle à laquelle"
                                + " le message a été envoyé (" + shown + "). Les lettres disent que vous recevez ces"
                                + " courriels à cette adresse\u00a0: indiquez celle qui les a reçus, sauf s'ils vous"
                                + " parviennent par un transfert ou un alias.",
                        "The e-mail address given (" + complainant.email() + ") is not the one the message was sent"
                                + " to (" + shown + "). The letters say you receive these e-mails at that address:"
                                + " give the one that received them, unless they reach you through forwarding or an"
                                + " alias."));
            }
        }
        LocalDate first = null;
        for (Analysis a : analyses) {
            LocalDate sent = sentOn(a);
            if (sent != null && (first == null || sent.isBefore(first))) {
                first = sent;
            }
        }
        if (first == null || complainant.neverGaveAddress()) {
            return out;
        }
        String sentFr = DossierTemplates.date(first, false);
        String sentEn = DossierTemplates.date(first, true);
        if (complainant.addressGivenOn() != null) {
            if (complainant.addressGivenOn().isAfter(first)) {
                out.add(givenAfter(ADDRESS_GIVEN_ON, "le " + DossierTemplates.date(complainant.addressGivenOn(), false),
                        "on " + DossierTemplates.date(complainant.addressGivenOn(), true), sentFr, sentEn));
            }
        } else if (complainant.addressGivenWhen() != null) {
            Matcher m = Complainant.YEAR.matcher(complainant.addressGivenWhen());
            int earliest = Integer.MAX_VALUE;
            while (m.find()) {
                earliest = Math.min(earliest, Integer.parseInt(m.group(1)));
            }
            if (earliest != Integer.MAX_VALUE && earliest > first.getYear()) {
                String words = complainant.addressGivenWhen().strip();
                out.add(givenAfter(ADDRESS_GIVEN_WHEN, "«\u00a0" + words + "\u00a0»", "\"" + words + "\"", sentFr,
                        sentEn));
            }
        }
        return out;
    }

    private static Problem givenAfter(String field, String whenFr, String whenEn, String sentFr, String sentEn) {
        return new Problem(field, ADDRESS_GIVEN_AFTER_MESSAGE,
                "Vous indiquez avoir communiqué votre adresse " + whenFr + ", après l'envoi du message (le " + sentFr
                        + ")\u00a0: l'expéditeur l'avait donc déjà. Vérifiez cette date, ou dites comment il a pu"
                        + " l'obtenir plus tôt.",
                "You say you gave your address " + whenEn + ", after the message was sent (on " + sentEn + "): the"
                        + " sender therefore already had it. Check that date, or say how it could have obtained it"
                        + " earlier.");
    }

    /** @return an address compared as a mailbox: lower case, without a {@code +tag} sub-address (RFC 5233). */
    static String mailboxKey(String address) {
        String a = address.strip().toLowerCase(java.util.Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return a;
        }
        String local = a.substring(0, at);
        int plus = local.indexOf('+');
        return (plus > 0 ? local.substring(0, plus) : local) + a.substring(at);
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
