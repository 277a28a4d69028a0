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
 * @param evidence the source excerpt it was read from, at most 300 characters
 */
public record SenderClue(String field, String value, String where, String evidence) {
    public SenderClue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(where, "where");
    }
}
