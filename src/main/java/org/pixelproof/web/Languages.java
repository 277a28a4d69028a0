package org.pixelproof.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The languages of the web pages and how a request picks one: the {@code lang} query parameter (the visible switch),
 * else the {@value #COOKIE} cookie that the switch sets, else French. The browser's Accept-Language is not consulted:
 * French is the product's first language.
 */
public final class Languages {
    /** The cookie remembering the chosen language (HttpOnly, SameSite=Strict, one year). */
    public static final String COOKIE = "pixelproof-lang";
    /** The supported languages, default first. */
    public static final List<String> SUPPORTED = List.of("fr", "en");

    private Languages() {
    }

    /** @return {@code value} when supported, else {@code null}. */
    public static String supported(String value) {
        return value != null && SUPPORTED.contains(value) ? value : null;
    }

    /** @return the language of this request, never {@code null}. */
    public static String of(HttpServerRequest request) {
        String q = supported(request.getParam("lang"));
        if (q != null) {
            return q;
        }
        Cookie c = request.getCookie(COOKIE);
        String fromCookie = c == null ? null : supported(c.getValue());
        return fromCookie != null ? fromCookie : SUPPORTED.get(0);
    }

    /** @return the layout data for this request. */
    public static Page page(HttpServerRequest request) {
        String lang = of(request);
        String other = "fr".equals(lang) ? "en" : "fr";
        String path = request.path() == null ? "/" : request.path();
        // A page answering a POST (an upload refused, say) cannot be fetched again: switch on the home page instead.
        // "//host/x" or "/\\host/x" would make the switch a link to another site (browsers read both as
        // scheme-relative): a crafted address would put it on PixelProof's own 404 page.
        boolean sameSite = path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        String target = request.method() == io.vertx.core.http.HttpMethod.GET && sameSite ? path : "/";
        return new Page(lang, other, target + "?lang=" + other, path);
    }
}
