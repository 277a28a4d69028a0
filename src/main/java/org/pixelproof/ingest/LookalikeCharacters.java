package org.pixelproof.ingest;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Characters that only look like the ASCII letters, digits, dots and hyphens a domain name is written with: Unicode
 * compatibility characters whose compatibility normalisation (NFKC, Unicode Standard Annex #15) differs from
 * themselves and is made of those ASCII characters alone. Mathematical alphanumerics ({@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲},
 * U+1D400-U+1D7FF), fullwidth forms ({@code ｂｒｕｍｅ}, {@code ．}), enclosed letters ({@code ⓑ}), superscripts and
 * subscripts ({@code ²}), ligatures ({@code ﬁ}), letter-like symbols (the Kelvin sign {@code K}), Roman numerals.
 *
 * <p>Why they matter in an address: the mapping step of IDNA (Unicode Technical Standard #46, and IDNA2003's nameprep
 * that Java's {@link java.net.IDN} implements) folds them to the ASCII they imitate, so a reader, and some software,
 * takes {@code noreply@𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} for an address at {@code verkade.nl}; while IDNA2008 (RFC 5890, RFC 5891, RFC 5892
 * section 2.3 "Unstable": a code point that NFKC case folding changes is DISALLOWED) forbids them in a domain name,
 * so no registry registers a name written with them and no genuine mail server sends from one. Unicode Technical
 * Standard #39 lists them among the confusables of the letters they fold to. Genuine internationalised names are
 * written with letters NFKC leaves as they are ({@code é}, {@code ü}, Cyrillic, CJK) or in their ASCII form
 * ({@code xn--}), and are not concerned.
 *
 * <p>Pure string work; no DNS. Stateless; thread-safe.
 */
public final class LookalikeCharacters {

    private LookalikeCharacters() {
    }

    /**
     * @param cp a code point
     * @return true when it is not ASCII and its NFKC form differs from it and holds only ASCII letters, digits, dots
     *         and hyphens ({@code 𝗩} U+1D5E9 gives {@code V}, {@code ｂ} U+FF42 gives {@code b}, {@code ．} U+FF0E
     *         gives {@code .}); false for {@code é}, a Cyrillic or CJK letter, and for compatibility characters that
     *         fold to something else ({@code ½} gives {@code 1⁄2}) or to dots no domain holds ({@code …} gives
     *         {@code ...})
     */
    public static boolean isLookalike(int cp) {
        if (cp < 0x80 || !Character.isValidCodePoint(cp)
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            return false;
        }
        String s = new String(Character.toChars(cp));
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (n.isEmpty() || n.equals(s) || n.contains("..")) {
            return false; // an ellipsis (U+2026) folds to dots no domain holds
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param cp a code point
     * @return true when it may stand in a domain name as an address or a link shows it: a letter, a digit, a combining
     *         mark (an accent written as a separate code point), {@code .}, {@code -}, {@code _}, or a
     *         {@linkplain #isLookalike look-alike} of one of them (an enclosed {@code ⓥ} is a symbol, a superscript
     *         {@code ²} is no decimal digit, a fullwidth {@code ．} is no dot: each must be read, not cut off, for the
     *         domain to be told for what it is)
     */
    public static boolean isDomainCharacter(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '.'
                    || cp == '-' || cp == '_';
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || isLookalike(cp);
    }

    /**
     * A domain written to pass for another: it holds a {@linkplain #isLookalike look-alike} of a letter or a digit,
     * or a look-alike of a dot or a hyphen while all its other characters are ASCII ({@code verkade．nl} with a
     * fullwidth full stop). A look-alike dot among other non-ASCII letters ({@code 例え．jp}, as Japanese input methods
     * write it) is left alone: it does not make the name read as an ASCII one.
     *
     * @param domain a domain as written, may be {@code null}
     * @return true when it is written with characters that imitate ASCII ones; false for {@code null}, an ASCII
     *         domain (punycode {@code xn--} included) and a genuine internationalised one ({@code café-exemple.fr},
     *         {@code пример.рф})
     */
    public static boolean disguisesDomain(String domain) {
        if (domain == null) {
            return false;
        }
        boolean separator = false;
        boolean otherNonAscii = false;
        for (int i = 0; i < domain.length(); ) {
            int cp = domain.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                continue;
            }
            if (isLookalike(cp)) {
                String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
                if (n.chars().anyMatch(Character::isLetterOrDigit)) {
                    return true;
                }
                separator = true;
            } else {
                otherNonAscii = true;
            }
        }
        return separator && !otherNonAscii;
    }

    /**
     * @param domain a domain as written, may be {@code null}
     * @return it after NFKC and lower case, as IDNA's mapping step reads it ({@code 𝗩𝗲𝗿𝗸𝗮𝗱𝗲.𝗻𝗹} gives
     *         {@code verkade.nl}): the domain it imitates; {@code null} for {@code null}
     */
    public static String folded(String domain) {
        return domain == null ? null
                : Normalizer.normalize(domain, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
