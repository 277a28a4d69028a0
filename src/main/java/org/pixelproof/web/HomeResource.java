package org.pixelproof.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.ingest.OutlookMsgReader;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The pages around an analysis: home and upload form, the upload itself, "my analyses" and the privacy page.
 * HTML only, French by default.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Page page, String csrfToken, Problem problem, int messages,
                long timeoutSeconds, String recipient, long maxUploadBytes, long retentionDays, boolean deleted,
                boolean dnsLookup);

        static native TemplateInstance mine(Page page, List<StoredAnalysis> analyses);

        static native TemplateInstance privacy(Page page, int retentionDays, long maxUploadBytes, boolean dnsLookup);

        static native TemplateInstance api(Page page);
    }

    @Inject
    Analyses analyses;

    @Inject
    AnalysisStore store;

    @Inject
    HttpServerRequest request;

    @Inject
    DkimConfig dkim;

    @Inject
    io.vertx.ext.web.RoutingContext routing;

    /** @return the home page with the upload form */
    @GET
    @Operation(hidden = true)
    public TemplateInstance home(@RestQuery boolean deleted) {
        Page page = Languages.page(request);
        // The token quarkus-rest-csrf made for this request (and set as its cookie).
        String token = routing.get("csrf_token");
        return Templates.home(page, token, null, 0, 0, "", analyses.maxUploadBytes(), store.retention().toDays(),
                deleted, dnsLookup())
                .setLocale(page.locale());
    }

    /**
     * Analyses the file or the pasted source and redirects to the result page (303), remembering the id in the
     * {@link MyAnalysesCookie}. A refused upload shows the form again with the reason (400, 413 or 422), an
     * analysis abandoned at its time limit too (422, {@link AnalysisTimeoutException}: the reason gives the limit in
     * seconds); nothing is stored or remembered then.
     */
    @POST
    @Path("analyses")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(@RestForm("email") FileUpload file, @RestForm String source, @RestForm String recipient,
            @RestForm("csrf-token") String csrfToken, @RestCookie("csrf-token") String csrfCookie,
            @RestCookie(MyAnalysesCookie.NAME) String mine) {
        Csrf.verify(csrfToken, csrfCookie);
        Page page = Languages.page(request);
        String problem = null;
        int status = 400;
        int messages = 0;
        long timeoutSeconds = 0;
        byte[] raw = null;
        String name = null;
        boolean hasFile = file != null && file.fileName() != null && !file.fileName().isBlank();
        if (hasFile && file.size() > 0) {
            if (file.size() > analyses.maxUploadBytes()) {
                problem = "MESSAGE_TOO_LARGE";
                status = 413;
            } else {
                try {
                    raw = Files.readAllBytes(file.uploadedFile());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the uploaded file", e);
                }
                name = file.fileName();
            }
        } else if (source != null && !source.isBlank()) {
            raw = source.getBytes(StandardCharsets.UTF_8);
            if (raw.length > analyses.maxUploadBytes()) {
                problem = "MESSAGE_TOO_LARGE";
                status = 413;
                raw = null;
            }
        } else {
            problem = hasFile ? "EMPTY_INPUT" : "NO_INPUT";
            status = hasFile ? 422 : 400;
        }
        if (problem == null) {
            try {
                Recipients.check(recipient);
            } catch (BadUploadException e) {
                problem = "BAD_RECIPIENT";
                status = 400;
            }
        }
        if (problem == null) {
            try {
                StoredAnalysis stored = analyses.create(raw, name, recipient);
                String id = stored.analysis().id();
                return Response.seeOther(URI.create("/analyses/" + id))
                        .cookie(MyAnalysesCookie.with(mine, id, store.retention(), isHttps())).build();
            } catch (UnanalysableInputException e) {
                problem = e.reason().code().name();
                status = "MESSAGE_TOO_LARGE".equals(problem) ? 413 : 422;
                if ("NOT_A_MESSAGE".equals(problem) && name == null) {
                    problem = Problem.PASTED_NOT_A_MESSAGE.name();
                } else if ("NOT_A_MESSAGE".equals(problem) && OutlookMsgReader.looksLikeMsg(raw)) {
                    problem = Problem.OUTLOOK_MSG.name();
                }
            } catch (SeveralMessagesException e) {
                problem = Problem.SEVERAL_MESSAGES.name();
                messages = e.messages();
                status = 422;
            } catch (AnalysisTimeoutException e) {
                problem = Problem.ANALYSIS_TIMED_OUT.name();
                timeoutSeconds = e.seconds();
                status = 422;
            }
        }
        String keptRecipient = recipient == null ? "" : recipient.strip();
        return Response.status(status)
                .entity(Templates.home(page, csrfToken, Problem.of(problem, Problem.BAD_REQUEST), messages,
                        timeoutSeconds, keptRecipient, analyses.maxUploadBytes(), store.retention().toDays(), false,
                        dnsLookup())
                        .setLocale(page.locale()))
                .build();
    }

    /** @return the analyses whose ids this browser remembers, newest first; forgotten ids are dropped */
    @GET
    @Path("mine")
    @Operation(hidden = true)
    public TemplateInstance mine(@RestCookie(MyAnalysesCookie.NAME) String mine) {
        Page page = Languages.page(request);
        List<StoredAnalysis> found = new ArrayList<>();
        for (String id : MyAnalysesCookie.ids(mine)) {
            analyses.find(id).ifPresent(found::add);
        }
        return Templates.mine(page, found).setLocale(page.locale());
    }

    /** @return the privacy page: what is stored, for how long, how to erase it */
    @GET
    @Path("privacy")
    @Operation(hidden = true)
    public TemplateInstance privacy() {
        Page page = Languages.page(request);
        return Templates.privacy(page, (int) store.retention().toDays(), analyses.maxUploadBytes(), dnsLookup())
                .setLocale(page.locale());
    }

    /** @return a short page listing the REST API's endpoints, with links to the OpenAPI description */
    @GET
    @Path("api")
    @Operation(hidden = true)
    public TemplateInstance api() {
        Page page = Languages.page(request);
        return Templates.api(page).setLocale(page.locale());
    }

    /**
     * @return true when analyses look DKIM keys up in the live DNS ({@code pixelproof.dkim.lookup} on and no
     *         {@code pixelproof.dkim.zone-file}, which replaces the DNS): the pages then say so
     */
    private boolean dnsLookup() {
        return dkim.lookup() && dkim.zoneFile().isEmpty();
    }

    private boolean isHttps() {
        return "https".equalsIgnoreCase(request.scheme());
    }
}
