package org.pixelproof.rules;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One URL shape of a vendor. A URL matches when its host matches {@link #host()} and its path (with query) matches
 * {@link #path()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          unique rule id, reported with each finding it produced (e.g. {@code "mailchimp.open"})
 * @param kind        open pixel, click redirector or plain asset
 * @param host        compiled, case-insensitive, anchored host pattern (from the YAML {@code host} glob, where
 *                    {@code *.} matches any brand subdomain, see {@link HostGlob}, or {@code hostRegex})
 * @param path        compiled path-and-query pattern, matched with {@code lookingAt()} from the start of the path;
 *                    {@code null} when any path matches
 * @param source      where the pattern comes from: the vendor's documentation URL, or a note of what was observed
 *                    and where
 * @param line        the line of the pattern in its YAML file, for error messages
 * @param hostRule    the host rule as written: the glob (e.g. {@code "*.list-manage.com"}), or {@code "regex:"}
 *                    followed by the {@code hostRegex}; for display in findings and the dossier
 * @param specificity how precise the host rule is ({@link HostGlob#specificity}); when several patterns match one
 *                    URL, {@link RuleSet#matchVendor(String, String)} keeps the most specific
 * @param examples    example URLs from the YAML, each of which matches this pattern (checked at load)
 * @param recipientPath where, in the path and query, the vendor puts the recipient's id: a pattern matched with
 *                    {@code lookingAt()} from the start of the path whose group 1 is the id (YAML
 *                    {@code recipientPath}, e.g. rapidmail's {@code /o/<account>/<mailing>/<n>/<n>/(<recipient>)/});
 *                    {@code null} when the vendor's URLs carry no id at a known place, or none outside named query
 *                    parameters (those are declared in {@code tracking-parameters.yaml})
 * @param sharedPath  where, in the path and query, the vendor puts ids that are the same for every recipient of a
 *                    message (a campaign, creative or content-block id): a pattern matched with {@code lookingAt()}
 *                    from the start of the path whose every capturing group is such a part (YAML
 *                    {@code sharedPath}, e.g. Movable Ink's {@code /p/rp/(<16 hex>).png}); a high-entropy token lying
 *                    inside one is not a per-recipient token. {@code null} when the vendor declares none
 */
public record VendorPattern(String id, PatternKind kind, Pattern host, Pattern path, String source, int line,
        String hostRule, int specificity, List<String> examples, Pattern recipientPath, Pattern sharedPath) {

    public VendorPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
        hostRule = hostRule == null ? "regex:" + host.pattern() : hostRule;
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** The form without {@code sharedPath} ({@code null}). */
    public VendorPattern(String id, PatternKind kind, Pattern host, Pattern path, String source, int line,
            String hostRule, int specificity, List<String> examples, Pattern recipientPath) {
        this(id, kind, host, path, source, line, hostRule, specificity, examples, recipientPath, null);
    }

    /** The form without {@code recipientPath} nor {@code sharedPath} ({@code null}). */
    public VendorPattern(String id, PatternKind kind, Pattern host, Pattern path, String source, int line,
            String hostRule, int specificity, List<String> examples) {
        this(id, kind, host, path, source, line, hostRule, specificity, examples, null, null);
    }

    /**
     * The original six-component form, kept for callers written before {@code hostRule}, {@code specificity} and
     * {@code examples} were added; the host rule is then shown as its regex and ranks like a fixed-domain glob.
     */
    public VendorPattern(String id, PatternKind kind, Pattern host, Pattern path, String source, int line) {
        this(id, kind, host, path, source, line, null, HostGlob.specificity(null, host.pattern()), List.of());
    }

    /**
     * @param host lower-case host name
     * @param pathAndQuery the URL's path with its query (e.g. {@code "/track/open.php?u=1"}), never null
     * @return true when both patterns match
     */
    public boolean matches(String host, String pathAndQuery) {
        return this.host.matcher(host).matches() && (path == null || path.matcher(pathAndQuery).lookingAt());
    }

    /**
     * @param url an absolute URL as a mail client would request it
     * @return true when the URL parses (see {@link UrlParts#parse}) and matches
     */
    public boolean matchesUrl(String url) {
        return UrlParts.parse(url).map(u -> matches(u.host(), u.pathAndQuery())).orElse(false);
    }

    /**
     * @param pathAndQuery the URL's path with its query, never null
     * @return the recipient's id that {@link #recipientPath()} finds there (group 1), or {@code null} when there is no
     *         such pattern or it does not match
     */
    public String recipientId(String pathAndQuery) {
        if (recipientPath == null) {
            return null;
        }
        java.util.regex.Matcher m = recipientPath.matcher(pathAndQuery);
        return m.lookingAt() && m.groupCount() >= 1 ? m.group(1) : null;
    }

    /**
     * @param pathAndQuery the URL's path with its query, never null
     * @return the parts that {@link #sharedPath()} finds there (its groups that took part in the match, in order,
     *         empty ones left out): ids the vendor generates the same for every recipient; an empty list when there is
     *         no such pattern or it does not match
     */
    public List<String> sharedParts(String pathAndQuery) {
        if (sharedPath == null) {
            return List.of();
        }
        java.util.regex.Matcher m = sharedPath.matcher(pathAndQuery);
        if (!m.lookingAt()) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(m.groupCount());
        for (int g = 1; g <= m.groupCount(); g++) {
            String part = m.group(g);
            if (part != null && !part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** @return true when the host rule is {@code *} (any host: the path shape alone identifies the vendor) */
    public boolean anyHost() {
        return specificity == 0;
    }

    /**
     * @return true when the host rule is {@code *} or ends with {@code .*} (e.g. Mailgun's {@code email.*}): a shape
     *         that an ESP serves from its customers' brand domains, and that yields to any vendor's own tracking
     *         host in {@link RuleSet#matchVendor(String, String)}
     */
    public boolean brandDomainShape() {
        return specificity < 2000;
    }
}
