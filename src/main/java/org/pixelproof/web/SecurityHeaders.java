package org.pixelproof.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SECURITY-CRITICAL. Adds the protective headers to every response the server sends (pages, API, static files,
 * errors, including those answered before any resource runs):
 * <ul>
 * <li>{@code Content-Security-Policy} {@link #PAGE_CSP}: nothing loads from another origin, no inline script, no
 * framing by other sites, forms post only here. A response that sets its own policy (the safe preview, which is
 * stricter still) keeps it.</li>
 * <li>{@code Referrer-Policy: no-referrer}, {@code X-Content-Type-Options: nosniff},
 * {@code Cross-Origin-Resource-Policy: same-origin}, {@code Cross-Origin-Opener-Policy: same-origin}, a
 * {@code Permissions-Policy} that turns off powerful features, and {@code X-Frame-Options} for older browsers.</li>
 * <li>{@code Cache-Control: no-store} on everything but the static CSS, script and icon, since pages show personal
 * data.</li>
 * </ul>
 * <p>CSRF: {@code quarkus-rest-csrf} answers a bare 400 to any state-changing request without its cookie, before
 * any resource runs. That would refuse every REST API upload (API clients hold no cookie, and need none: the API has
 * no session or ambient authority to abuse) and show an empty page to a person whose form outlived the cookie. So a
 * state-changing request that arrives without the cookie gets a fresh random one here; the page forms then fail
 * {@link Csrf#verify} (the random value matches no form) with a readable 403 page, and the API goes through.
 *
 * <p>It also remembers the language chosen with {@code ?lang=} on a page in the {@link Languages#COOKIE} cookie (not on
 * downloads, whose {@code lang} only chooses the document's language).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The policy of every page: own origin only, no inline script, no framing. */
    public static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /**
     * The policy of the safe preview: no script at all, no request anywhere (only {@code data:} images and the
     * message's own inline styles), framable only by PixelProof's result page, and sandboxed.
     */
    public static final String PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "font-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    void register(@Observes Filters filters) {
        filters.register(this::handle, 10_000);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!isSafe(request.method()) && !hasCsrfCookie(request.headers().getAll("Cookie"))) {
            byte[] token = new byte[32];
            RANDOM.nextBytes(token);
            request.headers().add("Cookie",
                    Csrf.NAME + "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        }
        String chosen = Languages.supported(request.getParam("lang"));
        rc.addHeadersEndHandler(v -> {
            MultiMap h = rc.response().headers();
            if (!h.contains("Content-Security-Policy")) {
                h.set("Content-Security-Policy", PAGE_CSP);
            }
            if (!h.contains("X-Frame-Options")) {
                h.set("X-Frame-Options", "DENY");
            }
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Cross-Origin-Resource-Policy", "same-origin");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                    + "interest-cohort=()");
            if (!isStaticAsset(request.path())) {
                h.set("Cache-Control", "no-store");
            }
            String type = h.get("Content-Type");
            if (chosen != null && type != null && type.startsWith("text/html")) {
                rc.response().addCookie(Cookie.cookie(Languages.COOKIE, chosen).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setMaxAge(365L * 24 * 3600));
            }
        });
        rc.next();
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static boolean hasCsrfCookie(java.util.List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (io.netty.handler.codec.http.cookie.Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (Csrf.NAME.equals(c.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isStaticAsset(String path) {
        return path != null && (path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.svg"));
    }
}
