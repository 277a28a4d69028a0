package org.pixelproof.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pixelproof.ingest.AnomalyCode;

/**
 * Refuses, before reading it, a request whose declared {@code Content-Length} is over the HTTP body limit
 * ({@code quarkus.http.limits.max-body-size}), with a readable 413: a JSON {@link ApiError} under {@code /api/}, the
 * error page elsewhere. Without it the server would answer such uploads with an empty 413. Uploads between the
 * application's limit ({@code pixelproof.limits.max-message-bytes}) and this one reach the application, which answers
 * its own 413.
 */
@ApplicationScoped
public class BodyLimitFilter {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    LimitsConfig limits;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::handle, 9_000);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String declared = request.getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= maxBodySize.asLongValue()) {
            rc.next();
            return;
        }
        String path = request.path();
        boolean api = path != null && path.startsWith("/api/");
        String body;
        String type;
        if (api) {
            type = "application/json";
            try {
                body = json.writeValueAsString(new ApiError(413, AnomalyCode.MESSAGE_TOO_LARGE.name(),
                        "the upload of " + length + " bytes exceeds the limit of " + limits.maxMessageBytes()
                                + " bytes"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            type = "text/html; charset=UTF-8";
            Page page = Languages.page(request);
            body = ErrorMappers.Templates.error(page, 413, Problem.MESSAGE_TOO_LARGE, null)
                    .setLocale(page.locale()).render();
        }
        rc.response().setStatusCode(413).putHeader("Content-Type", type).putHeader("Connection", "close").end(body);
    }
}
