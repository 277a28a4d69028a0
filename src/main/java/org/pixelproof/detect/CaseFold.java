package org.pixelproof.detect;

import java.util.Locale;

/**
 * Lower case that keeps every character where it was, for searching ASCII needles ({@code http}, {@code url=}, an
 * address) in a text and then cutting the original text at the index found.
 *
 * <p>{@code String.toLowerCase(Locale.ROOT)} may change a text's length: {@code "İ"} (U+0130) becomes two characters
 * ({@code i} and a combining dot), so an index found in its result can point past the right place in the original, or
 * past its end (a message holding {@code İ} before a link made the analysis fail). Lower-casing each {@code char} on
 * its own ({@link Character#toLowerCase(char)}) never does. Stateless and thread-safe.
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
}
