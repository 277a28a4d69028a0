package org.pixelproof.detect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A URL found in a message, cleaned and resolved the way a mail client (a browser engine) would before requesting it,
 * and split into its parts. Pure string work: nothing here resolves a host or opens a connection (DESIGN.md invariant
 * 1), and {@code java.net.URL} is never used (its {@code equals}/{@code hashCode} perform DNS lookups).
 *
 * <p>Cleaning follows the WHATWG URL Standard as far as it changes which server is contacted and what it receives:
 * leading and trailing C0 controls and spaces are stripped, tabs and newlines anywhere are removed (a
 * quoted-printable soft line break or an HTML source wrapped inside an attribute value leaves them), backslashes count
 * as slashes in the scheme-relative part of {@code http}/{@code https} URLs, a protocol-relative {@code //host/x} is
 * given {@code https:} (what webmail and modern clients use), relative references are resolved against the
 * {@code <base href>} (RFC 3986 section 5.2), and spaces, quotes, angle brackets, back-ticks and non-ASCII characters
 * of the path and query are percent-encoded as UTF-8, as they would be on the wire. Entities and transfer encodings are
 * decoded before this class sees the value (jsoup and ingest do it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param url      the URL as a client would request it (with its fragment, which stays in the client)
 * @param scheme   lower-case scheme ({@code https}, {@code cid}, {@code data}...), or {@code null} for a relative
 *                 reference that could not be resolved
 * @param host     lower-case host without port or user info, or {@code null} for non-hierarchical URLs
 * @param path     the path, raw (percent-encoded as requested), {@code ""} when absent
 * @param query    the query without {@code ?}, raw, or {@code null}
 * @param fragment the fragment without {@code #}, raw, or {@code null}
 */
record WebUrl(String url, String scheme, String host, String path, String query, String fragment) {

    /** @return true when a client would request this URL from a server: {@code http} or {@code https} with a host. */
    boolean isRemote() {
        return host != null && !host.isEmpty() && ("https".equals(scheme) || "http".equals(scheme));
    }

    /** @return the path followed by {@code ?query} when there is a query, raw. */
    String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    /**
     * @return {@link #pathAndQuery()} with percent-encoded unreserved characters decoded ({@code %6Fpen.php} is
     *         {@code open.php}): the same resource by RFC 3986 section 6.2.2.2, so a server answers both alike, and
     *         what vendor path patterns match against, so that escaping a letter does not hide a known tracker
     */
    String normalizedPathAndQuery() {
        return unreservedDecoded(pathAndQuery());
    }

    /**
     * @param s part of a URL
     * @return {@code s} with each {@code %XX} that encodes an unreserved character (ASCII letter, digit, {@code -},
     *         {@code .}, {@code _}, {@code ~}; RFC 3986 section 2.3) replaced by that character; other escapes, and
     *         stray {@code %}, left as they are
     */
    static String unreservedDecoded(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, pct);
        for (int i = pct; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && s.charAt(i + 1) < 128 && s.charAt(i + 2) < 128) {
                    char d = (char) (hi << 4 | lo);
                    if (d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '-'
                            || d == '.' || d == '_' || d == '~') {
                        b.append(d);
                        i += 2;
                        continue;
                    }
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** @return the query parameters in order, names and values percent-decoded ({@code +} kept as is). */
    List<QueryParam> params() {
        List<QueryParam> out = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        int start = 0;
        int n = query.length();
        while (start <= n) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                String pair = query.substring(start, end);
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(new QueryParam(percentDecode(rawName), percentDecode(rawValue), rawValue));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out;
    }

    /** @return the first parameter's decoded value whose name equals {@code name} ignoring case, or {@code null}. */
    String param(String name) {
        for (QueryParam p : params()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /**
     * One query parameter.
     *
     * @param name     decoded name
     * @param value    decoded value
     * @param rawValue the value as written in the URL
     */
    record QueryParam(String name, String value, String rawValue) {
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /**
     * Cleans and resolves a reference found in an attribute, CSS or header.
     *
     * @param raw  the value as decoded by the HTML/CSS parser, may be {@code null}
     * @param base the document's base URL ({@code <base href>}), already a {@link WebUrl} with a scheme, or
     *             {@code null}
     * @return the parsed URL, or {@code null} for an empty reference
     */
    static WebUrl of(String raw, WebUrl base) {
        if (raw == null) {
            return null;
        }
        String s = clean(raw);
        if (s.isEmpty()) {
            return null;
        }
        String scheme = schemeOf(s);
        if (scheme == null) {
            if (s.startsWith("//") || s.startsWith("\\\\")) {
                return parseAbsolute("https:" + s, "https");
            }
            if (base == null || base.scheme() == null || base.host() == null) {
                return new WebUrl(s, null, null, "", null, null);
            }
            return parseAbsolute(resolve(base, s), base.scheme());
        }
        return parseAbsolute(s, scheme);
    }

    /** Strips C0 controls and spaces at both ends and removes tabs and newlines anywhere (WHATWG URL parser). */
    static String clean(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && raw.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && raw.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder sb = null;
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (sb == null) {
                    sb = new StringBuilder(end - start);
                    sb.append(raw, start, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb != null ? sb.toString() : raw.substring(start, end);
    }

    /** @return the lower-case scheme when {@code s} starts with one ({@code ALPHA *( ALPHA / DIGIT / + / - / . ) :}). */
    static String schemeOf(String s) {
        int n = Math.min(s.length(), 40);
        if (n == 0 || !isAsciiLetter(s.charAt(0))) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return s.substring(0, i).toLowerCase(java.util.Locale.ROOT);
            }
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return null;
            }
        }
        return null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpecial(String scheme) {
        return "http".equals(scheme) || "https".equals(scheme) || "ftp".equals(scheme) || "ws".equals(scheme)
                || "wss".equals(scheme);
    }

    private static WebUrl parseAbsolute(String s, String scheme) {
        if (!isSpecial(scheme)) {
            // mailto:, cid:, data:, about:, tel:... : opaque, never a remote load
            return new WebUrl(s, scheme, null, "", null, null);
        }
        int i = scheme.length() + 1;
        // any run of slashes or backslashes after the scheme: http:/x, http:\\x and http:///x all mean http://x
        while (i < s.length() && (s.charAt(i) == '/' || s.charAt(i) == '\\')) {
            i++;
        }
        String rest = s.substring(i);
        int hashAt = rest.indexOf('#');
        String fragment = hashAt >= 0 ? rest.substring(hashAt + 1) : null;
        String beforeFragment = hashAt >= 0 ? rest.substring(0, hashAt) : rest;
        int qAt = beforeFragment.indexOf('?');
        String query = qAt >= 0 ? beforeFragment.substring(qAt + 1) : null;
        String authorityAndPath = qAt >= 0 ? beforeFragment.substring(0, qAt) : beforeFragment;
        authorityAndPath = authorityAndPath.replace('\\', '/');
        int slash = authorityAndPath.indexOf('/');
        String authority = slash >= 0 ? authorityAndPath.substring(0, slash) : authorityAndPath;
        String path = slash >= 0 ? authorityAndPath.substring(slash) : "/";
        String host = hostOf(authority);
        path = encodeForWire(removeDotSegments(path), true);
        if (query != null) {
            query = encodeForWire(query, false);
        }
        StringBuilder url = new StringBuilder(s.length() + 8).append(scheme).append("://").append(authority)
                .append(path);
        if (query != null) {
            url.append('?').append(query);
        }
        if (fragment != null) {
            url.append('#').append(fragment);
        }
        return new WebUrl(url.toString(), scheme, host, path, query, fragment);
    }

    private static String hostOf(String authority) {
        String a = authority;
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close > 0 ? a.substring(0, close + 1).toLowerCase(java.util.Locale.ROOT) : a;
        }
        int colon = a.indexOf(':');
        if (colon >= 0) {
            a = a.substring(0, colon);
        }
        if (a.indexOf('%') >= 0) {
            a = percentDecode(a);
        }
        a = a.toLowerCase(java.util.Locale.ROOT);
        while (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        return a;
    }

    /** RFC 3986 section 5.2.2, with the base already absolute and hierarchical. */
    private static String resolve(WebUrl base, String ref) {
        String origin = base.url().substring(0, base.url().indexOf("://") + 3) + authorityOf(base.url());
        if (ref.startsWith("/") || ref.startsWith("\\")) {
            return origin + ref;
        }
        String basePath = base.path().isEmpty() ? "/" : base.path();
        if (ref.startsWith("?")) {
            return origin + basePath + ref;
        }
        if (ref.startsWith("#")) {
            return origin + basePath + (base.query() != null ? "?" + base.query() : "") + ref;
        }
        int lastSlash = basePath.lastIndexOf('/');
        return origin + basePath.substring(0, lastSlash + 1) + ref;
    }

    private static String authorityOf(String absolute) {
        int start = absolute.indexOf("://") + 3;
        int end = start;
        while (end < absolute.length() && "/?#".indexOf(absolute.charAt(end)) < 0) {
            end++;
        }
        return absolute.substring(start, end);
    }

    private static String removeDotSegments(String path) {
        if (path.indexOf("/.") < 0) {
            return path;
        }
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (".".equals(seg) || "%2e".equalsIgnoreCase(seg)) {
                if (last) {
                    out.add("");
                }
            } else if ("..".equals(seg) || ".%2e".equalsIgnoreCase(seg) || "%2e.".equalsIgnoreCase(seg)
                    || "%2e%2e".equalsIgnoreCase(seg)) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    /** Percent-encodes what a browser would encode before sending: controls, space, quotes, brackets, non-ASCII. */
    private static String encodeForWire(String s, boolean path) {
        boolean needed = false;
        for (int i = 0; i < s.length(); i++) {
            if (mustEncode(s.charAt(i), path)) {
                needed = true;
                break;
            }
        }
        if (!needed) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!mustEncode(c, path)) {
                sb.append(c);
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean mustEncode(char c, boolean path) {
        return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c >= 0x7f
                || (path && (c == '{' || c == '}'));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Decodes {@code %XX} escapes as UTF-8 (invalid escapes are kept literally; malformed UTF-8 becomes U+FFFD). Does
     * not turn {@code +} into a space: in the URLs of e-mails {@code +} is as often a base64 character as a space.
     */
    static String percentDecode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '%' && i + 2 < utf8.length && hexVal(utf8[i + 1]) >= 0 && hexVal(utf8[i + 2]) >= 0) {
                out.write(hexVal(utf8[i + 1]) * 16 + hexVal(utf8[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexVal(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * @param offset a character offset into {@link #url()}
     * @return which part of the URL it falls in: {@code "host"}, {@code "path"}, {@code "query parameter NAME"},
     *         {@code "query"} or {@code "fragment"}
     */
    String partAt(int offset) {
        int schemeEnd = url.indexOf("://");
        int pathStart = schemeEnd < 0 ? 0 : url.indexOf('/', schemeEnd + 3);
        int qStart = url.indexOf('?');
        int hStart = url.indexOf('#');
        if (hStart >= 0 && offset > hStart) {
            return "fragment";
        }
        if (qStart >= 0 && (hStart < 0 || qStart < hStart) && offset > qStart) {
            int pairStart = url.lastIndexOf('&', offset - 1);
            pairStart = pairStart < qStart ? qStart + 1 : pairStart + 1;
            int eq = url.indexOf('=', pairStart);
            if (eq >= 0 && eq < offset) {
                return "query parameter " + percentDecode(url.substring(pairStart, eq));
            }
            return "query";
        }
        if (pathStart >= 0 && offset >= pathStart) {
            return "path";
        }
        return "host";
    }
}
