package org.pixelproof.detect;

/**
 * Reads a reference of an HTML attribute the way {@code detect} lists it, so that other stages (the safe preview, the
 * cleaned copy) can find the {@link Tracker} or {@link Link} of an element even when the attribute is written
 * differently from the listed URL (spaces or newlines inside it, a scheme-relative {@code //host/...}, a relative
 * reference under {@code <base href>}). Pure string work: never resolves a host, never dereferences anything.
 * Stateless and thread-safe.
 */
public final class ReferenceUrls {

    private ReferenceUrls() {
    }

    /**
     * @param raw      an attribute's value, HTML entities decoded (as jsoup gives it), may be {@code null}
     * @param baseHref the document's {@code <base href>}, or {@code null}
     * @return the URL as {@link Link#url()} and {@link Tracker#url()} write it (WHATWG URL parsing: controls and spaces
     *         at the ends and tabs and newlines inside removed, resolved against the base), or {@code null} for an
     *         empty reference
     */
    public static String asListed(String raw, String baseHref) {
        WebUrl base = baseHref == null || baseHref.isBlank() ? null : WebUrl.of(baseHref, null);
        if (base != null && !base.isRemote()) {
            base = null;
        }
        WebUrl u = WebUrl.of(raw, base);
        return u == null ? null : u.url();
    }
}
