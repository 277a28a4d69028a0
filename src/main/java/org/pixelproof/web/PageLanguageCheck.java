package org.pixelproof.web;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a page or download asked in a language PixelProof does not speak ({@code ?lang=de}), before its resource
 * method runs: the pages used to fall back silently to the remembered language or French, which a person who asked
 * for another language would not expect, and which the API already refused. The answer is the 400 page of
 * {@link ErrorMappers#unsupportedLanguage} with a link to the same address in each supported language.
 *
 * <p>The REST API under {@code /api/} is left alone: its dossier endpoint refuses a bad {@code lang} with its own JSON
 * 400, and its other endpoints take no language. Stateless, thread-safe.
 */
public class PageLanguageCheck {

    /**
     * @throws UnsupportedLanguageException when the request is not under {@code /api/} and its {@code lang} query
     *                                      parameter is present, not blank, and neither {@code fr} nor {@code en}
     */
    @ServerRequestFilter
    public void check(HttpServerRequest request) {
        String path = request.path();
        if (ErrorMappers.isApi(path)) {
            return;
        }
        String asked = Languages.unsupported(request);
        if (asked != null) {
            throw new UnsupportedLanguageException(asked);
        }
    }
}
