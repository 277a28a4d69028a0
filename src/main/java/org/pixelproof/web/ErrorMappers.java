package org.pixelproof.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.AnalysisCancelledException;
import org.pixelproof.ingest.AnomalyCode;
import org.pixelproof.store.IntegrityException;

/**
 * Turns every failure into a readable answer, never a stack trace: JSON {@link ApiError}s under {@code /api/}, an
 * HTML page elsewhere, in the page's language. Unexpected errors are logged with their class and a reference, never
 * with the request's content.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** The error code of a request whose {@code multipart/form-data} body cannot be parsed (HTTP 400). */
    static final String MALFORMED_MULTIPART = "MALFORMED_MULTIPART";
    private static final String MULTIPART_PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";

    @Inject
    LimitsConfig limits;

    @CheckedTemplate(basePath = "ErrorPages")
    static class Templates {
        static native TemplateInstance error(Page page, int status, Problem problem, String reference, String asked,
                java.util.List<Languages.Choice> choices);
    }

    @ServerExceptionMapper
    public Response unanalysable(UnanalysableInputException e, HttpServerRequest request) {
        AnomalyCode code = e.reason().code();
        int status = code == AnomalyCode.MESSAGE_TOO_LARGE ? 413 : 422;
        return answer(request, status, code.name(), e.reason().detail(), null);
    }

    @ServerExceptionMapper
    public Response severalMessages(SeveralMessagesException e, HttpServerRequest request) {
        return answer(request, 422, SeveralMessagesException.CODE, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response nothingToComplain(NothingToComplainException e, HttpServerRequest request) {
        return answer(request, 409, NothingToComplainException.CODE, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response busy(ServerBusyException e, HttpServerRequest request) {
        Response r = answer(request, 503, ServerBusyException.CODE, e.getMessage(), null);
        return Response.fromResponse(r).header("Retry-After", ServerBusyException.RETRY_AFTER_SECONDS).build();
    }

    /**
     * @return 422 {@value AnalysisTimeoutException#CODE}: the message made the analysis run past its time limit (why
     *         422 and not 503: {@link AnalysisTimeoutException}); the upload form handles it itself, with the form
     */
    @ServerExceptionMapper
    public Response timedOut(AnalysisTimeoutException e, HttpServerRequest request) {
        return answer(request, 422, AnalysisTimeoutException.CODE, e.getMessage(), null);
    }

    /**
     * @return 503 {@value ServerBusyException#CODE} with {@code Retry-After}: an analysis stopped because the server
     *         is stopping (its workers were interrupted), not because of the message; nothing was stored
     */
    @ServerExceptionMapper
    public Response cancelled(AnalysisCancelledException e, HttpServerRequest request) {
        Response r = answer(request, 503, ServerBusyException.CODE, "the server stopped the analysis (it is shutting"
                + " down); nothing was stored; try again in " + ServerBusyException.RETRY_AFTER_SECONDS + " seconds",
                null);
        return Response.fromResponse(r).header("Retry-After", ServerBusyException.RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(UploadTooLargeException e, HttpServerRequest request) {
        return answer(request, 413, AnomalyCode.MESSAGE_TOO_LARGE.name(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response badRequest(BadUploadException e, HttpServerRequest request) {
        return answer(request, 400, e.code(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response csrf(Csrf.CsrfException e, HttpServerRequest request) {
        return answer(request, 403, "FORM_EXPIRED", "the form was not sent from a PixelProof page or has expired", null);
    }

    /**
     * @return a 400 page, in the remembered language or French, saying that the page exists in French and English
     *         only, with a link to this address in each (labelled in its own language); HTML even on {@code /api},
     *         which is a page
     */
    @ServerExceptionMapper
    public Response unsupportedLanguage(UnsupportedLanguageException e, HttpServerRequest request) {
        Page page = Languages.page(request);
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(page, 400, Problem.UNSUPPORTED_LANGUAGE, null, e.shown(),
                        Languages.choices(request)).setLocale(page.locale()))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return answer(request, 404, "NOT_FOUND", "no such analysis or page (it may have been erased or have expired)",
                null);
    }

    @ServerExceptionMapper
    public Response integrity(IntegrityException e, HttpServerRequest request) {
        String ref = reference();
        LOG.errorf("Integrity check failed (reference %s): %s", ref, e.getMessage());
        return answer(request, 500, "INTEGRITY_ERROR",
                "the stored original message no longer matches its SHA-256; it is not served", ref);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String type = request.getHeader("Content-Type");
        if (status == 413 && type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            // The multipart parser counted more than quarkus.http.limits.max-body-size (see BodyLimitFilter).
            return answer(request, 413, AnomalyCode.MESSAGE_TOO_LARGE.name(),
                    "the upload exceeds the limit of " + limits.maxMessageBytes() + " bytes", null);
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        if (e instanceof NotAllowedException) {
            code = "METHOD_NOT_ALLOWED";
        }
        String reason = switch (code) {
            case "NOT_FOUND" -> "no such analysis or page (it may have been erased or have expired)";
            case "PAYLOAD_TOO_LARGE" -> "the upload is larger than the limit";
            case "UNSUPPORTED_MEDIA_TYPE" -> "send the message as multipart/form-data, field `email`";
            case "METHOD_NOT_ALLOWED" -> "this address does not accept that method";
            default -> status >= 500 ? "the server could not complete the request" : "the request is malformed";
        };
        String ref = null;
        if (status >= 500) {
            ref = reference();
            LOG.errorf("Request failed with %d (reference %s): %s", status, ref, e.getClass().getName());
        }
        return answer(request, status, code, reason, ref);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (request.response().headWritten()) {
            // The server already answered (e.g. 413 for a chunked body over quarkus.http.limits.max-body-size).
            LOG.debugf("Request failed after its answer was sent: %s", e.getClass().getName());
            return Response.status(request.response().getStatusCode()).build();
        }
        if (fromMultipartParser(e)) {
            // An empty boundary, an unknown charset, a body cut before its closing delimiter: the client's fault
            return answer(request, 400, MALFORMED_MULTIPART, "the multipart/form-data body is malformed (its"
                    + " boundary, its charset or its closing delimiter); send the file with a browser or curl -F", null);
        }
        String ref = reference();
        // The class and the stack only: messages of parsers and drivers may quote the upload.
        LOG.errorf("Unexpected error (reference %s): %s at %s", ref, e.getClass().getName(), where(e));
        return answer(request, 500, "INTERNAL_ERROR", "the server could not complete the request", ref);
    }

    /**
     * @return a JSON {@link ApiError} when the request is for the REST API (a path under {@code /api/}), else an HTML
     *         error page in the page's language: {@code /api} itself is the API's documentation page, read in a
     *         browser
     */
    static Response answer(HttpServerRequest request, int status, String code, String reason, String reference) {
        if (isApi(request.path())) {
            String r = reference == null ? reason : reason + " (reference " + reference + ")";
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, code, r))
                    .build();
        }
        Page page = Languages.page(request);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(page, status,
                        Problem.of(code, status >= 500 ? Problem.INTERNAL_ERROR : Problem.BAD_REQUEST), reference,
                        null, java.util.List.of()).setLocale(page.locale()))
                .build();
    }

    /**
     * @param path a request path, may be {@code null}
     * @return true for the REST API's paths ({@code /api/...}); false for {@code /api} (a page) and anything else
     */
    static boolean isApi(String path) {
        return path != null && path.startsWith("/api/");
    }

    private static String reference() {
        return Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
    }

    /**
     * @return true when {@code e} (or one of its causes) was thrown while RESTEasy Reactive read a
     *         {@code multipart/form-data} body, before any PixelProof code ran: the request itself is malformed
     */
    static boolean fromMultipartParser(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith(MULTIPART_PARSER_PACKAGE)) {
                    return true;
                }
                if (f.getClassName().startsWith("org.pixelproof.")) {
                    break; // thrown by our own code, which the parser may have called: not the request's fault
                }
            }
        }
        return false;
    }

    private static String where(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return st.length == 0 ? "?" : st[0].toString();
    }
}
