package org.pixelproof.dossier;

import java.util.StringJoiner;
import org.pixelproof.ingest.LookalikeCharacters;

/**
 * How the dossier and the letters write a domain disguised with look-alike characters
 * ({@linkplain LookalikeCharacters#disguisesDomain disguised}: {@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} in mathematical bold letters,
 * decision 0034). The PDF fonts cannot draw most of these characters, and a reader who could would take the domain
 * for the one it imitates; the raw code points ({@code [U+1D5E9][U+1D5F2]...}) tell a reader nothing. So every value a
 * template writes has each disguised domain replaced with a readable and truthful form that names the imitated domain
 * (its NFKC fold, {@link LookalikeCharacters#folded}) and says it is an imitation:
 * {@code [imitation de « verkade.nl » en caractères d'apparence trompeuse]},
 * {@code [imitation of “verkade.nl” in look-alike characters]}. An address keeps its local part
 * ({@code noreply@[imitation de « verkade.nl » ...]}). The exact code points are written once, in the sender section
 * ({@link #codePoints(String)}); the raw header quote of the annex and the attached original keep the characters.
 *
 * <p>A word alone in styled letters ({@code 𝗦𝗢𝗟𝗗𝗘𝗦} in a subject, a display name) is left as written: only a run of
 * domain characters that holds a dot between two labels once folded is read as a domain. Pure string work, no DNS.
 * Stateless and thread-safe.
 */
public final class LookalikeDomainText {

    private LookalikeDomainText() {
    }

    /**
     * @param value   a value a template writes, may be {@code null}
     * @param english true for the English wording, false for the French one
     * @return {@code value} with each disguised domain replaced by its readable form (see the class comment);
     *         {@code value} itself when it holds none; {@code null} for {@code null}
     */
    public static String readable(String value, boolean english) {
        if (value == null || value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        StringBuilder out = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            int start = i;
            while (i < n && LookalikeCharacters.isDomainCharacter(value.codePointAt(i))) {
                i += Character.charCount(value.codePointAt(i));
            }
            int end = i;
            // a sentence's full stop or a trailing hyphen is not part of the domain
            while (end > start && (value.charAt(end - 1) == '.' || value.charAt(end - 1) == '-')) {
                end--;
            }
            if (end > start) {
                String run = value.substring(start, end);
                if (isDisguisedDomain(run)) {
                    if (out == null) {
                        out = new StringBuilder(value.length() + 64).append(value, 0, start);
                    }
                    out.append(phrase(LookalikeCharacters.folded(run), english)).append(value, end, i);
                } else if (out != null) {
                    out.append(value, start, i);
                }
            } else if (out != null) {
                out.append(value, start, i);
            }
            if (i < n) {
                int cp = value.codePointAt(i);
                if (out != null) {
                    out.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * @param domain a domain as written, may be {@code null}
     * @return true when it is {@linkplain LookalikeCharacters#disguisesDomain disguised} and reads, once folded, as a
     *         name of at least two labels ({@code verkade.nl}), so that it is worth naming the domain it imitates
     */
    public static boolean isDisguisedDomain(String domain) {
        if (!LookalikeCharacters.disguisesDomain(domain)) {
            return false;
        }
        String folded = LookalikeCharacters.folded(domain);
        int dot = folded.indexOf('.');
        return dot > 0 && dot < folded.length() - 1;
    }

    /**
     * @param folded  the domain imitated ({@code verkade.nl})
     * @param english true for English
     * @return the words that stand for the disguised domain in every sentence, with French typography (no-break
     *         spaces inside « ») in French
     */
    static String phrase(String folded, boolean english) {
        return english ? "[imitation of \u201C" + folded + "\u201D in look-alike characters]"
                : "[imitation de \u00AB\u00A0" + folded + "\u00A0\u00BB en caract\u00E8res d'apparence trompeuse]";
    }

    /**
     * @param domain a domain as written, may be {@code null}
     * @return its characters for the record, one by one, ASCII ones as themselves and the others as {@code U+XXXX}
     *         ({@code U+1D5E9 U+1D5F2 U+1D5FF U+1D5F8 U+1D5EE U+1D5F1 U+1D5F2 . U+1D5FB U+1D5F9}); {@code null} for
     *         {@code null}
     */
    public static String codePoints(String domain) {
        if (domain == null) {
            return null;
        }
        StringJoiner j = new StringJoiner(" ");
        domain.codePoints().forEach(cp -> j.add(cp < 0x80 ? String.valueOf((char) cp)
                : String.format("U+%04X", cp)));
        return j.toString();
    }
}
