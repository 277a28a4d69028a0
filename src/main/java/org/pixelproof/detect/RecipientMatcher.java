package org.pixelproof.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the recipient's address, in any of the encodings trackers use, inside URLs and header values.
 *
 * <p>All candidate encodings are computed once per message, when the matcher is built; each text is then cut into
 * tokens once (runs of hex digits, runs of the base64 alphabets) and the tokens are looked up, so the cost grows with
 * the text's length, not with the number of encodings. Encodings, per address, for the address in lower case and, when
 * it differs, as written in the header:
 * <ul>
 * <li>{@code plain} (case-insensitive), {@code urlencoded} ({@code %40}, also double-encoded), {@code verp}
 * ({@code local=domain}, as in VERP bounce addresses);</li>
 * <li>{@code base64} and {@code base64url}, padded or not, standing alone or inside a longer base64 payload at any of
 * the three byte alignments (only the characters that depend on the address alone are compared), and base64 payloads
 * that decode to text containing the address (base64 JSON);</li>
 * <li>{@code hex} and {@code hex-upper} of the address's UTF-8 bytes;</li>
 * <li>{@code md5}, {@code sha1}, {@code sha224}, {@code sha256}, {@code sha384}, {@code sha512} hex digests (suffix
 * {@code -upper} when written in upper case), and one level of nesting such as {@code sha256(md5)} (the outer hash of
 * the inner one's lower-case hex).</li>
 * </ul>
 * Addresses shorter than 6 characters are ignored (their encodings would match by chance).
 *
 * <p>Public for {@link #encodingsIn(String)}, which {@code authenticity} uses to refuse DKIM key lookups whose selector
 * or domain carries the recipient's address; the rest stays internal to {@code detect}.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class RecipientMatcher {

    private static final String[] HASHES = {"MD5", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"};
    private static final String[] HASH_CODES = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"};
    private static final int MIN_ADDRESS = 6;
    /** Longest base64 token decoded to look for the address in the decoded text, in characters; default 8,192. */
    private static final int MAX_DECODE = 8_192;


    /**
     * A match.
     *
     * @param value    the matched text as it appears
     * @param encoding the encoding code
     * @param offset   where it starts in the searched text
     * @param address  the lower-case address
     */
    record Match(String value, String encoding, int offset, String address) {
    }

    private record Digest(String encoding, String address) {
    }

    private record Core(String text, String encoding, String address) {
    }

    private final List<String> addresses;
    /** The encodings of one spelling of one address, computed once and shared (they are pure functions of it). */
    private record Forms(List<String[]> plain, Map<String, Digest> digests, List<Core> base64, List<Core> hex) {
    }

    /** Most address spellings whose encodings are kept between analyses; default 10,000 (emptied when full). */
    static final int MAX_CACHED_FORMS = 10_000;
    private static final BoundedCache<String, Forms> FORMS = new BoundedCache<>(MAX_CACHED_FORMS);

    private final List<String[]> plainForms = new ArrayList<>(); // {form, encoding, address}
    private final Map<String, Digest> digests = new HashMap<>(); // lower-case hex -> what it is
    private final List<Core> base64Cores = new ArrayList<>();
    private final List<Core> hexForms = new ArrayList<>();
    private final int minDigestLength;
    /** shortest base64 run worth decoding: one that can hold the shortest address (4 characters per 3 bytes) */
    private final int minDecode;

    /**
     * @param addresses the recipient addresses, as written (case kept for the original-case encodings); any string of
     *                  at least 6 characters is searched for in the same encodings (e.g. an address's local part)
     */
    public RecipientMatcher(List<String> addresses) {
        Set<String> lower = new LinkedHashSet<>();
        for (String a : addresses) {
            String t = a.trim();
            if (t.length() < MIN_ADDRESS) {
                continue;
            }
            String l = t.toLowerCase(Locale.ROOT);
            lower.add(l);
            include(forms(l, l));
            if (!t.equals(l)) {
                include(forms(t, l));
            }
        }
        this.addresses = List.copyOf(lower);
        int min = Integer.MAX_VALUE;
        for (String k : digests.keySet()) {
            min = Math.min(min, k.length());
        }
        this.minDigestLength = min;
        int shortest = Integer.MAX_VALUE;
        for (String a : this.addresses) {
            shortest = Math.min(shortest, a.length());
        }
        this.minDecode = shortest == Integer.MAX_VALUE ? Integer.MAX_VALUE : (shortest * 4 + 2) / 3;
    }

    /** @return the lower-case addresses searched for. */
    List<String> addresses() {
        return addresses;
    }

    private void include(Forms f) {
        plainForms.addAll(f.plain());
        f.digests().forEach(digests::putIfAbsent);
        base64Cores.addAll(f.base64());
        hexForms.addAll(f.hex());
    }

    private static Forms forms(String form, String address) {
        return FORMS.get(form + '\u0000' + address, k -> computeForms(form, address));
    }

    private static Forms computeForms(String form, String address) {
        List<String[]> plainForms = new ArrayList<>();
        Map<String, Digest> digests = new HashMap<>();
        List<Core> base64Cores = new ArrayList<>();
        List<Core> hexForms = new ArrayList<>();
        plainForms.add(new String[] {form.toLowerCase(Locale.ROOT), "plain", address});
        int at = form.indexOf('@');
        if (at > 0) {
            String local = form.substring(0, at).toLowerCase(Locale.ROOT);
            String domain = form.substring(at + 1).toLowerCase(Locale.ROOT);
            plainForms.add(new String[] {local + "%40" + domain, "urlencoded", address});
            plainForms.add(new String[] {local + "%2540" + domain, "urlencoded", address});
            plainForms.add(new String[] {local + "=" + domain, "verp", address});
        }
        byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
        hexForms.add(new Core(HexFormat.of().formatHex(bytes), "hex", address));
        for (int align = 0; align < 3; align++) {
            String core = base64Core(bytes, align, Base64.getEncoder());
            if (core.length() >= 6) {
                base64Cores.add(new Core(core, "base64", address));
                String url = core.replace('+', '-').replace('/', '_');
                if (!url.equals(core)) {
                    base64Cores.add(new Core(url, "base64url", address));
                }
            }
        }
        byte[][] inner = new byte[HASHES.length][];
        for (int h = 0; h < HASHES.length; h++) {
            inner[h] = digest(HASHES[h], bytes);
            digests.putIfAbsent(HexFormat.of().formatHex(inner[h]), new Digest(HASH_CODES[h], address));
        }
        for (int h = 0; h < HASHES.length; h++) {
            byte[] innerHex = HexFormat.of().formatHex(inner[h]).getBytes(StandardCharsets.US_ASCII);
            for (int o = 0; o < HASHES.length; o++) {
                digests.putIfAbsent(HexFormat.of().formatHex(digest(HASHES[o], innerHex)),
                        new Digest(HASH_CODES[o] + "(" + HASH_CODES[h] + ")", address));
            }
        }
        return new Forms(List.copyOf(plainForms), Map.copyOf(digests), List.copyOf(base64Cores),
                List.copyOf(hexForms));
    }

    /**
     * The base64 characters that depend only on the address when it starts {@code align} bytes into a 3-byte group
     * of a longer payload.
     */
    static String base64Core(byte[] bytes, int align, Base64.Encoder enc) {
        byte[] padded = new byte[align + bytes.length];
        System.arraycopy(bytes, 0, padded, align, bytes.length);
        String full = enc.encodeToString(padded);
        int skip = align == 0 ? 0 : align == 1 ? 2 : 3;
        int total = align + bytes.length;
        int rem = total % 3;
        int pureEnd = (total / 3) * 4 + (rem == 0 ? 0 : rem == 1 ? 1 : 2);
        return skip >= pureEnd ? "" : full.substring(skip, pureEnd);
    }

    private static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + alg, e);
        }
    }

    /**
     * @param text a DNS name, URL or header value, may be {@code null}
     * @return the codes of the encodings in which one of the addresses appears in {@code text} ({@code plain},
     *         {@code base64url}, {@code md5}, {@code sha256(md5)}...), in order of offset, each once; empty when none
     */
    public List<String> encodingsIn(String text) {
        List<String> out = new ArrayList<>();
        for (Match m : find(text)) {
            if (!out.contains(m.encoding())) {
                out.add(m.encoding());
            }
        }
        return out;
    }

    /** @return true when there is no address to look for. */
    boolean isEmpty() {
        return addresses.isEmpty();
    }

    /**
     * @param text a URL or header value
     * @return every match, at most one per (encoding, address), in order of offset
     */
    List<Match> find(String text) {
        List<Match> out = new ArrayList<>();
        if (addresses.isEmpty() || text == null || text.length() < MIN_ADDRESS) {
            return out;
        }
        Set<String> seen = new java.util.HashSet<>();
        String lower = CaseFold.lowerKeepingIndexes(text); // indexes found in it cut the original
        for (String[] f : plainForms) {
            int at = lower.indexOf(f[0]);
            if (at >= 0 && seen.add(f[1] + '\u0000' + f[2])) {
                out.add(new Match(text.substring(at, at + f[0].length()), f[1], at, f[2]));
            }
        }
        scanHexRuns(text, out, seen);
        scanBase64Runs(text, out, seen);
        out.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return out;
    }

    private void scanHexRuns(String text, List<Match> out, Set<String> seen) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isHex(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isHex(text.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len >= minDigestLength) {
                String run = text.substring(start, i);
                String key = run.toLowerCase(Locale.ROOT);
                Digest d = digests.get(key);
                if (d != null) {
                    boolean upper = !run.equals(key);
                    String enc = upper ? d.encoding() + "-upper" : d.encoding();
                    if (seen.add(enc + '\u0000' + d.address())) {
                        out.add(new Match(run, enc, start, d.address()));
                    }
                }
            }
            if (len >= 12) {
                String run = text.substring(start, i);
                String key = run.toLowerCase(Locale.ROOT);
                for (Core h : hexForms) {
                    int at = key.indexOf(h.text());
                    if (at >= 0) {
                        String value = run.substring(at, at + h.text().length());
                        String enc = value.equals(h.text()) ? "hex" : "hex-upper";
                        if (seen.add(enc + '\u0000' + h.address())) {
                            out.add(new Match(value, enc, start + at, h.address()));
                        }
                    }
                }
            }
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '-' || c == '_';
    }

    private void scanBase64Runs(String text, List<Match> out, Set<String> seen) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isBase64Char(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isBase64Char(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (i < n && text.charAt(i) == '=') {
                i++;
            }
            if (end - start < 8) {
                continue;
            }
            String run = text.substring(start, end);
            boolean found = false;
            boolean urlAlphabet = run.indexOf('-') >= 0 || run.indexOf('_') >= 0;
            for (Core c : base64Cores) {
                int at = run.indexOf(c.text());
                if (at >= 0) {
                    found = true;
                    String enc = urlAlphabet || "base64url".equals(c.encoding()) ? "base64url" : "base64";
                    if (seen.add(enc + '\u0000' + c.address())) {
                        out.add(new Match(run, enc, start, c.address()));
                    }
                }
            }
            if (!found && run.length() >= minDecode && run.length() <= MAX_DECODE) {
                decodedContains(run, start, out, seen);
            }
        }
    }

    /** Decodes a base64 run (either alphabet) and looks for the address, plain or URL-encoded, in the result. */
    private void decodedContains(String run, int offset, List<Match> out, Set<String> seen) {
        String std = run.replace('-', '+').replace('_', '/');
        int usable = std.length() - std.length() % 4;
        if (std.length() % 4 == 1) {
            usable = std.length() - 1;
        }
        byte[] decoded;
        try {
            String body = std.substring(0, usable);
            int rem = std.length() - usable;
            decoded = Base64.getDecoder().decode(rem == 0 ? body : std.substring(0, std.length() - rem)
                    + (rem == 2 ? "==" : rem == 3 ? "=" : ""));
        } catch (IllegalArgumentException e) {
            return;
        }
        String text = new String(decoded, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (text.indexOf('@') < 0 && text.indexOf('%') < 0) {
            return;
        }
        for (String[] f : plainForms) {
            if (!"plain".equals(f[1]) && !"urlencoded".equals(f[1])) {
                continue;
            }
            if (text.contains(f[0])) {
                String enc = run.indexOf('-') >= 0 || run.indexOf('_') >= 0 ? "base64url" : "base64";
                if (seen.add(enc + '\u0000' + f[2])) {
                    out.add(new Match(run, enc, offset, f[2]));
                }
                return;
            }
        }
    }
}
