package org.pixelproof.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pixelproof.ingest.AnomalyCode;

/**
 * Answers uploads over the HTTP body limit ({@code quarkus.http.limits.max-body-size}) with a readable 413: a JSON
 * {@link ApiError} under {@code /api/}, the error page elsewhere. Without it the server would answer them with an
 * empty 413.
 * <ul>
 * <li>A request whose declared {@code Content-Length} is over the limit is refused before its body is read.</li>
 * <li>A multipart request without a length ({@code Transfer-Encoding: chunked}) is left to the multipart parser,
 * which counts the bytes it reads against the same limit and fails with 413 once past it;
 * {@link ErrorMappers} then writes the readable answer. (Quarkus would otherwise have its raw input stream end the
 * response, empty, before any mapper runs.) Other bodies without a length keep Quarkus's own check.</li>
 * </ul>
 * Uploads between the application's limit ({@code pixelproof.limits.max-message-bytes}) and this one reach the
 * application, which answers its own 413. Every 413 closes the connection, so that the rest of the body is not read.
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

    void routes(@Observes Router router) {
        // After Quarkus's upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2), before compression (0).
        router.route().order(-1).handler(this::unframed);
    }

    /** Key under which Quarkus's upload-limit route leaves the limit for a body without a declared length. */
    static final String QUARKUS_MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    /** A body without a declared length: multipart bodies are counted by the parser, whose 413 is mapped. */
    private void unframed(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.getHeader("Content-Length") == null) {
            String type = request.getHeader("Content-Type");
            if (type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
                rc.remove(QUARKUS_MAX_REQUEST_SIZE);
            }
            rc.addEndHandler(done -> {
                if (rc.response().getStatusCode() == 413) {
                    request.connection().close();
                }
            });
        }
        rc.next();
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
        boolean api = ErrorMappers.isApi(path);
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
            body = ErrorMappers.Templates.error(page, 413, Problem.MESSAGE_TOO_LARGE, null, null,
                    java.util.List.of()).setLocale(page.locale()).render();
        }
        rc.response().setStatusCode(413).putHeader("Content-Type", type).putHeader("Connection", "close").end(body);
    }
}
