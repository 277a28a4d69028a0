package org.pixelproof.web;

/**
 * What the complainant typed into the dossier form (issue 4, item 1). Nothing else about them is collected or
 * invented; every field may be blank, and a blank field is "to be completed" in the dossier. Stored with the analysis
 * and erased with it. Immutable.
 *
 * <p>The three dates are kept as typed (white space stripped), so that a form refused for a date that is not one
 * ({@link Documents#check}) shows the complainant what they typed; only details whose dates are blank or ISO
 * {@code yyyy-MM-dd} are saved.
 *
 * @param name                  full name
 * @param postalAddress         postal address (several lines)
 * @param email                 the e-mail address the message was sent to
 * @param howAddressGiven       how the address was given to the sender (account, purchase, newsletter form...)
 * @param whenAddressGiven      when, as the complainant remembers it (free text: "mars 2024")
 * @param askedConsent          whether the sender ever asked consent to tracking: {@code yes}, {@code no},
 *                              {@code dont-know}, or blank when not stated
 * @param earlierRequestDate    the date of an earlier request to the sender (ISO {@code yyyy-MM-dd}, what
 *                              {@code <input type=date>} sends), or blank; as typed when it is not a date
 * @param earlierRequestContent what that request said
 * @param answerDate            the date the sender answered it (ISO), or blank; as typed when it is not a date
 * @param answerContent         what the answer said
 * @param actingFor             the name of the person the complainant acts for, or blank when for themselves
 * @param mandate               when acting for someone: {@code yes} when a signed mandate is held, {@code no}, or
 *                              blank when not stated
 * @param addressGivenOn        the exact date the address was given (ISO {@code yyyy-MM-dd}), or blank; as typed
 *                              when it is not a date
 * @param addressPeriod         {@code before} or {@code after} the CNIL recommendation of 14 April 2026, when only
 *                              that is known, or blank
 * @param addressNeverGiven     {@code yes} when the complainant never gave their address to the sender, else blank
 * @param marketing             what the letter to the DPO asks about direct marketing: {@code object} (objection,
 *                              GDPR art. 21(2)), {@code keep} (keep receiving the e-mails without tracking), or blank
 *                              (the letter leaves both options to choose)
 */
public record ComplainantDetails(
        String name,
        String postalAddress,
        String email,
        String howAddressGiven,
        String whenAddressGiven,
        String askedConsent,
        String earlierRequestDate,
        String earlierRequestContent,
        String answerDate,
        String answerContent,
        String actingFor,
        String mandate,
        String addressGivenOn,
        String addressPeriod,
        String addressNeverGiven,
        String marketing) {

    /** Longest accepted field, in characters (4,000), so the form cannot be used to store bulk data. */
    public static final int MAX_FIELD_CHARS = 4_000;

    /** An empty form. */
    public static final ComplainantDetails EMPTY =
            new ComplainantDetails("", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");

    /**
     * @param recipients the addresses the analysed e-mail was sent to ({@code Analysis.recipients()}: its To,
     *                   Delivered-To and X-Original-To fields and the address given with the upload)
     * @return an empty form whose e-mail field holds the recipient when there is exactly one (the address the person
     *         received the e-mail at, which the dossier needs); the person can change it
     */
    public static ComplainantDetails emptyFor(java.util.List<String> recipients) {
        if (recipients == null || recipients.size() != 1) {
            return EMPTY;
        }
        return new ComplainantDetails("", "", recipients.get(0), "", "", "", "", "", "", "", "", "", "", "", "", "");
    }

    public ComplainantDetails {
        name = clean(name);
        postalAddress = clean(postalAddress);
        email = clean(email);
        howAddressGiven = clean(howAddressGiven);
        whenAddressGiven = clean(whenAddressGiven);
        askedConsent = oneOf(askedConsent, "yes", "no", "dont-know");
        earlierRequestDate = clean(earlierRequestDate);
        earlierRequestContent = clean(earlierRequestContent);
        answerDate = clean(answerDate);
        answerContent = clean(answerContent);
        actingFor = clean(actingFor);
        mandate = oneOf(mandate, "yes", "no");
        addressGivenOn = clean(addressGivenOn);
        addressPeriod = oneOf(addressPeriod, "before", "after");
        addressNeverGiven = oneOf(addressNeverGiven, "yes");
        marketing = oneOf(marketing, "object", "keep");
    }

    /** The original twelve-field form, without the address date, the period and the choices. */
    public ComplainantDetails(String name, String postalAddress, String email, String howAddressGiven,
            String whenAddressGiven, String askedConsent, String earlierRequestDate, String earlierRequestContent,
            String answerDate, String answerContent, String actingFor, String mandate) {
        this(name, postalAddress, email, howAddressGiven, whenAddressGiven, askedConsent, earlierRequestDate,
                earlierRequestContent, answerDate, answerContent, actingFor, mandate, "", "", "", "");
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip().replace("\r\n", "\n");
        return t.length() > MAX_FIELD_CHARS ? t.substring(0, MAX_FIELD_CHARS) : t;
    }

    private static String oneOf(String s, String... allowed) {
        String t = clean(s);
        for (String a : allowed) {
            if (a.equals(t)) {
                return t;
            }
        }
        return "";
    }
}
