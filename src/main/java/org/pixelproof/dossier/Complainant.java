package org.pixelproof.dossier;

/**
 * The person who complains, exactly as they describe themselves. Nothing here is ever guessed or filled in by
 * PixelProof: a {@code null} field is shown in the dossier and the letters as "à compléter" / "to be completed".
 * Blank strings are read as {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name             full name
 * @param postalAddress    postal address, lines separated by {@code \n}
 * @param email            the e-mail address that received the message
 * @param addressGivenHow  how they gave that address to the sender (e.g. "compte client créé lors d'un achat")
 * @param addressGivenWhen when, in their own words (e.g. "mars 2024", "vers 2019")
 * @param consentAsked     whether they were ever asked to consent to the tracking of e-mails, or {@code null} when
 *                         not stated
 * @param priorRequest     an earlier request to the sender, or {@code null}
 * @param actingFor        the name of the person they act for, when complaining on someone else's behalf, else
 *                         {@code null}
 * @param mandate          when acting for someone else: whether they hold a signed mandate ({@code null}: not stated)
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
        Boolean mandate) {

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

    /** @return true when the complaint is made on someone else's behalf. */
    public boolean actingForSomeoneElse() {
        return actingFor != null;
    }

    /** @return the postal address's lines, empty when unknown. */
    public java.util.List<String> postalAddressLines() {
        return postalAddress == null ? java.util.List.of()
                : postalAddress.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
