package org.pixelproof.rules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rewriting added by the recipient's own mail system, not by the sender: Outlook Safe Links, Proofpoint URL
 * Defense, Mimecast, Google redirect links, webmail image proxies. PixelProof looks through them to the sender's URL
 * and never reports them as the sender's tracker.
 *
 * <p>{@link #unwrap(String)} decodes the sender's URL offline, following {@link #encoding()}:
 * <ul>
 *   <li>{@value #QUERY}: the URL is percent-encoded in the query parameter {@link #parameter()}
 *       (Safe Links {@code ?url=}, Google {@code ?q=}, Barracuda {@code ?a=}).</li>
 *   <li>{@value #QUERY_BASE64}: the parameter holds the URL in base64 (standard or URL-safe, padding optional), as
 *       Sophos' {@code ?u=} does.</li>
 *   <li>{@value #PROOFPOINT_V2}: Proofpoint URL Defense v2 {@code ?u=}: {@code -XX} stands for {@code %XX} and
 *       {@code _} for {@code /}.</li>
 *   <li>{@value #PROOFPOINT_V3}: Proofpoint URL Defense v3 {@code /v3/__<url>__;<base64>!...}: the URL is written
 *       as is, except that each {@code *} stands for the next character of the base64url-decoded block after
 *       {@code __;}, and {@code **X} for a run of them whose length is given by {@code X} ({@code A}=2, {@code B}=3 ...
 *       {@code Z}=27, {@code a}=28 ... {@code z}=53, {@code 0}=54 ... {@code 9}=63, {@code -}=64, {@code _}=65).</li>
 *   <li>{@value #FRAGMENT}: the URL follows {@code #} (Gmail's image proxy).</li>
 *   <li>{@value #PATH}: the URL is a path segment, percent-encoded or not, from the first segment that starts with
 *       {@code http:} or {@code https:} to the end (Cisco Secure Email).</li>
 *   <li>{@value #OPAQUE}: the URL is only a token on the wrapper's server (Mimecast): it cannot be decoded offline,
 *       so the finding says the wrapper hides it.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         rule id, e.g. {@code "outlook-safelinks"}
 * @param name       display name, e.g. {@code "Microsoft Defender Safe Links"}
 * @param host       compiled, anchored, case-insensitive host pattern
 * @param parameter  the query parameter holding the wrapped URL (e.g. {@code url}), or {@code null} when the URL is
 *                   carried otherwise (see {@code encoding})
 * @param encoding   how the wrapped URL is carried: one of the constants of this class
 * @param source     documentation URL, or a note of what was observed
 * @param line       line in its YAML file
 * @param path       optional compiled path pattern, matched with {@code lookingAt()} against path and query; may
 *                   be {@code null}
 * @param note       what a reader should know (e.g. "not decodable offline"), or {@code null}
 * @param examples   wrapped URLs with what they unwrap to, checked at load
 */
public record LinkWrapper(String id, String name, Pattern host, String parameter, String encoding, String source,
        int line, Pattern path, String note, List<WrapperExample> examples) {

    /** Percent-encoded URL in a query parameter. */
    public static final String QUERY = "query";
    /** Base64-encoded URL in a query parameter. */
    public static final String QUERY_BASE64 = "query-base64";
    /** Proofpoint URL Defense v2 encoding of the {@code u} parameter. */
    public static final String PROOFPOINT_V2 = "proofpoint-v2";
    /** Proofpoint URL Defense v3 encoding in the path. */
    public static final String PROOFPOINT_V3 = "proofpoint-v3";
    /** The URL after {@code #}. */
    public static final String FRAGMENT = "fragment";
    /** The URL as a path segment. */
    public static final String PATH = "path";
    /** Not decodable offline. */
    public static final String OPAQUE = "opaque";
    /** Every encoding the loader accepts. */
    public static final Set<String> ENCODINGS = Set.of(QUERY, QUERY_BASE64, PROOFPOINT_V2, PROOFPOINT_V3, FRAGMENT,
            PATH, OPAQUE);
    /** Encodings that need {@link #parameter()}. */
    public static final Set<String> PARAMETER_ENCODINGS = Set.of(QUERY, QUERY_BASE64, PROOFPOINT_V2);

    private static final Pattern V3 = Pattern.compile("/v3/__(.+?)__;([A-Za-z0-9_=-]*)!");
    private static final Pattern V3_TOKEN = Pattern.compile("\\*(\\*.)?");
    private static final String V3_RUN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public LinkWrapper {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(encoding, "encoding");
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** The original seven-component form, kept for callers written before {@code path}, {@code note}, examples. */
    public LinkWrapper(String id, String name, Pattern host, String parameter, String encoding, String source,
            int line) {
        this(id, name, host, parameter, encoding, source, line, null, null, List.of());
    }

    /**
     * @param url an absolute URL
     * @return true when the URL's host (and path, when the rule has one) is this wrapper's
     */
    public boolean matches(String url) {
        return UrlParts.parse(url)
                .filter(u -> host.matcher(u.host()).matches())
                .filter(u -> path == null || path.matcher(u.pathAndQuery()).lookingAt())
                .isPresent();
    }

    /** @return true when the wrapped URL can be recovered offline ({@code encoding} is not {@value #OPAQUE}) */
    public boolean decodable() {
        return !OPAQUE.equals(encoding);
    }

    /**
     * Recovers the sender's URL from a wrapped one, offline. Only one level is removed; see
     * {@link RuleSet#unwrap(String)} for nested wrappers.
     *
     * @param url the wrapped URL, exactly as found in the message (entities and transfer encoding already decoded)
     * @return the wrapped {@code http(s)} URL; empty when {@code url} is not this wrapper's, the wrapper is
     *         {@value #OPAQUE}, or the carried value is missing or does not decode to an absolute http(s) URL
     */
    public Optional<String> unwrap(String url) {
        if (!matches(url)) {
            return Optional.empty();
        }
        UrlParts parts = UrlParts.parse(url).orElseThrow();
        String out;
        switch (encoding) {
            case QUERY:
                out = parts.rawParameter(parameter).map(v -> UrlParts.percentDecode(v, true)).orElse(null);
                break;
            case QUERY_BASE64:
                out = parts.rawParameter(parameter).map(v -> base64(UrlParts.percentDecode(v, false))).orElse(null);
                break;
            case PROOFPOINT_V2:
                out = parts.rawParameter(parameter)
                        .map(v -> UrlParts.percentDecode(v.replace('-', '%').replace('_', '/'), false))
                        .orElse(null);
                break;
            case PROOFPOINT_V3:
                out = proofpointV3(url.strip());
                break;
            case FRAGMENT:
                out = parts.fragment();
                break;
            case PATH:
                out = fromPath(parts.pathAndQuery());
                break;
            default:
                out = null;
        }
        if (out == null) {
            return Optional.empty();
        }
        String lower = out.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(out.strip())
                : Optional.empty();
    }

    private static String base64(String v) {
        String s = v.strip().replace('-', '+').replace('_', '/');
        while (s.length() % 4 != 0) {
            s += "=";
        }
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String proofpointV3(String url) {
        Matcher m = V3.matcher(url);
        if (!m.find()) {
            return null;
        }
        String encoded = m.group(1);
        String replacements = base64(m.group(2));
        if (replacements == null) {
            return null;
        }
        int[] cps = replacements.codePoints().toArray();
        int next = 0;
        StringBuilder out = new StringBuilder();
        Matcher t = V3_TOKEN.matcher(encoded);
        int last = 0;
        while (t.find()) {
            out.append(encoded, last, t.start());
            int run = 1;
            if (t.group(1) != null) {
                int idx = V3_RUN_CHARS.indexOf(t.group(1).charAt(1));
                if (idx < 0) {
                    return null;
                }
                run = idx + 2;
            }
            if (next + run > cps.length) {
                return null;
            }
            for (int k = 0; k < run; k++) {
                out.appendCodePoint(cps[next++]);
            }
            last = t.end();
        }
        out.append(encoded.substring(last));
        return out.toString();
    }

    private static String fromPath(String pathAndQuery) {
        String[] segments = pathAndQuery.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i].toLowerCase(Locale.ROOT);
            if (seg.startsWith("http%3a") || seg.startsWith("https%3a")) {
                return UrlParts.percentDecode(String.join("/", java.util.Arrays.copyOfRange(segments, i,
                        segments.length)), false);
            }
            if (seg.equals("http:") || seg.equals("https:")) {
                return String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
            }
        }
        return null;
    }
}
