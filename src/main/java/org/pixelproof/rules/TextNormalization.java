package org.pixelproof.rules;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalisation that text patterns of {@code markers.yaml} and {@code message-classes.yaml} are written for:
 * accents removed (Unicode NFD, then combining marks stripped), lower case (root locale), every run of white space
 * (including non-breaking spaces) collapsed to one space, trimmed. "Se&nbsp;Désinscrire" becomes "se desinscrire".
 * Two additions to that agreed recipe, because French text needs them: the ligatures {@code œ} and {@code æ} become
 * {@code oe} and {@code ae} (they have no accent to strip), and typographic apostrophes ({@code ’ ʼ ‘}) become
 * {@code '}, so "vos données d’ouverture" becomes "vos donnees d'ouverture".
 *
 * <p>{@code detect} must normalise the text it matches the same way; that is why this lives next to the rules.
 * Stateless and thread-safe.
 */
public final class TextNormalization {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018\u02BC\u2032]");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B\\uFEFF]+");

    private TextNormalization() {
    }

    /**
     * @param text any text, may be {@code null}
     * @return the normalised text; {@code ""} for {@code null}
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.replace("\u0153", "oe").replace("\u0152", "OE").replace("\u00E6", "ae").replace("\u00C6", "AE");
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = s.toLowerCase(Locale.ROOT);
        return SPACE.matcher(s).replaceAll(" ").trim();
    }
}
