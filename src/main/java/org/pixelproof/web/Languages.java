package org.pixelproof.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * The languages of the web pages and how a request picks one: the {@code lang} query parameter (the visible switch),
 * else the {@value #COOKIE} cookie that the switch sets, else French. The browser's Accept-Language is not consulted:
 * French is the product's first language. Language codes are read case-insensitively ({@code EN}, {@code Fr}) and
 * normalised to lower case. A {@code lang} naming another language is refused on pages with a 400 page
 * ({@link PageLanguageCheck}), never answered in a language that was not asked.
 */
public final class Languages {
    /** The cookie remembering the chosen language (HttpOnly, SameSite=Strict, one year). */
    public static final String COOKIE = "pixelproof-lang";
    /** The supported languages, default first. */
    public static final List<String> SUPPORTED = List.of("fr", "en");

    private Languages() {
    }

    /**
     * @param value a language code as sent in a query parameter or cookie, e.g. {@code en}, {@code EN}, {@code Fr}, or
     *              {@code null}
     * @return the supported language it names, in lower case ({@code fr} or {@code en}), ignoring case and surrounding
     *         white space; {@code null} when it names none ({@code de}, {@code en-GB}, blank, {@code null})
     */
    public static String supported(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        return SUPPORTED.contains(code) ? code : null;
    }

    /**
     * @return the {@code lang} query parameter of this request when it names no supported language (e.g. {@code de},
     *         {@code en-GB}, {@code <x>}), else {@code null}: absent or blank ({@code ?lang=}) means "no choice" and is
     *         not refused
     */
    public static String unsupported(HttpServerRequest request) {
        String asked = request.getParam("lang");
        return asked == null || asked.isBlank() || supported(asked) != null ? null : asked;
    }

    /**
     * The links offered when a page is asked in an unsupported language: this same address (path and other query
     * parameters kept as sent) in each supported language; the home page when the request was not a GET or its path
     * could lead to another site.
     *
     * @return one link per {@link #SUPPORTED} language, in that order
     */
    public static List<Choice> choices(HttpServerRequest request) {
        String path = request.path() == null ? "/" : request.path();
        String target = request.method() == io.vertx.core.http.HttpMethod.GET && sameSite(path) ? path : "/";
        StringBuilder kept = new StringBuilder();
        if (target.equals(path) && request.query() != null) {
            for (String pair : request.query().split("&")) {
                if (!pair.isEmpty() && !"lang".equals(pair.split("=", 2)[0])) {
                    kept.append(pair).append('&');
                }
            }
        }
        return SUPPORTED.stream().map(l -> new Choice(l, target + "?" + kept + "lang=" + l)).toList();
    }

    /**
     * A link to a page in one language.
     *
     * @param lang the language, one of {@link #SUPPORTED}
     * @param href a same-site relative link ending with {@code lang=<lang>}
     */
    public record Choice(String lang, String href) {
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
        String target = request.method() == io.vertx.core.http.HttpMethod.GET && sameSite(path) ? path : "/";
        return new Page(lang, other, target + "?lang=" + other, path);
    }

    /**
     * "//host/x" or "/\\host/x" would make a link to this path one to another site (browsers read both as
     * scheme-relative): a crafted address would put it on PixelProof's own 404 page.
     */
    private static boolean sameSite(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
