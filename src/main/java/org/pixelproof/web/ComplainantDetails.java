package org.pixelproof.web;

/**
 * What the complainant typed into the dossier form (issue 4, item 1). Nothing else about them is collected or
 * invented; every field may be blank. Stored with the analysis and erased with it. Immutable.
 *
 * @param name                 full name
 * @param postalAddress        postal address (several lines)
 * @param email                the e-mail address the message was sent to, or a contact address
 * @param howAddressGiven      how the address was given to the sender (account, purchase, newsletter form...)
 * @param whenAddressGiven     when, as the complainant remembers it (free text: "March 2021")
 * @param askedConsent         whether the sender ever asked consent to tracking: {@code yes}, {@code no} or
 *                             {@code unknown}
 * @param earlierRequestDate   the date of an earlier request to the sender (ISO {@code yyyy-MM-dd}), or blank
 * @param earlierRequestContent what that request said
 */
public record ComplainantDetails(
        String name,
        String postalAddress,
        String email,
        String howAddressGiven,
        String whenAddressGiven,
        String askedConsent,
        String earlierRequestDate,
        String earlierRequestContent) {

    /** Longest accepted field, in characters (4,000), so the form cannot be used to store bulk data. */
    public static final int MAX_FIELD_CHARS = 4_000;

    /** An empty form. */
    public static final ComplainantDetails EMPTY = new ComplainantDetails("", "", "", "", "", "unknown", "", "");

    public ComplainantDetails {
        name = clean(name);
        postalAddress = clean(postalAddress);
        email = clean(email);
        howAddressGiven = clean(howAddressGiven);
        whenAddressGiven = clean(whenAddressGiven);
        askedConsent = switch (clean(askedConsent)) {
            case "yes", "no" -> askedConsent.strip();
            default -> "unknown";
        };
        earlierRequestDate = clean(earlierRequestDate);
        earlierRequestContent = clean(earlierRequestContent);
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > MAX_FIELD_CHARS ? t.substring(0, MAX_FIELD_CHARS) : t;
    }
}
