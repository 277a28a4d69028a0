package org.pixelproof.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pixelproof.rules.HostGlob;
import org.pixelproof.rules.PatternPrefilter;
import org.pixelproof.rules.PatternKind;
import org.pixelproof.rules.RuleSet;
import org.pixelproof.rules.Vendor;
import org.pixelproof.rules.VendorPattern;

/**
 * Matches URLs against the vendor patterns of the rule set, fast enough to run on every URL of every message.
 *
 * <p>Host patterns are evaluated once per distinct host (results are cached, at most {@link #MAX_CACHED_HOSTS} hosts,
 * the cache being emptied when full), then only the path patterns of the vendors whose host matched are tried.
 * A host is tried only against the host patterns whose required literals it holds ({@link PatternPrefilter}), so a
 * message with thousands of distinct hosts costs one scan of each. Catch-all patterns (any host, a vendor path) are indexed by the first path segment of their literal beginning
 * ({@code /wf/open?upn=} under {@code wf}): a URL tries those of its own first segment and the few whose first
 * segment is not a literal ({@code /(?:tr|mk)/op/...}). For
 * the "vendor path shape on a brand subdomain" signal, the patterns whose path starts with a distinctive literal of at
 * least {@link #MIN_SHAPE_LITERAL} characters over at least two path segments (e.g. {@code /track/open.php},
 * {@code /wf/open}; not a lone {@code /redirect/}) are indexed by their first path segment and tried on URLs of any
 * host.
 *
 * <p>Thread-safe.
 */
final class VendorIndex {

    /** Most hosts whose matching patterns are cached; default 20,000. */
    static final int MAX_CACHED_HOSTS = 20_000;

    /** Shortest literal path prefix for a pattern to count as a recognisable path shape; default 7 characters. */
    static final int MIN_SHAPE_LITERAL = 7;

    /**
     * A match of a URL with a vendor pattern.
     *
     * @param vendor      the vendor
     * @param pattern     the pattern
     * @param hostMatched true when the host matched the vendor's host pattern; false for a path shape alone
     * @param anyHost     true when the pattern accepts any host (glob {@code *} with a path, for ESPs that serve
     *                    tracking from their customers' own domains): a rule match, but not the vendor's own host
     */
    record VendorMatch(Vendor vendor, VendorPattern pattern, boolean hostMatched, boolean anyHost) {
        /** @return true when the host is the vendor's own (not a catch-all pattern). */
        boolean vendorHost() {
            return hostMatched && !anyHost;
        }

        PatternKind kind() {
            return pattern.kind();
        }
    }

    /** A pattern of a vendor; {@code order} is its rank in the rule set. */
    private record Entry(Vendor vendor, VendorPattern pattern, boolean anyHost, int order) {
    }

    /** A host no real pattern names: a pattern that matches it accepts any host. */
    private static final String SENTINEL_HOST = "pixelproof-sentinel-host.invalid";

    private final List<Entry> entries = new ArrayList<>();
    /**
     * Catch-all entries (any host) whose path starts with a whole literal first segment, by that segment in lower
     * case: only those of the URL's own first segment are tried.
     */
    private final Map<String, List<Entry>> anyHostByFirstSegment = new HashMap<>();
    /** Catch-all entries whose first path segment is not a literal: tried on every URL. */
    private final List<Entry> anyHostEverywhere = new ArrayList<>();
    private final Map<String, List<Entry>> shapeByFirstSegment = new HashMap<>();
    private final BoundedCache<String, List<Entry>> hostCache = new BoundedCache<>(MAX_CACHED_HOSTS);
    /** The host patterns of {@link #entries}, in order: a host tries only those whose literals it holds. */
    private final PatternPrefilter hostFilter;
    private final Map<String, List<Vendor>> vendorsByHeader = new HashMap<>();
    /** The vendors' legal names, as {@link FooterReader#nameKey} keys. */
    private final Set<String> legalNameKeys = new HashSet<>();

    VendorIndex(RuleSet rules) {
        int order = 0;
        for (Vendor v : rules.vendors()) {
            if (v.legalName() != null) {
                legalNameKeys.add(FooterReader.nameKey(v.legalName()));
            }
            for (VendorPattern p : v.patterns()) {
                Entry e = new Entry(v, p, p.host().matcher(SENTINEL_HOST).matches(), order++);
                if (e.anyHost()) {
                    String seg = p.path() == null ? null : wholeFirstSegment(literalPrefix(p.path().pattern()));
                    if (seg == null) {
                        anyHostEverywhere.add(e);
                    } else {
                        anyHostByFirstSegment.computeIfAbsent(seg, k -> new ArrayList<>()).add(e);
                    }
                } else {
                    entries.add(e);
                }
                // a confirmation endpoint counts on its vendor's own hosts only, never as a path shape elsewhere
                if (p.path() != null && p.kind() != PatternKind.ASSET && p.kind() != PatternKind.CONFIRM) {
                    String literal = literalPrefix(p.path().pattern());
                    if (literal.length() >= MIN_SHAPE_LITERAL && literal.startsWith("/") && segments(literal) >= 2) {
                        String seg = firstSegment(literal);
                        if (!seg.isEmpty()) {
                            shapeByFirstSegment.computeIfAbsent(seg, k -> new ArrayList<>()).add(e);
                        }
                    }
                }
            }
            for (String h : v.headers()) {
                vendorsByHeader.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(v);
            }
        }
        this.hostFilter = hostFilterOf(entries);
    }

    private static PatternPrefilter hostFilterOf(List<Entry> entries) {
        return PatternPrefilter.of(entries.stream().map(e -> HostGlob.prefilterForm(e.pattern().host())).toList());
    }

    /**
     * @param url a remote URL
     * @return the matching patterns: those whose host and path match first (in rule order), then path shapes on other
     *         hosts; empty when none
     */
    List<VendorMatch> match(WebUrl url) {
        if (url == null || url.host() == null) {
            return List.of();
        }
        String pq = url.normalizedPathAndQuery();
        String path = WebUrl.unreservedDecoded(url.path());
        List<VendorMatch> out = new ArrayList<>(2);
        // the vendor's own hosts first, catch-all host patterns (any brand domain) after them, in rule order
        for (Entry e : hostEntries(url.host())) {
            if (e.pattern().path() == null || e.pattern().path().matcher(pq).lookingAt()) {
                out.add(new VendorMatch(e.vendor(), e.pattern(), true, false));
            }
        }
        List<Entry> bySegment = anyHostByFirstSegment.get(firstSegment(path).toLowerCase(Locale.ROOT));
        List<Entry> anyHost = new ArrayList<>(0);
        for (List<Entry> list : bySegment == null ? List.of(anyHostEverywhere)
                : List.of(bySegment, anyHostEverywhere)) {
            for (Entry e : list) {
                if (e.pattern().path() == null || e.pattern().path().matcher(pq).lookingAt()) {
                    anyHost.add(e);
                }
            }
        }
        anyHost.sort(Comparator.comparingInt(Entry::order)); // rule order, as the two lists interleave
        for (Entry e : anyHost) {
            out.add(new VendorMatch(e.vendor(), e.pattern(), true, true));
        }
        if (out.isEmpty()) {
            List<Entry> shapes = shapeByFirstSegment.get(firstSegment(path).toLowerCase(Locale.ROOT));
            if (shapes != null) {
                for (Entry e : shapes) {
                    if (e.pattern().path().matcher(pq).lookingAt()) {
                        out.add(new VendorMatch(e.vendor(), e.pattern(), false, false));
                    }
                }
            }
        }
        return out;
    }

    /** @return the vendors whose host patterns match {@code host} (any kind), e.g. for a Return-Path domain. */
    /**
     * @param name a company name as a footer writes it
     * @return true when it is the legal name of a vendor of the rule set ("CleverReach GmbH & Co. KG"), compared by
     *         {@link FooterReader#nameKey} (case, accents, spaces and punctuation ignored)
     */
    boolean isVendorLegalName(String name) {
        return legalNameKeys.contains(FooterReader.nameKey(name));
    }

    List<Vendor> vendorsOfHost(String host) {
        List<Vendor> out = new ArrayList<>();
        for (Entry e : hostEntries(host)) {
            if (!e.anyHost() && !out.contains(e.vendor())) {
                out.add(e.vendor());
            }
        }
        return out;
    }

    /** @return the vendors that declare this header name as theirs. */
    List<Vendor> vendorsOfHeader(String headerName) {
        return vendorsByHeader.getOrDefault(headerName.toLowerCase(Locale.ROOT), List.of());
    }

    private List<Entry> hostEntries(String host) {
        return hostCache.get(host, h -> {
            List<Entry> found = new ArrayList<>(1);
            PatternPrefilter.Candidates may = hostFilter.candidates(h);
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                if (may.mayMatch(k) && e.pattern().host().matcher(h).matches()) {
                    found.add(e);
                }
            }
            return found.isEmpty() ? List.of() : List.copyOf(found);
        });
    }

    /** @return the number of complete, non-empty path segments of a literal ({@code /wf/open} has 2). */
    private static int segments(String literal) {
        int n = 0;
        for (String seg : literal.split("/")) {
            if (!seg.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param literal a path pattern's literal beginning
     * @return its first segment in lower case when the literal holds it whole (followed by {@code /} or {@code ?}),
     *         else {@code null}
     */
    static String wholeFirstSegment(String literal) {
        if (!literal.startsWith("/")) {
            return null;
        }
        int end = 1;
        while (end < literal.length() && literal.charAt(end) != '/' && literal.charAt(end) != '?') {
            end++;
        }
        return end > 1 && end < literal.length() ? literal.substring(1, end).toLowerCase(Locale.ROOT) : null;
    }

    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = start;
        while (end < path.length() && path.charAt(end) != '/' && path.charAt(end) != '?') {
            end++;
        }
        return path.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /**
     * @param regex a path regex such as {@code ^/track/open\.php}
     * @return its literal beginning ({@code /track/open.php}), stopping at the first metacharacter
     */
    static String literalPrefix(String regex) {
        StringBuilder sb = new StringBuilder();
        int i = regex.startsWith("^") ? 1 : 0;
        if (regex.startsWith("\\Q", i)) {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.substring(i + 2) : regex.substring(i + 2, end);
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char d = regex.charAt(i + 1);
                if ("./?-_=&+()[]{}*|^$#".indexOf(d) >= 0) {
                    sb.append(d);
                    i += 2;
                    continue;
                }
                break;
            }
            if (Character.isLetterOrDigit(c) || c == '/' || c == '-' || c == '_' || c == '=' || c == '&'
                    || c == ',' || c == '~' || c == '%' || c == ':') {
                sb.append(c);
                i++;
                continue;
            }
            break;
        }
        // a quantifier applies to the last literal character: drop it
        if (i < regex.length() && "?*{".indexOf(regex.charAt(i)) >= 0 && sb.length() > 0) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
