package org.pixelproof.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pixelproof.rules.LinkWrapper;
import org.pixelproof.rules.RuleSet;

/**
 * Looks through the rewritings of the recipient's own mail system (link wrappers) and decodes, offline, the real
 * destination that a redirector carries in its URL.
 *
 * <p>Destinations are read from: a query parameter whose value is a URL (the rule set's {@code destination}
 * parameters first), a base64 or base64url parameter or path segment that decodes to a URL or to JSON holding one, a
 * percent-encoded URL in the path ({@code /L0/https:%2F%2Fexample.com%2F...}, as Amazon SES click tracking writes it),
 * or a plain URL after a path prefix; then again in the destination found, for nested redirectors, at most
 * {@link #MAX_NESTING} levels. Nothing is fetched. The wrappers' host patterns are tried once per distinct host (at most
 * {@link #MAX_CACHED_HOSTS} hosts cached). Thread-safe.
 */
final class LinkDecoder {

    /** Deepest chain of wrappers or redirectors followed; default 4. */
    static final int MAX_NESTING = 4;
    /** Longest token decoded as base64, in characters; default 8,192. */
    static final int MAX_BASE64 = 8_192;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DESTINATION_KEYS = Set.of("url", "href", "u", "dest", "destination", "target",
            "link", "redirect", "redirect_url", "redirecturl", "r", "to", "goto", "next", "l", "original_url",
            "originalurl", "q");

    /**
     * A URL seen through the recipient-side wrappers.
     *
     * @param url       the sender's URL (the input when nothing was wrapped), or {@code null} when a wrapper hides
     *                  it completely
     * @param wrapperId the outermost wrapper's rule id, or {@code null}
     */
    record Unwrapped(WebUrl url, String wrapperId) {
    }

    /** Most hosts whose matching wrappers are cached; default 20,000 (the cache is emptied when full). */
    static final int MAX_CACHED_HOSTS = 20_000;

    private final List<LinkWrapper> wrappers;
    private final List<java.util.regex.Pattern> destinationParams;
    /** Per host, the wrappers whose host pattern matches it, in rule order (most hosts: none). */
    private final BoundedCache<String, List<LinkWrapper>> wrappersByHost = new BoundedCache<>(MAX_CACHED_HOSTS);

    LinkDecoder(RuleSet rules) {
        this.wrappers = rules.linkWrappers();
        this.destinationParams = rules.trackingParameters().stream()
                .filter(p -> "destination".equals(p.scope())).map(p -> p.name()).toList();
    }

    /**
     * Removes every recipient-side wrapper, outermost first, with the rule set's decoders
     * ({@link LinkWrapper#unwrap(String)}: query, base64 query, Proofpoint v2 and v3, fragment, path; opaque
     * wrappers such as Mimecast hide the URL).
     *
     * @return the sender's URL and the outermost wrapper's id
     */
    Unwrapped unwrap(WebUrl url) {
        String wrapper = null;
        WebUrl current = url;
        for (int depth = 0; depth < MAX_NESTING && current != null && current.host() != null; depth++) {
            LinkWrapper w = wrapperOf(current);
            if (w == null) {
                break;
            }
            if (wrapper == null) {
                wrapper = w.id();
            }
            String inner = w.unwrap(current.url()).orElse(null);
            if (inner == null) {
                return new Unwrapped(null, wrapper);
            }
            current = WebUrl.of(inner, null);
        }
        return new Unwrapped(current, wrapper);
    }

    private LinkWrapper wrapperOf(WebUrl url) {
        // the host first, once per distinct host: false for nearly every URL
        for (LinkWrapper w : wrappersOfHost(url.host())) {
            if (w.matches(url.url())) {
                return w;
            }
        }
        return null;
    }

    private List<LinkWrapper> wrappersOfHost(String host) {
        return wrappersByHost.get(host, h -> {
            List<LinkWrapper> found = new ArrayList<>(1);
            for (LinkWrapper w : wrappers) {
                if (w.host().matcher(h).matches()) {
                    found.add(w);
                }
            }
            return found.isEmpty() ? List.of() : List.copyOf(found);
        });
    }

    /**
     * @param url a link (already unwrapped)
     * @return the destination it redirects to, decoded offline, or {@code null} when the URL does not carry it
     */
    String destination(WebUrl url) {
        String found = null;
        WebUrl current = url;
        for (int depth = 0; depth < MAX_NESTING && current != null && current.host() != null; depth++) {
            String next = destinationOnce(current);
            if (next == null) {
                break;
            }
            found = next;
            current = WebUrl.of(next.startsWith("www.") ? "https://" + next : next, null);
        }
        return found;
    }

    private String destinationOnce(WebUrl url) {
        List<WebUrl.QueryParam> params = url.params();
        // 1. a declared destination parameter holding a URL
        for (WebUrl.QueryParam p : params) {
            if (isDestinationParam(p.name()) && looksLikeUrl(p.value())) {
                return p.value();
            }
        }
        // 2. any parameter holding a URL, plainly or in base64 / base64 JSON
        for (WebUrl.QueryParam p : params) {
            if (looksLikeUrl(p.value())) {
                return p.value();
            }
        }
        for (WebUrl.QueryParam p : params) {
            String d = fromBase64(p.rawValue());
            if (d != null) {
                return d;
            }
        }
        // 3. the path: an encoded URL, a plain URL, or a base64 segment
        String inPath = urlInPath(url);
        if (inPath != null) {
            return inPath;
        }
        for (String seg : url.path().split("/")) {
            if (seg.length() >= 16) {
                String d = fromBase64(seg);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private boolean isDestinationParam(String name) {
        for (java.util.regex.Pattern p : destinationParams) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return DESTINATION_KEYS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A URL written in the path, percent-encoded in one segment or plainly up to the end. */
    private static String urlInPath(WebUrl url) {
        String path = url.path();
        String lower = CaseFold.lowerKeepingIndexes(path);
        int at = indexOfScheme(lower);
        if (at < 0) {
            return null;
        }
        String rest = path.substring(at);
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (restLower.startsWith("http://") || restLower.startsWith("https://")) {
            // plain URL: it runs to the end, query included
            String plain = url.query() != null ? rest + "?" + url.query() : rest;
            return plain;
        }
        if (restLower.startsWith("http:/") || restLower.startsWith("https:/")) {
            // a client or CMS collapsed the double slash: http:/example.com/...
            int colon = rest.indexOf(':');
            String plain = rest.substring(0, colon + 1) + "/" + rest.substring(colon + 1);
            return url.query() != null ? plain + "?" + url.query() : plain;
        }
        // percent-encoded in one segment: https:%2F%2Fexample.com%2Fa or https%3A%2F%2F...
        int slash = rest.indexOf('/');
        String seg = slash < 0 ? rest : rest.substring(0, slash);
        String decoded = WebUrl.percentDecode(seg);
        return looksLikeUrl(decoded) ? decoded : null;
    }

    private static int indexOfScheme(String lower) {
        int a = lower.indexOf("/http");
        while (a >= 0) {
            String r = lower.substring(a + 1);
            if (r.startsWith("https:") || r.startsWith("http:") || r.startsWith("https%3a") || r.startsWith("http%3a")) {
                return a + 1;
            }
            a = lower.indexOf("/http", a + 1);
        }
        return -1;
    }

    /** @return a URL decoded from a base64 token (plain or JSON), or {@code null}. */
    static String fromBase64(String token) {
        if (token == null || token.length() < 16 || token.length() > MAX_BASE64) {
            return null;
        }
        String t = WebUrl.percentDecode(token);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '-' || c == '_' || c == '=')) {
                return null;
            }
        }
        byte[] bytes;
        try {
            String std = t.replace('-', '+').replace('_', '/');
            int eq = std.indexOf('=');
            if (eq >= 0) {
                std = std.substring(0, eq);
            }
            if (std.length() % 4 == 1) {
                return null;
            }
            bytes = Base64.getDecoder().decode(pad(std));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (looksLikeUrl(text)) {
            int end = 0;
            while (end < text.length() && text.charAt(end) > ' ') {
                end++;
            }
            return text.substring(0, end);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                return urlInJson(JSON.readTree(text), 0);
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    private static String urlInJson(JsonNode node, int depth) {
        if (node == null || depth > 8) {
            return null;
        }
        if (node.isTextual()) {
            return looksLikeUrl(node.asText()) ? node.asText() : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (DESTINATION_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT)) && e.getValue().isTextual()
                        && looksLikeUrl(e.getValue().asText())) {
                    return e.getValue().asText();
                }
            }
        }
        for (JsonNode child : node) {
            String found = urlInJson(child, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * @param url a link (already unwrapped)
     * @return the raw text of the URL that holds the first-level destination (a query value, a path segment, or the
     *         path from the encoded URL on), or {@code null} when {@link #destination} finds none; its tokens are the
     *         destination's, not per-recipient ones
     */
    String destinationCarrier(WebUrl url) {
        List<WebUrl.QueryParam> params = url.params();
        for (WebUrl.QueryParam p : params) {
            if (isDestinationParam(p.name()) && looksLikeUrl(p.value())) {
                return p.rawValue();
            }
        }
        for (WebUrl.QueryParam p : params) {
            if (looksLikeUrl(p.value())) {
                return p.rawValue();
            }
        }
        for (WebUrl.QueryParam p : params) {
            if (fromBase64(p.rawValue()) != null) {
                return p.rawValue();
            }
        }
        String path = url.path();
        int at = indexOfScheme(CaseFold.lowerKeepingIndexes(path));
        if (at >= 0 && urlInPath(url) != null) {
            String rest = path.substring(at);
            String restLower = rest.toLowerCase(Locale.ROOT);
            if (restLower.startsWith("http:/") || restLower.startsWith("https:/")) {
                return url.query() != null ? rest + "?" + url.query() : rest;
            }
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        for (String seg : path.split("/")) {
            if (seg.length() >= 16 && fromBase64(seg) != null) {
                return seg;
            }
        }
        return null;
    }

    /** JSON keys that name the message, delivery or recipient in an ESP's base64 JSON token. */
    private static final java.util.regex.Pattern ID_KEYS = java.util.regex.Pattern.compile(
            "(?i)(?:email|message|msg|delivery|recipient|subscriber|contact|customer|user|person|profile|member|lead)"
                    + "_?id|eid|rid|uid|sk|subscriber_?key");

    /**
     * Reads the identifier fields of a base64 or base64url JSON token, as Customer.io writes
     * {@code {"email_id":"..."}} in its open and click paths.
     *
     * @param token a path segment or query value
     * @return {@code key=value} for each identifier field (message, delivery, recipient, subscriber...), in order;
     *         empty when the token is not base64 JSON or holds none
     */
    static List<String> idsInBase64Json(String token) {
        String text = base64Text(token);
        return text == null ? List.of() : idsInJson(text);
    }

    /**
     * @param text decoded text
     * @return {@code key=value} for each identifier field of a JSON object, in order; empty when not JSON
     */
    static List<String> idsInJson(String text) {
        if (!text.startsWith("{")) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        try {
            JsonNode node = JSON.readTree(text);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull() && ID_KEYS.matcher(e.getKey()).matches()) {
                    out.add(e.getKey() + "=" + e.getValue().asText());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /**
     * @param token a path segment or query value
     * @return true when the token is base64 (either alphabet) of readable text: a word, a label, a URL, a path. Such a
     *         token encodes content (a link label, the link's own destination), not an opaque per-recipient id
     */
    static boolean isBase64OfText(String token) {
        String text = base64Text(token);
        return text != null && isReadableText(text);
    }

    /** @return true when decoded text reads as text (words, a label, a URL, a path), not as JSON or binary. */
    static boolean isReadableText(String text) {
        if (text.length() < 6 || text.startsWith("{") || text.startsWith("[")) {
            return false;
        }
        int readable = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            }
            if (Character.isLetterOrDigit(c) || " .,:;/-_?&=%+'!()#@".indexOf(c) >= 0) {
                readable++;
            }
        }
        if (readable < text.length() || letters * 2 < text.length()) {
            return false;
        }
        // text, not a random id spelled in ASCII: words separated by spaces or URL punctuation, or a URL
        return looksLikeUrl(text) || text.indexOf(' ') > 0 || text.indexOf('/') >= 0 || text.indexOf('.') > 0;
    }

    /** @return the UTF-8 text a base64 or base64url token decodes to, or {@code null} (not base64, not UTF-8). */
    static String base64Text(String token) {
        if (token == null || token.length() < 8 || token.length() > MAX_BASE64) {
            return null;
        }
        String t = WebUrl.percentDecode(token);
        String std = t.replace('-', '+').replace('_', '/');
        int eq = std.indexOf('=');
        if (eq >= 0) {
            std = std.substring(0, eq);
        }
        for (int i = 0; i < std.length(); i++) {
            char c = std.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/')) {
                return null;
            }
        }
        if (std.length() % 4 == 1) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(pad(std));
            java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString().trim();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    static String pad(String b64) {
        int rem = b64.length() % 4;
        return rem == 0 ? b64 : b64 + "===".substring(0, 4 - rem);
    }

    static boolean looksLikeUrl(String v) {
        if (v == null || v.length() < 8) {
            return false;
        }
        String l = v.length() > 8 ? v.substring(0, 8).toLowerCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://") || (l.startsWith("www.") && v.indexOf('.', 4) > 4);
    }

}
