package org.pixelproof.preview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a piece of CSS (a {@code <style>} block or a {@code style} attribute) unable to load anything.
 *
 * <p>SECURITY-CRITICAL: this is what stops CSS beacons in the preview. It works on the text a browser would see: CSS
 * escapes ({@code \75 rl(}) and comments are removed first, so what is checked is what is written out. Then
 * <ul>
 *   <li>every {@code url(...)} whose target is not an inline image the caller accepts becomes {@code none};</li>
 *   <li>{@code @import} rules and {@code @font-face} blocks are dropped (a font is a remote load too);</li>
 *   <li>any quoted string that holds {@code //} becomes {@code ""} (this covers {@code image-set("...")} and
 *       {@code @import "..."} without {@code url()});</li>
 *   <li>the script-bearing extensions {@code expression()}, {@code behavior}, {@code -moz-binding} and
 *       {@code javascript:} are neutralised;</li>
 *   <li>{@code <} is written as the CSS escape {@code \3C } so that no {@code </style>} can close the block.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class CssSanitizer {

    /** The outcome: the safe CSS and the references removed from it, as written (escapes decoded). */
    record Result(String css, List<Removed> removed, boolean truncated) {
    }

    /** One reference removed, with the construct that carried it. */
    record Removed(String url, String vector) {
    }

    private static final Pattern URL_FUNCTION = Pattern.compile("(?i)url\\(");
    private static final Pattern IMPORT = Pattern.compile("(?i)@import\\b[^;{}]*;?");
    private static final Pattern FONT_FACE = Pattern.compile("(?i)@font-face\\s*\\{[^}]*}?");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");
    /** A quote followed by an http(s) or scheme-relative URL, whatever the pairing of the quotes around it. */
    private static final Pattern QUOTE_URL = Pattern.compile("([\"'])((?i:https?:)?//[^\"']*)");
    private static final Pattern EXPRESSION = Pattern.compile("(?i)expression\\s*\\(");
    private static final Pattern BEHAVIOR = Pattern.compile("(?i)(behavior|-moz-binding)\\s*:");
    private static final Pattern JAVASCRIPT = Pattern.compile("(?i)(java|vb)script\\s*:");
    /** {@code @import} as an at-keyword (CSS Syntax 4.3.4: a name does not go on after it), wherever it stands. */
    private static final Pattern IMPORT_KEYWORD = Pattern.compile("(?i)@import(?![-_a-z0-9\\u0080-\\uffff\\\\])");

    private CssSanitizer() {
    }

    /**
     * @param css           the CSS text as found (may be null)
     * @param maxChars      the most characters kept; the rest is dropped
     * @param keepInlineUrl accepts the {@code url()} targets that may stay (e.g. small {@code data:image/png}); every
     *                      other target is removed
     * @param vector        the vector recorded for removed {@code url()} targets ({@code css-style} or
     *                      {@code css-background})
     * @return the sanitized CSS and what was removed
     */
    static Result sanitize(String css, int maxChars, Predicate<String> keepInlineUrl, String vector) {
        if (css == null || css.isEmpty()) {
            return new Result("", List.of(), false);
        }
        boolean truncated = css.length() > maxChars;
        String text = truncated ? css.substring(0, maxChars) : css;
        text = stripComments(decodeEscapes(text));
        List<Removed> removed = new ArrayList<>();

        // @import and @font-face first: record their targets, then drop them whole.
        text = dropRule(text, IMPORT, "css-import", removed);
        text = dropRule(text, FONT_FACE, "font-face", removed);
        text = rewriteUrls(text, keepInlineUrl, vector, removed);

        Matcher q = QUOTED.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (q.find()) {
            String s = q.group();
            String inner = s.substring(1, s.length() - 1);
            String replacement = inner.contains("//") && !keepInlineUrl.test(inner) ? "\"\"" : s;
            if (!replacement.equals(s)) {
                removed.add(new Removed(inner, vector));
            }
            q.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        q.appendTail(sb);
        text = sb.toString();
        // The pairing above is the CSS tokenizer's; garbage with unbalanced quotes could be paired otherwise by a
        // lenient reader. Whatever the pairing, no quote is left followed by a remote URL (found by fuzzing).
        Matcher u = QUOTE_URL.matcher(text);
        sb = new StringBuilder(text.length());
        while (u.find()) {
            removed.add(new Removed(u.group(2), vector));
            u.appendReplacement(sb, Matcher.quoteReplacement(u.group(1)));
        }
        u.appendTail(sb);
        text = sb.toString();

        text = EXPRESSION.matcher(text).replaceAll("x-blocked(");
        text = BEHAVIOR.matcher(text).replaceAll("x-$1:");
        text = JAVASCRIPT.matcher(text).replaceAll("x-$1script-");
        // removing a url() can join what was around it into a new at-keyword ("@importurl(x)" gives "@import"): no
        // @import is left, whatever follows it (found by fuzzing)
        text = IMPORT_KEYWORD.matcher(text).replaceAll("@x-import");
        text = text.replace("<", "\\3C ");
        return new Result(text, removed, truncated);
    }

    private static String dropRule(String text, Pattern rule, String vector, List<Removed> removed) {
        Matcher m = rule.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            String block = m.group();
            for (String u : urlsIn(block)) {
                removed.add(new Removed(u, vector));
            }
            m.appendReplacement(sb, "");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** @return the targets of the {@code url()} functions and of quoted strings with {@code //} in {@code block}. */
    private static List<String> urlsIn(String block) {
        List<Removed> found = new ArrayList<>();
        rewriteUrls(block, u -> false, "", found);
        List<String> out = new ArrayList<>();
        for (Removed r : found) {
            out.add(r.url());
        }
        Matcher q = QUOTED.matcher(block);
        while (q.find()) {
            String inner = q.group().substring(1, q.group().length() - 1);
            if (inner.contains("//") && !out.contains(inner)) {
                out.add(inner);
            }
        }
        return out;
    }

    private static String rewriteUrls(String text, Predicate<String> keep, String vector, List<Removed> removed) {
        Matcher m = URL_FUNCTION.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        while (m.find(last)) {
            sb.append(text, last, m.start());
            int i = m.end();
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String target;
            int end;
            if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i);
                int close = text.indexOf(quote, i + 1);
                if (close < 0) { // unterminated: drop the rest, and say so (a browser may still fetch it)
                    removed.add(new Removed(text.substring(i + 1).trim(), vector));
                    return sb.toString();
                }
                target = text.substring(i + 1, close);
                int paren = text.indexOf(')', close);
                end = paren < 0 ? text.length() : paren + 1;
            } else {
                int paren = text.indexOf(')', i);
                if (paren < 0) { // unclosed url(: a browser fetches it (CSS Syntax 4.3.6, EOF ends the url token)
                    removed.add(new Removed(text.substring(i).trim(), vector));
                    return sb.toString();
                }
                target = text.substring(i, paren).trim();
                end = paren + 1;
            }
            if (keep.test(target)) {
                sb.append("url(\"").append(target.replace("\"", "%22")).append("\")");
            } else {
                removed.add(new Removed(target, vector));
                sb.append("none");
            }
            last = end;
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** Decodes CSS escapes (CSS Syntax Level 3, section 4.3.7) so that what is checked is what a browser reads. */
    static String decodeEscapes(String s) {
        return org.pixelproof.detect.CssEscapes.decode(s);
    }

    private static String stripComments(String s) {
        int start = s.indexOf("/*");
        if (start < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (start >= 0) {
            sb.append(s, i, start);
            int end = s.indexOf("*/", start + 2);
            if (end < 0) {
                return sb.toString();
            }
            i = end + 2;
            start = s.indexOf("/*", i);
        }
        sb.append(s, i, s.length());
        return sb.toString();
    }

    /** @return true when {@code url} is a {@code data:} URI of a raster image type safe to show. */
    static boolean isSafeDataImage(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("data:image/png") || u.startsWith("data:image/gif") || u.startsWith("data:image/jpeg")
                || u.startsWith("data:image/jpg") || u.startsWith("data:image/webp");
    }
}
