package org.pixelproof.preview;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pixelproof.detect.Link;
import org.pixelproof.detect.ReferenceUrls;
import org.pixelproof.detect.Tracker;

/**
 * Looks up the references of an HTML body among the trackers and links found by {@code detect}, and reads hosts and
 * schemes without ever resolving a name: only {@link URI} and regular expressions, never the URL class (whose
 * {@code equals} does DNS lookups). Not thread-safe (one instance per rendering).
 */
final class UrlRefs {
    private static final Pattern HOST = Pattern.compile(
            "^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//(?:[^/?#@]*@)?(\\[[^]]*]|[^/?#:]*)");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern CONTROL = Pattern.compile("[\\t\\n\\r]");

    private final Map<String, Tracker> trackers = new HashMap<>();
    private final Map<String, Link> links = new HashMap<>();
    private final URI base;
    private final String baseHref;

    UrlRefs(List<Tracker> trackerList, List<Link> linkList, String baseHref) {
        for (Tracker t : trackerList) {
            if (!t.url().startsWith("header:")) {
                trackers.putIfAbsent(t.url().trim(), t);
            }
        }
        for (Link l : linkList) {
            links.putIfAbsent(l.url().trim(), l);
        }
        this.base = parseBase(baseHref);
        this.baseHref = baseHref;
    }

    private static URI parseBase(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(CONTROL.matcher(href.trim()).replaceAll(""));
            return u.isAbsolute() ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** @return the reference resolved against {@code <base href>} when there is one, else as written (trimmed). */
    String resolve(String ref) {
        String r = CONTROL.matcher(ref.trim()).replaceAll("");
        if (base == null || scheme(r) != null) {
            return r;
        }
        try {
            return base.resolve(new URI(r)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return r;
        }
    }

    /**
     * @return the tracker whose URL is this reference, as written, resolved, or read as {@code detect} reads it
     *         ({@link ReferenceUrls#asListed}), or {@code null}
     */
    Tracker tracker(String ref) {
        if (ref == null) {
            return null;
        }
        Tracker t = trackers.get(ref.trim());
        if (t == null) {
            t = trackers.get(resolve(ref));
        }
        if (t == null && !trackers.isEmpty()) {
            String listed = ReferenceUrls.asListed(ref, baseHref);
            t = listed == null ? null : trackers.get(listed);
        }
        return t;
    }

    /**
     * @return the link whose URL is this reference, as written, resolved, or read as {@code detect} reads it
     *         ({@link ReferenceUrls#asListed}), or {@code null}
     */
    Link link(String ref) {
        if (ref == null) {
            return null;
        }
        Link l = links.get(ref.trim());
        if (l == null) {
            l = links.get(resolve(ref));
        }
        if (l == null && !links.isEmpty()) {
            String listed = ReferenceUrls.asListed(ref, baseHref);
            l = listed == null ? null : links.get(listed);
        }
        return l;
    }

    /** @return the tracker with this id, or {@code null}. */
    Tracker trackerById(String id) {
        if (id == null) {
            return null;
        }
        for (Tracker t : trackers.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** @return the lower-case host of an absolute or scheme-relative URL, else {@code null}. Never resolves it. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HOST.matcher(url.trim());
        if (!m.find()) {
            return null;
        }
        String h = m.group(1).toLowerCase(Locale.ROOT);
        return h.isEmpty() ? null : h;
    }

    /** @return the lower-case scheme ({@code https}, {@code cid}, {@code data}...), or {@code null} for none. */
    static String scheme(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = SCHEME.matcher(url.trim());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** @return {@code url} cut to {@code max} characters with an ellipsis. */
    static String cut(String url, int max) {
        return url.length() <= max ? url : url.substring(0, max - 1) + "\u2026";
    }
}
