package org.pixelproof.detect;

import java.util.Objects;

/**
 * One fact about the sender's identity and where it was read.
 *
 * @param field    what it is: {@code from}, {@code reply-to}, {@code return-path}, {@code dkim-domain},
 *                 {@code list-unsubscribe}, {@code organisation-name}, {@code postal-address}, {@code siren},
 *                 {@code siret}, {@code privacy-policy-url}, {@code dpo-contact}
 * @param value    the value as found (an address, a name, a number)
 * @param where    where it was read, e.g. {@code "header From"} or {@code "footer text, part 1.2"}
 * @param evidence  the source excerpt it was read from, at most 300 characters
 * @param qualifier what a reader must know about the value, as a stable code worded by {@link DetectLabels}, or
 *                  {@code null}: {@value #CHECK_DIGIT_INVALID} (a SIREN, SIRET or VAT number whose check digits
 *                  fail), {@value #TRACKED_LINK_DESTINATION_UNKNOWN} and {@value #TRACKED_LINK_IDENTIFIES_RECIPIENT}
 *                  (a privacy link that goes through a tracked link: the value is then the host it goes through)
 */
public record SenderClue(String field, String value, String where, String evidence, String qualifier) {
    /** Qualifier: the number's check digits fail (Luhn for SIREN and SIRET, the key of a French VAT number). */
    public static final String CHECK_DIGIT_INVALID = "CHECK_DIGIT_INVALID";
    /** Qualifier: a tracked link through the host given as value, whose destination cannot be read offline. */
    public static final String TRACKED_LINK_DESTINATION_UNKNOWN = "CLUE_TRACKED_LINK_DESTINATION_UNKNOWN";
    /** Qualifier: a link through the host given as value that carries the recipient's identifier (not reproduced). */
    public static final String TRACKED_LINK_IDENTIFIES_RECIPIENT = "CLUE_TRACKED_LINK_IDENTIFIES_RECIPIENT";

    public SenderClue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(where, "where");
    }

    /** A clue with nothing to qualify its value. */
    public SenderClue(String field, String value, String where, String evidence) {
        this(field, value, where, evidence, null);
    }
}
