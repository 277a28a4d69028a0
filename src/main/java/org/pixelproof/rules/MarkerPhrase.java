package org.pixelproof.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phrase whose presence in a message is a consent or information marker, e.g. "se désinscrire" for an unsubscribe
 * link or "pixel de suivi" for a tracking notice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       unique rule id, e.g. {@code "fr.unsubscribe.desinscrire"}
 * @param marker   the consent-marker type it reveals: {@code TRACKING_NOTICE}, {@code TRACKING_OPT_OUT_LINK},
 *                 {@code UNSUBSCRIBE_LINK} or {@code PRIVACY_POLICY_LINK}
 * @param language ISO 639-1 code ({@code fr}, {@code en}, ...)
 * @param target   where to look: {@code link} (the text or URL of an {@code <a>}) or {@code text} (anywhere in the
 *                 visible text)
 * @param pattern  compiled, case-insensitive pattern matched against text with accents removed and white space
 *                 collapsed
 * @param line     line in its YAML file
 */
public record MarkerPhrase(String id, String marker, String language, String target, Pattern pattern, int line) {
    public MarkerPhrase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(pattern, "pattern");
    }
}
