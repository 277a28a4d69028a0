package org.pixelproof.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phrase that hints at what kind of message it is (promotional, order, account security...), used by
 * {@code assess} to check the CNIL exemptions from consent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id           unique rule id, e.g. {@code "fr.marketing.code-promo"}
 * @param messageClass the {@code org.pixelproof.assess.MessageClass} name it points to: {@code MARKETING},
 *                     {@code TRANSACTIONAL}, {@code SECURITY} or {@code PERSONAL}
 * @param language     ISO 639-1 code
 * @param pattern      compiled, case-insensitive pattern matched against the subject and visible text with accents
 *                     removed and white space collapsed
 * @param line         line in its YAML file
 */
public record ClassificationPhrase(String id, String messageClass, String language, Pattern pattern, int line) {
    public ClassificationPhrase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(pattern, "pattern");
    }
}
