package org.pixelproof.dossier;

import java.util.regex.Pattern;

/**
 * French typography for the French templates: a non-breaking space before {@code :} and inside guillemets
 * ({@code « »}), a narrow non-breaking space before {@code ;}, {@code !} and {@code ?}, so that the punctuation never
 * starts a line (Imprimerie nationale's rules, as French legal writing follows them).
 *
 * <p>It is applied to the French templates' own words when they are loaded, not to what the rendering inserts: the
 * values quoted from a message (its subject, the source excerpts) stay exactly as written. In a template it changes
 * the text between Qute tags and the string literals inside them ({@code ?: '[à compléter : nom]'}); the tags
 * themselves, comments ({@code {! !}}) and everything else are left as they are. Stateless and thread-safe.
 */
final class FrenchTypography {
    /** U+00A0, before a colon and inside guillemets. */
    static final char NBSP = '\u00A0';
    /** U+202F, before a semicolon, an exclamation mark and a question mark. */
    static final char NARROW_NBSP = '\u202F';

    private static final Pattern BEFORE_COLON = Pattern.compile(" :(?=[\\s\\p{L}\\p{N}\\[\\]{}«(<'\"-]|$)");
    private static final Pattern BEFORE_TIGHT = Pattern.compile(" ([;!?])(?=[\\s\\p{L}\\p{N}\\[\\]{}»)<'\"-]|$)");
    private static final Pattern AFTER_OPEN = Pattern.compile("« ");
    private static final Pattern BEFORE_CLOSE = Pattern.compile(" »");

    private FrenchTypography() {
    }

    /** @return {@code text} with French non-breaking spaces before {@code : ; ! ?}, after « and before ». */
    static String text(String text) {
        String s = BEFORE_COLON.matcher(text).replaceAll(NBSP + ":");
        s = BEFORE_TIGHT.matcher(s).replaceAll(NARROW_NBSP + "$1");
        s = AFTER_OPEN.matcher(s).replaceAll("«" + NBSP);
        return BEFORE_CLOSE.matcher(s).replaceAll(NBSP + "»");
    }

    /**
     * @param template a Qute template's source
     * @return the template with {@link #text(String)} applied to its text and to the string literals of its tags
     */
    static String template(String template) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < n && template.charAt(i + 1) == '{') {
                text.append("\\{");
                i += 2;
                continue;
            }
            if (c == '{' && i + 1 < n && !Character.isWhitespace(template.charAt(i + 1))) {
                out.append(text(text.toString()));
                text.setLength(0);
                int end = tagEnd(template, i);
                out.append(template.charAt(i + 1) == '!' ? template.substring(i, end)
                        : literals(template.substring(i, end)));
                i = end;
                continue;
            }
            text.append(c);
            i++;
        }
        out.append(text(text.toString()));
        return out.toString();
    }

    /** @return the index just after the tag that starts at {@code start}: its closing brace, quotes respected. */
    private static int tagEnd(String s, int start) {
        if (s.startsWith("{!", start)) {
            int end = s.indexOf("!}", start + 2);
            return end < 0 ? s.length() : end + 2;
        }
        char quote = 0;
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i + 1;
            }
        }
        return s.length();
    }

    /** @return the tag with {@link #text(String)} applied inside its quoted string literals only. */
    private static String literals(String tag) {
        StringBuilder out = new StringBuilder(tag.length() + 8);
        int i = 0;
        while (i < tag.length()) {
            char c = tag.charAt(i);
            if (c == '\'' || c == '"') {
                int close = tag.indexOf(c, i + 1);
                if (close < 0) {
                    out.append(tag.substring(i));
                    break;
                }
                out.append(c).append(text(tag.substring(i + 1, close))).append(c);
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
