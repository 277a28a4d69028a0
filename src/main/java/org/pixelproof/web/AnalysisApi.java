package org.pixelproof.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.pixelproof.analysis.Analysis;
import org.pixelproof.analysis.UnanalysableInputException;
import org.pixelproof.store.StoredAnalysis;

/**
 * The REST API of DESIGN.md ("Interfaces that stay stable"). Errors are JSON {@link ApiError}s; an unknown, expired
 * or malformed id gives the same 404. The API keeps no cookie and needs no CSRF token: it has no session to abuse, and
 * access to an analysis is by its unguessable id only.
 */
@Path("/api/analyses")
@Tag(name = "Analyses", description = "Analyse an e-mail for tracking, fetch the result and the evidence dossier, "
        + "erase it")
public class AnalysisApi {

    @Inject
    Analyses analyses;

    @Inject
    Documents documents;

    /** The multipart form of {@code POST /api/analyses}. */
    public static class UploadForm {
        /** The message, as an RFC 5322 {@code .eml} file (required). */
        @RestForm("email")
        @PartType(MediaType.APPLICATION_OCTET_STREAM)
        @Schema(type = SchemaType.STRING, format = "binary", required = true,
                description = "the received message as an .eml file (RFC 5322), at most the upload limit "
                        + "(pixelproof.limits.max-message-bytes, default 26214400 bytes)")
        public FileUpload email;

        /** An extra recipient address to look for in URLs (optional). */
        @RestForm("recipient")
        @Schema(description = "the address the message was sent to, when its headers do not show it (optional)")
        public String recipient;
    }

    /**
     * Analyses an uploaded message and keeps it for the retention period.
     *
     * @return 201 with the analysis and its {@code Location}
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse an e-mail",
            description = "Upload one received message (multipart field `email`). The result is stored with the "
                    + "original bytes for the retention period (pixelproof.retention, default 30 days) and can be "
                    + "fetched or erased by whoever holds its id. Nothing in the message is ever fetched.")
    @APIResponse(responseCode = "201", description = "Analysed; `Location` is the analysis' URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Analysis.class)))
    @APIResponse(responseCode = "400", description = "The `email` field is missing or `recipient` is not an address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The upload is larger than the limit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "The request is not `multipart/form-data`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "The upload is empty, is not an e-mail message, or is a mailbox "
            + "(mbox) holding several messages (error `SEVERAL_MESSAGES`: upload them one by one or use the command "
            + "line), or its analysis ran longer than the time limit (error `ANALYSIS_TIMED_OUT`, "
            + "pixelproof.analysis.timeout, default 30 s: the message may be built to slow analysis down; nothing is "
            + "stored, and sending it again would fail again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Every turn for analyses stayed taken longer than "
            + "pixelproof.web.job-wait (error `SERVER_BUSY`): try again after `Retry-After` seconds; nothing is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response create(UploadForm form, UriInfo uri) throws UnanalysableInputException {
        if (form == null || form.email == null) {
            throw new BadUploadException("MISSING_FIELD", "the multipart field `email` (the .eml file) is missing");
        }
        if (form.email.size() > analyses.maxUploadBytes()) {
            throw new UploadTooLargeException(form.email.size(), analyses.maxUploadBytes());
        }
        Recipients.check(form.recipient);
        byte[] raw;
        try {
            raw = Files.readAllBytes(form.email.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
        StoredAnalysis stored = analyses.create(raw, form.email.fileName(), form.recipient);
        String id = stored.analysis().id();
        return Response.created(uri.getBaseUriBuilder().path("api/analyses").path(id).build())
                .entity(stored.analysis()).build();
    }

    /** @return the analysis as JSON */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch an analysis")
    @APIResponse(responseCode = "200", description = "The analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Analysis.class)))
    @APIResponse(responseCode = "404", description = "No such analysis (unknown, expired, erased or malformed id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Analysis get(@PathParam("id") @Parameter(description = "the analysis id (22 characters)") String id) {
        return analyses.find(id).map(StoredAnalysis::analysis).orElseThrow(NotFoundException::new);
    }

    /** @return the evidence dossier as PDF */
    @GET
    @Path("{id}/dossier.pdf")
    @Produces("application/pdf")
    @Operation(summary = "Download the evidence dossier (PDF)",
            description = "The dossier for a complaint to the CNIL or a request to the sender's DPO, with the "
                    + "complainant's details when they were given through the web form.")
    @APIResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "`lang` is neither `fr` nor `en`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "No tracker was found in the message (verdict "
            + "`NO_TRACKING_FOUND`): nothing to complain about, no dossier (error `NOTHING_TO_COMPLAIN`)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response dossier(@PathParam("id") String id,
            @RestQuery @Parameter(description = "language of the dossier: `fr` (default) or `en`, in any case "
                    + "(`EN` is `en`)") String lang) {
        StoredAnalysis stored = AnalysisResource.complainable(analyses.find(id).orElseThrow(NotFoundException::new));
        String l = lang == null || lang.isBlank() ? "fr" : Languages.supported(lang);
        if (l == null) {
            throw new BadUploadException("BAD_PARAMETER", "lang must be fr or en");
        }
        byte[] pdf = documents.dossierPdf(stored, l);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition",
                        "attachment; filename=\"" + DownloadNames.of(stored.analysis(), "dossier", l, "pdf") + "\"")
                .build();
    }

    /**
     * The uploaded message, byte for byte, as it was stored. The bytes are checked against the SHA-256 stored with
     * them before they are served: a mismatch is a 500 with a reference ({@code INTEGRITY_ERROR}), never altered
     * bytes. Served as an attachment: a browser saves it, never renders it.
     *
     * @return the original {@code .eml}, {@code message/rfc822}
     */
    @GET
    @Path("{id}/original.eml")
    @Produces("message/rfc822")
    @Operation(summary = "Download the original message",
            description = "The uploaded .eml exactly as received; its SHA-256 is the analysis' `sha256`.")
    @APIResponse(responseCode = "200", description = "The original message",
            content = @Content(mediaType = "message/rfc822",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response original(@PathParam("id") String id) {
        byte[] raw = analyses.original(id).orElseThrow(NotFoundException::new);
        return Response.ok(raw, "message/rfc822")
                .header("Content-Disposition", "attachment; filename=\"pixelproof-original-" + id + ".eml\"")
                .build();
    }

    /** Erases the analysis, its original, the complainant's details and the documents. */
    @DELETE
    @Path("{id}")
    @Operation(summary = "Erase an analysis",
            description = "Erases the analysis, the original message, the complainant's details and the generated "
                    + "documents. Whoever holds the id may do it.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No such analysis",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("id") String id) {
        if (!analyses.delete(id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
