package org.pixelproof.authenticity;

import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tolerant reader of RFC 6376 section 3.2 tag-value lists ({@code a=rsa-sha256; d=example.org; ...}), used to show
 * what a signature says even when jDKIM rejects it, and to read ARC-Seal and ARC-Message-Signature headers. Linear in
 * the input; folding white space is removed from values; the first occurrence of a tag wins.
 */
final class TagList {
    /** A run of white space (compiled once: String.replaceAll compiles its regex on every call). */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** Longest input read, in characters; the rest is ignored. */
    static final int MAX_CHARS = 65_536;

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = tags;
    }

    static TagList parse(String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (value == null) {
            return new TagList(tags);
        }
        String s = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
        for (String part : s.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                continue;
            }
            String v = WHITE_SPACE.matcher(part.substring(eq + 1)).replaceAll(" ").strip();
            tags.putIfAbsent(name, v);
        }
        return new TagList(tags);
    }

    /** @return the value of {@code tag} (lower-case name), white space collapsed, or {@code null}. */
    String get(String tag) {
        return tags.get(tag);
    }

    /** @return the value with every white space removed (for base64 and colon lists), or {@code null}. */
    String compact(String tag) {
        String v = tags.get(tag);
        return v == null ? null : WHITE_SPACE.matcher(v).replaceAll("");
    }

    /** @return the value as a non-negative integer, or {@code null} when absent or not at most 18 digits. */
    Long number(String tag) {
        String v = compact(tag);
        if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(v);
    }
}
