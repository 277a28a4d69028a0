package org.pixelproof.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.pixelproof.store.AnalysisStore;
import org.pixelproof.store.StoredAnalysis;

/**
 * The pages and downloads of one analysis, reachable only through its unguessable id: the result, the safe preview,
 * the dossier form, the documents and the delete button. An unknown, expired or malformed id always gives the same 404
 * page.
 */
@Path("/analyses/{id}")
@Produces(MediaType.TEXT_HTML)
public class AnalysisResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(Page page, StoredAnalysis stored, boolean saved, boolean hasComplainant,
                List<String> points);

        static native TemplateInstance dossier(Page page, StoredAnalysis stored, ComplainantDetails details,
                FormProblems problems, String formToken);

        static native TemplateInstance confirmDelete(Page page, StoredAnalysis stored);
    }

    @Inject
    Analyses analyses;

    @Inject
    Documents documents;

    @Inject
    AnalysisStore store;

    @Inject
    ObjectMapper json;

    @Inject
    HttpServerRequest request;

    /** @return the result page */
    @GET
    @Operation(hidden = true)
    public TemplateInstance result(@PathParam("id") String id, @RestQuery boolean saved) {
        StoredAnalysis stored = find(id);
        Page page = Languages.page(request);
        Optional<ComplainantDetails> details = analyses.complainant(id);
        List<String> points = details.map(d -> documents.pointsToCheck(stored, d, org.pixelproof.dossier.Language
                .fromCode(Languages.of(request)))).orElse(List.of());
        return Templates.result(page, stored, saved, details.isPresent(), points).setLocale(page.locale());
    }

    /**
     * @return the safe preview as a standalone document, under {@link SecurityHeaders#PREVIEW_CSP}, meant for the
     *         sandboxed iframe of the result page
     */
    @GET
    @Path("preview")
    @Operation(hidden = true)
    public Response preview(@PathParam("id") String id) {
        StoredAnalysis stored = find(id);
        String html = documents.safePreview(stored, Languages.of(request));
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", SecurityHeaders.PREVIEW_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .build();
    }

    /**
     * @return the dossier form, filled with the details given before, else with the e-mail's one recipient address
     *         ({@link ComplainantDetails#emptyFor})
     */
    @GET
    @Path("dossier")
    @Operation(hidden = true)
    public TemplateInstance dossierForm(@PathParam("id") String id) {
        StoredAnalysis stored = complainable(find(id));
        Page page = Languages.page(request);
        ComplainantDetails details = analyses.complainant(id)
                .orElseGet(() -> ComplainantDetails.emptyFor(stored.analysis().recipients()));
        return Templates.dossier(page, stored, details, FormProblems.NONE, null).setLocale(page.locale());
    }

    /**
     * Saves the complainant's details and goes back to the result page's documents (303). When a date cannot be right
     * (not a date, in the future, an answer before its request: {@link Documents#check}), nothing is saved and the
     * form comes back (400) as it was filled in, with what is wrong above it and next to each field concerned, in the
     * page's language.
     */
    @POST
    @Path("dossier")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response dossierSave(@PathParam("id") String id, @RestForm String name, @RestForm String postalAddress,
            @RestForm String email, @RestForm String howAddressGiven, @RestForm String whenAddressGiven,
            @RestForm String askedConsent, @RestForm String earlierRequestDate,
            @RestForm String earlierRequestContent, @RestForm String answerDate, @RestForm String answerContent,
            @RestForm String actingFor, @RestForm String mandate, @RestForm String addressGivenOn,
            @RestForm String addressPeriod, @RestForm String addressNeverGiven, @RestForm String marketing,
            @RestForm("csrf-token") String csrfToken, @RestCookie("csrf-token") String csrfCookie) {
        Csrf.verify(csrfToken, csrfCookie);
        StoredAnalysis stored = complainable(find(id));
        ComplainantDetails details = new ComplainantDetails(name, postalAddress, email, howAddressGiven,
                whenAddressGiven, askedConsent, earlierRequestDate, earlierRequestContent, answerDate, answerContent,
                actingFor, mandate, addressGivenOn, addressPeriod, addressNeverGiven, marketing);
        List<org.pixelproof.dossier.ComplainantCheck.Problem> problems = documents.check(stored, details);
        if (!problems.isEmpty()) {
            // the form again, as filled in, with what is wrong: nothing is saved
            Page page = Languages.page(request);
            org.pixelproof.dossier.Language language = org.pixelproof.dossier.Language.fromCode(
                    Languages.of(request));
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.dossier(page, stored, details, FormProblems.of(problems, language), csrfToken)
                            .setLocale(page.locale()))
                    .build();
        }
        if (!analyses.saveComplainant(id, details)) {
            throw new NotFoundException();
        }
        return Response.seeOther(URI.create("/analyses/" + id + "?saved=true#documents")).build();
    }

    /** @return the dossier PDF in the page's language, or {@code lang} */
    @GET
    @Path("dossier.pdf")
    @Produces("application/pdf")
    @Operation(hidden = true)
    public Response dossierPdf(@PathParam("id") String id, @RestQuery String lang) {
        StoredAnalysis stored = complainable(find(id));
        String l = lang(lang);
        return attachment(documents.dossierPdf(stored, l), "application/pdf",
                DownloadNames.of(stored.analysis(), "dossier", l, "pdf"));
    }

    /** @return one letter, as PDF or plain text */
    @GET
    @Path("letters/{letter}.{format}")
    @Produces({"application/pdf", MediaType.TEXT_PLAIN})
    @Operation(hidden = true)
    public Response letter(@PathParam("id") String id, @PathParam("letter") String letter,
            @PathParam("format") String format, @RestQuery String lang) {
        StoredAnalysis stored = complainable(find(id));
        org.pixelproof.dossier.LetterKind which;
        try {
            which = org.pixelproof.dossier.LetterKind.fromSlug(letter);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        String l = lang(lang);
        return switch (format) {
            case "pdf" -> attachment(documents.letterPdf(stored, which, l), "application/pdf",
                    DownloadNames.of(stored.analysis(), which.slug(), l, "pdf"));
            case "txt" -> attachment(documents.letterText(stored, which, l).getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=UTF-8", DownloadNames.of(stored.analysis(), which.slug(), l, "txt"));
            default -> throw new NotFoundException();
        };
    }

    /** @return the analysis as a JSON file */
    @GET
    @Path("analysis.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response analysisJson(@PathParam("id") String id) throws JsonProcessingException {
        StoredAnalysis stored = find(id);
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored.analysis());
        return attachment(body, "application/json", DownloadNames.of(stored.analysis(), "analysis", null, "json"));
    }

    /** @return the message without trackers, as an .eml file */
    @GET
    @Path("cleaned.eml")
    @Produces("message/rfc822")
    @Operation(hidden = true)
    public Response cleanedEml(@PathParam("id") String id) {
        StoredAnalysis stored = find(id);
        return attachment(documents.cleanedEml(stored), "message/rfc822",
                DownloadNames.of(stored.analysis(), "cleaned", null, "eml"));
    }

    /** @return the message without trackers, as an HTML file */
    @GET
    @Path("cleaned.html")
    @Operation(hidden = true)
    public Response cleanedHtml(@PathParam("id") String id) {
        StoredAnalysis stored = find(id);
        byte[] html = documents.cleanedHtml(stored, Languages.of(request)).getBytes(StandardCharsets.UTF_8);
        return attachment(html, "text/html; charset=UTF-8",
                DownloadNames.of(stored.analysis(), "cleaned", null, "html"));
    }

    /**
     * @return the confirmation step before erasing: what will be erased, a button that erases and a link back. Works
     *         without JavaScript.
     */
    @GET
    @Path("delete")
    @Operation(hidden = true)
    public TemplateInstance confirmDelete(@PathParam("id") String id) {
        StoredAnalysis stored = find(id);
        Page page = Languages.page(request);
        return Templates.confirmDelete(page, stored).setLocale(page.locale());
    }

    /**
     * Erases the analysis and everything attached to it, then shows the home page (303). Only the confirmation page's
     * form (field {@code confirm=yes}) erases; a form without it leads to the confirmation page (303).
     */
    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@PathParam("id") String id, @RestForm String confirm,
            @RestForm("csrf-token") String csrfToken, @RestCookie("csrf-token") String csrfCookie,
            @RestCookie(MyAnalysesCookie.NAME) String mine) {
        Csrf.verify(csrfToken, csrfCookie);
        if (!"yes".equals(confirm)) {
            find(id);
            return Response.seeOther(URI.create("/analyses/" + id + "/delete")).build();
        }
        if (!analyses.delete(id)) {
            throw new NotFoundException();
        }
        return Response.seeOther(URI.create("/?deleted=true"))
                .cookie(MyAnalysesCookie.without(mine, id, store.retention(),
                        "https".equalsIgnoreCase(request.scheme())))
                .build();
    }

    private StoredAnalysis find(String id) {
        return analyses.find(id).orElseThrow(NotFoundException::new);
    }

    /**
     * @return {@code stored} when it gives grounds for a complaint
     * @throws NothingToComplainException when it does not (no tracker found): no dossier, letter or form for it
     */
    static StoredAnalysis complainable(StoredAnalysis stored) {
        if (!Complaints.possible(stored.analysis())) {
            throw new NothingToComplainException();
        }
        return stored;
    }

    private String lang(String requested) {
        String l = Languages.supported(requested);
        return l != null ? l : Languages.of(request);
    }

    private static Response attachment(byte[] body, String type, String fileName) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }
}
