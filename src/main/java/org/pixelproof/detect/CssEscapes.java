package org.pixelproof.detect;

/**
 * Decodes CSS escapes as a browser does before it reads a value (CSS Syntax Module Level 3, section 4.3.7 "Consume an
 * escaped code point"): {@code \} followed by one to six hex digits and an optional white space is that code point
 * (zero, a surrogate or one past U+10FFFF becomes U+FFFD); {@code \} followed by a newline ({@code \n}, {@code \r} or
 * {@code \f}; {@code \r\n} counts as one newline, as the input preprocessing of section 3.3 makes it) is a line
 * continuation and disappears; {@code \} followed by any other character is that character; a
 * {@code \} at the very end is dropped. Used by the detector's CSS scanner (so that an escaped URL is seen as the
 * browser fetches it) and by the safe preview's CSS sanitizer (so that what is checked is what a browser reads).
 * Linear in the input; never throws for any string. Stateless and thread-safe.
 */
public final class CssEscapes {
    private CssEscapes() {
    }

    /**
     * @param s CSS text, not {@code null}
     * @return {@code s} with its escapes decoded; {@code s} itself when it holds no {@code \}
     */
    public static String decode(String s) {
        return s.indexOf('\\') < 0 ? s : decode(s, 0, s.length());
    }

    /**
     * @param s    CSS text, not {@code null}
     * @param from first character decoded (inclusive)
     * @param to   end of the range (exclusive; clamped to {@code s.length()})
     * @return {@code s[from, to)} with its escapes decoded; empty when the range is empty
     */
    public static String decode(String s, int from, int to) {
        to = Math.min(to, s.length());
        if (from >= to) {
            return "";
        }
        int firstEscape = s.indexOf('\\', from);
        if (firstEscape < 0 || firstEscape >= to) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= to) {
                break;
            }
            char d = s.charAt(i);
            if (d == '\n' || d == '\r' || d == '\f') {
                i = d == '\r' && i + 1 < to && s.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                continue;
            }
            int hexEnd = i;
            while (hexEnd < to && hexEnd - i < 6 && isHex(s.charAt(hexEnd))) {
                hexEnd++;
            }
            if (hexEnd > i) {
                int cp = Integer.parseInt(s.substring(i, hexEnd), 16);
                if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    cp = 0xFFFD;
                }
                sb.appendCodePoint(cp);
                i = afterEscapeWhite(s, hexEnd, to);
            } else {
                sb.append(d);
                i++;
            }
        }
        return sb.toString();
    }

    /** @return true for an ASCII hex digit, the only digits of a CSS escape */
    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * @param s  CSS text
     * @param i  the index just after an escape's hex digits
     * @param to end of the range considered (exclusive)
     * @return the index after the one optional white space that ends the escape: {@code \r\n} counts as one (CSS
     *         Syntax Level 3, section 3.3, turns it into one newline before reading), so that
     *         {@code u\72}+CRLF+{@code l(} is the keyword {@code url(}, as browsers read it
     */
    static int afterEscapeWhite(String s, int i, int to) {
        if (i >= to || !CssScanner.isWhite(s.charAt(i))) {
            return i;
        }
        return s.charAt(i) == '\r' && i + 1 < to && s.charAt(i + 1) == '\n' ? i + 2 : i + 1;
    }
}
