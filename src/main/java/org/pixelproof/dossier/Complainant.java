package org.pixelproof.dossier;

import java.time.LocalDate;
import java.util.List;

/**
 * The person who complains, exactly as they describe themselves. Nothing here is ever guessed or filled in by
 * PixelProof: a {@code null} field is shown in the dossier and the letters as "à compléter" / "to be completed".
 * Blank strings are read as {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name               full name
 * @param postalAddress      postal address, lines separated by {@code \n}
 * @param email              the e-mail address that received the message
 * @param addressGivenHow    how they gave that address to the sender (e.g. "compte client créé lors d'un achat")
 * @param addressGivenWhen   when, in their own words (e.g. "mars 2024", "vers 2019"); shown as written, never
 *                           interpreted (see {@code addressGivenOn} and {@code addressGivenPeriod} for that), but
 *                           {@link ComplainantCheck} refuses an impossible date written like an ISO one
 *                           ({@code 2024-13-45})
 * @param consentAsked       whether they were ever asked to consent to the tracking of e-mails, or {@code null} when
 *                           not stated
 * @param priorRequest       an earlier request to the sender, or {@code null}
 * @param actingFor          the name of the person they act for, when complaining on someone else's behalf, else
 *                           {@code null}
 * @param mandate            when acting for someone else: whether they hold a signed mandate ({@code null}: not
 *                           stated)
 * @param addressGivenOn     the date the address was given, when they know it exactly, else {@code null}; when set,
 *                           it decides the period against the CNIL recommendation
 * @param addressGivenPeriod before or after the CNIL recommendation's publication, when they know only that, else
 *                           {@code null} (ignored when {@code addressGivenOn} is set)
 * @param addressNeverGiven  {@code true} when they state they never gave their address to the sender (the complaint
 *                           then says so instead of asking how it was given); {@code null} or {@code false}: not
 *                           stated, or given
 * @param objectToMarketing  what the DPO letter asks about direct marketing: {@code true} objects to it (GDPR
 *                           art. 21(2)), {@code false} asks to keep receiving the e-mails without any tracking,
 *                           {@code null} leaves both options in the letter for the complainant to choose
 */
public record Complainant(
        String name,
        String postalAddress,
        String email,
        String addressGivenHow,
        String addressGivenWhen,
        ConsentAsked consentAsked,
        PriorRequest priorRequest,
        String actingFor,
        Boolean mandate,
        LocalDate addressGivenOn,
        AddressPeriod addressGivenPeriod,
        Boolean addressNeverGiven,
        Boolean objectToMarketing) {

    /** A complainant who said nothing: every field "to be completed". */
    public static final Complainant UNKNOWN = new Complainant(null, null, null, null, null, null, null, null, null);

    public Complainant {
        name = blankToNull(name);
        postalAddress = blankToNull(postalAddress);
        email = blankToNull(email);
        addressGivenHow = blankToNull(addressGivenHow);
        addressGivenWhen = blankToNull(addressGivenWhen);
        actingFor = blankToNull(actingFor);
    }

    /** The original nine-component form: no structured date of the address, no choice about marketing. */
    public Complainant(String name, String postalAddress, String email, String addressGivenHow,
            String addressGivenWhen, ConsentAsked consentAsked, PriorRequest priorRequest, String actingFor,
            Boolean mandate) {
        this(name, postalAddress, email, addressGivenHow, addressGivenWhen, consentAsked, priorRequest, actingFor,
                mandate, null, null, null, null);
    }

    /** @return true when the complaint is made on someone else's behalf. */
    public boolean actingForSomeoneElse() {
        return actingFor != null;
    }

    /** @return true when they state they never gave their address to the sender. */
    public boolean neverGaveAddress() {
        return Boolean.TRUE.equals(addressNeverGiven);
    }

    /**
     * @return {@link #addressGivenHow()} ready to be quoted inside a sentence of the letters, between quotation marks
     *         (the complainant's own words, in whatever language they wrote them): on one line, without a final full
     *         stop; {@code null} when not stated. The words are never rephrased.
     */
    public String quotedAddressGivenHow() {
        return PriorRequest.forQuotation(addressGivenHow);
    }

    /** @return {@link #addressGivenWhen()} ready to be quoted, as {@link #quotedAddressGivenHow()}. */
    public String quotedAddressGivenWhen() {
        return PriorRequest.forQuotation(addressGivenWhen);
    }

    /** @return true when they state they were never asked to consent to tracking. */
    public boolean neverAskedConsent() {
        return consentAsked == ConsentAsked.NO;
    }

    /** @return true when they hold a signed mandate from the person they act for. */
    public boolean hasMandate() {
        return Boolean.TRUE.equals(mandate);
    }

    /** @return the postal address's lines, empty when unknown. */
    public List<String> postalAddressLines() {
        return postalAddress == null ? List.of()
                : postalAddress.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * @param published the day the CNIL recommendation was published (14 April 2026 in the rule data)
     * @return the period the address was given in: from {@link #addressGivenOn()} when set, else
     *         {@link #addressGivenPeriod()}; {@code null} when not stated or when they never gave it
     */
    public AddressPeriod periodAgainst(LocalDate published) {
        if (neverGaveAddress()) {
            return null;
        }
        if (addressGivenOn != null && published != null) {
            return addressGivenOn.isBefore(published) ? AddressPeriod.BEFORE_RECOMMENDATION
                    : AddressPeriod.AFTER_RECOMMENDATION;
        }
        return addressGivenPeriod;
    }

    /** A year in the complainant's own words, 1970-2099 (also read by {@link ComplainantCheck}). */
    static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\b(19[7-9]\\d|20\\d\\d)\\b");
    private static final List<String> MONTHS_FR = List.of("janvier", "fevrier", "mars", "avril", "mai", "juin",
            "juillet", "aout", "septembre", "octobre", "novembre", "decembre");
    private static final List<String> MONTHS_EN = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");

    /**
     * Reads the period from the complainant's own words ({@link #addressGivenWhen()}), when they say it without doubt:
     * a year before or after the publication's year, or a month and year ("en septembre 2016", "May 2026"). A
     * month of publication itself ("avril 2026"), several years, or no year give {@code null}: nothing is guessed.
     *
     * @param published the day the CNIL recommendation was published
     * @return the period, or {@code null} when the words do not settle it
     */
    public AddressPeriod periodFromWords(LocalDate published) {
        if (addressGivenWhen == null || published == null || neverGaveAddress()) {
            return null;
        }
        String text = java.text.Normalizer.normalize(addressGivenWhen.toLowerCase(java.util.Locale.ROOT),
                java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        java.util.regex.Matcher m = YEAR.matcher(text);
        if (!m.find()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (m.find()) {
            return null; // several years: a range or a doubt
        }
        if (year != published.getYear()) {
            return year < published.getYear() ? AddressPeriod.BEFORE_RECOMMENDATION
                    : AddressPeriod.AFTER_RECOMMENDATION;
        }
        int month = 0;
        for (int i = 0; i < 12; i++) {
            if (text.matches("(?s).*\\b(" + MONTHS_FR.get(i) + "|" + MONTHS_EN.get(i) + ")\\b.*")) {
                if (month != 0) {
                    return null;
                }
                month = i + 1;
            }
        }
        if (month == 0 || month == published.getMonthValue()) {
            return null;
        }
        return month < published.getMonthValue() ? AddressPeriod.BEFORE_RECOMMENDATION
                : AddressPeriod.AFTER_RECOMMENDATION;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
