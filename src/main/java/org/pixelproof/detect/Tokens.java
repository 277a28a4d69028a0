package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in a URL, the tokens that look like identifiers generated per message or per recipient.
 *
 * <p><b>Measure.</b> A token is measured on a run of letters and digits of a path segment or query value (other
 * characters end it), and reported whole: extended over the hyphens and underscores around it (base64url and composed
 * ids such as {@code 0102019a3c2f5d1e-8c4b...-000000} are one token, not fragments). Its <em>Shannon entropy</em>
 * {@code H} is computed over its characters in bits per character, and its estimated information content is
 * {@code H × length} bits. A token is <em>high-entropy</em> when:
 * <ul>
 * <li>it is at least {@link #MIN_LENGTH} (12) characters long,</li>
 * <li>it mixes letters and digits (an all-letter run is a word or slug; an all-digit run is a date, a price or an
 * order number, whose characters carry at most 3.3 bits each),</li>
 * <li>{@code H ≥} {@link #MIN_BITS_PER_CHAR} (3.0 bits per character: random hex reaches about 3.7 over 32
 * characters, random base64 about 4.5, English words about 2.5 to 3.0 once split at hyphens), and</li>
 * <li>{@code H × length ≥} {@link #MIN_BITS} (48 bits: enough to single out one person among tens of millions with
 * room to spare).</li>
 * </ul>
 * A query parameter without a value ({@code open.aspx?<token>&d=1}) is measured as a token of the query. A UUID
 * ({@code 8-4-4-4-12} hex digits) counts as one high-entropy token of 128 bits. Query values that are URLs
 * themselves (redirect destinations) are skipped. Thresholds were tuned on the golden corpus and the real corpus:
 * they keep cache-busting hashes of 8 to 10 characters and product slugs out, and catch the per-recipient tokens of the
 * ESPs seen there. High entropy alone never makes a tracker (campaign image paths have random names too); it adds to
 * other signals.
 *
 * <p>Stateless and thread-safe.
 */
final class Tokens {

    /** Shortest high-entropy token, in characters; default 12. */
    static final int MIN_LENGTH = 12;
    /** Lowest Shannon entropy of a high-entropy token, in bits per character; default 3.0. */
    static final double MIN_BITS_PER_CHAR = 3.0;
    /** Lowest estimated information content of a high-entropy token, in bits; default 48. */
    static final double MIN_BITS = 48;

    private Tokens() {
    }

    /**
     * A token of a URL.
     *
     * @param value the token, as measured (compared between URLs)
     * @param where {@code path}, {@code query parameter NAME}, or {@code query} for a bare token as the query
     * @param name  the parameter name for query tokens, else {@code null}
     * @param bits  estimated information content in bits
     * @param shown the identifier as found in the URL, to be shown: for a query parameter its whole value as written
     *              (percent-encoded, so that it can be found in the URL), for the path the token with the hyphens,
     *              underscores and base64 padding around it; a value longer than {@link #MAX_SHOWN} characters is cut
     *              around the token, each cut marked with {@code …}: never a piece that reads as a whole value
     */
    record Token(String value, String where, String name, double bits, String shown) {
        Token(String value, String where, String name, double bits) {
            this(value, where, name, bits, value);
        }

        /** @return {@code name=shown} for query tokens, else what is shown. */
        String display() {
            return name == null ? shown : name + "=" + shown;
        }
    }

    /** Longest value shown whole for a token, in characters; default 4,096 (the longest token measured). */
    static final int MAX_SHOWN = 4096;

    /** @return the high-entropy tokens of the URL's path and query, in order. */
    static List<Token> highEntropy(WebUrl url) {
        List<Token> out = new ArrayList<>();
        if (url == null || url.host() == null) {
            return out;
        }
        collect(url.path(), "path", null, out);
        for (WebUrl.QueryParam p : url.params()) {
            String v = p.value();
            if (v.startsWith("http:") || v.startsWith("https:") || v.startsWith("//") || v.startsWith("www.")) {
                continue;
            }
            if (v.isEmpty() && p.rawValue().isEmpty() && p.name().length() >= MIN_LENGTH) {
                collect(p.name(), "query", null, out); // a bare token as the whole query: open.aspx?<token>
                continue;
            }
            int from = out.size();
            collect(v, "query parameter " + p.name(), p.name(), out);
            for (int k = from; k < out.size(); k++) {
                // shown as the parameter's whole value as written: "p1=%408p0f...%2BC2Rp...%3D", not "C2Rp..."
                Token t = out.get(k);
                String shown = p.rawValue().length() <= MAX_SHOWN ? p.rawValue() : cutAround(p.rawValue(), t.value());
                out.set(k, new Token(t.value(), t.where(), t.name(), t.bits(), shown));
            }
        }
        return out;
    }

    /** @return {@code MAX_SHOWN} characters of {@code whole} around {@code token}, each cut marked with {@code …}. */
    private static String cutAround(String whole, String token) {
        int at = whole.indexOf(token);
        if (at < 0 || token.length() >= MAX_SHOWN) {
            return "\u2026" + token.substring(0, Math.min(token.length(), MAX_SHOWN)) + "\u2026";
        }
        int start = Math.max(0, Math.min(at - (MAX_SHOWN - token.length()) / 2, whole.length() - MAX_SHOWN));
        int end = Math.min(whole.length(), start + MAX_SHOWN);
        return (start > 0 ? "\u2026" : "") + whole.substring(start, end) + (end < whole.length() ? "\u2026" : "");
    }

    private static void collect(String s, String where, String name, List<Token> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (isUuidAt(s, i)) {
                out.add(new Token(s.substring(i, i + 36), where, name, 128));
                i += 36;
                continue;
            }
            if (!isTokenChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len >= MIN_LENGTH && len <= 4096) {
                String t = s.substring(start, i);
                double bits = bits(t);
                if (bits > 0) {
                    // report the whole token: hyphens and underscores are part of base64url and of composed ids
                    int ws = start;
                    while (ws > 0 && isWholeTokenChar(s.charAt(ws - 1))) {
                        ws--;
                    }
                    int we = i;
                    while (we < n && isWholeTokenChar(s.charAt(we))) {
                        we++;
                    }
                    String untrimmed = s.substring(ws, we);
                    String whole = trimSeparators(untrimmed);
                    // shown: with the hyphens and underscores at its ends (base64url data) and its base64 padding
                    int pe = we;
                    while (pe < n && pe - we < 2 && s.charAt(pe) == '=') {
                        pe++;
                    }
                    String shown = pe > we && (pe == n || s.charAt(pe) == '/') ? s.substring(ws, pe) : untrimmed;
                    out.add(whole.length() > MAX_SHOWN
                            ? new Token(t, where, name, bits, (ws < start ? "\u2026" : "") + t + (we > i ? "\u2026" : ""))
                            : new Token(whole, where, name, bits, shown));
                    i = Math.max(i, we);
                }
            }
        }
    }

    private static boolean isWholeTokenChar(char c) {
        return isTokenChar(c) || c == '-' || c == '_';
    }

    private static String trimSeparators(String t) {
        int a = 0;
        int b = t.length();
        while (a < b && (t.charAt(a) == '-' || t.charAt(a) == '_')) {
            a++;
        }
        while (b > a && (t.charAt(b - 1) == '-' || t.charAt(b - 1) == '_')) {
            b--;
        }
        return t.substring(a, b);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** @return the estimated bits of a high-entropy token, or 0 when {@code t} is not one. */
    static double bits(String t) {
        boolean letters = false;
        boolean digits = false;
        int[] counts = new int[128];
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else {
                letters = true;
            }
            if (c < 128) {
                counts[c]++;
            }
        }
        if (!(letters && digits) || t.length() < MIN_LENGTH) {
            return 0;
        }
        double h = 0;
        double len = t.length();
        for (int c : counts) {
            if (c > 0) {
                double p = c / len;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        double total = h * len;
        return h >= MIN_BITS_PER_CHAR && total >= MIN_BITS ? total : 0;
    }

    private static boolean isUuidAt(String s, int i) {
        if (i + 36 > s.length() || (i > 0 && isTokenChar(s.charAt(i - 1)))) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return i + 36 == s.length() || !isTokenChar(s.charAt(i + 36));
    }
}
