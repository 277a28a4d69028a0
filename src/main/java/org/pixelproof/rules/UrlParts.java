package org.pixelproof.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A tolerant split of an absolute {@code http(s)} URL into the parts the rules match: lower-case host, path with
 * query (as a client requests it: {@code "/"} when the path is empty), and fragment. Unlike {@link java.net.URI} it
 * accepts the malformed URLs real mail is full of (spaces, unescaped {@code |}, raw non-ASCII). Never resolves or
 * fetches anything. Immutable.
 *
 * @param scheme       lower-case scheme, {@code http} or {@code https}
 * @param host         lower-case host name without port or user info, trailing dot removed
 * @param pathAndQuery path plus {@code ?query} when there is one, starting with {@code /}
 * @param query        the raw query without {@code ?}, or {@code null}
 * @param fragment     the raw fragment without {@code #}, or {@code null}
 */
public record UrlParts(String scheme, String host, String pathAndQuery, String query, String fragment) {

    /**
     * @param url an absolute URL, e.g. {@code https://brand.us3.list-manage.com/track/open.php?u=1}
     * @return its parts, or empty when it is not an absolute {@code http}/{@code https} URL with a host
     */
    public static Optional<UrlParts> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String s = url.strip();
        int colon = s.indexOf("://");
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String rest = s.substring(colon + 3);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '\\') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        String tail = rest.substring(end).replace('\\', '/');
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
        } else {
            int portColon = hostPort.indexOf(':');
            host = portColon >= 0 ? hostPort.substring(0, portColon) : hostPort;
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ')) {
            return Optional.empty();
        }
        String pathAndQuery = tail.isEmpty() || tail.startsWith("?") ? "/" + tail : tail;
        int q = pathAndQuery.indexOf('?');
        String query = q >= 0 ? pathAndQuery.substring(q + 1) : null;
        return Optional.of(new UrlParts(scheme, host, pathAndQuery, query, fragment));
    }

    /** @return the path without the query */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
    }

    /**
     * @param name a query parameter name, compared case-insensitively
     * @return the raw (still percent-encoded) value of its first occurrence; empty when absent
     */
    public Optional<String> rawParameter(String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq >= 0 ? pair.substring(0, eq) : pair;
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(eq >= 0 ? pair.substring(eq + 1) : "");
            }
        }
        return Optional.empty();
    }

    /**
     * Percent-decodes leniently: valid {@code %XX} sequences become bytes (read as UTF-8), anything else is kept as
     * written.
     *
     * @param s        text to decode
     * @param plusIsSpace whether {@code +} means a space, as in form-encoded query values
     * @return the decoded text
     */
    public static String percentDecode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
