package org.pixelproof.detect;

import java.util.Locale;

/**
 * Lower case that keeps every character where it was, for searching ASCII needles ({@code http}, {@code url=}, an
 * address) in a text and then cutting the original text at the index found.
 *
 * <p>{@code String.toLowerCase(Locale.ROOT)} may change a text's length: {@code "İ"} (U+0130) becomes two characters
 * ({@code i} and a combining dot), so an index found in its result can point past the right place in the original, or
 * past its end (a message holding {@code İ} before a link made the analysis fail). Lower-casing each {@code char} on
 * its own ({@link Character#toLowerCase(char)}) never does. Also the ASCII-only comparisons patterns compiled with
 * {@code CASE_INSENSITIVE} make, for the cheap tests that decide whether such a pattern is worth running. Stateless and
 * thread-safe.
 */
final class CaseFold {
    private CaseFold() {
    }

    /**
     * @param s any text, not null
     * @return {@code s} with each {@code char} lower-cased on its own: same length, every index the same character
     */
    static String lowerKeepingIndexes(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() == s.length()) {
            return lower; // no character grew (String.toLowerCase never shrinks one): every index is in place
        }
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char l = Character.toLowerCase(c);
            if (l != c) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = l;
            }
        }
        return out == null ? s : new String(out);
    }

    /**
     * @param s     any text, not null
     * @param at    where in {@code s} to compare
     * @param lower the expected text, its letters ASCII lower case
     * @return true when {@code s} holds {@code lower} at {@code at}, ASCII letters in either case and every other
     *         character exactly (as a pattern with {@code CASE_INSENSITIVE} and without {@code UNICODE_CASE} reads it)
     */
    static boolean regionMatchesAscii(String s, int at, String lower) {
        if (at < 0 || at > s.length() - lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = s.charAt(at + k);
            char l = lower.charAt(k);
            if (c != l && !(l >= 'a' && l <= 'z' && c == l - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /** @return true when {@code s} starts with {@code lower}, as {@link #regionMatchesAscii} compares */
    static boolean startsWithAscii(String s, String lower) {
        return regionMatchesAscii(s, 0, lower);
    }

    /** @return true when {@code s} holds {@code lower} anywhere, as {@link #regionMatchesAscii} compares */
    static boolean containsAscii(String s, String lower) {
        for (int i = 0; i <= s.length() - lower.length(); i++) {
            if (regionMatchesAscii(s, i, lower)) {
                return true;
            }
        }
        return false;
    }
}
