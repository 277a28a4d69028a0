package org.pixelproof.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One URL shape of a vendor. A URL matches when its host matches {@link #host()} and its path (with query) matches
 * {@link #path()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id     unique rule id, reported with each finding it produced (e.g. {@code "mailchimp.open"})
 * @param kind   open pixel, click redirector or plain asset
 * @param host   compiled, case-insensitive, anchored host pattern (from the YAML {@code host} glob, where {@code *.}
 *               matches any brand subdomain, or {@code hostRegex})
 * @param path   compiled path-and-query pattern, matched with {@code find()} from the start of the path; {@code null}
 *               when any path matches
 * @param source where the pattern comes from: the vendor's documentation URL, or a note of what was observed and where
 * @param line   the line of the pattern in its YAML file, for error messages
 */
public record VendorPattern(String id, PatternKind kind, Pattern host, Pattern path, String source, int line) {
    public VendorPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param host lower-case host name
     * @param pathAndQuery the URL's path with its query (e.g. {@code "/track/open.php?u=1"}), never null
     * @return true when both patterns match
     */
    public boolean matches(String host, String pathAndQuery) {
        return this.host.matcher(host).matches() && (path == null || path.matcher(pathAndQuery).lookingAt());
    }
}
