package org.pixelproof.detect;

import java.util.List;

/**
 * The sending organisation as identified from the message: the data controller the dossier addresses.
 *
 * <p>Every field may be {@code null} (or empty) when the message does not show it; {@link #missing()} lists what a
 * complaint would need and was not found. Immutable and thread-safe.
 *
 * @param fromAddress      the From address, lower case: for comparing (see {@code fromAddressAsWritten} for showing)
 * @param fromName         the From display name, decoded
 * @param fromDomain       the From address's domain
 * @param replyTo          the Reply-To address
 * @param returnPath       the Return-Path address (the bounce address, often the ESP's)
 * @param dkimDomains      the {@code d=} domains of the DKIM signatures, in order
 * @param listUnsubscribe  the URLs and mailto addresses of List-Unsubscribe
 * @param organisationName the data controller's legal name chosen among the footer's company names (see
 *                         {@link SenderIdentifier}), or the From name when none was chosen ({@code missing} then
 *                         holds {@code organisation-name})
 * @param postalAddress    the postal address found in the footer
 * @param siren            the 9-digit SIREN found, or the one derived from a SIRET
 * @param siret            the 14-digit SIRET found
 * @param sirenValid       true when the SIREN (and SIRET) pass the Luhn check
 * @param privacyPolicyUrl the privacy-policy page: the real address, looked through the recipient's link wrappers and
 *                         decoded from the sender's click tracking; {@code null} when not found or when it is only
 *                         reachable through a tracked link that cannot be decoded offline (see
 *                         {@code privacyPolicyUrlStatus}): a tracked link is never given here, as clicking it from the
 *                         dossier would register a click by the complainant
 * @param dpoContact       the DPO's address or page
 * @param clues            every clue with where it was read
 * @param missing          the fields a complaint needs that were not found ({@code organisation-name},
 *                         {@code postal-address}, {@code siren}, {@code privacy-policy-url}, {@code dpo-contact})
 * @param privacyPolicyUrlStatus how {@code privacyPolicyUrl} was obtained, a stable code ({@code AS_WRITTEN},
 *                         {@code UNWRAPPED_FROM_RECIPIENT_GATEWAY}, {@code DECODED_FROM_TRACKED_LINK},
 *                         {@code TRACKED_LINK_DESTINATION_UNKNOWN}: a privacy link exists but only as a tracked link;
 *                         also when the link carries the recipient's address or a per-recipient token;
 *                         labels through {@link DetectLabels}), or {@code null} when no privacy link was found
 * @param identityCaveats  empty, or {@code SENDER_IDENTITY_DOUBTFUL} followed by its reasons
 *                         ({@link SenderIdentityCheck}): the organisation named, the From and DKIM domains and the
 *                         link destinations disagree as in impersonation; the dossier must warn that the data
 *                         controller it addresses may not be the real sender
 * @param fromAddressAsWritten the From address as the sender wrote it, its domain in lower case
 *                         ({@link SenderIdentifier#addrSpecAsWritten}: the local part is case-sensitive, RFC 5321
 *                         section 2.4), e.g. {@code info+Agence-Nationale@example.org}: what the dossier and the web
 *                         result page show. Equal to {@code fromAddress} ignoring case; {@code fromAddress} itself
 *                         when not given, or when it is not that address (an analysis stored before this field)
 */
public record SenderIdentity(
        String fromAddress,
        String fromName,
        String fromDomain,
        String replyTo,
        String returnPath,
        List<String> dkimDomains,
        List<String> listUnsubscribe,
        String organisationName,
        String postalAddress,
        String siren,
        String siret,
        boolean sirenValid,
        String privacyPolicyUrl,
        String dpoContact,
        List<SenderClue> clues,
        List<String> missing,
        String privacyPolicyUrlStatus,
        List<String> identityCaveats,
        String fromAddressAsWritten) {

    public SenderIdentity {
        dkimDomains = List.copyOf(dkimDomains);
        listUnsubscribe = List.copyOf(listUnsubscribe);
        clues = List.copyOf(clues);
        missing = List.copyOf(missing);
        identityCaveats = identityCaveats == null ? List.of() : List.copyOf(identityCaveats);
        if (fromAddressAsWritten == null || !fromAddressAsWritten.equalsIgnoreCase(fromAddress)) {
            fromAddressAsWritten = fromAddress;
        }
    }

    /** The form without {@code fromAddressAsWritten} (the lower-case {@code fromAddress} is shown). */
    public SenderIdentity(String fromAddress, String fromName, String fromDomain, String replyTo, String returnPath,
            List<String> dkimDomains, List<String> listUnsubscribe, String organisationName, String postalAddress,
            String siren, String siret, boolean sirenValid, String privacyPolicyUrl, String dpoContact,
            List<SenderClue> clues, List<String> missing, String privacyPolicyUrlStatus,
            List<String> identityCaveats) {
        this(fromAddress, fromName, fromDomain, replyTo, returnPath, dkimDomains, listUnsubscribe, organisationName,
                postalAddress, siren, siret, sirenValid, privacyPolicyUrl, dpoContact, clues, missing,
                privacyPolicyUrlStatus, identityCaveats, null);
    }

    /** The form without identity caveats (none). */
    public SenderIdentity(String fromAddress, String fromName, String fromDomain, String replyTo, String returnPath,
            List<String> dkimDomains, List<String> listUnsubscribe, String organisationName, String postalAddress,
            String siren, String siret, boolean sirenValid, String privacyPolicyUrl, String dpoContact,
            List<SenderClue> clues, List<String> missing, String privacyPolicyUrlStatus) {
        this(fromAddress, fromName, fromDomain, replyTo, returnPath, dkimDomains, listUnsubscribe, organisationName,
                postalAddress, siren, siret, sirenValid, privacyPolicyUrl, dpoContact, clues, missing,
                privacyPolicyUrlStatus, List.of());
    }

    /** @return this identity with the given identity caveats instead of its own */
    public SenderIdentity withIdentityCaveats(List<String> caveats) {
        return new SenderIdentity(fromAddress, fromName, fromDomain, replyTo, returnPath, dkimDomains,
                listUnsubscribe, organisationName, postalAddress, siren, siret, sirenValid, privacyPolicyUrl,
                dpoContact, clues, missing, privacyPolicyUrlStatus, caveats, fromAddressAsWritten);
    }

    /** The form without {@code privacyPolicyUrlStatus} ({@code AS_WRITTEN} when a URL is given, else null). */
    public SenderIdentity(String fromAddress, String fromName, String fromDomain, String replyTo, String returnPath,
            List<String> dkimDomains, List<String> listUnsubscribe, String organisationName, String postalAddress,
            String siren, String siret, boolean sirenValid, String privacyPolicyUrl, String dpoContact,
            List<SenderClue> clues, List<String> missing) {
        this(fromAddress, fromName, fromDomain, replyTo, returnPath, dkimDomains, listUnsubscribe, organisationName,
                postalAddress, siren, siret, sirenValid, privacyPolicyUrl, dpoContact, clues, missing,
                privacyPolicyUrl == null ? null : "AS_WRITTEN", List.of());
    }
}
